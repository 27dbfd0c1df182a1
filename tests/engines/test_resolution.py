"""The bulk engine finds and scores the same pairs as resolving record by record."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import numpy as np
import pytest

from corridor.domain.resolution.resolver import Resolver
from corridor.domain.screening.index import NameHashes, Names
from corridor.engines import resolution
from corridor.engines.resolution import candidate_pairs, scored_pairs
from corridor.ingest.records import read_records
from corridor.ingest.rows import RowError
from tests.domain.resolution.test_resolve import HEADER, RECORDS


@pytest.fixture
def resolver(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    path = tmp_path_factory.mktemp("records") / "records.csv"
    path.write_text(HEADER + "\n".join(RECORDS) + "\n", encoding="utf-8")
    return Resolver([item[1] for item in read_records(path) if not isinstance(item, RowError)])


def test_each_candidate_pair_is_found_once(resolver: Resolver) -> None:
    lefts, rights = candidate_pairs(resolver)
    pairs = list(zip(lefts.tolist(), rights.tolist(), strict=True))
    assert len(pairs) == len(set(pairs)) > 0
    assert all(left < right for left, right in pairs)


@pytest.mark.parametrize("workers", [1, 2])
def test_the_bulk_engine_scores_what_record_by_record_scoring_does(
    resolver: Resolver, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resolution, "CHUNK", 3)  # several slices, so the workers share them
    monkeypatch.setattr(resolution, "FORK_FROM", 0)  # and workers even for so few pairs
    bulk = scored_pairs(resolver, 0.15, workers=workers)
    one_by_one = resolver.pairs(0.15)
    assert [(p.left, p.right) for p in bulk] == [(p.left, p.right) for p in one_by_one]
    assert [p.score for p in bulk] == pytest.approx([p.score for p in one_by_one])
    assert ("R1", "R2") in {(p.left, p.right) for p in bulk}


def test_a_join_started_before_the_resolver_gives_the_same_pairs(resolver: Resolver) -> None:
    with resolution.joining([record.person for record in resolver.by_position]) as joined:
        early = scored_pairs(resolver, 0.15, joined=joined)
    assert early == scored_pairs(resolver, 0.15)
    assert ("R1", "R2") in {(p.left, p.right) for p in early}


@pytest.mark.parametrize("keyed_here", [0.0, 0.4, 1.0])
def test_a_join_whose_names_two_processes_key_finds_what_one_does(
    resolver: Resolver, keyed_here: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resolution, "KEYED_HERE", keyed_here)
    people = [record.person for record in resolver.by_position]
    alone = set(zip(*(side.tolist() for side in resolution._joined(people)), strict=True))
    threads = threading.active_count()
    with resolution.joining(people) as joined:
        shared = set(zip(*(side.tolist() for side in joined()), strict=True))
    assert shared == alone
    assert len(alone) > 10
    assert threading.active_count() == threads  # the thread that hands the hashes over left


def test_a_key_that_would_pair_crowds_selects_nothing_in_bulk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Forty namesakes born in 1970, half with the year only: every one of them asks for the
    # name's keys and the year's, and twenty to forty hold each of them.
    crowd = [
        f"C{k},VNM-IMM-crossings,PHAM VAN BINH,{1970 if k % 2 else f'1970-01-{k // 2 + 1:02d}'},"
        "VNM,M,,,"
        for k in range(40)
    ]
    pair = [f"A{k},VNM-IMM-crossings,LE THI MAI,1990-05-05,VNM,F,B1234567,," for k in (1, 2)]
    path = tmp_path / "records.csv"
    path.write_text(HEADER + "\n".join([*crowd, *pair]) + "\n", encoding="utf-8")
    resolver = Resolver([item[1] for item in read_records(path) if not isinstance(item, RowError)])

    def found() -> set[tuple[str, str]]:
        lefts, rights = candidate_pairs(resolver)
        ids = [record.person.id for record in resolver.by_position]
        return {(ids[a], ids[b]) for a, b in zip(lefts.tolist(), rights.tolist(), strict=True)}

    assert len(found()) > 1  # under the shipped limit the crowd's keys still select
    monkeypatch.setattr(resolution, "MAX_PAIRS_PER_KEY", 100)
    assert found() == {("A1", "A2")}


def test_a_join_whose_process_fails_before_taking_the_hashes_fails_without_waiting(
    resolver: Resolver, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = [record.person for record in resolver.by_position]
    first = people[0].names
    real = resolution.name_hashes

    def hashed(names: list[Names]) -> NameHashes:
        if names and names[0] == first:  # the join's process's share
            raise RuntimeError("keying failed")
        offsets, values, part_offsets, parts = real(names)
        # more than a pipe holds, so that the hand-over waits for a reader
        return offsets, np.resize(values, 2_000_000), part_offsets, parts

    monkeypatch.setattr(resolution, "name_hashes", hashed)
    signal.signal(signal.SIGALRM, _hung)
    signal.alarm(30)
    try:
        with (
            pytest.raises(RuntimeError, match="keying failed"),
            resolution.joining(people) as joined,
        ):
            joined()
    finally:
        signal.alarm(0)


def _hung(signum: int, frame: object) -> None:
    raise AssertionError("the join waited for a process that had failed")
