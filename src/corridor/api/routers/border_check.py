"""The border check in one call, from a read MRZ to a recorded crossing."""

from __future__ import annotations

from fastapi import APIRouter

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.api.routers.screening import hit_public
from corridor.api.schemas.border_check import BorderCheckRequest, BorderCheckResult, StayPublic
from corridor.api.schemas.crossings import CrossingPublic
from corridor.api.schemas.documents import DocumentCheckResult
from corridor.services.border_check import Decision, border_check
from corridor.services.screening import TravellerInput

router = APIRouter(prefix="/api/v1", tags=["border check"])


@router.post("/border-check", response_model=BorderCheckResult)
def check(
    body: BorderCheckRequest, principal: PrincipalDep, database: DatabaseDep
) -> BorderCheckResult:
    """Document check, screening, the document's recent crossings and current stay, the
    booth's warnings and, with ``record``, the crossing recorded at the point's local time;
    all in one transaction, so a refused recording leaves nothing half-stored."""
    typed = TravellerInput(
        full_name=body.full_name or "",
        birth_date=body.birth_date,
        nationality=body.nationality.upper(),
        sex=body.sex,
        document_number=body.document_number,
        issuing_state=body.issuing_state.upper(),
    )
    decision = Decision(**body.record.model_dump()) if body.record else None
    with database.transaction() as session:
        done = border_check(
            session,
            principal,
            mrz=body.mrz or "",
            traveller=None if body.mrz else typed,
            point=body.point.upper(),
            direction=body.direction,
            decision=decision,
        )
        return BorderCheckResult(
            traveller=done.traveller.as_dict(),
            document=DocumentCheckResult.model_validate(done.document.as_dict())
            if done.document
            else None,
            hits=[hit_public(h) for h in done.hits],
            recent_crossings=[CrossingPublic.model_validate(c) for c in done.recent],
            current_stay=StayPublic.model_validate(done.stay) if done.stay else None,
            warnings=done.warnings,
            crossing=CrossingPublic.model_validate(done.crossing) if done.crossing else None,
        )
