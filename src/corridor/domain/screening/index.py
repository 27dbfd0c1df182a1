"""The candidate index: which alerts a traveller could be, without scanning every alert.

Each alert is filed under keys that a true match shares with it despite the variations that
screening must survive: every pair of its name parts (any order, middle names dropped,
spellings folded), every pair of their consonant skeletons (Arabic vowels), each name part with
the birth date (a typo in the other part; a date with day and month swapped), and each document
number read with OCR confusions undone. Keys are 64-bit hashes in one sorted array, so a
million alerts take a few hundred megabytes and a look-up is a binary search.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import combinations

import numpy as np
import numpy.typing as npt

from corridor.domain.names.fold import fold, skeleton
from corridor.domain.names.variants import labels
from corridor.domain.screening.records import NameForm, Person

MAX_POSTINGS = 250  # a key shared by more alerts (NGUYEN+THI) selects nothing on its own


def _name_tokens(names: tuple[NameForm, ...]) -> Iterator[tuple[str, ...]]:
    for reading in (reading for form in names for reading in form.readings):
        yield reading
        for i in range(len(reading) - 1):  # JIAN PING written JIANPING
            yield (*reading[:i], reading[i] + reading[i + 1], *reading[i + 2 :])


def keys(person: Person, *, query: bool) -> set[str]:
    name_keys, tokens = _name_keys(person.names)
    out = set(name_keys)
    for date_key in _date_keys(person, query=query):
        out.update(f"d|{token}|{date_key}" for token in tokens)
    out.update(f"n|{document}" for document in person.documents)
    return out


@lru_cache(maxsize=200_000)
def _name_keys(names: tuple[NameForm, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The keys of the name alone, and the folded parts that date keys pair with; made
    once per name (a register's names repeat, and each record is keyed twice)."""
    out: set[str] = set()
    tokens: set[str] = set()
    for reading in _name_tokens(names):
        folded = sorted({label for t in reading for label in (labels(t) or [fold(t)])})
        tokens.update(folded)
        out.update(f"p|{a}|{b}" for a, b in combinations(folded, 2))
        skeletons = sorted({skeleton(t) for t in reading if len(skeleton(t)) >= 2})
        tokens.update(fold(t) for t in reading)
        out.update(f"s|{a}|{b}" for a, b in combinations(skeletons, 2))
        if len(folded) == 1:
            out.add(f"t|{folded[0]}")
    return frozenset(out), frozenset(tokens)


def _date_keys(person: Person, *, query: bool) -> list[str]:
    born = person.birth_date
    if born is None:
        return []
    if not query:
        return born.keys()
    text = str(born)
    return sorted({text, text[:7], text[:4]}) if born.is_full else born.keys()


def key_arrays(
    people: Sequence[Person], *, query: bool
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]:
    """Every person's keys hashed to 64 bits, beside the position of the person holding each
    (a person's keys as stored in the index, or as a look-up asks for them)."""
    hashes: list[int] = []
    owners: list[int] = []
    for position, person in enumerate(people):
        found = keys(person, query=query)
        hashes.extend(map(hash, found))
        owners.extend([position] * len(found))
    return np.asarray(hashes, dtype=np.int64), np.asarray(owners, dtype=np.int32)


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
        probe = np.asarray([hash(k) for k in keys(person, query=True)], dtype=np.int64)
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
        found: list[int] = np.unique(np.concatenate(slices)).tolist()
        return found
