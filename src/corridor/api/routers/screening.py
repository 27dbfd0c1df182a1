"""Screening a traveller at the border, and reviewing the hits."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, BackgroundTasks, status

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.api.routers.pagination import Cursor, Limit
from corridor.api.schemas.common import Page
from corridor.api.schemas.screening import (
    BatchCreate,
    BatchPublic,
    HitPublic,
    Review,
    ScreeningRequest,
)
from corridor.domain.roles import Role
from corridor.errors import NotFound
from corridor.services.screening import (
    SCREENERS,
    TravellerInput,
    check_traveller,
    create_batch,
    review_hit,
    run_batch,
)
from corridor.store.models import ScreeningBatch, ScreeningHit
from corridor.store.pagination import decode_cursor
from corridor.store.repositories.hits import HitRepository

router = APIRouter(prefix="/api/v1", tags=["screening"])


def hit_public(hit: ScreeningHit) -> HitPublic:
    return HitPublic(
        id=hit.id,
        alert_id=hit.alert_id,
        alert_reference=hit.alert.reference,
        alert_type=hit.alert.alert_type,
        owner_agency=hit.alert.owner,
        action=hit.alert.action,
        score=hit.score,
        explanation=hit.explanation,
        status=hit.status,
        traveller=hit.traveller,
        reason=hit.reason,
        action_taken=hit.action_taken,
        created_at=hit.created_at,
        reviewed_at=hit.reviewed_at,
    )


@router.post("/screening/check", response_model=list[HitPublic])
def check(
    body: ScreeningRequest, principal: PrincipalDep, database: DatabaseDep
) -> list[HitPublic]:
    """Screen one traveller against the agency's active alerts; hits best first, each stored
    as pending for review."""
    if body.mrz:
        traveller = TravellerInput.from_mrz(body.mrz, date.today())
    else:
        traveller = TravellerInput(
            full_name=body.full_name or "",
            birth_date=body.birth_date,
            nationality=body.nationality,
            sex=body.sex,
            document_number=body.document_number,
            issuing_state=body.issuing_state,
        )
    with database.transaction() as session:
        return [hit_public(h) for h in check_traveller(session, principal, traveller)]


@router.get("/hits", response_model=Page[HitPublic])
def list_hits(
    principal: PrincipalDep,
    database: DatabaseDep,
    status: str | None = "pending",
    cursor: Cursor = None,
    limit: Limit = 100,
) -> Page[HitPublic]:
    """The hits queue (pending by default; status=confirmed, dismissed or all)."""
    principal.require(Role.BORDER_OFFICER, Role.ANALYST, Role.CASE_OFFICER, Role.AUDITOR)
    with database.transaction() as session:
        page = HitRepository(session).list(
            principal.agency_id, None if status == "all" else status, decode_cursor(cursor), limit
        )
        return Page(items=[hit_public(h) for h in page.items], next_cursor=page.next_cursor)


@router.post("/hits/{hit_id}/confirm", response_model=HitPublic)
def confirm(hit_id: int, body: Review, principal: PrincipalDep, database: DatabaseDep) -> HitPublic:
    """Confirm a hit: the action taken is recorded and the alert's owner is notified."""
    with database.transaction() as session:
        hit = review_hit(
            session, principal, hit_id, "confirmed", body.reason, body.action_taken, body.where
        )
        return hit_public(hit)


@router.post("/hits/{hit_id}/dismiss", response_model=HitPublic)
def dismiss(hit_id: int, body: Review, principal: PrincipalDep, database: DatabaseDep) -> HitPublic:
    """Dismiss a false hit; the same traveller will not be stopped for this alert again."""
    with database.transaction() as session:
        return hit_public(review_hit(session, principal, hit_id, "dismissed", body.reason))


@router.post("/screening/batches", response_model=BatchPublic, status_code=status.HTTP_202_ACCEPTED)
def create(
    body: BatchCreate, tasks: BackgroundTasks, principal: PrincipalDep, database: DatabaseDep
) -> BatchPublic:
    """Screen a passenger list in the background; poll the batch for progress, then read its
    hits. Every traveller is checked first: one bad entry refuses the whole list (422)."""
    travellers = [
        TravellerInput(t.full_name, t.birth_date, t.nationality.upper(), t.sex, t.document_number)
        for t in body.travellers
    ]
    with database.transaction() as session:
        batch = create_batch(session, principal, body.name, travellers)
        public = BatchPublic.model_validate(batch)
    tasks.add_task(run_batch, database, public.id)
    return public


def _batch(database: DatabaseDep, batch_id: int, agency_id: int) -> ScreeningBatch:
    with database.transaction() as session:
        batch = session.get(ScreeningBatch, batch_id)
        if batch is None or batch.agency_id != agency_id:
            raise NotFound(f"no batch {batch_id} in your agency")
        return batch


@router.get("/screening/batches/{batch_id}", response_model=BatchPublic)
def progress(batch_id: int, principal: PrincipalDep, database: DatabaseDep) -> BatchPublic:
    principal.require(*SCREENERS)
    return BatchPublic.model_validate(_batch(database, batch_id, principal.agency_id))


@router.get("/screening/batches/{batch_id}/hits", response_model=Page[HitPublic])
def batch_hits(
    batch_id: int,
    principal: PrincipalDep,
    database: DatabaseDep,
    cursor: Cursor = None,
    limit: Limit = 100,
) -> Page[HitPublic]:
    principal.require(*SCREENERS)
    _batch(database, batch_id, principal.agency_id)
    with database.transaction() as session:
        page = HitRepository(session).list(
            principal.agency_id, None, decode_cursor(cursor), limit, batch_id=batch_id
        )
        return Page(items=[hit_public(h) for h in page.items], next_cursor=page.next_cursor)
