"""Weighing a dataset's candidate pairs a slice at a time, by the rules one comparison uses.

Most candidate pairs of a register are strangers who share a name part and a birth year, and
their birth dates, sexes, nationalities and documents already say that no name could make them
one person. So the cheap features are weighed first, for a whole slice of pairs at once, and
only the pairs a perfect name could still lift go on to the name comparison.

Each feature's values are numbered (a register holds few distinct birth dates, sexes and
nationalities); each distinct pair of values is weighed once, by the scorer's own rule on two
people who hold them, and every pair takes its bits from there. Names are numbered the same
way, so a pair of names met again is not weighed again; the new pairs of names of a slice are
weighed in compiled code (``screening/bulk_names.py``, the one rule written twice for speed:
that module says why, and tests hold it to the scorer's).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

import numpy as np
import numpy.typing as npt

from corridor.domain.screening.bulk_names import NameTable
from corridor.domain.screening.model import Model
from corridor.domain.screening.records import Person
from corridor.domain.screening.score import CHEAP_FEATURES, PairScorer, Rule

Positions = npt.NDArray[np.int32]
Bits = npt.NDArray[np.float64]
Codes = npt.NDArray[np.int64]
Weigh = Callable[[Codes, Codes], Bits]  # pairs of values (by number) to their bits
Item = TypeVar("Item")
Value = TypeVar("Value", bound=Hashable)
REMEMBERED = 2_000_000  # pairs of values remembered per feature before starting again


class Numbered(Generic[Item, Value]):
    """Items numbered by one value of theirs: items with equal values share a number, and one
    item holding each value stands for it."""

    def __init__(self, items: Sequence[Item], value: Callable[[Item], Value]) -> None:
        numbers: dict[Value, int] = {}
        self.holders: list[Item] = []
        self.values: list[Value] = []
        self.codes = np.empty(len(items), dtype=np.int64)
        for position, item in enumerate(items):
            key = value(item)
            number = numbers.get(key)
            if number is None:
                number = numbers[key] = len(self.holders)
                self.holders.append(item)
                self.values.append(key)
            self.codes[position] = number
        self._weighed: dict[int, float] = {}

    def pair_bits(self, lefts: Positions, rights: Positions, weigh: Weigh) -> Bits:
        """``weigh`` for each pair of items, worked out once per distinct pair of values (and
        remembered for the next slice): it takes the pairs of values by number, left and
        right, all at once."""
        count = len(self.holders)
        distinct, where = np.unique(
            self.codes[lefts] * count + self.codes[rights], return_inverse=True
        )
        weighed = self._weighed
        if len(weighed) > REMEMBERED:
            weighed.clear()
        found = (weighed.get(code, np.nan) for code in distinct.tolist())
        values = np.fromiter(found, dtype=np.float64, count=distinct.size)
        new = np.flatnonzero(np.isnan(values))
        if new.size:
            left, right = np.divmod(distinct[new], count)
            values[new] = weigh(left, right)
            weighed.update(zip(distinct[new].tolist(), values[new].tolist(), strict=True))
        return values[where]

    def by_holders(self, rule: Callable[[Item, Item], float]) -> Weigh:
        """``rule`` on two items as ``pair_bits`` takes it: on one item holding each value."""
        holders = self.holders

        def weigh(lefts: Codes, rights: Codes) -> Bits:
            pairs = zip(lefts.tolist(), rights.tolist(), strict=True)
            found = (rule(holders[left], holders[right]) for left, right in pairs)
            return np.fromiter(found, dtype=np.float64, count=lefts.size)

        return weigh

    def table(self, bits: Callable[[Value], float]) -> Bits:
        """``bits`` of each value, by number."""
        return np.fromiter((bits(v) for v in self.values), dtype=np.float64, count=len(self.values))

    def shared(self, lefts: Positions, rights: Positions, table: Bits) -> Bits:
        """The ``table`` entry of the value where a pair's two items hold the same one, else
        nothing."""
        left = self.codes[lefts]
        return np.where(left == self.codes[rights], table[left], 0.0)


class PersonWeigher:
    """The evidence of many pairs of one dataset's people (the left of each as traveller):
    every feature but the name for all of them, the name for those that ask for it."""

    def __init__(self, people: Sequence[Person], scorer: PairScorer) -> None:
        self.scorer = scorer
        self._features = [(Numbered(people, value), rule) for value, rule in CHEAP_FEATURES]
        self._names = Numbered(people, lambda person: person.names)
        self._table = NameTable(self._names.values, scorer.weight, scorer.model)

    def cheap(self, lefts: Positions, rights: Positions) -> Bits:
        """Birth date, sex, nationality and document, added in the scorer's order."""
        model = self.scorer.model
        total = np.zeros(lefts.size, dtype=np.float64)
        for numbered, rule in self._features:
            total += numbered.pair_bits(lefts, rights, numbered.by_holders(_under(rule, model)))
        return total

    def names(self, lefts: Positions, rights: Positions) -> Bits:
        """The names' evidence, compiled (``bulk_names.py``: the scorer's rules, many pairs
        of names at once)."""
        return self._names.pair_bits(lefts, rights, self._table.bits)


def _under(rule: Rule, model: Model) -> Callable[[Person, Person], float]:
    return lambda traveller, alert: rule(traveller, alert, model)
