"""The candidate index's keys: the same for a person keyed alone (a single check) as keyed with
a whole register (the index, the bulk join), and meeting only where the rules say."""

from __future__ import annotations

from collections import defaultdict

from corridor.domain.screening.dates import parse_birth_date
from corridor.domain.screening.index import (
    CandidateIndex,
    NameHashes,
    Names,
    joined_hashes,
    key_arrays,
    name_hashes,
    query_and_stored_keys,
)
from corridor.domain.screening.records import Person, prepare


def person(pid: str, name: str, born: str = "", doc: str = "") -> Person:
    return prepare(pid, [name], parse_birth_date(born), ["VNM"], None, [doc])


PEOPLE = [
    person("a", "Nguyễn Văn Hùng", "1985-03-12"),
    person("b", "NGUYEN VAN HUNG", "1985-03-12", "C1234567"),
    person("c", "NGUYEN VAN HUNG", "1985"),
    person("d", "TRAN THI LAN", "1990-07-01", "C1234567"),
    person("e", "王小红", "1992-11-02"),
    person("f", "TRAN THI LAN", ""),
    person("g", "PHAM", "1985-12-03"),
    person("h", "HUNG PHAM", "1985-03-12"),
    person("i", "HUNG LE", "1990-01-01"),
]


def owned(people: list[Person], *, query: bool) -> dict[int, set[int]]:
    hashes, owners = key_arrays(people, query=query)
    out: dict[int, set[int]] = defaultdict(set)
    for key, owner in zip(hashes.tolist(), owners.tolist(), strict=True):
        out[owner].add(key)
    return out


def test_a_person_keyed_alone_has_the_keys_it_has_among_many() -> None:
    for query in (True, False):
        together = owned(PEOPLE, query=query)
        for position, one in enumerate(PEOPLE):
            assert owned([one], query=query)[0] == together[position]


def test_a_dataset_keyed_both_ways_at_once_has_the_keys_of_each_way() -> None:
    both = query_and_stored_keys(PEOPLE)
    for (hashes, owners), query in zip(both, (True, False), strict=True):
        alone = key_arrays(PEOPLE, query=query)
        assert sorted(zip(hashes.tolist(), owners.tolist(), strict=True)) == sorted(
            zip(alone[0].tolist(), alone[1].tolist(), strict=True)
        )
    assert set(both[0][0].tolist()) != set(both[1][0].tolist())  # the dates differ


def test_names_keyed_in_two_runs_give_the_keys_of_one() -> None:
    whole = query_and_stored_keys(PEOPLE)
    distinct = len({person.names for person in PEOPLE})
    for cut in range(distinct + 1):

        def in_two(names: list[Names], cut: int = cut) -> NameHashes:
            return joined_hashes(name_hashes(names[:cut]), name_hashes(names[cut:]))

        split = query_and_stored_keys(PEOPLE, in_two)
        for (hashes, owners), (split_hashes, split_owners) in zip(whole, split, strict=True):
            assert hashes.tolist() == split_hashes.tolist()
            assert owners.tolist() == split_owners.tolist()


def test_keys_are_distinct_per_person_and_none_for_nobody() -> None:
    hashes, owners = key_arrays(PEOPLE, query=True)
    pairs = list(zip(hashes.tolist(), owners.tolist(), strict=True))
    assert len(pairs) == len(set(pairs))
    assert key_arrays([], query=True)[0].size == 0


def test_a_name_part_with_a_date_meets_the_same_part_and_date_only() -> None:
    keys = owned(PEOPLE, query=False)
    index = CandidateIndex(PEOPLE)
    # the same name and date, written with and without marks, and by a year only
    assert {0, 1, 2} <= set(index.candidates(PEOPLE[0]))
    # a different person sharing nothing but the year's first parts: no key in common
    assert not keys[0] & keys[3]
    # a part with a date meets the same part with the same date, not with another date
    assert keys[7] & keys[0]  # HUNG with 1985-03-12
    assert not keys[8] & keys[0]  # HUNG with another date
    assert not keys[6] & keys[0]  # PHAM alone, 1985-12-03: nothing in common with Hùng
    # a document shared by two different names meets
    assert 3 in index.candidates(PEOPLE[1])
    # a Chinese name meets itself only
    assert index.candidates(PEOPLE[4]) == [4]
