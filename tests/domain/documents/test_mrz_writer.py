"""The writer against the specimens printed in ICAO Doc 9303 Parts 4 and 5."""

from dataclasses import replace
from datetime import date

import pytest

from corridor.domain.documents.check_digit import check_digit
from corridor.domain.documents.mrz_writer import DocumentFields, make_td1, make_td3
from corridor.domain.documents.transliteration import name_field, to_mrz_name_part
from corridor.errors import InvalidInput


def _eriksson(code: str, number: str, optional: str = "") -> DocumentFields:
    return DocumentFields(
        code,
        "UTO",
        "Eriksson",
        "Anna María",
        number,
        "UTO",
        date(1974, 8, 12),
        "F",
        date(2012, 4, 15),
        optional,
    )


def test_check_digits_follow_icao_weights() -> None:
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"
    assert check_digit("ZE184226B<<<<<") == "1"


def test_td3_passport_specimen_of_part_4() -> None:
    assert make_td3(_eriksson("P", "L898902C3", "ZE184226B")) == (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    )


def test_td1_card_specimen_of_part_5() -> None:
    assert make_td1(_eriksson("I", "D23145890")) == (
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    )


def test_td1_long_document_number_continues_in_the_optional_data() -> None:
    line1, _, _ = make_td1(_eriksson("I", "D23145890734"))
    assert line1 == "I<UTOD23145890<7349<<<<<<<<<<<"


@pytest.mark.parametrize(
    ("written", "mrz"),
    [
        ("Nguyễn Thị Thu", "NGUYEN<THI<THU"),
        ("Đặng", "DANG"),
        ("O'Brien-Smith", "OBRIEN<SMITH"),
        ("Müller", "MUELLER"),
        ("Жанна Щукина", "ZHANNA<SHCHUKINA"),
    ],
)
def test_names_are_transliterated_as_icao_recommends(written: str, mrz: str) -> None:
    assert to_mrz_name_part(written) == mrz


def test_a_long_name_is_truncated_to_the_field() -> None:
    field = name_field("Nguyễn", "Thị Thu Hương Ngọc Anh Phương Thảo Lan", 39)
    assert len(field) == 39
    assert field.startswith("NGUYEN<<THI<THU<HUONG")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"issuing_state": "ZZZ"}, "issuing state"),
        ({"sex": "Q"}, "sex must be"),
        ({"document_number": "  "}, "needs a number"),
        ({"document_number": "1234567890"}, "at most 9"),
    ],
)
def test_impossible_fields_are_refused(change: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        make_td3(replace(_eriksson("P", "L898902C3"), **change))
