"""Recording crossings and reading a document's travel history."""

from __future__ import annotations

from fastapi import APIRouter, status

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.api.schemas.crossings import (
    CorrectionCreate,
    CrossingCreate,
    CrossingPublic,
    HistoryRequest,
    StaysRequest,
)
from corridor.domain.roles import Role
from corridor.services.crossings import analyse, correct_crossing, history, record_crossing

router = APIRouter(prefix="/api/v1/crossings", tags=["crossings"])


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
