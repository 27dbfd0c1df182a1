"""How much a name part says: rare parts much, common ones (NGUYEN, WANG, KIM) little.

Weights come from the watchlist itself (and, in bulk, the travellers too): a token's weight is
log2 of the number of people over the number whose names contain it, so it adapts to each
agency's list without a hand-kept frequency table.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from corridor.domain.names.fold import fold
from corridor.domain.screening.records import Person, readings


@lru_cache(maxsize=1)
def population_shares() -> dict[str, float]:
    """Shares of people who carry a name part, from published statistics (a data file)."""
    text = resources.files("corridor.data").joinpath("names/common_parts.csv").read_text("utf-8")
    return {fold(row["part"]): float(row["share"]) for row in csv.DictReader(text.splitlines())}


class TokenWeights:
    def __init__(
        self,
        people: Iterable[Person],
        floor: float,
        ceiling: float,
        prior_people: float = 0.0,
        prior_bits: float = 8.0,
    ) -> None:
        counts: Counter[str] = Counter()
        total = 0
        for person in people:
            total += 1
            counts.update({fold(token) for reading in readings(person) for token in reading})
        self.total = total
        self.counts = counts
        self.floor = floor
        self.ceiling = ceiling
        # A background population smooths small lists: in 11 people SWIFT twice is not common.
        self.prior_people = prior_people
        self.prior_count = prior_people * 2.0**-prior_bits
        self._cache: dict[str, float] = {}

    def __call__(self, token: str) -> float:
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        folded = fold(token)
        count = self.counts.get(folded, 0)
        share = population_shares().get(folded)
        prior = self.prior_people * share if share is not None else self.prior_count
        value = math.log2((self.total + self.prior_people + 1) / (count + prior + 0.5))
        value = min(self.ceiling, max(self.floor, value))
        if len(self._cache) < 500_000:
            self._cache[token] = value
        return value
