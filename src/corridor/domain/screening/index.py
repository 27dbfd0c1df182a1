"""The candidate index: which alerts a traveller could be, without scanning every alert.

Each alert is filed under keys that a true match shares with it despite the variations that
screening must survive: every pair of its name parts (any order, middle names dropped,
spellings folded), every pair of their consonant skeletons (Arabic vowels), each name part with
the birth date (a typo in the other part; a date with day and month swapped), and each document
number read with OCR confusions undone. Keys are 64-bit hashes in one sorted array, so a
million alerts take a few hundred megabytes and a look-up is a binary search.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from itertools import combinations

import numpy as np
import numpy.typing as npt

from corridor.domain.arrays import unique_sorted
from corridor.domain.names.fold import fold, skeleton
from corridor.domain.names.variants import labels
from corridor.domain.screening.dates import BirthDate
from corridor.domain.screening.records import NameForm, Person

MAX_POSTINGS = 250  # a key shared by more alerts (NGUYEN+THI) selects nothing on its own


@lru_cache(maxsize=400_000)
def _name_keys(names: tuple[NameForm, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The keys of the name alone, and the folded parts that date keys pair with; made
    once per name (a register's names repeat, and each record is keyed twice)."""
    if len(names) == 1 and len(names[0].readings) == 1:  # most names: one reading
        return _reading_keys(names[0].readings[0])
    keys: set[str] = set()
    parts: set[str] = set()
    for reading in (reading for form in names for reading in form.readings):
        more_keys, more_parts = _reading_keys(reading)
        keys |= more_keys
        parts |= more_parts
    return frozenset(keys), frozenset(parts)


@lru_cache(maxsize=400_000)
def _reading_keys(reading: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """``_name_keys`` of one reading: once per reading, as many names share one (the same
    person written with and without diacritics, in another script or another order)."""
    out: set[str] = set()
    parts: set[str] = set()
    for written in _written_together(reading):
        traits = [_token_keys(token) for token in written]
        folded = sorted({label for labels, _, _ in traits for label in labels})
        parts.update(folded)
        parts.update(spelling for _, spelling, _ in traits)
        out.update(f"p|{a}|{b}" for a, b in combinations(folded, 2))
        skeletons = sorted({bones for _, _, bones in traits if len(bones) >= 2})
        out.update(f"s|{a}|{b}" for a, b in combinations(skeletons, 2))
        if len(folded) == 1:
            out.add(f"t|{folded[0]}")
    return frozenset(out), frozenset(parts)


def _written_together(reading: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The reading, then each way of writing two adjacent parts as one (JIAN PING written
    JIANPING)."""
    yield reading
    for i in range(len(reading) - 1):
        yield (*reading[:i], reading[i] + reading[i + 1], *reading[i + 2 :])


@lru_cache(maxsize=400_000)
def _token_keys(token: str) -> tuple[tuple[str, ...], str, str]:
    """A name part's index labels (its spelling groups, else its folded form), its folded
    form and its consonant skeleton: once per part, as parts repeat far more than names."""
    folded = fold(token)
    return tuple(labels(token)) or (folded,), folded, skeleton(token)


def _date_keys(born: BirthDate | None, *, query: bool) -> list[str]:
    if born is None:
        return []
    if not query:
        return born.keys()
    text = str(born)
    return sorted({text, text[:7], text[:4]}) if born.is_full else born.keys()


Keys = tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]  # hashes, and their holders
Names = tuple[NameForm, ...]
Offsets = npt.NDArray[np.int64]
Hashes = npt.NDArray[np.int64]
# Names' keys hashed (each name's keys from its offset to the next), then their folded parts
NameHashes = tuple[Offsets, Hashes, Offsets, Hashes]


def key_arrays(people: Sequence[Person], *, query: bool) -> Keys:
    """Every person's keys hashed to 64 bits, beside the position of the person holding each
    (a person's keys as stored in the index, or as a look-up asks for them).

    A register's names and dates repeat, so each distinct name and date is keyed once, in
    Python; the keys of a name part with a date (every part with every date key of the
    record) are then mixed from the two hashes for all records at once."""
    return _Keyed(people, name_hashes).keys(query=query)


def query_and_stored_keys(
    people: Sequence[Person], hashed: Callable[[list[Names]], NameHashes] | None = None
) -> tuple[Keys, Keys]:
    """``key_arrays`` as a look-up asks and as the index stores, for a dataset resolved
    against itself: only the date keys differ, so the rest is made once for both.

    ``hashed`` gives the ``name_hashes`` of the people's ``distinct_names`` (by default, by
    calling it): a caller may have had some of them made elsewhere."""
    keyed = _Keyed(people, hashed or name_hashes)
    return keyed.keys(query=True), keyed.keys(query=False)


def distinct_names(people: Sequence[Person]) -> list[Names]:
    """The people's names, each once, in the order of their first holder: the order in which
    ``_Keyed`` numbers them and asks its ``hashed`` for their hashes, so that a share of them
    made by another process (``engines/resolution.py``) lines up."""
    return list(dict.fromkeys(person.names for person in people))


def name_hashes(names: Sequence[Names]) -> NameHashes:
    """The hashed keys of each name, and of the folded parts its date keys pair with: the
    slow half of keying a dataset (Python, once per name), made apart so that two processes
    can share it (``joined_hashes`` puts the halves together)."""
    keys, parts = [], []
    for names_of_one in names:
        name_keys, name_parts = _name_keys(names_of_one)
        keys.append([hash(key) for key in name_keys])
        parts.append([hash(part) for part in name_parts])
    return (*_flat(keys), *_flat(parts))


def joined_hashes(first: NameHashes, then: NameHashes) -> NameHashes:
    """The ``name_hashes`` of two runs of names, as of the one run they make."""
    return (
        *_joined_flat(first[0], first[1], then[0], then[1]),
        *_joined_flat(first[2], first[3], then[2], then[3]),
    )


def _joined_flat(
    offsets: Offsets, values: Hashes, more_offsets: Offsets, more_values: Hashes
) -> tuple[Offsets, Hashes]:
    return (
        np.concatenate([offsets, more_offsets[1:] + offsets[-1]]),
        np.concatenate([values, more_values]),
    )


class _Keyed:
    """A dataset's keys but those with a date: the name keys and the document keys, each
    record's name parts (for the date keys to pair with) and its birth date by number."""

    def __init__(
        self, people: Sequence[Person], hashed: Callable[[list[Names]], NameHashes]
    ) -> None:
        name_code: dict[Names, int] = {}
        date_code: dict[BirthDate | None, int] = {}
        names = np.empty(len(people), dtype=np.int64)
        self.dates = np.empty(len(people), dtype=np.int64)
        documents: list[int] = []
        document_owners: list[int] = []
        for position, person in enumerate(people):
            names[position] = name_code.setdefault(person.names, len(name_code))
            self.dates[position] = date_code.setdefault(person.birth_date, len(date_code))
            if person.documents:
                documents.extend(hash(f"n|{document}") for document in person.documents)
                document_owners.extend([position] * len(person.documents))
        self.births = list(date_code)
        key_offsets, key_values, part_offsets, part_values = hashed(list(name_code))
        name_owners, name_values = _gather(names, key_offsets, key_values)
        self.part_owners, self.parts = _gather(names, part_offsets, part_values)
        self.part_counts = np.bincount(self.part_owners, minlength=len(people))
        self.undated = np.concatenate([name_values, np.asarray(documents, dtype=np.int64)])
        self.undated_owners = np.concatenate(
            [name_owners, np.asarray(document_owners, dtype=np.int64)]
        )

    def keys(self, *, query: bool) -> Keys:
        date_hashes = [[hash(key) for key in _date_keys(born, query=query)] for born in self.births]
        # Each record's parts times its date keys: position k of the record's block pairs part
        # k // (its date keys) with date key k % (its date keys).
        date_offsets, date_values = _flat(date_hashes)
        per_date = np.diff(date_offsets)[self.dates]
        part_counts = self.part_counts
        owners, within = _blocks(part_counts * per_date)
        width = per_date[owners]
        part_at = (np.cumsum(part_counts) - part_counts)[owners] + within // width
        date_at = date_offsets[self.dates[owners]] + within % width
        dated = _mix(self.parts[part_at], date_values[date_at])
        hashes = np.concatenate([self.undated, dated])
        holders = np.concatenate([self.undated_owners, owners])
        return hashes, holders.astype(np.int32)


def _flat(lists: list[list[int]]) -> tuple[Offsets, Hashes]:
    """Lists of hashes as one array and the offsets where each list starts (and the end)."""
    sizes = np.fromiter((len(values) for values in lists), dtype=np.int64, count=len(lists))
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    flat = np.fromiter(
        (value for values in lists for value in values), dtype=np.int64, count=int(offsets[-1])
    )
    return offsets, flat


def _gather(
    codes: npt.NDArray[np.int64], offsets: Offsets, flat: Hashes
) -> tuple[npt.NDArray[np.int64], Hashes]:
    """For each record, the hashes of the list its code names (``_flat``'s offsets and
    values): owners and values."""
    owners, within = _blocks(np.diff(offsets)[codes])
    return owners, flat[offsets[codes][owners] + within]


def _blocks(
    sizes: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Blocks of ``sizes`` laid end to end: for each slot, its block and its place in it."""
    owners = np.repeat(np.arange(sizes.size, dtype=np.int64), sizes)
    within = np.arange(owners.size, dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return owners, within


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """One 64-bit key from two hashes (splitmix64's finaliser over an ordered combination),
    so that a part with a date meets the same part with the same date and nothing else."""
    with np.errstate(over="ignore"):
        value = left.view(np.uint64) * _GOLDEN + right.view(np.uint64)
        value ^= value >> np.uint64(30)
        value *= np.uint64(0xBF58476D1CE4E5B9)
        value ^= value >> np.uint64(27)
        value *= np.uint64(0x94D049BB133111EB)
        value ^= value >> np.uint64(31)
    return value.view(np.int64)


class CandidateIndex:
    def __init__(self, alerts: Sequence[Person]) -> None:
        hashes, owners = key_arrays(alerts, query=False)
        order = np.argsort(hashes, kind="stable")
        self.hashes: npt.NDArray[np.int64] = hashes[order]
        self.owners: npt.NDArray[np.int32] = owners[order]

    @property
    def nbytes(self) -> int:
        return int(self.hashes.nbytes + self.owners.nbytes)

    def candidates(self, person: Person) -> list[int]:
        """Positions of the alerts that share a selective key with ``person``."""
        probe, _ = key_arrays([person], query=True)
        if probe.size == 0:
            return []
        starts = np.searchsorted(self.hashes, probe, side="left")
        ends = np.searchsorted(self.hashes, probe, side="right")
        sizes = ends - starts
        # Keys shared by too many alerts select nothing: a traveller whose every key is that
        # common (a common name and nothing else) has no candidate, as it would have no hit.
        chosen = (sizes > 0) & (sizes <= MAX_POSTINGS)
        slices = [self.owners[s:e] for s, e in zip(starts[chosen], ends[chosen], strict=True)]
        if not slices:
            return []
        found: list[int] = unique_sorted(np.concatenate(slices)).tolist()
        return found
