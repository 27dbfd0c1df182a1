"""Dropping candidates whose birth date disagrees, for a whole candidate list at once.

When the model makes a disagreeing birth date decisive (its penalty outweighs every other
feature at its best), such a candidate can never become a hit, so it need not be scored. The
alerts' dates sit in numpy arrays and one vectorised comparison keeps only the compatible
ones: the same date, day and month swapped, one digit apart, or agreeing as far as the less
precise of the two goes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from corridor.domain.screening.dates import BirthDate

MISSING, YEAR, MONTH, FULL, RANGE = 0, 1, 2, 3, 4
Positions = npt.NDArray[np.int32]
_POWERS = np.array([10**k for k in range(8)], dtype=np.int64)


class DateFilter:
    def __init__(self, dates: Sequence[BirthDate | None]) -> None:
        count = len(dates)
        self.value = np.zeros(count, dtype=np.int64)  # YYYYMMDD, zeros where unknown
        self.until = np.zeros(count, dtype=np.int64)  # last year of a range
        self.kind = np.zeros(count, dtype=np.int8)
        for i, born in enumerate(dates):
            if born is None:
                continue
            self.value[i] = born.year * 10_000 + (born.month or 0) * 100 + (born.day or 0)
            if born.year_to is not None:
                self.kind[i], self.until[i] = RANGE, born.year_to
            else:
                self.kind[i] = FULL if born.day else MONTH if born.month else YEAR

    def compatible(self, positions: list[int], born: BirthDate | None) -> list[int]:
        if born is None or not positions:
            return positions
        index = np.asarray(positions, dtype=np.int64)
        value, kind, until = self.value[index], self.kind[index], self.until[index]
        year, month = value // 10_000, (value // 100) % 100
        keep = kind == MISSING
        keep |= (kind == RANGE) & (year <= born.year) & (born.year <= until)
        if born.year_to is not None:
            keep |= (year >= born.year) & (year <= born.year_to)
            return index[keep].tolist()  # type: ignore[no-any-return]
        keep |= (kind == YEAR) & (year == born.year)
        same_month = (kind == MONTH) | ((kind == FULL) & (born.month is None))
        if born.month is not None:
            keep |= same_month & (year == born.year) & (month == born.month)
        else:
            keep |= (kind >= MONTH) & (kind <= FULL) & (year == born.year)
        if born.day is not None and born.month is not None:
            mine = born.year * 10_000 + born.month * 100 + born.day
            swapped = born.year * 10_000 + born.day * 100 + born.month
            differing = ((value[:, None] // _POWERS) % 10 != (mine // _POWERS) % 10).sum(axis=1)
            keep |= (kind == FULL) & ((differing <= 1) | (value == swapped))
        return index[keep].tolist()  # type: ignore[no-any-return]

    def compatible_pairs(self, lefts: Positions, rights: Positions) -> Positions:
        """Of the pairs (``lefts[k]``, ``rights[k]``), the indexes k whose two birth dates do
        not disagree: the same test as ``compatible``, for a whole candidate list of a
        dataset at once."""
        lv, rv = self.value[lefts], self.value[rights]
        lk, rk = self.kind[lefts], self.kind[rights]
        ly, ry = lv // 10_000, rv // 10_000
        lm, rm = (lv // 100) % 100, (rv // 100) % 100
        keep = (lk == MISSING) | (rk == MISSING)
        left_range, right_range = lk == RANGE, rk == RANGE
        keep |= left_range & (ly <= ry) & (ry <= self.until[lefts])
        keep |= ~left_range & right_range & (ry <= ly) & (ly <= self.until[rights])
        dated = (lk != MISSING) & (rk != MISSING) & ~left_range & ~right_range
        full = dated & (lk == FULL) & (rk == FULL)
        swapped = ly * 10_000 + (lv % 100) * 100 + lm
        differing = ((lv[:, None] // _POWERS) % 10 != (rv[:, None] // _POWERS) % 10).sum(axis=1)
        keep |= full & ((lv == rv) | (swapped == rv) | (differing <= 1))
        partial = dated & ~full & (ly == ry)
        keep |= partial & ((lk == YEAR) | (rk == YEAR) | (lm == rm))
        return np.flatnonzero(keep).astype(np.int32)
