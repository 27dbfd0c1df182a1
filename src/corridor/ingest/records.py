"""Person records for identity resolution (``id,source,full_name,birth_date,nationality,sex,
document_number,phone,address``), checked row by row; bad rows become ``RowError``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from corridor.domain.resolution.phones import normalise_phone, region_of
from corridor.domain.resolution.resolver import ResolverRecord
from corridor.errors import CorridorError, InvalidInput
from corridor.ingest.people import person_of_row
from corridor.ingest.rows import RowError, read_rows

REQUIRED = ("id", "source", "full_name")


def read_records(path: Path) -> Iterator[tuple[int, ResolverRecord] | RowError]:
    """Each row checked as it is read (one pass over the file); ids must not repeat."""
    seen: dict[str, int] = {}
    for row in read_rows(path, required=REQUIRED):
        if isinstance(row, RowError):
            yield row
            continue
        line, values = row
        try:
            record_id = str(values.get("id") or "").strip()
            if not record_id:
                raise InvalidInput("id is empty")
            if record_id in seen:
                raise InvalidInput(f"id {record_id} repeats line {seen[record_id]}")
            record = record_of(record_id, values)
        except CorridorError as error:
            yield RowError(line, error.detail)
            continue
        seen[record_id] = line
        yield line, record


def record_of(record_id: str, values: dict[str, object]) -> ResolverRecord:
    """One record from its columns (as stored by the node), checked as a file row is."""
    source = str(values.get("source") or "")
    if not source.strip():
        raise InvalidInput("source is empty")
    raw = str(values.get("phone") or "")
    nationality = str(values.get("nationality") or "")
    phone = normalise_phone(raw, region_of(source, nationality)) if raw else None
    return ResolverRecord(person_of_row(record_id, values), phone)
