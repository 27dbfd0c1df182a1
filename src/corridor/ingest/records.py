"""Person records for identity resolution (``id,source,full_name,birth_date,nationality,sex,
document_number,phone,address``), checked row by row; bad rows become ``RowError``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from corridor.domain.resolution.phones import normalise_phone, region_of
from corridor.domain.resolution.resolver import ResolverRecord
from corridor.errors import CorridorError, InvalidInput
from corridor.ingest.people import PersonRow, person_of_row, read_people
from corridor.ingest.rows import RowError, read_rows

REQUIRED = ("id", "source", "full_name")


def read_records(path: Path) -> Iterator[tuple[int, ResolverRecord] | RowError]:
    phones: dict[int, tuple[str, str, str]] = {}
    for row in read_rows(path, required=REQUIRED):
        if not isinstance(row, RowError):
            line, values = row
            phones[line] = (
                str(values.get("phone") or ""),
                str(values.get("source") or ""),
                str(values.get("nationality") or ""),
            )
    for item in read_people(path):
        if isinstance(item, RowError):
            yield item
            continue
        assert isinstance(item, PersonRow)
        try:
            raw, source, nationality = phones[item.line]
            if not source.strip():
                raise InvalidInput("source is empty")
            phone = normalise_phone(raw, region_of(source, nationality)) if raw else None
            yield item.line, ResolverRecord(item.person, phone)
        except CorridorError as error:
            yield RowError(item.line, error.detail)


def record_of(record_id: str, values: dict[str, object]) -> ResolverRecord:
    """One record from its columns (as stored by the node), checked as a file row is."""
    source = str(values.get("source") or "")
    if not source.strip():
        raise InvalidInput("source is empty")
    raw = str(values.get("phone") or "")
    nationality = str(values.get("nationality") or "")
    phone = normalise_phone(raw, region_of(source, nationality)) if raw else None
    return ResolverRecord(person_of_row(record_id, values), phone)
