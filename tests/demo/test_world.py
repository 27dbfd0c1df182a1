"""The demo world is deterministic, realistic and valid."""

from itertools import islice

from corridor.demo.world import AGENCIES, demo_users, travellers
from corridor.domain.documents.check_digit import check_digit
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


def test_every_machine_readable_zone_passes_its_check_digits() -> None:
    for person in travellers(11, 500):
        for document in person.documents:
            if document.document_code == "P":
                line2 = document.mrz[1]
                assert check_digit(line2[0:9]) == line2[9]
                assert check_digit(line2[13:19]) == line2[19]
                assert check_digit(line2[21:27]) == line2[27]
                composite = line2[0:10] + line2[13:20] + line2[21:43]
                assert check_digit(composite) == line2[43]
            else:
                assert len(document.mrz) == 3
                assert all(len(line) == 30 for line in document.mrz)
