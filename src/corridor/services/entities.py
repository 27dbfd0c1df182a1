"""Who is who, in the node's store: person records kept as their sources wrote them, resolved
into entities by the same scoring as ``corridor resolve``, reviewed, merged and split by
analysts, with every change recorded so that it can be undone exactly.

An entity's id is the smallest record id in it, so an entity that a re-run leaves as it was
keeps its id (and whatever points at it). Analysts' judgements are kept apart from the
entities: a bulk re-run reads them first, links every pair judged the same and never puts a
pair judged not the same in one entity.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from corridor.domain.principal import Principal
from corridor.domain.resolution import ftm
from corridor.domain.resolution.resolver import AUTO_LINK, REVIEW_FROM, Resolver, ResolverRecord
from corridor.domain.resolution.training import comparison, train
from corridor.domain.roles import Role
from corridor.domain.screening.model import Model
from corridor.engines.collector import collector_paused
from corridor.engines.resolution import scored_pairs
from corridor.errors import Conflict, CorridorError, InvalidInput, NotFound
from corridor.ingest.contacts import REQUIRED
from corridor.ingest.records import record_of
from corridor.ingest.rows import Row, RowError, read_rows
from corridor.services import audit
from corridor.services.alerts import person_of
from corridor.store.database import Database
from corridor.store.models import (
    Alert,
    Crossing,
    EntityChange,
    Judgement,
    PersonRecord,
    ReviewPair,
)

VERDICTS = ("same", "not_same", "unsure")
FIELDS = ("full_name", "birth_date", "nationality", "sex", "document_number", "phone", "address")
ANALYSTS = (Role.ANALYST, Role.CASE_OFFICER)


@dataclass(slots=True)
class ImportSummary:
    imported: int = 0
    already: int = 0
    errors: list[RowError] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)


def import_records(session: Session, principal: Principal, path: Path) -> ImportSummary:
    """Records from a file in `corridor resolve`'s columns (see ``store_records``)."""
    return store_records(session, principal, read_rows(path, required=REQUIRED), path.name)


def store_records(
    session: Session, principal: Principal, rows: Iterable[Row | RowError], origin: str
) -> ImportSummary:
    """Records each kept with its source and the source's own id; a record the agency already
    holds from that source is not stored twice. Each new record starts as an entity of its
    own."""
    principal.require(Role.ADMIN, *ANALYSTS)
    summary = ImportSummary()
    held = {
        (source, source_id)
        for source, source_id in session.execute(
            select(PersonRecord.source, PersonRecord.source_id).where(
                PersonRecord.agency_id == principal.agency_id
            )
        )
    }
    fresh = []
    for row in rows:
        if isinstance(row, RowError):
            summary.errors.append(row)
            continue
        line, values = row
        try:
            record_of(str(values.get("id") or "x"), values)  # checked as `corridor resolve` does
            key = (str(values["source"]).strip(), str(values["id"]).strip())
            if not key[1]:
                raise InvalidInput("id is empty")
        except CorridorError as error:
            summary.errors.append(RowError(line, error.detail))
            continue
        if key in held:
            summary.already += 1
            continue
        held.add(key)
        fresh.append(_new_record(principal, key[0], key[1], values))
    session.add_all(fresh)
    session.flush()
    for record in fresh:
        record.entity_id = record.id
    summary.imported = len(fresh)
    summary.new_ids = [r.id for r in fresh]
    audit.record(
        session,
        principal,
        "records.imported",
        f"records:{origin}",
        detail={"imported": summary.imported, "already": summary.already},
    )
    return summary


def records_of_crossings(session: Session, principal: Principal, source: str) -> ImportSummary:
    """The travellers of the crossings loaded in bulk from ``source`` (a file's name), as
    person records, as the booth makes one of each crossing it records. A traveller seen alike
    on many crossings (document, name, birth date, nationality, sex) is one record, named by
    the smallest reference among them: a year of one commuter's crossings is one record, a
    renewed passport or another spelling another. Run again, it adds only what is new."""
    seen = (
        Crossing.document_key,
        Crossing.full_name,
        Crossing.birth_date,
        Crossing.nationality,
        Crossing.sex,
    )
    found = session.execute(
        select(func.min(Crossing.reference), *seen)
        .where(
            Crossing.agency_id == principal.agency_id,
            Crossing.source == source,
            Crossing.full_name != "",
        )
        .group_by(*seen)
        .order_by(func.min(Crossing.reference))
    )
    rows: list[Row] = [
        (
            line,
            {
                "id": reference,
                "source": source,
                "full_name": name,
                "birth_date": born.isoformat() if born else "",
                "nationality": nationality,
                "sex": sex,
                "document_number": document.partition(":")[2],
            },
        )
        for line, (reference, document, name, born, nationality, sex) in enumerate(found, 1)
    ]
    summary = store_records(session, principal, rows, f"crossings:{source}")
    # a crossing has no line of its own here: its reference says which one
    summary.errors = [
        RowError(e.line, f"crossing {rows[e.line - 1][1]['id']}: {e.message}")
        for e in summary.errors
    ]
    return summary


def add_record(
    session: Session, principal: Principal, source: str, source_id: str, values: dict[str, str]
) -> PersonRecord:
    """One record as a source gives it at the moment (a crossing at the booth), starting as an
    entity of its own; the record the agency already holds from that source if there is one."""
    principal.require(Role.BORDER_OFFICER, Role.ADMIN, *ANALYSTS)
    held = session.scalar(
        select(PersonRecord).where(
            PersonRecord.agency_id == principal.agency_id,
            PersonRecord.source == source[:100],
            PersonRecord.source_id == source_id[:100],
        )
    )
    if held is not None:
        return held
    record = _new_record(principal, source, source_id, values)
    session.add(record)
    session.flush()
    record.entity_id = record.id
    return record


def _new_record(
    principal: Principal, source: str, source_id: str, values: dict[str, Any]
) -> PersonRecord:
    """A record of the agency's as the source gave it, each field cut to its column."""
    return PersonRecord(
        agency_id=principal.agency_id,
        source=source[:100],
        source_id=source_id[:100],
        **{f: str(values.get(f) or "").strip()[: _width(f)] for f in FIELDS},
    )


def _width(name: str) -> int:
    return {"birth_date": 10, "nationality": 3, "sex": 1, "document_number": 40, "phone": 40}.get(
        name, 300 if name == "full_name" else 500
    )


@dataclass(slots=True)
class ResolveSummary:
    records: int
    entities: int
    linked_pairs: int
    review_pairs: int
    change_id: int


def resolve_all(
    database: Database,
    principal: Principal,
    reason: str = "bulk re-run",
    model: Model | None = None,
) -> ResolveSummary:
    """Resolve every record of the agency again, honouring every judgement; the change (each
    record's entity before and after) is recorded and can be undone."""
    principal.require(Role.ANALYST)
    with database.transaction() as session, collector_paused():
        records = list(
            session.scalars(
                select(PersonRecord).where(PersonRecord.agency_id == principal.agency_id)
            )
        )
        read: list[ResolverRecord] = []
        for record in records:
            try:
                read.append(record_of(str(record.id), _values(record)))
            except CorridorError:
                continue  # a record the checks refuse stays an entity of its own
        resolver = Resolver(read, model=model)
        same, not_same = _judged(session, principal.agency_id)
        resolver.judge(same, not_same)
        scored = scored_pairs(resolver, REVIEW_FROM)
        linked = [p for p in scored if p.score >= AUTO_LINK]
        entity_of = resolver.entities(linked)
        members: dict[str, list[int]] = defaultdict(list)
        for rid, label in entity_of.items():
            members[label].append(int(rid))
        after = {str(rid): min(ids) for ids in members.values() for rid in ids}
        change = _apply(session, principal, records, after, "resolve", reason)
        judged = same | not_same | _unsure(session, principal.agency_id)
        session.execute(delete(ReviewPair).where(ReviewPair.agency_id == principal.agency_id))
        queue = [
            ReviewPair(
                agency_id=principal.agency_id,
                left_id=int(p.left),
                right_id=int(p.right),
                score=round(p.score, 4),
                explanation=p.explanation,
            )
            for p in scored
            # a doubtful pair, or a strong one that clustering kept apart, not yet judged
            if after.get(p.left) != after.get(p.right) and (p.left, p.right) not in judged
        ]
        session.add_all(queue)
        return ResolveSummary(
            len(records), len(set(after.values())), len(linked), len(queue), change.id
        )


def as_dict(record: PersonRecord) -> dict[str, Any]:
    """A record as pages, the API and exports show it."""
    return {
        "id": record.id,
        "source": record.source,
        "source_id": record.source_id,
        "entity_id": record.entity_id,
        **{f: getattr(record, f) for f in FIELDS},
    }


def _values(record: PersonRecord) -> dict[str, object]:
    return {"source": record.source, **{f: getattr(record, f) for f in FIELDS}}


def _judged(session: Session, agency_id: int) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    same, not_same = set(), set()
    for judgement in session.scalars(select(Judgement).where(Judgement.agency_id == agency_id)):
        pair = _pair(judgement.left_id, judgement.right_id)
        if judgement.verdict == "same":
            same.add(pair)
        elif judgement.verdict == "not_same":
            not_same.add(pair)
    return same, not_same


def _unsure(session: Session, agency_id: int) -> set[tuple[str, str]]:
    query = select(Judgement).where(Judgement.agency_id == agency_id, Judgement.verdict == "unsure")
    return {_pair(j.left_id, j.right_id) for j in session.scalars(query)}


def _pair(a: int, b: int) -> tuple[str, str]:
    left, right = sorted((str(a), str(b)))
    return left, right


def _apply(
    session: Session,
    principal: Principal,
    records: list[PersonRecord],
    after: dict[str, int],
    kind: str,
    reason: str,
) -> EntityChange:
    """Move records to their new entities and record the change (only the records moved)."""
    before = {
        str(r.id): r.entity_id for r in records if after.get(str(r.id), r.entity_id) != r.entity_id
    }
    moved = {rid: after[rid] for rid in before}
    for record in records:
        if str(record.id) in moved:
            record.entity_id = moved[str(record.id)]
    change = EntityChange(
        agency_id=principal.agency_id,
        kind=kind,
        changed_by=principal.username,
        reason=" ".join(reason.split())[:500],
        at=datetime.now(UTC),
        before=before,
        after=moved,
    )
    session.add(change)
    session.flush()
    audit.record(
        session,
        principal,
        f"entities.{kind}",
        f"entity_change:{change.id}",
        purpose=change.reason[:200],
        detail={"records_moved": len(moved)},
    )
    return change


def _records(session: Session, principal: Principal, ids: list[int]) -> list[PersonRecord]:
    found = list(
        session.scalars(
            select(PersonRecord).where(
                PersonRecord.agency_id == principal.agency_id, PersonRecord.id.in_(ids)
            )
        )
    )
    missing = sorted(set(ids) - {r.id for r in found})
    if missing:
        raise NotFound(f"no record {missing[0]} in your agency")
    return found


def _members(session: Session, principal: Principal, entity_ids: list[int]) -> list[PersonRecord]:
    found = list(
        session.scalars(
            select(PersonRecord).where(
                PersonRecord.agency_id == principal.agency_id,
                PersonRecord.entity_id.in_(entity_ids),
            )
        )
    )
    missing = sorted(set(entity_ids) - {r.entity_id for r in found})
    if missing:
        raise NotFound(f"no entity {missing[0]} in your agency")
    return found


def merge(
    session: Session, principal: Principal, entity_ids: list[int], reason: str
) -> EntityChange:
    """One entity from several; refused where a judgement says two of their records are not
    the same person."""
    principal.require(Role.ANALYST)
    if len(set(entity_ids)) < 2:
        raise InvalidInput("name at least two entities to merge")
    _needs(reason)
    records = _members(session, principal, entity_ids)
    _, not_same = _judged(session, principal.agency_id)
    ids = sorted(r.id for r in records)
    clash = [p for p in not_same if int(p[0]) in ids and int(p[1]) in ids]
    if clash:
        raise Conflict(f"records {clash[0][0]} and {clash[0][1]} were judged not the same person")
    return _apply(session, principal, records, {str(i): ids[0] for i in ids}, "merge", reason)


def split(
    session: Session, principal: Principal, record_ids: list[int], reason: str
) -> EntityChange:
    """The named records leave their entity and form one of their own."""
    principal.require(Role.ANALYST)
    _needs(reason)
    moving = _records(session, principal, record_ids)
    entities = {r.entity_id or r.id for r in moving}
    if len(entities) != 1:
        raise InvalidInput("split records out of one entity at a time")
    rest = [r for r in _members(session, principal, list(entities)) if r.id not in set(record_ids)]
    if not rest:
        raise InvalidInput("those are all the entity's records: nothing to split from")
    new_id = min(r.id for r in moving)
    after = {str(r.id): new_id for r in moving} | {str(r.id): min(x.id for x in rest) for r in rest}
    return _apply(session, principal, [*moving, *rest], after, "split", reason)


def undo(session: Session, principal: Principal, change_id: int, reason: str) -> EntityChange:
    """Put every record the change moved back where it was, if none has moved since."""
    principal.require(Role.ANALYST)
    _needs(reason)
    change = session.scalar(
        select(EntityChange).where(
            EntityChange.id == change_id, EntityChange.agency_id == principal.agency_id
        )
    )
    if change is None:
        raise NotFound(f"no entity change {change_id} in your agency")
    if change.undone_by is not None:
        raise Conflict(f"change {change_id} was already undone by change {change.undone_by}")
    records = _records(session, principal, [int(r) for r in change.after])
    moved = [r for r in records if r.entity_id != change.after[str(r.id)]]
    if moved:
        raise Conflict(
            f"record {moved[0].id} has moved since change {change_id}: undo the later change first"
        )
    back = {rid: int(entity) for rid, entity in change.before.items()}
    reverted = _apply(session, principal, records, back, "undo", f"undo {change_id}: {reason}")
    change.undone_by = reverted.id
    return reverted


def judge(
    session: Session, principal: Principal, left_id: int, right_id: int, verdict: str, reason: str
) -> Judgement:
    """An analyst's judgement on a pair, kept for every re-run; ``same`` merges their
    entities now, ``not_same`` splits the right-hand record out if they share one."""
    principal.require(Role.ANALYST)
    if verdict not in VERDICTS:
        raise InvalidInput(f"the verdict is one of {', '.join(VERDICTS)}")
    _needs(reason)
    left, right = sorted((left_id, right_id))
    if left == right:
        raise InvalidInput("judge two different records")
    records = {r.id: r for r in _records(session, principal, [left, right])}
    judgement = session.scalar(
        select(Judgement).where(
            Judgement.agency_id == principal.agency_id,
            Judgement.left_id == left,
            Judgement.right_id == right,
        )
    )
    if judgement is None:
        judgement = Judgement(agency_id=principal.agency_id, left_id=left, right_id=right)
        session.add(judgement)
    judgement.verdict, judgement.judged_by, judgement.reason = (
        verdict,
        principal.username,
        reason[:500],
    )
    session.flush()
    session.execute(
        delete(ReviewPair).where(
            ReviewPair.agency_id == principal.agency_id,
            ReviewPair.left_id == left,
            ReviewPair.right_id == right,
        )
    )
    a = records[left].entity_id or left
    b = records[right].entity_id or right
    if verdict == "same" and a != b:
        merge(session, principal, [a, b], f"judged the same: {reason}")
    elif verdict == "not_same" and a == b:
        split(session, principal, [right], f"judged not the same: {reason}")
    return judgement


def _needs(reason: str) -> None:
    if not " ".join(reason.split()):
        raise InvalidInput("say why (the reason is kept with the change)")


@dataclass(frozen=True, slots=True)
class EntityView:
    entity_id: int
    records: list[dict[str, Any]]
    values: dict[str, list[dict[str, Any]]]  # field -> each distinct value with its sources


def show(session: Session, principal: Principal, entity_id: int, why: str = "") -> EntityView:
    """The entity's records side by side and its canonical view: each field's distinct values,
    each with the records (source and id) it came from. Nothing is copied from the sources."""
    principal.require(*ANALYSTS, Role.AUDITOR)
    records = sorted(_members(session, principal, [entity_id]), key=lambda r: r.id)
    values: dict[str, list[dict[str, Any]]] = {}
    for name in FIELDS:
        seen: dict[str, list[str]] = defaultdict(list)
        for record in records:
            value = getattr(record, name)
            if value:
                seen[value].append(f"{record.source}:{record.source_id}")
        values[name] = [
            {"value": v, "sources": s} for v, s in sorted(seen.items(), key=lambda i: -len(i[1]))
        ]
    audit.record(session, principal, "entity.read", f"entity:{entity_id}", purpose=why[:200])
    return EntityView(
        entity_id,
        [as_dict(r) for r in records],
        values,
    )


def records_by_id(
    session: Session, principal: Principal, ids: list[int]
) -> dict[int, dict[str, Any]]:
    """Records as the review queue shows them side by side (ids of the caller's agency)."""
    return {r.id: as_dict(r) for r in _records(session, principal, sorted(set(ids)))}


def review_queue(session: Session, principal: Principal, limit: int = 50) -> list[ReviewPair]:
    principal.require(*ANALYSTS)
    query = (
        select(ReviewPair)
        .where(ReviewPair.agency_id == principal.agency_id)
        .order_by(ReviewPair.score.desc(), ReviewPair.id)
        .limit(limit)
    )
    found = list(session.scalars(query))
    audit.record(session, principal, "entities.review_read", f"review:{len(found)}")
    return found


def export_ftm(session: Session, principal: Principal) -> Iterator[dict[str, Any]]:
    """Every entity of the agency as a FollowTheMoney ``Person`` with its statements."""
    principal.require(*ANALYSTS, Role.LIAISON)
    members: dict[int, list[dict[str, Any]]] = defaultdict(list)
    query = (
        select(PersonRecord)
        .where(PersonRecord.agency_id == principal.agency_id)
        .order_by(PersonRecord.entity_id, PersonRecord.id)
    )
    for r in session.scalars(query):
        members[r.entity_id or r.id].append(as_dict(r))
    audit.record(session, principal, "entities.exported", f"entities:{len(members)}", purpose="ftm")
    for entity_id, records in members.items():
        yield ftm.person(principal.agency_code, entity_id, records)


class ResolverCache:
    """One resolver per agency and store, built over the records held when it was built.
    Records stored since are few and scored one by one; past ``REBUILD`` of them the resolver
    is built again. Plain data only (no ORM objects outlive their session)."""

    REBUILD = 2_000

    def __init__(self) -> None:
        self._built: dict[tuple[str, int], tuple[int, Resolver, str]] = {}
        self._lock = threading.Lock()

    def get(self, session: Session, agency_id: int) -> tuple[int, Resolver]:
        key = (session.get_bind().engine.url.render_as_string(hide_password=True), agency_id)
        newest = (
            session.scalar(
                select(func.max(PersonRecord.id)).where(PersonRecord.agency_id == agency_id)
            )
            or 0
        )
        with self._lock:
            cached = self._built.get(key)
            if (
                cached is not None
                and 0 <= newest - cached[0] <= self.REBUILD
                and self._state(session, agency_id, cached[0]) == cached[2]
            ):
                return cached[0], cached[1]  # nothing it was built on has changed
            records = list(
                session.scalars(
                    select(PersonRecord).where(
                        PersonRecord.agency_id == agency_id, PersonRecord.id <= newest
                    )
                )
            )
            resolver = Resolver(_readable(records))
            self._built[key] = (newest, resolver, self._state(session, agency_id, newest))
            return newest, resolver

    @staticmethod
    def _state(session: Session, agency_id: int, through: int) -> str:
        """How many records up to ``through`` there are, and the newest's time: a store
        emptied and refilled to the same size reads differently."""
        count, newest = session.execute(
            select(func.count(PersonRecord.id), func.max(PersonRecord.created_at)).where(
                PersonRecord.agency_id == agency_id, PersonRecord.id <= through
            )
        ).one()
        return f"{count}:{newest}"


RESOLVERS = ResolverCache()


def _readable(records: Iterable[PersonRecord]) -> list[ResolverRecord]:
    out = []
    for record in records:
        try:
            out.append(record_of(str(record.id), _values(record)))
        except CorridorError:
            continue
    return out


def resolve_incoming(
    session: Session, principal: Principal, record_id: int, cache: ResolverCache = RESOLVERS
) -> int:
    """Resolve one new record against the agency's entities as it arrives (a crossing at the
    booth does not wait for a batch): it joins the entity of its best match at or above the
    auto-link threshold whose every record it is compatible with, else stays on its own;
    doubtful pairs go to the review queue. Its entity id."""
    principal.require(Role.ANALYST, Role.BORDER_OFFICER, Role.ADMIN)
    [record] = _records(session, principal, [record_id])
    try:
        incoming = record_of(str(record.id), _values(record))
    except CorridorError:
        return record.entity_id or record.id
    resolver, recent = _resolver(session, principal.agency_id, cache, but=record.id)
    known = {**resolver.records, **{r.person.id: r for r in recent}}
    scored = resolver.matches(incoming, REVIEW_FROM, recent)
    entity_of = dict(
        session.execute(
            select(PersonRecord.id, PersonRecord.entity_id).where(
                PersonRecord.id.in_([int(p.left) for p in scored] + [int(p.right) for p in scored])
            )
        ).all()
    )
    target = None
    for pair in scored:
        if pair.score < AUTO_LINK:
            break
        match = int(pair.right) if pair.left == str(record.id) else int(pair.left)
        entity = entity_of.get(match) or match
        members = session.scalars(
            select(PersonRecord.id).where(
                PersonRecord.agency_id == principal.agency_id, PersonRecord.entity_id == entity
            )
        )
        people = [known[str(m)] for m in members if str(m) in known]
        if resolver.compatible(incoming, people):
            target = entity
            break
    for pair in scored:
        if pair.score >= REVIEW_FROM and (target is None or pair.score < AUTO_LINK):
            session.add(
                ReviewPair(
                    agency_id=principal.agency_id,
                    left_id=int(pair.left),
                    right_id=int(pair.right),
                    score=round(pair.score, 4),
                    explanation=pair.explanation,
                )
            )
    if target is not None and target != record.entity_id:
        _apply(session, principal, [record], {str(record.id): target}, "incremental", "on arrival")
    return record.entity_id or record.id


def _resolver(
    session: Session, agency_id: int, cache: ResolverCache, but: int | None = None
) -> tuple[Resolver, list[ResolverRecord]]:
    """The agency's cached resolver, and the records stored since it was built (but ``but``)."""
    through, resolver = cache.get(session, agency_id)
    query = select(PersonRecord).where(
        PersonRecord.agency_id == agency_id, PersonRecord.id > through
    )
    if but is not None:
        query = query.where(PersonRecord.id != but)
    return resolver, _readable(session.scalars(query))


@dataclass(frozen=True, slots=True)
class PartnerMatch:
    alert_id: int
    reference: str
    owner: str
    alert_type: str
    handling_code: str
    entity_id: int
    record_id: int
    score: float
    explanation: str


def partner_matches(
    session: Session, principal: Principal, why: str, cache: ResolverCache = RESOLVERS
) -> list[PartnerMatch]:
    """The partners' shared alerts whose subject is one of the agency's entities, best first.
    Each active copy is resolved against the agency's records in memory, as a record arriving
    would be (its best match at or above the auto-link threshold whose every record it is
    compatible with); nothing of it is stored with the records, so the copy keeps its owner's
    handling code and validity and goes when its owner withdraws it."""
    principal.require(*ANALYSTS)
    if not " ".join(why.split()):
        raise InvalidInput("say why you read the partners' alerts (kept in the audit trail)")
    copies = list(
        session.scalars(
            select(Alert)
            .where(
                Alert.agency_id == principal.agency_id,
                Alert.owner_agency != "",
                Alert.status == "active",
            )
            .order_by(Alert.id)
        )
    )
    resolver, recent = _resolver(session, principal.agency_id, cache)
    known = {**resolver.records, **{r.person.id: r for r in recent}}
    members: dict[int, list[ResolverRecord]] = defaultdict(list)
    entity_of: dict[str, int] = {}
    for record_id, entity_id in session.execute(
        select(PersonRecord.id, PersonRecord.entity_id).where(
            PersonRecord.agency_id == principal.agency_id
        )
    ):
        entity_of[str(record_id)] = entity_id or record_id
        if str(record_id) in known:
            members[entity_id or record_id].append(known[str(record_id)])
    found = []
    for alert in copies:
        subject = ResolverRecord(person_of(alert)._replace(id=f"alert:{alert.id}"), None)
        for pair in resolver.matches(subject, AUTO_LINK, recent):
            match = pair.right if pair.left == subject.person.id else pair.left
            entity = entity_of.get(match)
            if entity is not None and resolver.compatible(subject, members[entity]):
                found.append(
                    PartnerMatch(
                        alert.id,
                        alert.reference,
                        alert.owner_agency,
                        alert.alert_type,
                        alert.handling_code,
                        entity,
                        int(match),
                        round(pair.score, 4),
                        pair.explanation,
                    )
                )
                break
    audit.record(
        session,
        principal,
        "entities.partner_matches",
        f"alerts:{len(copies)}",
        purpose=why[:200],
        detail={"matched": len(found)},
    )
    return sorted(found, key=lambda m: (-m.score, m.alert_id))


def train_model(session: Session, principal: Principal) -> Model:
    """The model's weights trained on the agency's records: EM over their candidate pairs,
    with every judged pair counted as the analyst judged it (same or not the same)."""
    principal.require(Role.ANALYST)
    resolver = Resolver(
        _readable(
            session.scalars(
                select(PersonRecord).where(PersonRecord.agency_id == principal.agency_id)
            )
        )
    )
    candidates = resolver.candidates()
    position = {_pair(int(c.traveller_id), int(c.alert_id)): i for i, c in enumerate(candidates)}
    labels: dict[int, bool] = {}
    same, not_same = _judged(session, principal.agency_id)
    for pair, verdict in [*((p, True) for p in same), *((p, False) for p in not_same)]:
        if pair not in position:
            left, right = resolver.records.get(pair[0]), resolver.records.get(pair[1])
            if left is None or right is None:
                continue
            scored = resolver.scorer.score(left.person, right.person)
            if scored is None:
                continue
            position[pair] = len(candidates)
            candidates.append(scored)
        labels[position[pair]] = verdict
    trained = train([comparison(c) for c in candidates], resolver.model, labels=labels)
    audit.record(
        session,
        principal,
        "entities.model_trained",
        f"model:{trained.version}",
        detail={"pairs": len(candidates), "judged": len(labels)},
    )
    return trained
