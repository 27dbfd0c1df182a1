"""Groups of spellings that name one name: Korean surnames (LEE, YI, RHEE, RI), Chinese
surnames across pinyin, Cantonese and Wade-Giles (CHEN, CHAN), Arabic given names (YUSUF,
YOUSEF, YOUSIF). All three come from data files, one group a row."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files("corridor.data").joinpath(f"names/{name}").read_text("utf-8")
    return [row["readings"].split("|") for row in csv.DictReader(text.splitlines())]


@lru_cache(maxsize=1)
def _groups() -> dict[str, frozenset[int]]:
    membership: dict[str, set[int]] = {}
    rows = _rows("hangul_surnames.csv") + _rows("han_surnames.csv") + _rows("arabic_names.csv")
    for number, readings in enumerate(rows):
        if len(readings) < 2:
            continue
        for reading in readings:
            membership.setdefault(reading, set()).add(number)
    return {token: frozenset(ids) for token, ids in membership.items()}


def groups(token: str) -> frozenset[int]:
    return _groups().get(token, frozenset())


def same_name(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are spellings of one name in some group."""
    return bool(groups(a) & groups(b))


def labels(token: str) -> list[str]:
    """Index labels: the groups a token belongs to, or none (the caller uses the token)."""
    return [f"g{number}" for number in sorted(groups(token))]


def canonical(reading: tuple[str, ...]) -> tuple[str, ...]:
    """A reading with each part replaced by its group (or its folded spelling): two readings
    with one canonical form compare alike, so only one of them needs comparing."""
    from corridor.domain.names.fold import fold

    return tuple("+".join(labels(t)) or fold(t) for t in reading)
