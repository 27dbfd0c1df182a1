"""Recording crossings and reading a document's travel history."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.domain.roles import Role
from corridor.services.crossings import analyse, correct_crossing, history, record_crossing

router = APIRouter(prefix="/api/v1/crossings", tags=["crossings"])


class CrossingCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    timestamp: str = Field(examples=["2026-03-01T08:15:00+07:00"])
    point: str = Field(max_length=16, examples=["HAN"])
    direction: str = Field(pattern="^(entry|exit)$")
    issuing_state: str = Field(min_length=1, max_length=3)
    document_number: str = Field(min_length=1, max_length=30)
    nationality: str = Field(default="", max_length=3)
    full_name: str = Field(default="", max_length=300)
    birth_date: str = Field(default="", max_length=10)
    sex: str = Field(default="", pattern="^[MFX]?$")
    permit_type: str = "visa_exempt"
    permit_days: int | None = Field(default=None, ge=0, le=3650)
    carrier: str = Field(default="", max_length=40)
    booking_ref: str = Field(default="", max_length=20)
    outcome: str = "admitted"
    reference: str = Field(default="", max_length=64)


class CrossingPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    reference: str
    timestamp: str
    local_date: date
    point: str
    direction: str
    document_key: str
    nationality: str
    full_name: str
    permit_type: str
    permit_days: int | None
    outcome: str
    corrects_id: int | None
    created_at: datetime


class CorrectionCreate(BaseModel):
    """The fields that change, and why; the rest is taken from the crossing corrected."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=200)
    timestamp: str | None = None
    point: str | None = Field(default=None, max_length=16)
    direction: str | None = Field(default=None, pattern="^(entry|exit)$")
    issuing_state: str | None = Field(default=None, max_length=3)
    document_number: str | None = Field(default=None, max_length=30)
    nationality: str | None = Field(default=None, max_length=3)
    full_name: str | None = Field(default=None, max_length=300)
    birth_date: str | None = Field(default=None, max_length=10)
    permit_type: str | None = None
    permit_days: int | None = Field(default=None, ge=0, le=3650)
    outcome: str | None = None


class HistoryRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document_key: str = Field(min_length=3, max_length=40, examples=["VNM:C1234567"])


@router.post("", response_model=CrossingPublic, status_code=status.HTTP_201_CREATED)
def record(body: CrossingCreate, principal: PrincipalDep, database: DatabaseDep) -> CrossingPublic:
    """Record one crossing at the booth; it is immutable from then on."""
    with database.transaction() as session:
        return CrossingPublic.model_validate(record_crossing(session, principal, body.model_dump()))


@router.post("/history", response_model=list[CrossingPublic])
def document_history(
    body: HistoryRequest, principal: PrincipalDep, database: DatabaseDep
) -> list[CrossingPublic]:
    """A document's crossings, newest first (the document in the body, never in the URL)."""
    with database.transaction() as session:
        return [
            CrossingPublic.model_validate(c) for c in history(session, principal, body.document_key)
        ]


ANALYSTS = (Role.BORDER_OFFICER, Role.ANALYST, Role.CASE_OFFICER)


class StaysRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: date
    status: str | None = Field(default=None, pattern="^(in_country|overstaying|left|left_late)$")


@router.post("/stays", response_model=list[dict[str, object]])
def stays(
    body: StaysRequest, principal: PrincipalDep, database: DatabaseDep
) -> list[dict[str, object]]:
    """Every foreigner's stay as of a date (optionally only one status, e.g. overstaying)."""
    principal.require(*ANALYSTS)
    rows = analyse(database, principal.agency_id, "stays", body.as_of)
    return [r for r in rows if body.status is None or r["status"] == body.status]


@router.post("/anomalies", response_model=list[dict[str, object]])
def anomalies(principal: PrincipalDep, database: DatabaseDep) -> list[dict[str, object]]:
    """Impossible travel, double entries, exits without entry, minors without a guardian."""
    principal.require(*ANALYSTS)
    return analyse(database, principal.agency_id, "anomalies")


@router.post("/companions", response_model=list[dict[str, object]])
def companions(principal: PrincipalDep, database: DatabaseDep) -> list[dict[str, object]]:
    """Travellers ranked by who they keep crossing with, escorts of likely victims first."""
    principal.require(*ANALYSTS)
    return analyse(database, principal.agency_id, "companions")[:500]


@router.post(
    "/{crossing_id}/corrections", response_model=CrossingPublic, status_code=status.HTTP_201_CREATED
)
def correct(
    crossing_id: int, body: CorrectionCreate, principal: PrincipalDep, database: DatabaseDep
) -> CrossingPublic:
    """Correct a crossing: a new crossing that points at it; the original stays as recorded."""
    changes = body.model_dump(exclude={"reason"})
    with database.transaction() as session:
        corrected = correct_crossing(session, principal, crossing_id, changes, body.reason)
        return CrossingPublic.model_validate(corrected)
