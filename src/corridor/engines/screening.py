"""Screening a passenger list against a watchlist in bulk, on every core of this machine.

Why processes and not DuckDB: the work is name alignment in Python, not relational; DuckDB
would only move rows around it. The index is built once in the parent; workers inherit it
through fork (no copy, no pickling of the watchlist) and score chunks of travellers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from corridor.domain.screening.records import Person
from corridor.domain.screening.screener import Screener

CHUNK = 256
_SCREENER: Screener | None = None  # set in the parent before the workers fork
_THRESHOLD: float | None = None


@dataclass(frozen=True, slots=True)
class HitRow:
    traveller_id: str
    alert_id: str
    score: float
    explanation: str


def _check_chunk(travellers: Sequence[Person]) -> list[HitRow]:
    assert _SCREENER is not None
    rows = []
    for traveller in travellers:
        for hit in _SCREENER.check(traveller, _THRESHOLD):
            rows.append(HitRow(hit.traveller_id, hit.alert_id, hit.score, hit.explanation()))
    return rows


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
    global _SCREENER, _THRESHOLD
    _SCREENER, _THRESHOLD = screener, threshold
    count = workers or os.cpu_count() or 1
    try:
        if (
            count <= 1
            or len(travellers) <= CHUNK
            or "fork" not in multiprocessing.get_all_start_methods()
        ):
            for chunk in _chunks(travellers):
                yield _check_chunk(chunk)
                if progress:
                    progress(len(chunk))
            return
        context = multiprocessing.get_context("fork")
        with context.Pool(count) as pool:
            for chunk, rows in zip(
                _chunks(travellers), pool.imap(_check_chunk, _chunks(travellers)), strict=True
            ):
                yield rows
                if progress:
                    progress(len(chunk))
    finally:
        _SCREENER, _THRESHOLD = None, None
