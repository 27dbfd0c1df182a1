"""Travellers the caller's agency holds, with their documents."""

from __future__ import annotations

from fastapi import APIRouter

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.api.routers.pagination import Cursor, Limit
from corridor.api.schemas.common import Page
from corridor.api.schemas.travellers import TravellerPublic
from corridor.services import travellers as records
from corridor.store.pagination import decode_cursor

router = APIRouter(prefix="/api/v1/travellers", tags=["travellers"])


@router.get("", response_model=Page[TravellerPublic])
def list_travellers(
    principal: PrincipalDep, database: DatabaseDep, cursor: Cursor = None, limit: Limit = 100
) -> Page[TravellerPublic]:
    with database.transaction() as session:
        page = records.list_travellers(session, principal, decode_cursor(cursor), limit)
        items = [TravellerPublic.model_validate(t) for t in page.items]
    return Page(items=items, next_cursor=page.next_cursor)


@router.get("/{traveller_id}", response_model=TravellerPublic)
def get_traveller(
    traveller_id: int, principal: PrincipalDep, database: DatabaseDep
) -> TravellerPublic:
    with database.transaction() as session:
        return TravellerPublic.model_validate(
            records.read_traveller(session, principal, traveller_id)
        )
