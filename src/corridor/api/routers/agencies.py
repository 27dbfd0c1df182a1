"""The directory of agencies this node serves or knows (not personal data)."""

from __future__ import annotations

from fastapi import APIRouter

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.api.routers.pagination import Cursor, Limit
from corridor.api.schemas.agencies import AgencyPublic
from corridor.api.schemas.common import Page
from corridor.store.pagination import decode_cursor
from corridor.store.repositories.agencies import AgencyRepository

router = APIRouter(prefix="/api/v1/agencies", tags=["agencies"])


@router.get("", response_model=Page[AgencyPublic])
def list_agencies(
    _: PrincipalDep, database: DatabaseDep, cursor: Cursor = None, limit: Limit = 100
) -> Page[AgencyPublic]:
    with database.transaction() as session:
        page = AgencyRepository(session).list(after=decode_cursor(cursor), limit=limit)
        items = [AgencyPublic.model_validate(a) for a in page.items]
    return Page(items=items, next_cursor=page.next_cursor)


@router.get("/{code}", response_model=AgencyPublic)
def get_agency(code: str, _: PrincipalDep, database: DatabaseDep) -> AgencyPublic:
    with database.transaction() as session:
        return AgencyPublic.model_validate(AgencyRepository(session).get(code))
