"""Reading machine-readable zones: every ICAO 9303 format, every check, OCR slips undone.

``read_lines`` turns raw input into MRZ lines or raises ``NotAnMRZ``; ``parse`` reads the
fields, checks every check digit, code and date, and corrects OCR confusions only where the
check digits confirm exactly one reading (``corrections`` says what changed and why).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from corridor.domain.countries import is_document_state
from corridor.domain.documents import dates, ocr
from corridor.domain.documents.check_digit import check_digit
from corridor.domain.documents.layouts import Layout, Span, Zone, layout_for
from corridor.errors import InvalidInput

MAX_INPUT_CHARS = 4096  # three lines of 44 with generous whitespace; anything longer is not an MRZ
_MRZ_CHARS = re.compile(r"^[A-Z0-9<]*$")
_SEXES = ("M", "F", "X", "<")
_DOCUMENT_KINDS = "ACIPV"  # first letter of a document code (ICAO 9303 Parts 4-7)


class NotAnMRZ(InvalidInput):
    """The input does not have the shape or characters of any machine-readable zone."""


@dataclass(frozen=True, slots=True)
class Correction:
    field: str
    before: str
    after: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "from": self.before, "to": self.after, "reason": self.reason}


@dataclass(slots=True)
class MRZReading:
    format: str
    lines: list[str]
    document_code: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: str | None
    expiry_date: date | None
    sex: str
    optional_data: str
    optional_data_2: str | None
    checks: dict[str, bool | None]
    corrections: list[Correction] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors and all(v is not False for v in self.checks.values())

    def expired(self, today: date) -> bool | None:
        return None if self.expiry_date is None else self.expiry_date < today

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "document_code": self.document_code,
            "issuing_state": self.issuing_state,
            "surname": self.surname,
            "given_names": self.given_names,
            "document_number": self.document_number,
            "nationality": self.nationality,
            "birth_date": self.birth_date,
            "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
            "sex": self.sex,
            "optional_data": self.optional_data,
            "optional_data_2": self.optional_data_2,
            "valid": self.valid,
            "checks": self.checks,
            "corrections": [c.as_dict() for c in self.corrections],
            "errors": self.errors,
            "warnings": self.warnings,
            "lines": self.lines,
        }


def read_lines(raw: str | list[str]) -> tuple[list[str], list[str]]:
    """MRZ lines from text or a list of lines: blank lines dropped, spaces inside removed.

    Returns the lines and warnings; raises ``NotAnMRZ`` saying what is wrong with the input.
    """
    text = raw if isinstance(raw, str) else "\n".join(raw)
    if len(text) > MAX_INPUT_CHARS:
        raise NotAnMRZ(f"the input has {len(text):,} characters; an MRZ has at most 132")
    warnings = []
    lines = []
    for line in text.splitlines():
        squeezed = re.sub(r"\s+", "", line)
        if squeezed != line.strip():
            warnings.append("spaces inside a line were removed")
        if squeezed:
            lines.append(squeezed)
    if not lines:
        raise NotAnMRZ("the input is empty: give the two or three lines of the MRZ")
    for number, line in enumerate(lines, 1):
        if not line.isascii():
            bad = next(c for c in line if not c.isascii())
            raise NotAnMRZ(f"line {number} has {bad!r}: an MRZ holds only A-Z, 0-9 and <")
        if not _MRZ_CHARS.match(line):
            if _MRZ_CHARS.match(line.upper()):
                raise NotAnMRZ(f"line {number} has lower-case letters: an MRZ is upper case")
            bad = next(c for c in line if not _MRZ_CHARS.match(c))
            raise NotAnMRZ(f"line {number} has {bad!r}: an MRZ holds only A-Z, 0-9 and <")
    if layout_for(lines) is None:
        raise NotAnMRZ(_shape_error(lines))
    return lines, sorted(set(warnings))


def _shape_error(lines: list[str]) -> str:
    widths = ", ".join(str(len(line)) for line in lines)
    expected = "TD1 is 3 lines of 30; TD2 and MRV-B 2 of 36; TD3 and MRV-A 2 of 44"
    return f"{len(lines)} line(s) of {widths} characters is no MRZ format ({expected})"


def parse(raw: str | list[str], today: date) -> MRZReading:
    """Read and check an MRZ; ``NotAnMRZ`` when the input is no MRZ at all."""
    lines, warnings = read_lines(raw)
    layout = layout_for(lines)
    assert layout is not None
    zone = Zone(lines)
    corrections: list[Correction] = []
    errors: list[str] = []
    _fix_character_classes(zone, layout, corrections)
    number_span, number_check_span, optional_span = _number_spans(zone, layout)
    _fix_check_digit_fields(zone, layout, number_span, number_check_span, corrections, errors)

    checks = _checks(zone, layout, number_span, number_check_span)
    document_code = zone.get(layout.document_code).rstrip("<")
    issuing_state = zone.get(layout.issuing_state).rstrip("<")
    nationality = zone.get(layout.nationality).rstrip("<")
    sex = zone.get(layout.sex)
    checks["issuing_state"] = is_document_state(issuing_state)
    checks["nationality"] = is_document_state(nationality)
    checks["sex"] = sex in _SEXES
    if not document_code or document_code[0] not in _DOCUMENT_KINDS:
        errors.append(f"document code {document_code!r} does not start with A, C, I, P or V")
    for name, ok, value in (
        ("issuing state", checks["issuing_state"], issuing_state),
        ("nationality", checks["nationality"], nationality),
    ):
        if not ok:
            errors.append(f"{name} {value!r} is not an ISO 3166-1 alpha-3 or ICAO code")
    if not checks["sex"]:
        errors.append(f"sex {sex!r} is not M, F, X or <")
    for label, key in (
        ("document number", "document_number"),
        ("birth date", "birth_date"),
        ("expiry date", "expiry_date"),
        ("optional data", "optional_data"),
        ("composite", "composite"),
    ):
        if checks.get(key) is False and not any(e.startswith(label) for e in errors):
            errors.append(f"{label} fails its check digit")

    surname, given_names = _names(zone.get(layout.name), errors, warnings)
    birth, birth_error = dates.birth_date(zone.get(layout.birth_date), today)
    expiry, expiry_error = dates.expiry_date(zone.get(layout.expiry_date), today)
    errors += [e for e in (birth_error, expiry_error) if e]
    if birth and len(birth) < 10:
        warnings.append(f"the birth date is only partly known ({birth})")
    if expiry is not None and expiry < today:
        warnings.append(f"the document expired on {expiry.isoformat()}")
    if corrections:
        warnings.append("OCR slips were corrected; see corrections")
    optional = zone.get(optional_span).strip("<").replace("<", " ") if optional_span else ""
    optional_2 = zone.get(layout.optional_data_2).strip("<") if layout.optional_data_2 else None
    return MRZReading(
        format=layout.format,
        lines=zone.text(),
        document_code=document_code,
        issuing_state=issuing_state,
        surname=surname,
        given_names=given_names,
        document_number=_document_number(zone, layout, number_span),
        nationality=nationality,
        birth_date=birth,
        expiry_date=expiry,
        sex=sex,
        optional_data=optional,
        optional_data_2=optional_2,
        checks=checks,
        corrections=corrections,
        errors=errors,
        warnings=warnings,
    )


def _fix_character_classes(zone: Zone, layout: Layout, corrections: list[Correction]) -> None:
    """Digits-only and letters-only fields have one reading of a confusable character."""
    digit_fields = [
        ("birth_date", layout.birth_date),
        ("expiry_date", layout.expiry_date),
        ("birth_date check digit", layout.birth_check),
        ("expiry_date check digit", layout.expiry_check),
    ]
    if layout.composite:
        digit_fields.append(("composite check digit", layout.composite))
    if layout.optional_check:
        digit_fields.append(("optional_data check digit", layout.optional_check))
    if zone.get(layout.number_check) != "<":
        digit_fields.append(("document_number check digit", layout.number_check))
    for name, span in digit_fields:
        value = zone.get(span)
        fixed = ocr.as_digits(value)
        if fixed is not None and fixed != value:
            zone.set(span, fixed)
            corrections.append(Correction(name, value, fixed, "a digits-only field"))
    for name, span in (
        ("issuing_state", layout.issuing_state),
        ("nationality", layout.nationality),
    ):
        value = zone.get(span)
        fixed = ocr.as_letters(value)
        if fixed and fixed != value and is_document_state(fixed.rstrip("<")):
            zone.set(span, fixed)
            corrections.append(Correction(name, value, fixed, "a letters-only field"))
    name = zone.get(layout.name)
    fixed_name = ocr.as_letters(name)
    if fixed_name and fixed_name != name:
        zone.set(layout.name, fixed_name)
        corrections.append(Correction("name", name, fixed_name, "names hold no digits"))


def _number_spans(zone: Zone, layout: Layout) -> tuple[Span, Span, Span | None]:
    """Spans of the document number, its check digit and the optional data. A long number
    (TD1, TD2) is marked by a filler check digit; it is handled by ``_long_number``."""
    if layout.long_numbers and zone.get(layout.number_check) == "<":
        return (-1, 0, 0), (-1, 0, 0), _long_optional_span(zone, layout)
    return layout.document_number, layout.number_check, layout.optional_data


def _document_number(zone: Zone, layout: Layout, number_span: Span) -> str:
    if number_span[0] < 0:
        return _long_number(zone, layout)[0]
    return zone.get(number_span).rstrip("<")


def _long_extension(zone: Zone, layout: Layout) -> str:
    return zone.get(layout.optional_data).split("<", 1)[0]


def _long_number(zone: Zone, layout: Layout) -> tuple[str, str]:
    """The whole long number and its check digit (the extension's last character)."""
    extension = _long_extension(zone, layout)
    return zone.get(layout.document_number) + extension[:-1], extension[-1:] or "<"


def _long_optional_span(zone: Zone, layout: Layout) -> Span:
    line, start, end = layout.optional_data
    return (line, min(start + len(_long_extension(zone, layout)) + 1, end), end)


def _checks(
    zone: Zone, layout: Layout, number_span: Span, number_check_span: Span
) -> dict[str, bool | None]:
    if number_span[0] < 0:
        number, digit = _long_number(zone, layout)
        number_ok: bool | None = digit.isdigit() and check_digit(number) == digit
    else:
        number_ok = check_digit(zone.get(number_span)) == zone.get(number_check_span)
    checks: dict[str, bool | None] = {
        "document_number": number_ok,
        "birth_date": _digit_ok(zone, layout.birth_date, layout.birth_check),
        "expiry_date": _digit_ok(zone, layout.expiry_date, layout.expiry_check),
        "optional_data": None,
        "composite": None,
    }
    if layout.optional_check:
        data, digit = zone.get(layout.optional_data), zone.get(layout.optional_check)
        empty = set(data) == {"<"}
        checks["optional_data"] = (digit in "<0") if empty else check_digit(data) == digit
    if layout.composite:
        covered = "".join(zone.get(span) for span in layout.composite_over)
        checks["composite"] = check_digit(covered) == zone.get(layout.composite)
    return checks


def _digit_ok(zone: Zone, field_span: Span, check_span: Span) -> bool:
    value, digit = zone.get(field_span), zone.get(check_span)
    return digit.isdigit() and check_digit(value) == digit


def _fix_check_digit_fields(
    zone: Zone,
    layout: Layout,
    number_span: Span,
    number_check_span: Span,
    corrections: list[Correction],
    errors: list[str],
) -> None:
    """Try single OCR substitutions in failing letters-and-digits fields; keep a reading only
    when it is the one reading that passes the field's check digit and the composite."""
    failing: list[tuple[str, Span, list[str]]] = []
    if number_span[0] >= 0:
        number = zone.get(number_span)
        if check_digit(number) != zone.get(number_check_span):
            digit = zone.get(number_check_span)
            options = [n for n in ocr.single_substitutions(number) if check_digit(n) == digit]
            failing.append(("document_number", number_span, options))
    else:
        number, digit = _long_number(zone, layout)
        if not (digit.isdigit() and check_digit(number) == digit):
            head = layout.document_number
            span = (head[0], head[1], head[1] + 10 + len(number) - 9)  # number, filler, rest
            value = zone.get(span)
            options = [
                v
                for v in ocr.single_substitutions(value)
                if v[9] == "<" and check_digit(v[:9] + v[10:]) == digit
            ]
            failing.append(("document_number", span, options))
    if layout.optional_check:
        data, digit = zone.get(layout.optional_data), zone.get(layout.optional_check)
        if set(data) != {"<"} and check_digit(data) != digit:
            options = [d for d in ocr.single_substitutions(data) if check_digit(d) == digit]
            failing.append(("optional_data", layout.optional_data, options))
    if not failing:
        return
    readings = _consistent_readings(zone, layout, failing)
    if len(readings) == 1:
        reason = "the only reading that passes its check digit"
        if layout.composite:
            reason += " and the composite"
        for (name, span, _), value in zip(failing, readings[0], strict=True):
            corrections.append(Correction(name, zone.get(span), value, reason))
            zone.set(span, value)
        return
    for name, _, options in failing:
        label = name.replace("_", " ")
        if len(options) > 1 or len(readings) > 1:
            errors.append(
                f"{label} fails its check digit; several OCR readings would pass, so none is chosen"
            )
        else:
            errors.append(f"{label} fails its check digit")


def _consistent_readings(
    zone: Zone, layout: Layout, failing: list[tuple[str, Span, list[str]]]
) -> list[tuple[str, ...]]:
    """Combinations of candidate readings that also pass the composite (if the format has one)."""
    if any(not options for _, _, options in failing):
        return []
    combos = list(itertools.product(*(options for _, _, options in failing)))
    if not layout.composite:
        return combos if len(combos) == 1 else combos[:2]
    passing = []
    for combo in combos:
        trial = Zone(zone.text())
        for (_, span, _), value in zip(failing, combo, strict=True):
            trial.set(span, value)
        covered = "".join(trial.get(span) for span in layout.composite_over)
        if check_digit(covered) == trial.get(layout.composite):
            passing.append(combo)
    return passing


def _names(field_text: str, errors: list[str], warnings: list[str]) -> tuple[str, str]:
    if not re.fullmatch(r"[A-Z<]+", field_text):
        errors.append("the name field holds characters other than A-Z and <")
    primary, _, secondary = field_text.partition("<<")
    surname = primary.replace("<", " ").strip()
    given = " ".join(secondary.replace("<", " ").split())
    if not field_text.endswith("<"):
        warnings.append("the name fills its whole field and may be truncated")
    if not surname:
        errors.append("the name field has no primary identifier")
    return surname, given
