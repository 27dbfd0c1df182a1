"""Person records and entities: resolve, review, judge, merge, split, undo, read."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.services import entities

router = APIRouter(prefix="/api/v1/entities", tags=["entities"])


class Reasoned(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=500)


class Merge(Reasoned):
    entity_ids: list[int] = Field(min_length=2, max_length=100)


class Split(Reasoned):
    record_ids: list[int] = Field(min_length=1, max_length=1000)


class JudgementCreate(Reasoned):
    left_id: int
    right_id: int
    verdict: str = Field(pattern="^(same|not_same|unsure)$")


class ChangePublic(BaseModel):
    id: int
    kind: str
    changed_by: str
    reason: str
    moved: dict[str, Any] = Field(description="record id -> its entity after the change")


class ResolvePublic(BaseModel):
    records: int
    entities: int
    linked_pairs: int
    review_pairs: int
    change_id: int


class ReviewPublic(BaseModel):
    left: dict[str, Any]
    right: dict[str, Any]
    score: float
    explanation: str


class EntityPublic(BaseModel):
    entity_id: int
    values: dict[str, list[dict[str, Any]]]
    records: list[dict[str, Any]]


def _change(change: Any) -> ChangePublic:
    return ChangePublic(
        id=change.id,
        kind=change.kind,
        changed_by=change.changed_by,
        reason=change.reason,
        moved=change.after,
    )


class RecordsCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    resolve: bool = Field(
        default=False,
        description="resolve each new record against the entities at once (else at the next "
        "bulk resolve)",
    )
    records: list[dict[str, str]] = Field(
        min_length=1,
        max_length=100_000,
        description="id, source, full_name and optionally birth_date, nationality, sex, "
        "document_number, phone, address (the columns of `corridor resolve`)",
    )


class StoredPublic(BaseModel):
    imported: int
    already: int
    errors: list[str]
    entities: dict[str, int] = Field(
        default_factory=dict, description="with resolve: each new record's id -> its entity"
    )


@router.post("/records", response_model=StoredPublic)
def store(body: RecordsCreate, principal: PrincipalDep, database: DatabaseDep) -> StoredPublic:
    """Store records (each a new entity until the next resolve); a record already held from
    its source is skipped; a bad one is reported by its position (1 is the first)."""
    rows = [(number, dict(values)) for number, values in enumerate(body.records, start=1)]
    with database.transaction() as session:
        done = entities.store_records(session, principal, rows, "api")
        placed = {
            str(record_id): entities.resolve_incoming(session, principal, record_id)
            for record_id in (done.new_ids if body.resolve else [])
        }
    return StoredPublic(
        imported=done.imported,
        already=done.already,
        errors=[f"record {e.line}: {e.message}" for e in done.errors],
        entities=placed,
    )


@router.post("/resolve", response_model=ResolvePublic)
def resolve(body: Reasoned, principal: PrincipalDep, database: DatabaseDep) -> ResolvePublic:
    """Resolve every record of the agency again; judgements are honoured."""
    done = entities.resolve_all(database, principal, body.reason)
    return ResolvePublic(
        records=done.records,
        entities=done.entities,
        linked_pairs=done.linked_pairs,
        review_pairs=done.review_pairs,
        change_id=done.change_id,
    )


@router.post("/partner-matches", response_model=list[entities.PartnerMatch])
def partner_matches(
    body: Reasoned, principal: PrincipalDep, database: DatabaseDep
) -> list[entities.PartnerMatch]:
    """Partners' shared alerts whose subject is one of the agency's entities, best first;
    ``reason`` says why they are read (kept in the audit trail)."""
    with database.transaction() as session:
        return entities.partner_matches(session, principal, body.reason)


@router.get("/review", response_model=list[ReviewPublic])
def review(
    principal: PrincipalDep, database: DatabaseDep, limit: int = Query(20, ge=1, le=500)
) -> list[ReviewPublic]:
    """Pairs waiting for an analyst, strongest first, the two records side by side."""
    with database.transaction() as session:
        pairs = entities.review_queue(session, principal, limit)
        records = entities.records_by_id(
            session, principal, [i for p in pairs for i in (p.left_id, p.right_id)]
        )
        return [
            ReviewPublic(
                left=records[p.left_id],
                right=records[p.right_id],
                score=p.score,
                explanation=p.explanation,
            )
            for p in pairs
        ]


@router.post("/judgements", response_model=dict[str, str])
def judgement(
    body: JudgementCreate, principal: PrincipalDep, database: DatabaseDep
) -> dict[str, str]:
    """Same, not the same, or unsure: kept for every later re-run."""
    with database.transaction() as session:
        done = entities.judge(
            session, principal, body.left_id, body.right_id, body.verdict, body.reason
        )
        return {"verdict": done.verdict}


@router.post("/merges", response_model=ChangePublic)
def merge(body: Merge, principal: PrincipalDep, database: DatabaseDep) -> ChangePublic:
    with database.transaction() as session:
        return _change(entities.merge(session, principal, body.entity_ids, body.reason))


@router.post("/splits", response_model=ChangePublic)
def split(body: Split, principal: PrincipalDep, database: DatabaseDep) -> ChangePublic:
    with database.transaction() as session:
        return _change(entities.split(session, principal, body.record_ids, body.reason))


@router.post("/changes/{change_id}/undo", response_model=ChangePublic)
def undo(
    change_id: int, body: Reasoned, principal: PrincipalDep, database: DatabaseDep
) -> ChangePublic:
    """Put back every record the change moved (latest changes first)."""
    with database.transaction() as session:
        return _change(entities.undo(session, principal, change_id, body.reason))


@router.get("/{entity_id}", response_model=EntityPublic)
def entity(entity_id: int, principal: PrincipalDep, database: DatabaseDep) -> EntityPublic:
    """Each value with the records it came from, and the records side by side."""
    with database.transaction() as session:
        view = entities.show(session, principal, entity_id)
        return EntityPublic(entity_id=view.entity_id, values=view.values, records=view.records)
