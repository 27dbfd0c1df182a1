"""Requests for information to and from partner agencies."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, ConfigDict, Field

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.services.requests import is_overdue, reply, requests, send_request
from corridor.store.models import InformationRequest

router = APIRouter(prefix="/api/v1/requests", tags=["partner exchange"])


class RequestCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    partner: str = Field(min_length=2, max_length=16, examples=["GBR-HO"])
    about: str = Field(pattern="^(person|document|crossing|case)$")
    subject: str = Field(min_length=1, max_length=4000)
    purpose: str = Field(examples=["readmission"])
    agreement: str = Field(min_length=1, max_length=64)
    grading: str = Field(examples=["4x4:B2", "3x5x2:1BP"])
    handling_code: str = Field(default="", description="empty: the agreement's default")
    deadline: date | None = Field(default=None, description="empty: the agreement's answer time")


class ReplyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(pattern="^(answer|ask_back|decline|clarify)$")
    text: str = Field(min_length=1, max_length=8000)


class RequestPublic(BaseModel):
    id: int
    uid: str
    direction: str
    partner: str
    about: str
    subject: str
    purpose: str
    agreement: str
    handling_code: str
    grading: str
    deadline: date
    status: str
    overdue: bool
    conversation: list[dict[str, Any]]
    requested_by: str
    created_at: datetime
    closed_at: datetime | None


def _public(request: InformationRequest) -> RequestPublic:
    return RequestPublic(
        id=request.id,
        uid=request.uid,
        direction=request.direction,
        partner=request.partner,
        about=request.about,
        subject=request.subject,
        purpose=request.purpose,
        agreement=request.agreement,
        handling_code=request.handling_code,
        grading=request.grading,
        deadline=request.deadline,
        status=request.status,
        overdue=is_overdue(request),
        conversation=request.conversation,
        requested_by=request.requested_by,
        created_at=request.created_at,
        closed_at=request.closed_at,
    )


@router.post("", response_model=RequestPublic, status_code=status.HTTP_201_CREATED)
def create(body: RequestCreate, principal: PrincipalDep, database: DatabaseDep) -> RequestPublic:
    """Send a request to a partner agency (delivered by the next sync); refused with the
    blocking term when the agreement does not allow requests for that purpose."""
    with database.transaction() as session:
        return _public(send_request(session, principal, **body.model_dump()))


@router.get("", response_model=list[RequestPublic])
def listing(
    principal: PrincipalDep,
    database: DatabaseDep,
    direction: str = Query("out", pattern="^(in|out)$"),
    overdue: bool = False,
) -> list[RequestPublic]:
    """Requests sent (``out``) or received (``in``), soonest deadline first."""
    with database.transaction() as session:
        return [_public(r) for r in requests(session, principal, direction, overdue)]


@router.post("/{request_id}/replies", response_model=RequestPublic)
def add_reply(
    request_id: int, body: ReplyCreate, principal: PrincipalDep, database: DatabaseDep
) -> RequestPublic:
    """Answer, ask back or decline a partner's request; clarify one's own after an ask-back."""
    with database.transaction() as session:
        return _public(reply(session, principal, request_id, body.kind, body.text))
