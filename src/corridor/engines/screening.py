"""Screening a passenger list against a watchlist in bulk, on every core of this machine.

Why processes and not DuckDB: the work is name alignment in Python, not relational; DuckDB
would only move rows around it. The index is built once in the parent; workers inherit it
through fork (``forked.py``: no copy, no pickling of the watchlist) and score chunks of
travellers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from corridor.domain.screening.records import Person
from corridor.domain.screening.screener import Screener
from corridor.engines.forked import forked_map

CHUNK = 256


@dataclass(frozen=True, slots=True)
class HitRow:
    traveller_id: str
    alert_id: str
    score: float
    explanation: str


def _chunks(people: Sequence[Person]) -> Iterator[Sequence[Person]]:
    for start in range(0, len(people), CHUNK):
        yield people[start : start + CHUNK]


def screen_all(
    screener: Screener,
    travellers: Sequence[Person],
    threshold: float | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterable[list[HitRow]]:
    """Hits per chunk of travellers, in the travellers' order."""
    _ = screener.index  # built once, here, for every worker

    def check(chunk: Sequence[Person]) -> list[HitRow]:
        return [
            HitRow(hit.traveller_id, hit.alert_id, hit.score, hit.explanation())
            for traveller in chunk
            for hit in screener.check(traveller, threshold)
        ]

    count = 1 if len(travellers) <= CHUNK else workers or os.cpu_count() or 1
    checked = forked_map(check, _chunks(travellers), count)
    for chunk, rows in zip(_chunks(travellers), checked, strict=True):
        yield rows
        if progress:
            progress(len(chunk))
