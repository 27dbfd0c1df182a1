"""The name evidence of many pairs of names at once, compiled: ``best_name_match`` (and the
alignment of ``names/compare.py`` under it) for the bulk engine, which meets millions of
distinct pairs of names in a national register.

The rules are those of ``score.py`` and ``compare.py``, step for step and in the same order of
additions, so a pair weighs here exactly what it weighs there (a test holds the two equal on
the development set and on names built to reach every branch). They are written a second
time because one pair at a time, in Python, costs ~50 µs a distinct pair of names; a million
records meet some four million. The one-pair path stays the reference: it explains (which
parts matched, and how) and answers a booth's single check in Python. No library aligns name
parts by these rules: the loops are written in Cython (``name_kernel.pyx``, compiled when the
package is installed) and this module lays the names out for them.

Names become arrays once per dataset: every reading a row of token numbers, with each part's
weight and whether it is a guess (a kanji given name's reading) or a middle part, and the
numbers of each two adjacent parts written as one. Token similarities come from
``compare.token_similarity`` (Python: folding, variants, edit distance) and are kept by pair
of token numbers; the compiled loop reports the pairs it has not seen, and those names are
weighed again once they are known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from corridor.domain.arrays import unique_sorted
from corridor.domain.names.compare import token_similarity
from corridor.domain.names.fold import fold, skeleton
from corridor.domain.names.variants import groups
from corridor.domain.screening.model import Model
from corridor.domain.screening.name_kernel import weigh
from corridor.domain.screening.records import NameForm

Weight = Callable[[str], float]
Names = tuple[NameForm, ...]
Codes = npt.NDArray[np.int64]
Bits = npt.NDArray[np.float64]
Flags = npt.NDArray[np.bool_]
# each token's folded spelling and skeleton (numbered), whether it is in a group of
# spellings, its skeleton's length and its own (``_traits``)
TokenTraits = tuple[Codes, Flags, Codes, Codes, Codes]
NONE = -1  # no token in this place (readings are padded to the longest)


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
        self.middle = np.zeros((len(rows), 2 * width), dtype=np.uint8)  # parts, then joined
        self.guess = np.zeros((len(rows), 2 * width), dtype=np.uint8)
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
        self.rules = np.array(  # in the order ``name_kernel.pyx`` reads them
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
            done = np.empty(todo.size, dtype=np.uint8)
            weigh(
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
                out,
                todo,
                unknown,
                done,
            )
            todo = todo[done == 0]
            if not todo.size:
                return out
            self._learn(unique_sorted(unknown[1 : 1 + unknown[0]]))

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
