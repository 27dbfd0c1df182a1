"""The border check, end to end: from a read MRZ (or typed details) to a decision.

One call checks the document (ICAO 9303 and the register), screens the traveller, reads the
document's recent crossings and current stay, raises the booth's warnings and, when the
officer has decided, records the crossing; the web page and the API both come here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from corridor.domain.crossings.warnings import CurrentStay
from corridor.domain.documents.registry import DocumentCheck
from corridor.domain.points import local_now
from corridor.domain.principal import Principal
from corridor.domain.roles import Role
from corridor.domain.screening.dates import parse_birth_date
from corridor.errors import InvalidInput
from corridor.services.crossings import booth_warnings, record_crossing
from corridor.services.documents import officer_checks_document
from corridor.services.screening import TravellerInput, check_traveller
from corridor.store.models import Crossing, ScreeningHit
from corridor.store.repositories.points import CrossingPointRepository

HISTORY_READERS = (Role.BORDER_OFFICER, Role.ANALYST, Role.CASE_OFFICER)


@dataclass(slots=True)
class Decision:
    """What the officer decided, to be recorded with the check."""

    permit_type: str
    outcome: str = "admitted"
    permit_days: int | None = None
    outcome_reason: str = ""
    carrier: str = ""
    booking_ref: str = ""
    accompanied_by: list[str] = field(default_factory=list)


@dataclass(slots=True)
class BorderCheck:
    traveller: TravellerInput
    document: DocumentCheck | None
    hits: list[ScreeningHit]
    recent: list[Crossing]
    stay: CurrentStay | None
    warnings: list[str]
    crossing: Crossing | None = None


def border_check(
    session: Session,
    principal: Principal,
    *,
    mrz: str = "",
    traveller: TravellerInput | None = None,
    point: str = "",
    direction: str = "entry",
    decision: Decision | None = None,
    now: datetime | None = None,
) -> BorderCheck:
    """Check a traveller at ``point`` and, given a ``decision``, record the crossing; every
    read goes to the audit trail through the services it uses."""
    found = CrossingPointRepository(session).by_code(point) if point else None
    if point and found is None:
        raise InvalidInput(f"crossing point {point!r} is not known to this node")
    if decision is not None and found is None:
        raise InvalidInput("give the crossing point to record the crossing")
    moment = now or (local_now(found.country) if found else datetime.now(UTC))
    document = None
    if mrz.strip():
        document = officer_checks_document(session, principal, moment.date(), mrz=mrz)
        traveller = TravellerInput.from_mrz(mrz, moment.date())
    elif traveller is None:
        raise InvalidInput("give the MRZ, or the traveller's name")
    hits = check_traveller(session, principal, traveller)
    recent: list[Crossing] = []
    stay = None
    warned: list[str] = []
    has_document = bool(traveller.document_number and traveller.issuing_state)
    if has_document and principal.has(*HISTORY_READERS):
        recent, stay, warned = booth_warnings(
            session,
            principal,
            f"{traveller.issuing_state}:{traveller.document_number}",
            found.code if found else "",
            direction,
            _full_birth_date(traveller.birth_date),
            moment,
        )
    result = BorderCheck(traveller, document, hits, recent, stay, warned)
    if decision is not None:
        if not has_document:
            raise InvalidInput(
                "a crossing is recorded against a document: give its number and state"
            )
        result.crossing = record_crossing(
            session, principal, _crossing(traveller, decision, point, direction, moment)
        )
    return result


def _full_birth_date(text: str) -> date | None:
    born = parse_birth_date(text)
    if born is None or not born.is_full:
        return None
    return date(born.year, born.month, born.day)  # type: ignore[arg-type]


def _crossing(
    traveller: TravellerInput, decision: Decision, point: str, direction: str, moment: datetime
) -> dict[str, Any]:
    return {
        "timestamp": moment.isoformat(timespec="seconds"),
        "point": point,
        "direction": direction,
        "issuing_state": traveller.issuing_state,
        "document_number": traveller.document_number,
        "nationality": traveller.nationality,
        "full_name": traveller.full_name,
        "birth_date": traveller.birth_date if len(traveller.birth_date) == 10 else "",
        "sex": traveller.sex,
        "permit_type": decision.permit_type,
        "permit_days": decision.permit_days,
        "outcome": decision.outcome,
        "outcome_reason": decision.outcome_reason,
        "carrier": decision.carrier,
        "booking_ref": decision.booking_ref,
        "accompanied_by": decision.accompanied_by,
    }
