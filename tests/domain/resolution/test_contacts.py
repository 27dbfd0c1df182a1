"""Shared phones and addresses: evidence weighted by how many records give the value."""

from __future__ import annotations

import pytest

from corridor.domain.resolution.addresses import address_key
from corridor.domain.resolution.resolver import (
    ADDRESS_BITS,
    HOUSEHOLD,
    PHONE_BITS,
    Resolver,
    ResolverRecord,
    shared_bits,
)
from corridor.ingest.records import record_of

HOME = "Số 25, Ngõ 181 Quang Trung, Quận Tân Bình"
HOSTEL = "Studio 2, Jacob Point, East Howard HD9M 6NZ"


def _record(record_id: str, name: str, address: str = "", phone: str = "") -> ResolverRecord:
    return record_of(
        record_id,
        {
            "source": "GBR-HO-enforcement",
            "full_name": name,
            "birth_date": "1985",
            "nationality": "VNM",
            "sex": "M",
            "phone": phone,
            "address": address,
        },
    )


def _pair(resolver: Resolver, a: str, b: str) -> tuple[float, str]:
    [pair] = [p for p in resolver.matches(resolver.records[a], 0.0) if {p.left, p.right} == {a, b}]
    return pair.bits, pair.explanation


def test_an_address_is_compared_however_it_was_punctuated_or_cased() -> None:
    assert address_key(HOME) == address_key("SO 25 NGO 181 QUANG TRUNG QUAN TAN BINH")
    assert address_key("studio 2 - jacob point,east howard HD9M 6NZ") == address_key(HOSTEL)
    assert address_key("Xóm 1") is None  # too little to tell one home from another
    assert address_key("HANOI") is None


@pytest.mark.parametrize(
    ("holders", "bits"),
    [(2, 2.0), (HOUSEHOLD, 2.0), (2 * HOUSEHOLD, 1.0), (4 * HOUSEHOLD, 0.0), (500, 0.0)],
)
def test_a_value_says_less_the_more_records_give_it(holders: int, bits: float) -> None:
    assert shared_bits(2.0, holders) == pytest.approx(bits)


def test_a_shared_home_adds_evidence_and_a_hostel_shared_by_strangers_adds_none() -> None:
    # three pairs of one name: at home (phone too), at a hostel, with nothing shared
    strangers = [
        _record(f"S{i}", f"PHAM VAN {name}", HOSTEL)
        for i, name in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 2)
    ]
    records = [
        _record("A1", "NGUYEN VAN HUNG", HOME, "0084 912 345 678"),
        _record("A2", "NGUYEN VAN HUNG", HOME.upper(), "+84 912 345 678"),
        _record("B1", "NGUYEN VAN HUNG", HOSTEL),
        _record("B2", "NGUYEN VAN HUNG", HOSTEL),
        _record("C1", "NGUYEN VAN HUNG"),
        _record("C2", "NGUYEN VAN HUNG"),
        *strangers,
    ]
    resolver = Resolver(records)
    bare, _ = _pair(resolver, "C1", "C2")
    home, explained = _pair(resolver, "A1", "A2")
    assert home == pytest.approx(bare + PHONE_BITS + ADDRESS_BITS)
    assert "address same, on 2 records (+2.0)" in explained
    assert "phone same" in explained
    hostel, explained = _pair(resolver, "B1", "B2")
    assert hostel == pytest.approx(bare)
    assert "address same, on 54 records (+0.0)" in explained
