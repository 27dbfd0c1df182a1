"""How much a name part says: rare parts much, common ones (NGUYEN, WANG, KIM) little.

Weights come from the watchlist itself (and, in bulk, the travellers too): a token's weight is
log2 of the number of people over the number whose names contain it, so it adapts to each
agency's list without a hand-kept frequency table.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from corridor.domain.names.fold import fold
from corridor.domain.screening.records import Person, readings


class TokenWeights:
    def __init__(self, people: Iterable[Person], floor: float, ceiling: float) -> None:
        counts: Counter[str] = Counter()
        total = 0
        for person in people:
            total += 1
            counts.update({fold(token) for reading in readings(person) for token in reading})
        self.total = total
        self.counts = counts
        self.floor = floor
        self.ceiling = ceiling
        self._cache: dict[str, float] = {}

    def __call__(self, token: str) -> float:
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        count = self.counts.get(fold(token), 0)
        value = math.log2((self.total + 1) / (count + 0.5)) if self.total else self.ceiling
        value = min(self.ceiling, max(self.floor, value))
        if len(self._cache) < 500_000:
            self._cache[token] = value
        return value
