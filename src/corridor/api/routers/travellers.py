"""Travellers the caller's agency holds, with their documents."""

from __future__ import annotations

from fastapi import APIRouter

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.api.routers.pagination import Cursor, Limit
from corridor.api.schemas.common import Page
from corridor.api.schemas.travellers import TravellerPublic
from corridor.domain.roles import Role
from corridor.services import audit
from corridor.store.pagination import decode_cursor
from corridor.store.repositories.travellers import TravellerRepository

router = APIRouter(prefix="/api/v1/travellers", tags=["travellers"])

READERS = (Role.BORDER_OFFICER, Role.ANALYST, Role.CASE_OFFICER, Role.LIAISON)


@router.get("", response_model=Page[TravellerPublic])
def list_travellers(
    principal: PrincipalDep, database: DatabaseDep, cursor: Cursor = None, limit: Limit = 100
) -> Page[TravellerPublic]:
    principal.require(*READERS)
    with database.transaction() as session:
        page = TravellerRepository(session).list(
            principal.agency_id, after=decode_cursor(cursor), limit=limit
        )
        items = [TravellerPublic.model_validate(t) for t in page.items]
        audit.record(
            session,
            principal,
            "travellers.list",
            f"travellers:{len(items)}",
            detail={"ids": [t.id for t in items]},
        )
    return Page(items=items, next_cursor=page.next_cursor)


@router.get("/{traveller_id}", response_model=TravellerPublic)
def get_traveller(
    traveller_id: int, principal: PrincipalDep, database: DatabaseDep
) -> TravellerPublic:
    principal.require(*READERS)
    with database.transaction() as session:
        traveller = TravellerRepository(session).get(traveller_id, principal.agency_id)
        audit.record(session, principal, "traveller.read", f"traveller:{traveller.id}")
        return TravellerPublic.model_validate(traveller)
