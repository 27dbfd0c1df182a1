"""Answer deadlines in working days, as agreements set them (Monday to Friday)."""

from __future__ import annotations

from datetime import date, timedelta


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (weekends skipped; public holidays
    differ by country and are left to the officers)."""
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current
