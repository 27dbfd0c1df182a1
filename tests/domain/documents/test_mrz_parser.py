"""Reading MRZs: the ICAO 9303 specimens, every check digit, OCR slips and bad input."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.domain.documents.check_digit import check_digit
from corridor.domain.documents.mrz_parser import NotAnMRZ, parse
from corridor.domain.documents.mrz_writer import DocumentFields, make_mrz

TODAY = date(2026, 11, 23)

# The specimens printed in ICAO Doc 9303 Parts 4 (TD3), 5 (TD1), 6 (TD2) and 7 (MRV-A, MRV-B).
SPECIMENS = {
    "TD3": [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ],
    "TD1": [
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ],
    "TD2": ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"],
    "MRVA": [
        "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
    ],
    "MRVB": ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"],
}
# (line, column) of every check digit, per format.
CHECK_DIGITS = {
    "TD3": {
        "document_number": (1, 9),
        "birth_date": (1, 19),
        "expiry_date": (1, 27),
        "optional_data": (1, 42),
        "composite": (1, 43),
    },
    "TD1": {
        "document_number": (0, 14),
        "birth_date": (1, 6),
        "expiry_date": (1, 14),
        "composite": (1, 29),
    },
    "TD2": {
        "document_number": (1, 9),
        "birth_date": (1, 19),
        "expiry_date": (1, 27),
        "composite": (1, 35),
    },
    "MRVA": {"document_number": (1, 9), "birth_date": (1, 19), "expiry_date": (1, 27)},
    "MRVB": {"document_number": (1, 9), "birth_date": (1, 19), "expiry_date": (1, 27)},
}


@pytest.mark.parametrize("fmt", SPECIMENS)
def test_every_icao_specimen_reads_and_passes(fmt: str) -> None:
    reading = parse(SPECIMENS[fmt], TODAY)
    assert reading.format == fmt
    assert reading.valid, reading.errors
    assert reading.issuing_state == "UTO"
    assert (reading.surname, reading.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert reading.sex == "F"
    assert reading.corrections == []


def test_the_td3_specimen_gives_every_field() -> None:
    fields = parse(SPECIMENS["TD3"], TODAY).as_dict()
    assert (
        fields
        | {
            "document_code": "P",
            "document_number": "L898902C3",
            "nationality": "UTO",
            "birth_date": "1974-08-12",
            "expiry_date": "2012-04-15",
            "optional_data": "ZE184226B",
        }
        == fields
    )
    assert "the document expired on 2012-04-15" in fields["warnings"]


def _change(lines: list[str], line: int, column: int, char: str) -> list[str]:
    changed = list(lines)
    changed[line] = changed[line][:column] + char + changed[line][column + 1 :]
    return changed


@pytest.mark.parametrize(
    ("fmt", "check"), [(f, c) for f, digits in CHECK_DIGITS.items() for c in digits]
)
def test_each_check_digit_failing_alone_is_reported(fmt: str, check: str) -> None:
    line, column = CHECK_DIGITS[fmt][check]
    wrong = str((int(SPECIMENS[fmt][line][column]) + 1) % 10)
    reading = parse(_change(SPECIMENS[fmt], line, column, wrong), TODAY)
    assert not reading.valid
    assert reading.checks[check] is False
    # The composite covers every other check digit, so it fails with them and with nothing else.
    failed = {k for k, v in reading.checks.items() if v is False}
    assert failed == {check} | ({"composite"} if "composite" in CHECK_DIGITS[fmt] else set())
    assert any(check.replace("_", " ") in error for error in reading.errors)


def test_an_ocr_slip_in_the_document_number_is_corrected_and_said() -> None:
    slipped = _change(SPECIMENS["TD3"], 1, 5, "O")  # L8989O2C3: the 0 read as the letter O
    reading = parse(slipped, TODAY)
    assert reading.valid
    assert reading.document_number == "L898902C3"
    [correction] = reading.corrections
    assert (correction.field, correction.before, correction.after) == (
        "document_number",
        "L8989O2C3",
        "L898902C3",
    )
    assert "OCR slips were corrected; see corrections" in reading.warnings


def test_letters_in_digit_fields_are_read_as_digits() -> None:
    slipped = _change(_change(SPECIMENS["TD1"], 1, 2, "O"), 1, 4, "I")  # 740812 -> 74O8I2
    reading = parse(slipped, TODAY)
    assert reading.valid
    assert reading.birth_date == "1974-08-12"
    assert {c.field for c in reading.corrections} == {"birth_date"}


def test_a_digit_in_a_state_code_or_name_is_read_as_a_letter() -> None:
    slipped = _change(_change(SPECIMENS["TD3"], 0, 4, "0"), 0, 7, "1")  # UT0, ER1KSSON
    reading = parse(slipped, TODAY)
    assert reading.issuing_state == "UTO"
    assert reading.surname == "ERIKSSON"
    assert {c.field for c in reading.corrections} == {"issuing_state", "name"}


def _ambiguous_number() -> tuple[str, str]:
    """A number and a check digit it fails, where two single OCR readings would both pass."""
    from corridor.domain.documents.ocr import single_substitutions

    for number in ("B0O5S1", "O8S2I0", "5O8B1Z", "I0O0S8"):
        padded = number.ljust(9, "<")
        for digit in "0123456789":
            if check_digit(padded) == digit:
                continue
            if sum(check_digit(n) == digit for n in single_substitutions(padded)) >= 2:
                return number, digit
    raise AssertionError("no ambiguous example among the candidates")


@pytest.mark.parametrize("fmt", ["MRVB", "TD3"])
def test_an_ambiguous_reading_is_never_chosen(fmt: str) -> None:
    number, digit = _ambiguous_number()
    code = "V" if fmt == "MRVB" else "P"
    fields = DocumentFields(
        code, "UTO", "ERIKSSON", "ANNA", number, "UTO", date(1974, 8, 12), "F", date(2030, 4, 15)
    )
    garbled = _change(list(make_mrz(fields, fmt)), 1, 9, digit)
    reading = parse(garbled, TODAY)
    assert not reading.valid
    assert reading.document_number == number
    assert reading.corrections == []
    assert any("several OCR readings would pass" in e for e in reading.errors)


def test_td1_long_document_numbers_continue_in_the_optional_data() -> None:
    lines = [
        "I<UTOD23145890<7349<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ]
    reading = parse(lines, TODAY)
    assert reading.valid
    assert reading.document_number == "D23145890734"
    assert reading.optional_data == ""
    broken = parse(_change(lines, 0, 18, "8"), TODAY)
    assert broken.checks["document_number"] is False


def test_a_vietnamese_citizen_card_number_round_trips_in_td1() -> None:
    fields = DocumentFields(
        "ID",
        "VNM",
        "Nguyễn",
        "Thị Hương",
        "001190012345",
        "VNM",
        date(1990, 3, 1),
        "F",
        date(2050, 3, 1),
    )
    reading = parse(list(make_mrz(fields, "TD1")), TODAY)
    assert reading.valid
    assert reading.document_number == "001190012345"
    assert reading.expiry_date == date(2050, 3, 1)
    assert (reading.surname, reading.given_names) == ("NGUYEN", "THI HUONG")


def test_unknown_birth_day_and_month_are_kept_partial() -> None:
    lines = list(SPECIMENS["TD3"])
    body = lines[1][:13] + "74<<<<" + check_digit("74<<<<") + lines[1][20:43]
    lines[1] = body + check_digit(body[0:10] + body[13:20] + body[21:43])
    reading = parse(lines, TODAY)
    assert reading.valid
    assert reading.birth_date == "1974"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty"),
        ("\n\n  \n", "empty"),
        ("P<UTOERIKSSON<<ANNA\nL898902C36UTO7408122F120", "no MRZ format"),
        (
            "p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<\nl898902c36uto7408122f1204159ze184226b<<<<<10",
            "lower-case",
        ),
        (
            "P<UTOÉRIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
            "'É'",
        ),
        ("\n".join(SPECIMENS["TD2"] + [SPECIMENS["TD2"][1]]), "3 line(s) of 36, 36, 36"),
        ("X" * 10_000_000, "at most 132"),
        (
            "P<UTO;DROP TABLE<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n" + SPECIMENS["TD3"][1],
            "';'",
        ),
    ],
)
def test_input_that_is_no_mrz_is_refused_with_the_reason(raw: str, message: str) -> None:
    with pytest.raises(NotAnMRZ, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(raw, TODAY)


def test_spaces_and_blank_lines_from_a_scanner_are_tolerated() -> None:
    first, second = SPECIMENS["TD3"]
    raw = f"\n  {first} \n\n {second[:10]} {second[10:]}\n"
    reading = parse(raw, TODAY)
    assert reading.valid
    assert "spaces inside a line were removed" in reading.warnings


names = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=8)
numbers = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=9)


@settings(max_examples=300, deadline=None)
@given(
    fmt=st.sampled_from(["TD1", "TD2", "TD3", "MRVA", "MRVB"]),
    surname=names,
    given_names=st.lists(names, min_size=0, max_size=2).map(" ".join),
    number=numbers,
    born=st.dates(date(1927, 1, 1), date(2026, 11, 1)),
    expires=st.dates(date(2000, 1, 1), date(2070, 12, 31)),
    sex=st.sampled_from(["M", "F", "X"]),
    state=st.sampled_from(["VNM", "GBR", "CHN", "D", "XXA", "UTO"]),
)
def test_make_then_parse_gives_the_fields_back(
    fmt: str,
    surname: str,
    given_names: str,
    number: str,
    born: date,
    expires: date,
    sex: str,
    state: str,
) -> None:
    code = "V" if fmt.startswith("MRV") else ("P" if fmt == "TD3" else "I")
    fields = DocumentFields(code, state, surname, given_names, number, state, born, sex, expires)
    reading = parse(list(make_mrz(fields, fmt)), TODAY)
    assert reading.valid, reading.errors
    assert reading.corrections == [], reading.corrections
    assert reading.document_number == number
    assert reading.issuing_state == state
    assert reading.nationality == state
    assert reading.birth_date == born.isoformat()
    assert reading.expiry_date == expires
    assert reading.sex == sex
    full = f"{surname}<<{given_names.replace(' ', '<')}" if given_names else surname
    if len(full) <= {"TD1": 30, "TD2": 31, "MRVB": 31}.get(fmt, 39):
        assert (reading.surname, reading.given_names) == (surname, given_names)


def test_a_long_number_round_trips_in_td2() -> None:
    fields = replace(
        DocumentFields(
            "I",
            "UTO",
            "ERIKSSON",
            "ANNA",
            "D23145890734",
            "UTO",
            date(1974, 8, 12),
            "F",
            date(2030, 4, 15),
        ),
    )
    reading = parse(list(make_mrz(fields, "TD2")), TODAY)
    assert reading.valid
    assert reading.document_number == "D23145890734"
