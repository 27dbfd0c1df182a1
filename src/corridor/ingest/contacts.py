"""Records' phones and addresses in their comparable forms, read in a process of their own.

Phones and addresses never make a row bad, and putting them in their comparable forms is a
third of reading a records file (libphonenumber's parsing above all). So a forked process
reads the file for them while the people are read beside it. This module imports only what
that process needs: a command can start it before it loads the rest of its libraries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from corridor.domain.resolution.addresses import address_key
from corridor.domain.resolution.phones import normalise_phone, region_of
from corridor.engines.forked import in_background
from corridor.ingest.rows import RowError, read_rows

REQUIRED = ("id", "source", "full_name")
Contacts = tuple[str | None, str | None]  # a record's phone and address, comparable
ByLine = dict[int, Contacts]


def contacts_of(values: dict[str, object]) -> Contacts:
    """The phone (E.164, read as local to the source's or the person's country) and the
    address of a record's columns, each in its comparable form or None."""
    raw = str(values.get("phone") or "")
    region = region_of(str(values.get("source") or ""), str(values.get("nationality") or ""))
    phone = normalise_phone(raw, region) if raw else None
    return phone, address_key(str(values.get("address") or ""))


@contextmanager
def reading_contacts(path: Path) -> Iterator[Callable[[], ByLine]]:
    """The contacts of every readable row of ``path`` by line, being read now in a forked
    process: the block is given a function that waits for them."""
    with in_background(partial(_by_line, path)) as contacts:
        yield contacts


def _by_line(path: Path) -> ByLine:
    return {
        row[0]: contacts_of(row[1])
        for row in read_rows(path, required=REQUIRED)
        if not isinstance(row, RowError)
    }
