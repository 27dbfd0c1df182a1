"""Scoring the candidate pairs of a whole dataset on every core of this machine.

The bulk path of identity resolution: the resolver (index, weights, model) is built once in
the parent; forked workers inherit it and score chunks of records as travellers against it;
the parent keeps each pair once and clusters. A larger engine (Spark, for a register that
outgrows one machine) takes the same seam: a function from records to scored pairs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence

from corridor.domain.resolution.resolver import Resolver, ScoredPair

CHUNK = 500
_RESOLVER: Resolver | None = None  # set in the parent before the workers fork
_THRESHOLD = 0.5


def _score_chunk(record_ids: Sequence[str]) -> list[ScoredPair]:
    assert _RESOLVER is not None
    return _RESOLVER.pairs_from(record_ids, _THRESHOLD)


def scored_pairs(
    resolver: Resolver, threshold: float, workers: int | None = None
) -> list[ScoredPair]:
    """``resolver.pairs(threshold)``, computed on ``workers`` processes (default: every core)."""
    global _RESOLVER, _THRESHOLD
    ids = list(resolver.records)
    chunks = [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)]
    count = workers or os.cpu_count() or 1
    if count <= 1 or len(chunks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return resolver.pairs(threshold)
    _RESOLVER, _THRESHOLD = resolver, threshold
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            return Resolver.merge_pairs(pool.imap(_score_chunk, chunks))
    finally:
        _RESOLVER = None
