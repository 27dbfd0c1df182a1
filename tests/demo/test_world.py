"""The demo world is deterministic, realistic and valid."""

from datetime import date
from itertools import islice

from corridor.demo.world import AGENCIES, demo_users, travellers
from corridor.domain.documents.mrz_parser import parse
from corridor.domain.roles import Role


def test_the_same_seed_gives_the_same_world() -> None:
    assert list(islice(travellers(7, 100), 100)) == list(islice(travellers(7, 100), 100))
    assert list(travellers(7, 50)) != list(travellers(8, 50))


def test_agencies_include_the_partners_of_the_agreements() -> None:
    codes = {a.code for a in AGENCIES}
    assert {"VNM-MPS", "GBR-HO", "CHN-NIA"} <= codes
    assert len(codes & {"THA-IMB", "KHM-GDI"}) >= 2  # at least two ASEAN partners


def test_every_role_has_a_demo_user() -> None:
    roles = {role for user in demo_users() for role in user.roles}
    assert roles == set(Role)


def test_names_come_in_their_own_scripts() -> None:
    people = list(travellers(7, 2000))
    scripts = {p.script for p in people}
    assert {"Latn", "Hans", "Hang", "Jpan", "Cyrl"} <= scripts
    vietnamese = [p for p in people if p.nationality == "VNM"]
    assert any(p.native_name and "ễ" in p.native_name for p in vietnamese)
    assert all(p.family_name.isascii() for p in people)


def test_every_document_reads_back_and_smudged_ones_are_corrected() -> None:
    today = date(2026, 11, 23)
    smudged = reported = 0
    for person in travellers(11, 3000):
        for document in person.documents:
            reading = parse(list(document.mrz), today)
            assert reading.valid, (document.mrz, reading.errors)
            assert reading.document_number == document.number
            smudged += bool(reading.corrections)
            reported += document.reported is not None
    assert smudged > 5  # the demo shows officers corrected prints
    assert reported > 10  # and reported documents
