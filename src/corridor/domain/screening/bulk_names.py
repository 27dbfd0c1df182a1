"""The name evidence of many pairs of names at once, compiled: ``best_name_match`` (and the
alignment of ``names/compare.py`` under it) for the bulk engine, which meets millions of
distinct pairs of names in a national register.

The rules are those of ``score.py`` and ``compare.py``, step for step and in the same order of
additions, so a pair weighs here exactly what it weighs there (a test holds the two equal on
the development set and on names built to reach every branch). They are written a second
time because one pair at a time, in Python, costs ~50 µs a distinct pair of names; a million
records meet some four million. The one-pair path stays the reference: it explains (which
parts matched, and how) and answers a booth's single check without a compiler. No library
aligns name parts by these rules; numba compiles this file's loops as they are written.

Names become arrays once per dataset: every reading a row of token numbers, with each part's
weight and whether it is a guess (a kanji given name's reading) or a middle part, and the
numbers of each two adjacent parts written as one. Token similarities come from
``compare.token_similarity`` (Python: folding, variants, edit distance) and are kept by pair
of token numbers; the compiled loop reports the pairs it has not seen, and those names are
weighed again once they are known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar, cast

import numpy as np
import numpy.typing as npt
from numba import njit
from rapidfuzz import process
from rapidfuzz.distance import OSA

from corridor.domain.names.compare import token_similarity
from corridor.domain.names.fold import fold, skeleton
from corridor.domain.names.variants import groups
from corridor.domain.screening.model import Model
from corridor.domain.screening.records import NameForm

Weight = Callable[[str], float]
Names = tuple[NameForm, ...]
Codes = npt.NDArray[np.int64]
Bits = npt.NDArray[np.float64]
Function = TypeVar("Function", bound=Callable[..., Any])
Flags = npt.NDArray[np.bool_]
# every reading of the table: its number of parts, its parts' token numbers, the numbers of
# each two adjacent parts written as one, and whether each part (then each joined pair) is a
# middle part or a guessed reading
Readings = tuple[Codes, Codes, Codes, Flags, Flags]
Known = tuple[Codes, Bits]  # token similarities by pair of token numbers, sorted
# each token's folded spelling and skeleton (numbered), whether it is in a group of
# spellings, its skeleton's length and its own (``_traits``)
TokenTraits = tuple[Codes, Flags, Codes, Codes, Codes]
Side = tuple[Codes, Bits, Flags, Flags, Flags]  # see ``_side``
Workspace = tuple[Bits, Bits, Codes, Codes]  # see ``_workspace``
NONE = -1  # no token in this place (readings are padded to the longest)
NO_MATCH = 3  # the place of ``no_match_bits`` in ``NameTable.rules``


def _compiled(function: Function) -> Function:
    """``function`` compiled to machine code on first call (cached on disk between runs)."""
    return cast(Function, njit(cache=True, nogil=True)(function))


class NameTable:
    """Many names' readings as arrays, weighed pair by pair in compiled code."""

    def __init__(self, names: Sequence[Names], weight: Weight, model: Model) -> None:
        self._numbers: dict[str, int] = {}
        self._tokens: list[str] = []
        rows: list[tuple[tuple[str, ...], frozenset[str]]] = []
        self.start = np.empty(len(names), dtype=np.int64)
        self.stop = np.empty(len(names), dtype=np.int64)
        for position, forms in enumerate(names):
            self.start[position] = len(rows)
            rows.extend((reading, form.uncertain) for form in forms for reading in form.readings)
            self.stop[position] = len(rows)
        width = max((len(reading) for reading, _ in rows), default=1)
        self.count = np.zeros(len(rows), dtype=np.int64)
        self.tokens = np.full((len(rows), width), NONE, dtype=np.int64)
        self.joined = np.full((len(rows), width), NONE, dtype=np.int64)  # parts k and k+1
        self.middle = np.zeros((len(rows), 2 * width), dtype=np.bool_)  # parts, then joined
        self.guess = np.zeros((len(rows), 2 * width), dtype=np.bool_)
        for row, (reading, uncertain) in enumerate(rows):
            inner = set(reading[1:-1]) if len(reading) >= 3 else set()
            self.count[row] = len(reading)
            for k, token in enumerate(reading):
                self.tokens[row, k] = self._number(token)
                self.middle[row, k] = token in inner
                self.guess[row, k] = token in uncertain
            for k in range(len(reading) - 1):
                token = reading[k] + reading[k + 1]
                self.joined[row, k] = self._number(token)
                self.middle[row, width + k] = token in inner
                self.guess[row, width + k] = token in uncertain
        self.weights = np.fromiter(
            (weight(t) for t in self._tokens), dtype=np.float64, count=len(self._tokens)
        )
        self._folded = [fold(t) for t in self._tokens]
        self._traits = _traits(self._tokens, self._folded)
        name = model.name
        self.rules = np.array(
            [
                name["unmatched_penalty"],
                name["conflict_bits"],
                name["cap_bits"],
                name["no_match_bits"],
                name["middle_factor"],
            ],
            dtype=np.float64,
        )
        # the similarities met so far, by pair of token numbers (left * vocabulary + right)
        self.known = np.empty(0, dtype=np.int64)
        self.similarity = np.empty(0, dtype=np.float64)
        self.bits(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))  # loads the code

    def _number(self, token: str) -> int:
        number = self._numbers.get(token)
        if number is None:
            number = self._numbers[token] = len(self._tokens)
            self._tokens.append(token)
        return number

    def bits(self, lefts: Codes, rights: Codes) -> Bits:
        """The name evidence of each pair of names (by position in the table, the left one
        as traveller): what ``best_name_match`` gives, in bits."""
        out = np.empty(lefts.size, dtype=np.float64)
        todo = np.arange(lefts.size)
        while True:
            # room for every similarity a first pass finds unknown (a pair asks about ten,
            # repeats included), so that most slices take two passes rather than three
            unknown = np.zeros(todo.size * 32 + 16, dtype=np.int64)
            done = _weigh(
                lefts[todo],
                rights[todo],
                self.start,
                self.stop,
                (self.count, self.tokens, self.joined, self.middle, self.guess),
                self.weights,
                self.rules,
                (self.known, self.similarity),
                out,
                todo,
                unknown,
            )
            todo = todo[~done]
            if not todo.size:
                return out
            self._learn(np.unique(unknown[1 : 1 + unknown[0]]))

    def _learn(self, keys: Codes) -> None:
        """The similarities of these pairs of token numbers (sorted, none known yet)."""
        tokens = self._tokens
        lefts, rights = np.divmod(keys, len(tokens))
        values = np.zeros(keys.size, dtype=np.float64)
        for k in np.flatnonzero(self._may_be_alike(lefts, rights)).tolist():
            values[k] = token_similarity(tokens[lefts[k]], tokens[rights[k]])[0]
        places = np.searchsorted(self.known, keys)
        self.known = np.insert(self.known, places, keys)
        self.similarity = np.insert(self.similarity, places, values)

    def _may_be_alike(self, lefts: Codes, rights: Codes) -> Flags:
        """The pairs of tokens (by number) that ``token_similarity`` may find alike at all.
        Most pairs of candidates' tokens are two different names, which it finds alike by no
        rule (one folded spelling, one group of spellings, one edit, one skeleton, an
        initial): those are told apart here in bulk, so that it is asked of the rest only."""
        folded, grouped, skeleton, skeleton_length, length = self._traits
        maybe: Flags = (
            (folded[lefts] == folded[rights])
            | (grouped[lefts] & grouped[rights])
            | ((skeleton[lefts] == skeleton[rights]) & (skeleton_length[lefts] >= 3))
            | (np.minimum(length[lefts], length[rights]) == 1)
        )
        rest = np.flatnonzero(~maybe)
        for spelling in (self._tokens, self._folded):  # one edit, as written or folded
            edits = process.cpdist(
                [spelling[k] for k in lefts[rest].tolist()],
                [spelling[k] for k in rights[rest].tolist()],
                scorer=OSA.distance,
                score_cutoff=1,
            )
            maybe[rest[edits <= 1]] = True
        return maybe


def _traits(tokens: list[str], folded: list[str]) -> TokenTraits:
    """What ``token_similarity``'s rules look at in each token, by token number."""
    numbers: dict[str, int] = {}
    skeletons = [skeleton(t) for t in tokens]

    def numbered(values: list[str]) -> Codes:
        return np.fromiter(
            (numbers.setdefault(v, len(numbers)) for v in values), dtype=np.int64, count=len(values)
        )

    def counted(values: Iterable[object]) -> Codes:
        return np.fromiter(values, dtype=np.int64, count=len(tokens))

    return (
        numbered(folded),
        np.fromiter((bool(groups(t)) for t in tokens), dtype=np.bool_, count=len(tokens)),
        numbered(skeletons),
        counted(len(s) for s in skeletons),
        counted(len(t) for t in tokens),
    )


@_compiled
def _weigh(
    lefts: Codes,
    rights: Codes,
    start: Codes,
    stop: Codes,
    readings: Readings,
    weights: Bits,
    rules: Bits,
    known: Known,
    out: Bits,
    where: Codes,
    unknown: Codes,
) -> Flags:
    """``out[where[p]]`` = the bits of pair p (the best over every reading of each name),
    for each pair whose token similarities are all known; the unknown ones are listed in
    ``unknown`` (its first cell counts them) and their pairs come back False."""
    width = readings[1].shape[1]
    left, right, work = _side(width), _side(width), _workspace(width)
    done = np.ones(lefts.size, dtype=np.bool_)
    for p in range(lefts.size):
        best = rules[NO_MATCH]
        for a in range(start[lefts[p]], stop[lefts[p]]):
            for b in range(start[rights[p]], stop[rights[p]]):
                bits = _reading_bits(
                    readings, a, b, weights, rules, known, unknown, left, right, work
                )
                if np.isnan(bits):
                    done[p] = False
                elif bits > best:
                    best = bits
        if done[p]:
            out[where[p]] = best
    return done


@_compiled
def _reading_bits(
    readings: Readings,
    a: int,
    b: int,
    weights: Bits,
    rules: Bits,
    known: Known,
    unknown: Codes,
    left: Side,
    right: Side,
    work: Workspace,
) -> float:
    """``best_name_match``'s bits for reading ``a`` (left) against reading ``b``: -inf when
    no part matches, NaN when a token similarity is not known yet."""
    count = readings[0]
    lc, rc = count[a], count[b]
    # ``compare.align_variants``: only the name with more parts can have written two apart
    found, complete = False, True
    best_weight = best_total = 0.0
    best_matches = best_lv = best_rv = 0
    for lv in range(lc if lc > rc else 1):
        ln = _variant(readings, a, lv - 1, weights, left)
        for rv in range(rc if rc > lc else 1):
            rn = _variant(readings, b, rv - 1, weights, right)
            matched, total, matches = _align(
                left, ln, right, rn, weights.size, known, unknown, work
            )
            complete = complete and matches >= 0
            better = matched > best_weight or (matched == best_weight and total < best_total)
            if not found or better:
                found = True
                best_weight, best_total, best_matches = matched, total, matches
                best_lv, best_rv = lv, rv
    if not complete:
        return np.nan
    if best_matches == 0:
        return -np.inf
    # the best alignment again, for its left-over parts
    ln = _variant(readings, a, best_lv - 1, weights, left)
    rn = _variant(readings, b, best_rv - 1, weights, right)
    _align(left, ln, right, rn, weights.size, known, unknown, work)
    penalty, conflict, cap, _, middle_factor = rules
    certain = work[3]
    kept_left = _certain(left, ln, _guesses_left(right, rn), weights, certain)
    unmatched = _unmatched(left, certain, kept_left, weights, middle_factor)
    kept_right = _certain(right, rn, _guesses_left(left, ln), weights, certain)
    unmatched += _unmatched(right, certain, kept_right, weights, middle_factor)
    bits = best_weight - penalty * unmatched - conflict * min(kept_left, kept_right)
    return float(min(bits, cap))


@_compiled
def _variant(readings: Readings, row: int, merge: int, weights: Bits, side: Side) -> int:
    """Reading ``row``'s parts as written (``merge`` < 0), or with parts ``merge`` and
    ``merge+1`` written as one, weighing what the heavier of the two does
    (``compare.variants``), into ``side``; how many parts it has."""
    count, tokens, joined, middle, guess = readings
    parts, part_weights, middles, guesses, _ = side
    width = tokens.shape[1]
    n = k = 0
    while k < count[row]:
        if k == merge:
            parts[n] = joined[row, k]
            part_weights[n] = max(weights[tokens[row, k]], weights[tokens[row, k + 1]])
            middles[n], guesses[n] = middle[row, width + k], guess[row, width + k]
            k += 2
        else:
            parts[n] = tokens[row, k]
            part_weights[n] = weights[tokens[row, k]]
            middles[n], guesses[n] = middle[row, k], guess[row, k]
            k += 1
        n += 1
    return n


@_compiled
def _align(
    left: Side,
    ln: int,
    right: Side,
    rn: int,
    vocabulary: int,
    known: Known,
    unknown: Codes,
    work: Workspace,
) -> tuple[float, float, int]:
    """``compare._align``: every pair of parts alike at all, best first, taken while both
    parts are free; the matched weight, the total weight and how many matched (marked in
    each side's ``used``), or -1 matches when a similarity is not known yet."""
    lt, lw, _, _, lused = left
    rt, rw, _, _, rused = right
    gains, sims, order, _ = work
    width = lt.size
    n = 0
    complete = True
    for i in range(ln):
        for j in range(rn):
            s = _similarity(lt[i] * vocabulary + rt[j], known, unknown)
            if s < 0.0:
                complete = False
            elif s > 0.0:
                gains[n], sims[n], order[n] = s * min(lw[i], rw[j]), s, i * width + j
                n += 1
    if not complete:
        return 0.0, 0.0, -1
    _sort_best_first(gains, sims, order, n)
    lused[:ln] = False
    rused[:rn] = False
    matched = total = 0.0
    matches = 0
    for k in range(n):
        i, j = order[k] // width, order[k] % width
        if lused[i] or rused[j]:
            continue
        lused[i] = rused[j] = True
        matches += 1
        matched += gains[k]
        total += min(lw[i], rw[j])
    total += _free_weight(lw, lused, ln)
    total += _free_weight(rw, rused, rn)
    return matched, total, matches


@_compiled
def _similarity(key: int, known: Known, unknown: Codes) -> float:
    """The similarity of a pair of token numbers, or -1 (listed in ``unknown``) if not known."""
    keys, values = known
    at = np.searchsorted(keys, key)
    if at < keys.size and keys[at] == key:
        return float(values[at])
    if unknown[0] + 1 < unknown.size:
        unknown[0] += 1
        unknown[unknown[0]] = key
    return -1.0


@_compiled
def _free_weight(part_weights: Bits, used: Flags, n: int) -> float:
    """The weight of the parts left unmatched, added in order (as ``sum`` does)."""
    total = 0.0
    for i in range(n):
        if not used[i]:
            total += part_weights[i]
    return total


@_compiled
def _guesses_left(side: Side, n: int) -> int:
    """How many of a side's unmatched parts are guessed readings."""
    _, _, _, guesses, used = side
    left = 0
    for i in range(n):
        if guesses[i] and not used[i]:
            left += 1
    return left


@_compiled
def _sort_best_first(gains: Bits, sims: Bits, order: Codes, n: int) -> None:
    """The first ``n`` candidates in descending (gain, similarity, left part, right part),
    as Python sorts ``compare._align``'s tuples with ``reverse=True``."""
    for a in range(1, n):
        gain, sim, place = gains[a], sims[a], order[a]
        b = a - 1
        while b >= 0 and (
            gains[b] < gain
            or (gains[b] == gain and (sims[b] < sim or (sims[b] == sim and order[b] < place)))
        ):
            gains[b + 1], sims[b + 1], order[b + 1] = gains[b], sims[b], order[b]
            b -= 1
        gains[b + 1], sims[b + 1], order[b + 1] = gain, sim, place


@_compiled
def _certain(side: Side, n: int, absorbed: int, weights: Bits, out: Codes) -> int:
    """``score._certain``: the places of one side's unmatched parts that count against the
    match, lightest first (a stable sort by weight), less as many as the other side has
    guessed readings left over; how many."""
    tokens, _, _, guesses, used = side
    kept = 0
    for i in range(n):
        if used[i] or guesses[i]:
            continue
        b = kept - 1
        while b >= 0 and weights[tokens[out[b]]] > weights[tokens[i]]:
            out[b + 1] = out[b]
            b -= 1
        out[b + 1] = i
        kept += 1
    return max(0, kept - absorbed)


@_compiled
def _unmatched(side: Side, places: Codes, n: int, weights: Bits, middle_factor: float) -> float:
    """``score._unmatched_weight`` of the parts at ``places[:n]``, added in that order."""
    tokens, _, middles, _, _ = side
    total = 0.0
    for k in range(n):
        i = places[k]
        total += weights[tokens[i]] * (middle_factor if middles[i] else 1.0)
    return total


@_compiled
def _side(width: int) -> Side:
    """One side of an alignment: its parts' token numbers, weights, whether each is a middle
    part or a guessed reading, and whether it is matched."""
    flags = np.zeros((3, width), dtype=np.bool_)
    return (
        np.empty(width, dtype=np.int64),
        np.empty(width, dtype=np.float64),
        flags[0],
        flags[1],
        flags[2],
    )


@_compiled
def _workspace(width: int) -> Workspace:
    """An alignment's candidates (gain, similarity, place) and the places of unmatched parts."""
    return (
        np.empty(width * width, dtype=np.float64),
        np.empty(width * width, dtype=np.float64),
        np.empty(width * width, dtype=np.int64),
        np.empty(width, dtype=np.int64),
    )
