"""Person records for identity resolution (``id,source,full_name,birth_date,nationality,sex,
document_number,phone,address``), checked row by row; bad rows become ``RowError``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from corridor.domain.resolution.addresses import address_key
from corridor.domain.resolution.phones import normalise_phone, region_of
from corridor.domain.resolution.resolver import ResolverRecord
from corridor.errors import InvalidInput
from corridor.ingest.people import person_of_row
from corridor.ingest.rows import RowError, read_identified

REQUIRED = ("id", "source", "full_name")


def read_records(path: Path) -> Iterator[tuple[int, ResolverRecord] | RowError]:
    """Each row checked as it is read (one pass over the file); ids must not repeat."""
    return read_identified(path, REQUIRED, record_of)


def record_of(record_id: str, values: dict[str, object]) -> ResolverRecord:
    """One record from its columns (as stored by the node), checked as a file row is."""
    source = str(values.get("source") or "")
    if not source.strip():
        raise InvalidInput("source is empty")
    raw = str(values.get("phone") or "")
    nationality = str(values.get("nationality") or "")
    phone = normalise_phone(raw, region_of(source, nationality)) if raw else None
    address = address_key(str(values.get("address") or ""))
    return ResolverRecord(person_of_row(record_id, values), phone, address)
