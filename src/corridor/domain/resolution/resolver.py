"""From records to entities: candidate pairs and their scores from the screening machinery,
then clusters that grow in score order only while every pair inside stays compatible."""

from __future__ import annotations

import math
import random
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cached_property, lru_cache
from operator import itemgetter
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from corridor.domain.names.tokens import ascii_upper
from corridor.domain.resolution.weighing import Numbered, PersonWeigher
from corridor.domain.screening.model import Model
from corridor.domain.screening.records import NameForm, Person
from corridor.domain.screening.score import Scored
from corridor.domain.screening.screener import Screener

# A shared phone or address: a household's as often as one person's, so it weighs little, and
# less again as more records give it (a broker's phone, a hostel's address say nothing).
PHONE_BITS = 2.0
ADDRESS_BITS = 2.0
CONTACT_BITS = PHONE_BITS + ADDRESS_BITS  # the most that contacts can add to a name's score
HOUSEHOLD = 8  # records a family's phone or home may appear on before it says less
COMPATIBLE_BITS = 4.0  # every pair inside an entity must at least reach this
AUTO_LINK = 0.5  # pairs at or above are linked (`corridor resolve --threshold` defaults to it)
REVIEW_FROM = 0.15  # pairs from here up to the link threshold are for an analyst to review
Positions = npt.NDArray[np.int32]
# records numbered by a phone or an address, and the bits of each when two records share it
Shared = tuple[Numbered["ResolverRecord", str | None], npt.NDArray[np.float64]]


class ResolverRecord(NamedTuple):
    """A person with the contacts resolution adds (a named tuple: one per record)."""

    person: Person
    phone: str | None  # E.164 (``phones.normalise_phone``)
    address: str | None = None  # comparable form (``addresses.address_key``)


class ScoredPair(NamedTuple):
    """Two records' evidence. A named tuple rather than a frozen dataclass: a bulk run makes
    one per kept pair, and a frozen dataclass's constructor costs four times as much."""

    left: str
    right: str
    bits: float
    score: float
    explanation: str


_BY_IDS = itemgetter(0, 1)  # a ScoredPair's left and right
_BY_BITS = itemgetter(2)


class Resolver:
    def __init__(self, records: Sequence[ResolverRecord], model: Model | None = None) -> None:
        self.records = {r.person.id: r for r in records}
        self.screener = Screener([r.person for r in records], model=model)
        self.model = self.screener.model
        self.scorer = self.screener.scorer
        # By position, as the candidate index and the bulk engine number the records.
        self.by_position = list(records)
        self._phones = Counter(r.phone for r in records if r.phone)
        self._addresses = Counter(r.address for r in records if r.address)
        self._known: dict[tuple[str, str], float] = {}
        self.same: set[tuple[str, str]] = set()
        self.not_same: set[tuple[str, str]] = set()
        self._weighing: tuple[PersonWeigher, Shared, Shared] | None = None
        self._marked_records: frozenset[str] | None = None

    def judge(self, same: set[tuple[str, str]], not_same: set[tuple[str, str]]) -> None:
        """Analysts' judgements, as ordered pairs of record ids: a ``same`` pair is linked
        whatever its score, a ``not same`` pair is never put in one entity."""
        self._known.clear()
        self.same = {_ordered(*p) for p in same}
        self.not_same = {_ordered(*p) for p in not_same}

    def pairs(self, threshold: float) -> list[ScoredPair]:
        """Every pair at or above ``threshold``, once, best first: record by record, as
        ``matches`` finds them (the bulk engine finds the same pairs faster)."""
        found: dict[tuple[str, str], ScoredPair] = {}
        for record in self.records.values():
            for pair in self.matches(record, threshold):
                found.setdefault((pair.left, pair.right), pair)
        return best_first(found.values())

    def matches(
        self, incoming: ResolverRecord, threshold: float, others: Sequence[ResolverRecord] = ()
    ) -> list[ScoredPair]:
        """The pairs a record from outside this resolver (one arriving now) makes with its
        records and with ``others`` (records stored since it was built), at or above
        ``threshold``, best first."""
        found = []
        for hit in self.screener.check(
            incoming.person, threshold=self._floor(threshold, CONTACT_BITS)
        ):
            if hit.alert_id != incoming.person.id:
                found.append(self.with_contacts(hit, incoming, self.records[hit.alert_id]))
        for other in others:
            if other.person.id != incoming.person.id:
                scored = self.scorer.score(incoming.person, other.person)
                if scored is not None:
                    found.append(self.with_contacts(scored, incoming, other))
        return best_first(p for p in found if p.score >= threshold)

    def weigh(
        self, lefts: Positions, rights: Positions, threshold: float, explain: bool = True
    ) -> list[ScoredPair]:
        """The candidate pairs given by position (the bulk engine's), each weighed once with
        the left record as the traveller, a slice at a time (``weighing.py``); those at or
        above ``threshold``, explained unless ``explain`` is false (then the explanation is
        empty: a run that writes only entities need not spell out a million pairs)."""
        people, (phones, phone_bits), (addresses, address_bits) = self.weighers()
        needed = self.model.bits_for(threshold) - 1e-9
        contacts = phones.shared(lefts, rights, phone_bits)
        contacts += addresses.shared(lefts, rights, address_bits)
        partial = people.cheap(lefts, rights)
        # as one pair's ``PairScorer.bits``: only a pair a perfect name could lift is named
        hopeful = np.flatnonzero(partial + self.model.name["cap_bits"] >= needed - contacts)
        bits = partial[hopeful] + people.names(lefts[hopeful], rights[hopeful])
        bits += contacts[hopeful]
        found = bits >= needed
        kept = zip(lefts[hopeful[found]].tolist(), rights[hopeful[found]].tolist(), strict=True)
        records = self.by_position
        if explain:
            out = []
            for left, right in ((records[a], records[b]) for a, b in kept):
                hit = self.scorer.score(left.person, right.person)
                assert hit is not None
                out.append(self.with_contacts(hit, left, right))
            return out
        ids, score = self._ids, self.model.score
        return [
            ScoredPair(*_ordered(ids[a], ids[b]), total, score(total), "")
            for (a, b), total in zip(kept, bits[found].tolist(), strict=True)
        ]

    @cached_property
    def _ids(self) -> list[str]:
        """The records' ids by position."""
        return [record.person.id for record in self.by_position]

    def weighers(self) -> tuple[PersonWeigher, Shared, Shared]:
        """The weighers of this resolver's records, made on first use (by the bulk engine
        only: a record resolved as it arrives never needs them; the engine makes them before
        its workers fork, so that they share them)."""
        if self._weighing is None:
            people = [record.person for record in self.by_position]
            phones = Numbered(self.by_position, lambda record: record.phone)
            addresses = Numbered(self.by_position, lambda record: record.address)
            self._weighing = (
                PersonWeigher(people, self.scorer),
                (phones, phones.table(self._phone_bits)),
                (addresses, addresses.table(self._address_bits)),
            )
        return self._weighing

    def _phone_bits(self, phone: str | None) -> float:
        return 0.0 if phone is None else shared_bits(PHONE_BITS, self._phones[phone])

    def _address_bits(self, address: str | None) -> float:
        return 0.0 if address is None else shared_bits(ADDRESS_BITS, self._addresses[address])

    def _floor(self, threshold: float, extra_bits: float) -> float:
        """The score a pair must reach before ``extra_bits`` are added to make ``threshold``
        (a hair lower, so rounding never drops a pair exactly at the threshold)."""
        if threshold <= 0.0:
            return 0.0
        return max(0.0, self.model.score(self.model.bits_for(threshold) - extra_bits) - 1e-9)

    def candidates(self, limit: int = 40_000, seed: int = 7) -> list[Scored]:
        """Candidate pairs scored once with their features (the material for training), from
        records taken in a seeded random order until ``limit`` pairs."""
        seen: set[tuple[str, str]] = set()
        out: list[Scored] = []
        order = list(self.records.items())
        random.Random(seed).shuffle(order)  # noqa: S311 - a sample, not a secret
        for record_id, record in order:
            for hit in self.screener.check(record.person, threshold=0.0):
                pair = _ordered(record_id, hit.alert_id)
                if hit.alert_id == record_id or pair in seen:
                    continue
                seen.add(pair)
                out.append(hit)
                if len(out) >= limit:
                    return out
        return out

    def contact_bits(self, left: ResolverRecord, right: ResolverRecord) -> float:
        """The evidence of a phone and an address the two records share (none for differing
        ones: people move and change numbers)."""
        bits = 0.0
        if left.phone == right.phone:
            bits += self._phone_bits(left.phone)
        if left.address == right.address:
            bits += self._address_bits(left.address)
        return bits

    def with_contacts(self, hit: Scored, left: ResolverRecord, right: ResolverRecord) -> ScoredPair:
        """A scored pair with the evidence of shared phone and address added, explained; ids
        in order."""
        bits, notes = hit.bits, []
        for what, value, weigh, holders in (
            ("phone", left.phone, self._phone_bits, self._phones),
            ("address", left.address, self._address_bits, self._addresses),
        ):
            if value is not None and value == getattr(right, what):
                shared = weigh(value)  # as ``contact_bits`` adds it
                bits += shared
                notes.append(f"{what} same, on {max(holders[value], 2)} records ({shared:+.1f})")
        note = "; ".join([*notes, hit.explanation()])
        a, b = _ordered(hit.traveller_id, hit.alert_id)
        return ScoredPair(a, b, bits, self.model.score(bits), note)

    def _remember(self, pairs: Sequence[ScoredPair]) -> None:
        """The evidence of pairs weighed already (perhaps in another process), with the
        judgements: clustering asks for it again each time two groups holding them meet."""
        known = self._known
        fresh = dict(zip(map(_BY_IDS, pairs), map(_BY_BITS, pairs), strict=True))
        if known:  # a pair clustering has met before keeps what it was found then
            fresh = {pair: bits for pair, bits in fresh.items() if pair not in known}
        # only an analyst's judgement or two names' diacritics can change a weighed pair's
        # evidence; few records keep their names' marks, so most pairs are taken as weighed
        marked = self.marked_ids()
        looked_at = (self.same | self.not_same) & fresh.keys()
        looked_at.update(k for k in fresh if k[0] in marked and k[1] in marked)
        for key in looked_at:
            fresh[key] = self._judged_bits(key, fresh[key])
        known.update(fresh)

    def _fits(self, ours: list[str], theirs: list[str]) -> bool:
        """May two groups of records be one entity? Every pair across must be compatible
        (weighed now if clustering has not met it before, and remembered)."""
        known = self._known
        for a in ours:
            for b in theirs:
                pair = (a, b) if a <= b else (b, a)
                bits = known.get(pair)
                if bits is None:
                    bits = known[pair] = self._judged_bits(pair, None)
                if bits < COMPATIBLE_BITS:
                    return False
        return True

    def _judged_bits(self, pair: tuple[str, str], scored: float | None) -> float:
        """The evidence for an ordered pair of ids: a judgement's if there is one, else
        ``scored`` (already weighed) or its ``bits``."""
        if pair in self.not_same:
            return float("-inf")
        if pair in self.same:
            return float("inf")
        if scored is None:
            return self.bits(self.records[pair[0]], self.records[pair[1]])
        a, b = pair
        if marks_differ(self.records[a].person, self.records[b].person):
            return float("-inf")
        return scored

    def marked_ids(self) -> frozenset[str]:
        """The records whose names keep diacritics (``marks_differ`` holds only between two),
        found on first use: the bulk engine asks while its join runs, before clustering."""
        if self._marked_records is None:
            marked = set()
            for rid, record in self.records.items():
                names = record.person.names
                if len(names) == 1 and names[0].written.isascii():  # most records
                    continue
                if _marked(names):
                    marked.add(rid)
            self._marked_records = frozenset(marked)
        return self._marked_records

    def bits(self, left: ResolverRecord, right: ResolverRecord) -> float:
        """The evidence that two records are one person, for the compatibility check: exact
        where it may reach ``COMPATIBLE_BITS``, -inf where not even a perfect name would lift
        it there (most pairs that clustering meets and no key joined: their names need no
        alignment, which is most of a pair's cost)."""
        if marks_differ(left.person, right.person):
            return float("-inf")
        contacts = self.contact_bits(left, right)
        floor = COMPATIBLE_BITS - contacts - 1e-9  # a hair lower, so rounding never decides
        bits = self.scorer.bits(left.person, right.person, floor)
        return float("-inf") if bits is None else bits + contacts

    def compatible(self, record: ResolverRecord, members: Sequence[ResolverRecord]) -> bool:
        """May ``record`` join the entity of ``members``? Every pair must hold up."""
        return all(self.bits(record, member) >= COMPATIBLE_BITS for member in members)

    def entities(self, pairs: Sequence[ScoredPair]) -> dict[str, str]:
        """Record id -> entity id. Pairs join clusters best first, and only when every
        record of one is compatible with every record of the other, so a twin, a namesake or
        a year-only record cannot chain two people together."""
        members: dict[str, list[str]] = {rid: [rid] for rid in self.records}
        cluster: dict[str, str] = {rid: rid for rid in self.records}
        judged = [
            ScoredPair(a, b, float("inf"), 1.0, "judged the same")
            for a, b in sorted(self.same)
            if a in self.records and b in self.records
        ]
        self._remember(pairs)
        fits = self._fits
        for pair in [*judged, *pairs]:
            a, b = cluster[pair.left], cluster[pair.right]
            if a != b and fits(members[a], members[b]):
                small, large = (a, b) if len(members[a]) <= len(members[b]) else (b, a)
                for rid in members[small]:
                    cluster[rid] = large
                members[large] += members.pop(small)
        named = {key: f"E{min(ids)}" for key, ids in members.items()}
        return {rid: named[cluster[rid]] for rid in self.records}


def best_first(pairs: Iterable[ScoredPair]) -> list[ScoredPair]:
    """The pairs by descending evidence, then by their ids: sorted by the ids, then stably by
    the evidence (keys read off the tuple in C: a third quicker than one sort on a built key)."""
    ordered = sorted(pairs, key=_BY_IDS)
    ordered.sort(key=_BY_BITS, reverse=True)  # ``reverse`` keeps equal pairs in their order
    return ordered


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def shared_bits(cap: float, holders: int) -> float:
    """The evidence of a value two records share that ``holders`` records give in all: ``cap``
    for one household's, a bit less for each doubling beyond, none at all for a value many
    strangers give."""
    if holders <= HOUSEHOLD:
        return cap
    return max(0.0, cap - math.log2(holders / HOUSEHOLD))


@lru_cache(maxsize=200_000)
def _marked(names: tuple[NameForm, ...]) -> dict[str, str]:
    """The name's Latin tokens that carry diacritics, by their unmarked form (once per
    name: clustering asks for each pair of records it weighs)."""
    out: dict[str, str] = {}
    for form in names:
        for token in unicodedata.normalize("NFC", form.written).lower().split():
            latin = all(
                c.isascii() or not c.isalpha() or unicodedata.name(c, "").startswith("LATIN")
                for c in token
            )
            if latin and not token.isascii():
                out[ascii_upper(token)] = token
    return out


def marks_differ(left: Person, right: Person) -> bool:
    """Two records whose names both keep their diacritics and differ only in them on some
    token (Hùng and Hưng, twins at one address): the marks are all that tells them apart, so
    the records cannot be one person. Records without marks (most sources drop them) are not
    affected."""
    ours = _marked(left.names)
    if not ours:  # most records: asked for every pair clustering weighs
        return False
    theirs = _marked(right.names)
    return any(ours[key] != theirs[key] for key in ours.keys() & theirs.keys())
