"""Screening a traveller at the border, and reviewing the hits."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.api.routers.pagination import Cursor, Limit
from corridor.api.schemas.common import Page
from corridor.api.schemas.screening import HitPublic, Review, ScreeningRequest
from corridor.domain.roles import Role
from corridor.services.screening import TravellerInput, check_traveller, review_hit
from corridor.store.models import ScreeningHit
from corridor.store.pagination import decode_cursor
from corridor.store.repositories.hits import HitRepository

router = APIRouter(prefix="/api/v1", tags=["screening"])


def hit_public(hit: ScreeningHit) -> HitPublic:
    return HitPublic(
        id=hit.id,
        alert_id=hit.alert_id,
        alert_reference=hit.alert.reference,
        alert_type=hit.alert.alert_type,
        owner_agency=hit.alert.agency.code,
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
