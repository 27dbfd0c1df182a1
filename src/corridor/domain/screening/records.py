"""People as screening compares them: an alert's subject or a traveller, with every name
romanised once, up front, so that a check compares prepared values only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from corridor.domain.documents.ocr import number_key
from corridor.domain.names.transliterate import romanisations, uncertain_tokens
from corridor.domain.names.variants import canonical
from corridor.domain.screening.dates import BirthDate


@dataclass(frozen=True, slots=True)
class NameForm:
    """One written name and its Latin readings (token tuples)."""

    written: str
    readings: tuple[tuple[str, ...], ...]
    uncertain: frozenset[str] = frozenset()  # readings that are guesses (kanji given names)
    # Names key the caches of comparison, indexing and clustering, so a name is hashed
    # millions of times in a bulk run: once, here, instead of walking its readings each time.
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.written, self.readings, self.uncertain)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[type[NameForm], tuple[object, ...]]:
        # made anew where it is unpickled: another process may hash strings differently
        return NameForm, (self.written, self.readings, self.uncertain)


class Person(NamedTuple):
    """A person ready to compare. A named tuple rather than a frozen dataclass: a bulk run
    makes one per record, and a frozen dataclass's constructor costs five times as much."""

    id: str
    names: tuple[NameForm, ...]
    birth_date: BirthDate | None
    nationalities: frozenset[str]
    sex: str | None
    documents: frozenset[str]  # OCR-normalised number keys
    document_numbers: tuple[str, ...] = ()


def prepare(
    record_id: str,
    names: Sequence[str],
    birth_date: BirthDate | None,
    nationalities: Sequence[str],
    sex: str | None,
    documents: Sequence[str],
) -> Person:
    """A person ready to compare: names romanised (nationality decides kanji readings)."""
    nationality = next(iter(nationalities), None)
    forms = tuple(name_form(name, nationality) for name in names if name.strip())
    numbers = tuple(d.strip().upper() for d in documents if d and d.strip())
    keys = (number_key(n) for n in numbers)
    return Person(
        id=record_id,
        names=forms,
        birth_date=birth_date,
        nationalities=frozenset(n.strip().upper() for n in nationalities if n and n.strip()),
        sex=(sex or "").strip().upper() or None,
        documents=frozenset(key for key in keys if key),
        document_numbers=numbers,
    )


@lru_cache(maxsize=500_000)
def name_form(name: str, nationality: str | None) -> NameForm:
    """A written name with its readings; made once per name and nationality, since a
    register's names repeat (and the forms are immutable, so records can share them)."""
    return NameForm(
        name, _distinct(romanisations(name, nationality)), uncertain_tokens(name, nationality)
    )


def _distinct(readings: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    """Readings that differ in their canonical form only (LEE, YI, RI; DMITRII, DMITRIY
    compare alike), so each comparison is made once."""
    if len(readings) == 1:  # most names: nothing to compare
        return (tuple(readings[0]),)
    seen: set[tuple[str, ...]] = set()
    out = []
    for reading in readings:
        key = canonical(tuple(reading))
        if key not in seen:
            seen.add(key)
            out.append(tuple(reading))
    return tuple(out)


def readings(person: Person) -> list[tuple[str, ...]]:
    return [reading for form in person.names for reading in form.readings]
