"""Clustering's compatibility check: exact evidence where a pair may be compatible, -inf
where not even a perfect name could make it so."""

from __future__ import annotations

from corridor.domain.resolution.resolver import COMPATIBLE_BITS, Resolver, ResolverRecord
from corridor.domain.screening.dates import parse_birth_date
from corridor.domain.screening.records import prepare


def record(rid: str, name: str, born: str, doc: str, phone: str | None = None) -> ResolverRecord:
    return ResolverRecord(prepare(rid, [name], parse_birth_date(born), ["VNM"], "F", [doc]), phone)


def test_a_pair_that_may_be_one_person_is_weighed_exactly() -> None:
    a = record("a", "NGUYEN THI HUONG", "1990-03-01", "C1234567", "+84901234567")
    b = record("b", "HUONG THI NGUYEN", "1990-03-01", "C1234567", "+84901234567")
    resolver = Resolver([a, b])
    exact = resolver.scorer.bits(a.person, b.person)
    assert exact is not None
    assert resolver.bits(a, b) == exact + resolver.contact_bits(a, b)
    assert resolver.bits(a, b) >= COMPATIBLE_BITS


def test_a_pair_no_name_could_make_compatible_is_not_aligned() -> None:
    a = record("a", "NGUYEN THI HUONG", "1990-03-01", "C1234567")
    b = record("b", "NGUYEN THI HUONG", "1951-11-23", "N7654321")
    resolver = Resolver([a, b])
    exact = resolver.scorer.bits(a.person, b.person)
    assert exact is not None
    assert exact < COMPATIBLE_BITS  # the full weighing agrees
    assert resolver.bits(a, b) == float("-inf")
