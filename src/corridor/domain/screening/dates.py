"""Birth dates as agencies hold them: a full date, a year and month, a year, or a range; and
what agreement or disagreement between two of them says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from corridor.errors import InvalidInput

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class BirthDate:
    year: int
    month: int | None = None
    day: int | None = None
    year_to: int | None = None  # a range of years: "1980/1985"

    @property
    def is_full(self) -> bool:
        return self.day is not None and self.year_to is None

    def __str__(self) -> str:
        if self.year_to is not None:
            return f"{self.year}/{self.year_to}"
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def keys(self) -> list[str]:
        """Index keys: the date as written, and day and month swapped where that is a date."""
        if self.year_to is not None:
            return [str(y) for y in range(self.year, self.year_to + 1)]
        out = [str(self)]
        if self.is_full and self.day != self.month and self.day is not None and self.day <= 12:
            out.append(f"{self.year:04d}-{self.day:02d}-{self.month:02d}")
        return out


@lru_cache(maxsize=100_000)  # a register's dates repeat; the dates are immutable
def parse_birth_date(text: str | None) -> BirthDate | None:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a range ``YYYY/YYYY``; empty gives None."""
    value = (text or "").strip()
    if not value:
        return None
    if "/" in value:
        start, _, end = value.partition("/")
        if start.isdigit() and end.isdigit() and len(start) == len(end) == 4 and start <= end:
            return BirthDate(int(start), year_to=int(end))
        raise InvalidInput(f"birth date range {value!r} is not YYYY/YYYY")
    match = _PATTERN.match(value)
    if not match:
        raise InvalidInput(f"birth date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise InvalidInput(f"birth date {value!r} is not a calendar date") from None
    return BirthDate(year, month, day)


@dataclass(frozen=True, slots=True)
class DateEvidence:
    how: str  # exact, day_month_swapped, one_digit, same_year_month, same_year, in_range,
    #           conflict, missing
    bits: float


def compare_birth_dates(
    left: BirthDate | None, right: BirthDate | None, bits: dict[str, float]
) -> DateEvidence:
    """What two birth dates say about being one person, in the model's bits."""
    how = _how(left, right)
    return DateEvidence(how, bits[how])


def _how(left: BirthDate | None, right: BirthDate | None) -> str:
    if left is None or right is None:
        return "missing"
    for a, b in ((left, right), (right, left)):
        if a.year_to is not None:
            return "in_range" if a.year <= b.year <= a.year_to else "conflict"
    if left.is_full and right.is_full:
        if left == right:
            return "exact"
        if (left.year, left.month, left.day) == (right.year, right.day, right.month):
            return "day_month_swapped"
        if _one_digit_apart(str(left), str(right)):
            return "one_digit"
        return "conflict"
    if left.year != right.year:
        return "conflict"  # with only a year to go on, a slip cannot be told from another year
    if left.month is not None and right.month is not None:
        if left.month != right.month:
            return "conflict"
        return "same_year_month"
    return "same_year"


def _one_digit_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1
