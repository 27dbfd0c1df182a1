"""Person records for identity resolution (``id,source,full_name,birth_date,nationality,sex,
document_number,phone,address``), checked row by row; bad rows become ``RowError``."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from corridor.domain.resolution.addresses import address_key
from corridor.domain.resolution.phones import normalise_phone, region_of
from corridor.domain.resolution.resolver import ResolverRecord
from corridor.domain.screening.records import Person
from corridor.engines.forked import in_background
from corridor.errors import InvalidInput
from corridor.ingest.people import person_of_row
from corridor.ingest.rows import RowError, read_identified, read_rows

REQUIRED = ("id", "source", "full_name")
Contacts = tuple[str | None, str | None]  # a record's phone and address, comparable


def read_records(path: Path) -> Iterator[tuple[int, ResolverRecord] | RowError]:
    """Each row checked, in the file's order; ids must not repeat.

    Phones and addresses never make a row bad, and putting them in their comparable forms
    is a third of the reading (libphonenumber's parsing above all), so a forked process
    reads the file for them while this one reads the people."""
    with in_background(partial(_contacts, path)) as contacts:
        people = list(read_identified(path, REQUIRED, _person))
        by_line = contacts()
    for item in people:
        if isinstance(item, RowError):
            yield item
        else:
            line, person = item
            yield line, ResolverRecord(person, *by_line[line])


def record_of(record_id: str, values: dict[str, object]) -> ResolverRecord:
    """One record from its columns (as stored by the node), checked as a file row is."""
    return ResolverRecord(_person(record_id, values), *contacts_of(values))


def contacts_of(values: dict[str, object]) -> Contacts:
    """The phone (E.164, read as local to the source's or the person's country) and the
    address of a record's columns, each in its comparable form or None."""
    raw = str(values.get("phone") or "")
    region = region_of(str(values.get("source") or ""), str(values.get("nationality") or ""))
    phone = normalise_phone(raw, region) if raw else None
    return phone, address_key(str(values.get("address") or ""))


def _person(record_id: str, values: dict[str, object]) -> Person:
    if not str(values.get("source") or "").strip():
        raise InvalidInput("source is empty")
    return person_of_row(record_id, values)


def _contacts(path: Path) -> dict[int, Contacts]:
    return {
        row[0]: contacts_of(row[1])
        for row in read_rows(path, required=REQUIRED)
        if not isinstance(row, RowError)
    }
