"""The audit trail, for auditors: read-only; nothing in the product edits it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.api.routers.pagination import Cursor, Limit
from corridor.api.schemas.common import Page
from corridor.domain.roles import Role
from corridor.store.models import AuditEntry
from corridor.store.pagination import decode_cursor, page_of

router = APIRouter(prefix="/api/v1/audit", tags=["audit"])


class AuditPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    agency: str
    actor: str
    action: str
    subject: str
    purpose: str
    detail: dict[str, Any]
    hash: str


@router.get("", response_model=Page[AuditPublic])
def entries(
    principal: PrincipalDep,
    database: DatabaseDep,
    actor: str | None = None,
    action: str | None = None,
    cursor: Cursor = None,
    limit: Limit = 100,
) -> Page[AuditPublic]:
    """The caller's agency's entries, oldest first; filter by actor or action."""
    principal.require(Role.AUDITOR)
    query = (
        select(AuditEntry)
        .where(AuditEntry.agency == principal.agency_code)
        .order_by(AuditEntry.id)
        .limit(limit + 1)
    )
    if actor:
        query = query.where(AuditEntry.actor == actor)
    if action:
        query = query.where(AuditEntry.action == action)
    after = decode_cursor(cursor)
    if after is not None:
        query = query.where(AuditEntry.id > after)
    with database.transaction() as session:
        page = page_of(session.scalars(query).all(), limit, key=lambda e: e.id)
        return Page(
            items=[AuditPublic.model_validate(e) for e in page.items], next_cursor=page.next_cursor
        )
