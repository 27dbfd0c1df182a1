"""Permitted days when an entry's permit gives none: the rules of each country for each
nationality and permit type, kept as data with the source of each (``data/permit_rules.csv``).
A rule for ``*`` applies to every nationality without a rule of its own."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class PermitRule:
    country: str
    nationality: str
    permit_type: str
    days: int
    source: str


@lru_cache(maxsize=1)
def permit_rules() -> tuple[PermitRule, ...]:
    text = resources.files("corridor.data").joinpath("permit_rules.csv").read_text("utf-8")
    return tuple(
        PermitRule(r["country"], r["nationality"], r["permit_type"], int(r["days"]), r["source"])
        for r in csv.DictReader(text.splitlines())
    )


def permitted_days(country: str, nationality: str, permit_type: str) -> PermitRule | None:
    """The rule that gives the days of a permit, the nationality's own before ``*``."""
    fitting = [
        r
        for r in permit_rules()
        if r.country == country
        and r.permit_type == permit_type
        and r.nationality in (nationality, "*")
    ]
    fitting.sort(key=lambda r: r.nationality == "*")
    return fitting[0] if fitting else None
