"""Machine-readable zones written from fields, in every ICAO 9303 format, from the same
layouts the parser reads: names transliterated, every check digit computed, and a TD1 or TD2
number over nine characters continued in the optional data (Part 5 §4.2.4, Part 6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from corridor.domain.countries import is_document_state
from corridor.domain.documents.check_digit import check_digit
from corridor.domain.documents.layouts import LAYOUTS, Layout, Zone, width
from corridor.domain.documents.transliteration import name_field, to_mrz_alphanumeric
from corridor.errors import InvalidInput

FORMATS = tuple(LAYOUTS)


@dataclass(frozen=True, slots=True)
class DocumentFields:
    document_code: str  # "P", "PN", "ID", "I", "AC", "V" ...
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


def make_mrz(fields: DocumentFields, format: str = "TD3") -> tuple[str, ...]:
    """The lines of ``format`` (TD1, TD2, TD3, MRVA, MRVB) for ``fields``."""
    layout = LAYOUTS.get(format.upper())
    if layout is None:
        raise InvalidInput(f"format {format!r} is not one of {', '.join(FORMATS)}")
    _check(fields, layout)
    zone = Zone.blank(layout)
    zone.set(layout.document_code, fields.document_code.strip().upper().ljust(2, "<"))
    zone.set(layout.issuing_state, fields.issuing_state.ljust(3, "<"))
    zone.set(layout.name, name_field(fields.surname, fields.given_names, width(layout.name)))
    optional = _alnum(fields.optional_data, "optional data")
    number = _alnum(fields.document_number, "document number")
    if len(number) > 9:
        if not layout.long_numbers:
            raise InvalidInput(f"a {layout.format} document number has at most 9 characters")
        zone.set(layout.document_number, number[:9])
        zone.set(layout.number_check, "<")
        optional = number[9:] + check_digit(number) + "<" + optional
    else:
        padded = number.ljust(9, "<")
        zone.set(layout.document_number, padded)
        zone.set(layout.number_check, check_digit(padded))
    _put(zone, layout.optional_data, optional, "optional data")
    zone.set(layout.nationality, fields.nationality.ljust(3, "<"))
    birth, expiry = fields.birth_date.strftime("%y%m%d"), fields.expiry_date.strftime("%y%m%d")
    zone.set(layout.birth_date, birth)
    zone.set(layout.birth_check, check_digit(birth))
    zone.set(layout.sex, fields.sex)
    zone.set(layout.expiry_date, expiry)
    zone.set(layout.expiry_check, check_digit(expiry))
    if layout.optional_data_2:
        _put(
            zone,
            layout.optional_data_2,
            _alnum(fields.optional_data_2, "optional data 2"),
            "optional data 2",
        )
    if layout.optional_check:
        data = zone.get(layout.optional_data)
        zone.set(layout.optional_check, "<" if set(data) == {"<"} else check_digit(data))
    if layout.composite:
        covered = "".join(zone.get(span) for span in layout.composite_over)
        zone.set(layout.composite, check_digit(covered))
    return tuple(zone.text())


def make_td3(fields: DocumentFields) -> tuple[str, ...]:
    return make_mrz(fields, "TD3")


def make_td1(fields: DocumentFields) -> tuple[str, ...]:
    return make_mrz(fields, "TD1")


def _put(zone: Zone, span: tuple[int, int, int], value: str, what: str) -> None:
    if len(value) > width(span):
        raise InvalidInput(f"{what} {value!r} does not fit its {width(span)} characters")
    zone.set(span, value.ljust(width(span), "<"))


def _alnum(value: str, what: str) -> str:
    field = to_mrz_alphanumeric(value)
    if value.strip() and not field:
        raise InvalidInput(f"{what} {value!r} has no character a machine-readable zone can carry")
    return field


def _check(fields: DocumentFields, layout: Layout) -> None:
    code = fields.document_code.strip().upper()
    if not 1 <= len(code) <= 2 or not code.isalpha():
        raise InvalidInput(f"document code {fields.document_code!r} must be one or two letters")
    if (layout.format in ("MRVA", "MRVB")) != code.startswith("V"):
        raise InvalidInput(f"a {layout.format} document code starts with V only if it is a visa")
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
