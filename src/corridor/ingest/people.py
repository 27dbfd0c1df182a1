"""People from screening files (``id,full_name,birth_date,nationality,sex,document_number``),
checked row by row: a bad row becomes a ``RowError`` with its line; the rest is used."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corridor.domain.countries import is_document_state
from corridor.domain.screening.dates import parse_birth_date
from corridor.domain.screening.records import Person, prepare
from corridor.errors import InvalidInput
from corridor.ingest.rows import RowError, read_identified

REQUIRED = ("id", "full_name")
SEXES = {"", "M", "F", "X"}


@dataclass(frozen=True, slots=True)
class PersonRow:
    line: int
    person: Person
    kind: str | None  # alert type, when the file has a type column


def read_people(path: Path) -> Iterator[PersonRow | RowError]:
    def build(record_id: str, values: dict[str, object]) -> tuple[Person, str | None]:
        return person_of_row(record_id, values), _kind(values)

    for item in read_identified(path, REQUIRED, build):
        if isinstance(item, RowError):
            yield item
        else:
            line, (person, kind) = item
            yield PersonRow(line, person, kind)


def person_of_row(record_id: str, values: dict[str, object]) -> Person:
    """A person from a row's columns; ``InvalidInput`` names the bad field."""
    name = str(values.get("full_name") or "").strip()
    if not name:
        raise InvalidInput("full_name is empty")
    nationality = str(values.get("nationality") or "").strip().upper()
    if nationality and not is_document_state(nationality):
        raise InvalidInput(f"nationality {nationality!r} is not an ISO 3166-1 alpha-3 code")
    sex = str(values.get("sex") or "").strip().upper()
    if sex not in SEXES:
        raise InvalidInput(f"sex {sex!r} is not M, F, X or empty")
    return prepare(
        record_id,
        [name],
        parse_birth_date(str(values.get("birth_date") or "")),
        [nationality] if nationality else [],
        sex or None,
        [str(values.get("document_number") or "")],
    )


def _kind(values: dict[str, object]) -> str | None:
    kind = str(values.get("alert_type") or values.get("type") or "").strip().lower()
    return kind or None
