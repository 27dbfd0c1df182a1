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

from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

import numpy as np
import numpy.typing as npt
from numba import njit

from corridor.domain.names.compare import token_similarity
from corridor.domain.screening.model import Model
from corridor.domain.screening.records import NameForm

Weight = Callable[[str], float]
Names = tuple[NameForm, ...]
Codes = npt.NDArray[np.int64]
Bits = npt.NDArray[np.float64]
Function = TypeVar("Function", bound=Callable[..., Any])
NONE = -1  # no token in this place (readings are padded to the longest)


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
            unknown = np.zeros(todo.size * 4 + 16, dtype=np.int64)
            done = _weigh(
                lefts[todo],
                rights[todo],
                self.start,
                self.stop,
                self.count,
                self.tokens,
                self.joined,
                self.middle,
                self.guess,
                self.weights,
                self.rules,
                self.known,
                self.similarity,
                len(self._tokens),
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
        tokens, vocabulary = self._tokens, len(self._tokens)
        values = np.empty(keys.size, dtype=np.float64)
        for k, key in enumerate(keys.tolist()):
            left, right = divmod(key, vocabulary)
            values[k] = token_similarity(tokens[left], tokens[right])[0]
        places = np.searchsorted(self.known, keys)
        self.known = np.insert(self.known, places, keys)
        self.similarity = np.insert(self.similarity, places, values)


@_compiled
def _weigh(
    lefts: Codes,
    rights: Codes,
    start: Codes,
    stop: Codes,
    count: Codes,
    tokens: Codes,
    joined: Codes,
    middle: npt.NDArray[np.bool_],
    guess: npt.NDArray[np.bool_],
    weights: Bits,
    rules: Bits,
    known: Codes,
    similarity: Bits,
    vocabulary: int,
    out: Bits,
    where: Codes,
    unknown: Codes,
) -> npt.NDArray[np.bool_]:
    """``out[where[p]]`` = the bits of pair p, for each pair whose token similarities are all
    known; the unknown ones are listed in ``unknown`` (its first cell counts them) and their
    pairs come back False."""
    penalty, conflict, cap, no_match, middle_factor = rules
    width = tokens.shape[1]
    done = np.ones(lefts.size, dtype=np.bool_)
    # one alignment's workspace: its side's token numbers, weights, middles, guesses
    lt = np.empty(width, dtype=np.int64)
    rt = np.empty(width, dtype=np.int64)
    lw = np.empty(width, dtype=np.float64)
    rw = np.empty(width, dtype=np.float64)
    lmid = np.empty(width, dtype=np.bool_)
    rmid = np.empty(width, dtype=np.bool_)
    lguess = np.empty(width, dtype=np.bool_)
    rguess = np.empty(width, dtype=np.bool_)
    lused = np.empty(width, dtype=np.bool_)
    rused = np.empty(width, dtype=np.bool_)
    best_lused = np.empty(width, dtype=np.bool_)
    best_rused = np.empty(width, dtype=np.bool_)
    gains = np.empty(width * width, dtype=np.float64)
    sims = np.empty(width * width, dtype=np.float64)
    order = np.empty(width * width, dtype=np.int64)
    certain = np.empty(width, dtype=np.int64)
    for p in range(lefts.size):
        best = no_match
        complete = True
        for left in range(start[lefts[p]], stop[lefts[p]]):
            for right in range(start[rights[p]], stop[rights[p]]):
                lc, rc = count[left], count[right]
                # only the name with more parts can have written two of them apart
                left_variants = lc if lc > rc else 1
                right_variants = rc if rc > lc else 1
                found = False
                best_mw = best_total = 0.0
                best_ln = best_rn = best_matches = best_lv = best_rv = 0
                for lv in range(left_variants):
                    ln = _variant(
                        tokens[left],
                        joined[left],
                        middle[left],
                        guess[left],
                        weights,
                        lc,
                        lv - 1,
                        lt,
                        lw,
                        lmid,
                        lguess,
                    )
                    for rv in range(right_variants):
                        rn = _variant(
                            tokens[right],
                            joined[right],
                            middle[right],
                            guess[right],
                            weights,
                            rc,
                            rv - 1,
                            rt,
                            rw,
                            rmid,
                            rguess,
                        )
                        # every pair of parts alike at all, best first (``compare._align``)
                        n = 0
                        for i in range(ln):
                            for j in range(rn):
                                key = lt[i] * vocabulary + rt[j]
                                at = np.searchsorted(known, key)
                                if at < known.size and known[at] == key:
                                    s = similarity[at]
                                else:
                                    if unknown[0] + 1 < unknown.size:
                                        unknown[0] += 1
                                        unknown[unknown[0]] = key
                                    complete = False
                                    s = 0.0
                                if s > 0.0:
                                    gains[n] = s * min(lw[i], rw[j])
                                    sims[n] = s
                                    order[n] = i * width + j
                                    n += 1
                        _sort_best_first(gains, sims, order, n)
                        lused[:ln] = False
                        rused[:rn] = False
                        mw = total = 0.0
                        matches = 0
                        for k in range(n):
                            i, j = order[k] // width, order[k] % width
                            if lused[i] or rused[j]:
                                continue
                            lused[i] = True
                            rused[j] = True
                            matches += 1
                            mw += gains[k]
                            total += min(lw[i], rw[j])
                        rest = 0.0
                        for i in range(ln):
                            if not lused[i]:
                                rest += lw[i]
                        total += rest
                        rest = 0.0
                        for j in range(rn):
                            if not rused[j]:
                                rest += rw[j]
                        total += rest
                        if not found or mw > best_mw or (mw == best_mw and total < best_total):
                            found = True
                            best_mw, best_total, best_matches = mw, total, matches
                            best_ln, best_rn = ln, rn
                            best_lused[:ln] = lused[:ln]
                            best_rused[:rn] = rused[:rn]
                            best_lv, best_rv = lv, rv
                if not complete or best_matches == 0:
                    continue
                # the best alignment's left-over parts, as ``best_name_match`` weighs them
                _variant(
                    tokens[left],
                    joined[left],
                    middle[left],
                    guess[left],
                    weights,
                    lc,
                    best_lv - 1,
                    lt,
                    lw,
                    lmid,
                    lguess,
                )
                _variant(
                    tokens[right],
                    joined[right],
                    middle[right],
                    guess[right],
                    weights,
                    rc,
                    best_rv - 1,
                    rt,
                    rw,
                    rmid,
                    rguess,
                )
                left_guesses = right_guesses = 0
                for i in range(best_ln):
                    if not best_lused[i] and lguess[i]:
                        left_guesses += 1
                for j in range(best_rn):
                    if not best_rused[j] and rguess[j]:
                        right_guesses += 1
                kept_left = _certain(
                    lt, lguess, best_lused, best_ln, right_guesses, weights, certain
                )
                unmatched = _unmatched(lt, lmid, certain, kept_left, weights, middle_factor)
                kept_right = _certain(
                    rt, rguess, best_rused, best_rn, left_guesses, weights, certain
                )
                unmatched += _unmatched(rt, rmid, certain, kept_right, weights, middle_factor)
                bits = best_mw - penalty * unmatched - conflict * min(kept_left, kept_right)
                bits = min(bits, cap)
                if bits > best:
                    best = bits
        if complete:
            out[where[p]] = best
        else:
            done[p] = False
    return done


@_compiled
def _variant(
    tokens: Codes,
    joined: Codes,
    middle: npt.NDArray[np.bool_],
    guess: npt.NDArray[np.bool_],
    weights: Bits,
    count: int,
    merge: int,
    out_tokens: Codes,
    out_weights: Bits,
    out_middle: npt.NDArray[np.bool_],
    out_guess: npt.NDArray[np.bool_],
) -> int:
    """A reading's parts as written (``merge`` < 0), or with parts ``merge`` and ``merge+1``
    written as one, weighing what the heavier of the two does (``compare._merged``); how
    many parts it has."""
    width = tokens.size
    n = 0
    k = 0
    while k < count:
        if k == merge:
            out_tokens[n] = joined[k]
            out_weights[n] = max(weights[tokens[k]], weights[tokens[k + 1]])
            out_middle[n] = middle[width + k]
            out_guess[n] = guess[width + k]
            k += 2
        else:
            out_tokens[n] = tokens[k]
            out_weights[n] = weights[tokens[k]]
            out_middle[n] = middle[k]
            out_guess[n] = guess[k]
            k += 1
        n += 1
    return n


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
def _certain(
    tokens: Codes,
    guesses: npt.NDArray[np.bool_],
    used: npt.NDArray[np.bool_],
    n: int,
    absorbed: int,
    weights: Bits,
    out: Codes,
) -> int:
    """``score._certain``: the places of one side's unmatched parts that count against the
    match, lightest first (a stable sort by weight), less as many as the other side has
    guessed readings left over; how many."""
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
def _unmatched(
    tokens: Codes,
    middles: npt.NDArray[np.bool_],
    places: Codes,
    n: int,
    weights: Bits,
    middle_factor: float,
) -> float:
    """``score._unmatched_weight`` of the parts at ``places[:n]``, added in that order."""
    total = 0.0
    for k in range(n):
        i = places[k]
        total += weights[tokens[i]] * (middle_factor if middles[i] else 1.0)
    return total
