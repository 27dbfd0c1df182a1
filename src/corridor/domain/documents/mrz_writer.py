"""Machine-readable zones written from fields (ICAO 9303 Parts 4 and 5): TD3 passports and
TD1 identity cards, with every check digit and the TD1 long-document-number rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from corridor.domain.countries import is_document_state
from corridor.domain.documents.check_digit import check_digit
from corridor.domain.documents.transliteration import name_field, to_mrz_alphanumeric
from corridor.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class DocumentFields:
    document_code: str  # "P", "PN", "ID", "I", "AC" ...
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: date
    sex: str  # "M", "F", "X" or "<"
    expiry_date: date
    optional_data: str = ""
    optional_data_2: str = ""


def _alnum(value: str, what: str, width: int | None = None) -> str:
    field = to_mrz_alphanumeric(value)
    if value.strip() and not field:
        raise InvalidInput(f"{what} {value!r} has no character a machine-readable zone can carry")
    if width is not None and len(field) > width:
        raise InvalidInput(f"{what} {value!r} is longer than {width} characters")
    return field


def _checked(fields: DocumentFields) -> DocumentFields:
    for what, state in (
        ("issuing state", fields.issuing_state),
        ("nationality", fields.nationality),
    ):
        if not is_document_state(state):
            raise InvalidInput(f"{what} {state!r} is not an ISO 3166-1 alpha-3 or ICAO code")
    if fields.sex not in ("M", "F", "X", "<"):
        raise InvalidInput(f"sex must be M, F, X or <, not {fields.sex!r}")
    if not fields.document_number.strip():
        raise InvalidInput("a document needs a number")
    return fields


def _yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def _code(document_code: str) -> str:
    code = document_code.strip().upper()
    if not 1 <= len(code) <= 2 or not code.isalpha():
        raise InvalidInput(f"document code {document_code!r} must be one or two letters")
    return code.ljust(2, "<")


def make_td3(fields: DocumentFields) -> tuple[str, str]:
    """Two lines of 44 characters for a passport (or an MRV-A visa with code ``V``)."""
    f = _checked(fields)
    number = _alnum(f.document_number, "document number", 9).ljust(9, "<")
    optional = _alnum(f.optional_data, "personal number", 14).ljust(14, "<")
    optional_check = "<" if optional == "<" * 14 else check_digit(optional)
    birth, expiry = _yymmdd(f.birth_date), _yymmdd(f.expiry_date)
    line1 = (
        _code(f.document_code)
        + f.issuing_state.ljust(3, "<")
        + name_field(f.surname, f.given_names, 39)
    )
    body = (
        number
        + check_digit(number)
        + f.nationality.ljust(3, "<")
        + birth
        + check_digit(birth)
        + f.sex
        + expiry
        + check_digit(expiry)
        + optional
        + optional_check
    )
    composite = check_digit(body[0:10] + body[13:20] + body[21:43])
    return line1, body + composite


def make_td1(fields: DocumentFields) -> tuple[str, str, str]:
    """Three lines of 30 characters for an identity card; a number over nine characters
    continues in the optional data with its check digit there (ICAO 9303 Part 5 §4.2.4)."""
    f = _checked(fields)
    number = _alnum(f.document_number, "document number", 22)
    optional = _alnum(f.optional_data, "optional data")
    if len(number) > 9:
        head, rest = number[:9], number[9:]
        number_field = head + "<" + rest + check_digit(number) + "<"
        if optional:
            number_field += optional
    else:
        number_field = number.ljust(9, "<") + check_digit(number.ljust(9, "<")) + optional
    if len(number_field) > 25:
        raise InvalidInput("document number and optional data do not fit a TD1 first line")
    line1 = _code(f.document_code) + f.issuing_state.ljust(3, "<") + number_field.ljust(25, "<")
    birth, expiry = _yymmdd(f.birth_date), _yymmdd(f.expiry_date)
    optional2 = _alnum(f.optional_data_2, "optional data", 11).ljust(11, "<")
    line2_head = (
        birth
        + check_digit(birth)
        + f.sex
        + expiry
        + check_digit(expiry)
        + f.nationality.ljust(3, "<")
        + optional2
    )
    composite = check_digit(line1[5:30] + line2_head[0:7] + line2_head[8:15] + line2_head[18:29])
    line3 = name_field(f.surname, f.given_names, 30)
    return line1, line2_head + composite, line3
