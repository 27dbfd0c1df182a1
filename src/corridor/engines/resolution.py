"""The bulk path of identity resolution: a whole dataset's candidate pairs found at once on
DuckDB, then scored on every core of this machine.

Blocking is a join: each record's query keys (the candidate index's, see
``domain/screening/index.py``) against every record's stored keys, keys held by more than
``MAX_POSTINGS`` records dropped as the index drops them, each pair kept once. A whole
dataset also asks for every key as many times as records hold it, so a key is dropped too
when it would make more than ``MAX_PAIRS_PER_KEY`` pairs: at a million records a common name
part with a birth year makes tens of thousands of pairs of strangers, and a true pair nearly
always shares a rarer key as well (a document, the full date, the rarer part). DuckDB does
the join in parallel and spills to disk rather than running out of memory. The pairs are
then scored by the same rules as a single check (``Resolver.weigh``): the resolver
(index, weights, model) is built once in the parent, and forked workers inherit it and score
slices of the pairs. A larger engine (Spark, for a register that outgrows one machine) takes
the same seam: a function from a resolver to its scored pairs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable

import duckdb
import numpy as np
import numpy.typing as npt

from corridor.domain.resolution.resolver import Resolver, ScoredPair
from corridor.domain.screening.index import MAX_POSTINGS, key_arrays

# A key asked for by many records and held by many (a common name part with a birth year,
# which every record of that year asks for) makes asked x held pairs, nearly all strangers:
# beyond this many it selects nothing on its own, as a key held too often does for one check.
MAX_PAIRS_PER_KEY = 4_000
CHUNK = 20_000  # pairs per task: enough to amortise the hand-over, small enough to balance
# Below this many pairs one process weighs faster than two: a forked worker learns its token
# similarities anew and hands its pairs back (the development set's 105,000: 0.96 s in one,
# 1.32 s in two)
FORK_FROM = 500_000
Positions = npt.NDArray[np.int32]

_RESOLVER: Resolver | None = None  # set in the parent before the workers fork
_PAIRS: tuple[Positions, Positions] | None = None
_THRESHOLD = 0.5
_EXPLAIN = True

_BLOCKING = """
WITH stored_count AS (SELECT key, count(*) AS held FROM stored GROUP BY key),
asked_count AS (SELECT key, count(*) AS asked FROM query GROUP BY key),
selective AS (
    SELECT key FROM stored_count JOIN asked_count USING (key)
    WHERE held <= $max_postings AND held * asked <= $max_pairs
)
SELECT DISTINCT least(q.owner, s.owner) AS lo, greatest(q.owner, s.owner) AS hi
FROM query AS q
JOIN stored AS s USING (key)
SEMI JOIN selective USING (key)
WHERE q.owner <> s.owner
"""


def candidate_pairs(resolver: Resolver) -> tuple[Positions, Positions]:
    """Every candidate pair of the resolver's records once, as two arrays of positions
    (left < right)."""
    screener = resolver.screener
    hashes, owners = key_arrays(screener.alerts, query=True)
    query = {"key": hashes, "owner": owners}
    stored = {"key": screener.index.hashes, "owner": screener.index.owners}
    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        con.register("query", query)
        con.register("stored", stored)
        found = con.execute(
            _BLOCKING, {"max_postings": MAX_POSTINGS, "max_pairs": MAX_PAIRS_PER_KEY}
        ).fetchnumpy()
    lefts = np.asarray(found["lo"], dtype=np.int32)
    rights = np.asarray(found["hi"], dtype=np.int32)
    if screener.dates_decide:  # as a single check does: disagreeing dates are never a match
        kept = screener.dates.compatible_pairs(lefts, rights)
        lefts, rights = lefts[kept], rights[kept]
    return lefts, rights


def _score_slice(bounds: tuple[int, int]) -> list[ScoredPair]:
    assert _RESOLVER is not None
    assert _PAIRS is not None
    start, end = bounds
    lefts, rights = _PAIRS
    return _RESOLVER.weigh(lefts[start:end], rights[start:end], _THRESHOLD, _EXPLAIN)


def scored_pairs(
    resolver: Resolver,
    threshold: float,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
    explain: bool = True,
) -> list[ScoredPair]:
    """Every pair of the resolver's records at or above ``threshold``, once, best first;
    scored on ``workers`` processes (default: every core; one below ``FORK_FROM`` pairs),
    explained unless ``explain`` is false. ``progress`` hears of each stage."""
    global _RESOLVER, _PAIRS, _THRESHOLD, _EXPLAIN
    lefts, rights = candidate_pairs(resolver)
    if progress is not None:
        progress(f"{len(lefts):,} candidate pairs found")
    total = len(lefts)
    bounds = [(start, min(start + CHUNK, total)) for start in range(0, total, CHUNK)]
    count = workers or os.cpu_count() or 1
    resolver.weighers()  # made once, here, for every worker
    _RESOLVER, _PAIRS, _THRESHOLD, _EXPLAIN = resolver, (lefts, rights), threshold, explain
    try:
        one = count <= 1 or total < FORK_FROM or len(bounds) <= 1
        if one or "fork" not in multiprocessing.get_all_start_methods():
            chunks = [_score_slice(b) for b in bounds]
        else:
            with multiprocessing.get_context("fork").Pool(count) as pool:
                chunks = pool.map(_score_slice, bounds)
    finally:
        _RESOLVER, _PAIRS = None, None
    found = [pair for chunk in chunks for pair in chunk]
    found.sort(key=lambda p: (-p.bits, p.left, p.right))
    return found
