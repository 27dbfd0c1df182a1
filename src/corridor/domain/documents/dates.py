"""Six-digit MRZ dates (YYMMDD) resolved to calendar dates.

A birth date is in the past, so its century is the latest that keeps it so. An expiry date
may lie ahead: identity cards such as Viet Nam's are valid until the holder turns 60, so the
window reaches ``EXPIRY_YEARS_AHEAD`` years past today before falling back a century.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

EXPIRY_YEARS_AHEAD = 50


def _year(two_digits: int, latest: int) -> int:
    year = 2000 + two_digits
    return year if year <= latest else year - 100


def birth_date(yymmdd: str, today: date) -> tuple[str | None, str | None]:
    """(ISO date, error). Unknown month or day (``<<``) gives ``YYYY`` or ``YYYY-MM``."""
    if yymmdd[:2].isdigit() and yymmdd[2:] in ("<<<<", "0000"):
        return str(_year(int(yymmdd[:2]), today.year)), None
    if yymmdd[:4].isdigit() and yymmdd[4:] in ("<<", "00"):
        year = _year(int(yymmdd[:2]), today.year)
        month = int(yymmdd[2:4])
        if not 1 <= month <= 12:
            return None, f"birth date {yymmdd} has no month {month:02d}"
        return f"{year}-{month:02d}", None
    parsed = _parse(yymmdd, lambda yy: _year(yy, today.year))
    if parsed is None:
        return None, f"birth date {yymmdd} is not a calendar date"
    if parsed > today:
        parsed = parsed.replace(year=parsed.year - 100)
    return parsed.isoformat(), None


def expiry_date(yymmdd: str, today: date) -> tuple[date | None, str | None]:
    parsed = _parse(yymmdd, lambda yy: _year(yy, today.year + EXPIRY_YEARS_AHEAD))
    if parsed is None:
        return None, f"expiry date {yymmdd} is not a calendar date"
    return parsed, None


def _parse(yymmdd: str, century: Callable[[int], int]) -> date | None:
    if len(yymmdd) != 6 or not yymmdd.isdigit():
        return None
    try:
        return date(century(int(yymmdd[:2])), int(yymmdd[2:4]), int(yymmdd[4:6]))
    except ValueError:
        return None
