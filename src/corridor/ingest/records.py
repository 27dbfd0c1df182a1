"""Person records for identity resolution (``id,source,full_name,birth_date,nationality,sex,
document_number,phone,address``), checked row by row; bad rows become ``RowError``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

from corridor.domain.resolution.resolver import ResolverRecord
from corridor.domain.screening.records import Person
from corridor.errors import InvalidInput
from corridor.ingest.contacts import REQUIRED, ByLine, contacts_of, reading_contacts
from corridor.ingest.people import person_of_row
from corridor.ingest.rows import RowError, read_identified


def read_records(
    path: Path, contacts: Callable[[], ByLine] | None = None
) -> Iterator[tuple[int, ResolverRecord] | RowError]:
    """Each row checked, in the file's order; ids must not repeat.

    The phones and addresses are read beside the people (``ingest/contacts.py``): from
    ``contacts`` if the caller started that reading already, else from a reading started
    here."""
    with ExitStack() as stack:
        if contacts is None:
            contacts = stack.enter_context(reading_contacts(path))
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


def _person(record_id: str, values: dict[str, object]) -> Person:
    if not str(values.get("source") or "").strip():
        raise InvalidInput("source is empty")
    return person_of_row(record_id, values)
