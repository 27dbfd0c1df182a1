"""The bulk path of identity resolution: a whole dataset's candidate pairs found at once on
DuckDB, then scored on every core of this machine.

Blocking is a join: each record's query keys (the candidate index's, see
``domain/screening/index.py``) against every record's stored keys, keys held by more than
``MAX_POSTINGS`` records dropped as the index drops them, each pair kept once. A whole
dataset also asks for every key as many times as records hold it, so a key is dropped too
when it would make more than ``MAX_PAIRS_PER_KEY`` pairs: at a million records a common name
part with a birth year makes tens of thousands of pairs of strangers, and a true pair nearly
always shares a rarer key as well (a document, the full date, the rarer part). DuckDB does
the join in parallel and spills to disk rather than running out of memory. The join needs only
the people, so it runs in a forked process from the moment they are read (``joining``) while
this one keys a share of the distinct names for it (handed over through a pipe, as arrays of
hashes), then builds the resolver and prepares the name weighing. The pairs are then scored by the
same rules as a single check (``Resolver.weigh``): the resolver (weights, model, weighers) is
built once in the parent, and forked workers inherit it and score slices of the pairs. A
larger engine (Spark, for a register that outgrows one machine) takes the same seam: a
function from a resolver to its scored pairs.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from functools import partial
from multiprocessing.connection import Connection

import numpy as np
import numpy.typing as npt

from corridor.domain.resolution.resolver import Resolver, ScoredPair, best_first
from corridor.domain.screening.index import (
    MAX_POSTINGS,
    NameHashes,
    Names,
    distinct_names,
    joined_hashes,
    name_hashes,
    query_and_stored_keys,
)
from corridor.domain.screening.records import Person
from corridor.engines.forked import can_fork, forked_map, in_background

# A key asked for by many records and held by many (a common name part with a birth year,
# which every record of that year asks for) makes asked x held pairs, nearly all strangers:
# beyond this many it selects nothing on its own, as a key held too often does for one check.
MAX_PAIRS_PER_KEY = 4_000
CHUNK = 20_000  # pairs per worker's task: enough to amortise the hand-over, few enough to balance
# Below this many pairs one process weighs faster than two: a forked worker learns its token
# similarities anew and hands its pairs back (the development set's 105,000 on 2026-12-06:
# 0.26 to 0.29 s in one, 0.31 to 0.41 s in two)
FORK_FROM = 500_000
# The share of the distinct names this process keys for the join, the last of them: the
# join's process keys the rest and then runs the query, while this one goes on to build the
# resolver and the weighers (on the development set the two sides then end within ~0.1 s)
KEYED_HERE = 0.5
Positions = npt.NDArray[np.int32]
Joined = Callable[[], tuple[Positions, Positions]]  # waits for the join's pairs

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
    return _dated(resolver, *_joined(resolver.screener.alerts))


@contextmanager
def joining(people: Sequence[Person]) -> Iterator[Joined]:
    """The pairs of ``people`` (by position, as a resolver of them numbers its records) that
    share a selective key, being found now in a forked process: the block is given a function
    that waits for them, for ``scored_pairs``."""
    if not can_fork():
        with in_background(partial(_joined, people)) as joined:
            yield joined
        return
    names = distinct_names(people)
    there = len(names) - round(len(names) * KEYED_HERE)
    receiving, sending = multiprocessing.Pipe(duplex=False)
    with in_background(
        partial(_joined, people, partial(_shared, receiving, sending, there))
    ) as joined:
        receiving.close()  # the join's process holds its own end: its exit ends the pipe
        # sent from a thread: a pipe holds 64 KiB, and the join's process reads the hashes
        # only once it has made its own, by which time this one is building the resolver
        keyed = name_hashes(names[there:])
        sender = threading.Thread(target=_send, args=(sending, keyed), daemon=True)
        sender.start()
        try:
            yield joined
        finally:
            sender.join()


def _send(sending: Connection, keyed: NameHashes) -> None:
    # the join's process may have failed before reading: its error is what the join gives
    with sending, suppress(BrokenPipeError):
        sending.send(keyed)


def _shared(
    receiving: Connection, sending: Connection, there: int, names: list[Names]
) -> NameHashes:
    """In the join's process: the ``name_hashes`` of the first ``there`` names, made here,
    joined by those of the rest, made by the process that started the join."""
    sending.close()  # the other's end: the pipe then ends if the other process does
    with receiving:  # closed on any failure too, so that the other's send does not wait
        own = name_hashes(names[:there])
        return joined_hashes(own, receiving.recv())


def _joined(
    people: Sequence[Person], hashed: Callable[[list[Names]], NameHashes] | None = None
) -> tuple[Positions, Positions]:
    """The pairs that share a selective key: the join, on DuckDB."""
    import duckdb  # here, in the process that joins: the one that reads need not wait for it

    (asked, askers), (held, holders) = query_and_stored_keys(people, hashed)
    query = {"key": asked, "owner": askers}
    stored = {"key": held, "owner": holders}  # as the index files them
    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        con.register("query", query)
        con.register("stored", stored)
        found = con.execute(
            _BLOCKING, {"max_postings": MAX_POSTINGS, "max_pairs": MAX_PAIRS_PER_KEY}
        ).fetchnumpy()
    return np.asarray(found["lo"], dtype=np.int32), np.asarray(found["hi"], dtype=np.int32)


def _dated(resolver: Resolver, lefts: Positions, rights: Positions) -> tuple[Positions, Positions]:
    """The pairs whose birth dates may be one person's: as a single check does, disagreeing
    dates are never a match."""
    screener = resolver.screener
    if not screener.dates_decide:
        return lefts, rights
    kept = screener.dates.compatible_pairs(lefts, rights)
    return lefts[kept], rights[kept]


def scored_pairs(
    resolver: Resolver,
    threshold: float,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
    explain: bool = True,
    joined: Joined | None = None,
) -> list[ScoredPair]:
    """Every pair of the resolver's records at or above ``threshold``, once, best first;
    scored on ``workers`` processes (default: every core; one below ``FORK_FROM`` pairs),
    explained unless ``explain`` is false. ``progress`` hears of each stage. ``joined`` is the
    join of the resolver's people if ``joining`` started it already."""
    with ExitStack() as stack:
        if joined is None:  # the join and the weighers need only the records: a core each
            joined = stack.enter_context(joining(resolver.screener.alerts))
        resolver.weighers()  # made once, here, for every worker
        resolver.marked_ids()  # and what clustering asks of every record
        lefts, rights = _dated(resolver, *joined())  # the dates on the side that waits
    if progress is not None:
        progress(f"{len(lefts):,} candidate pairs found")
    total = len(lefts)
    count = 1 if total < FORK_FROM or total <= CHUNK else workers or os.cpu_count() or 1
    # workers share slices; one process weighs every pair at once, as each slice makes its
    # own passes over the names (the development set: 0.21 s at once, 0.27 s in slices)
    size = CHUNK if count > 1 else max(total, 1)
    bounds = [(start, min(start + size, total)) for start in range(0, total, size)]

    def weigh(bound: tuple[int, int]) -> list[ScoredPair]:
        start, end = bound
        return resolver.weigh(lefts[start:end], rights[start:end], threshold, explain)

    chunks = forked_map(weigh, bounds, count)
    return best_first(pair for chunk in chunks for pair in chunk)
