"""Recording crossings one at a time, at the booth, and reading a document's history."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.domain.crossings.permits import permitted_days
from corridor.domain.crossings.warnings import (
    CurrentStay,
    PastCrossing,
    current_stay,
    warnings,
)
from corridor.domain.principal import Principal
from corridor.domain.roles import Role
from corridor.engines.crossings.store import StoreEngines
from corridor.errors import Conflict, InvalidInput, NotFound
from corridor.services import audit, entities
from corridor.services.arrivals import ARRIVALS
from corridor.store.database import Database, as_utc
from corridor.store.models import Crossing, CrossingPoint

ENGINES = StoreEngines()
DIRECTIONS = ("entry", "exit")
OUTCOMES = ("admitted", "refused", "referred")
PERMITS = ("visa_exempt", "e_visa", "visa", "border_pass", "residence", "crew", "citizen")


def record_crossing(session: Session, principal: Principal, values: dict[str, Any]) -> Crossing:
    """Store one crossing after checking every field; crossings are never edited afterwards."""
    principal.require(Role.BORDER_OFFICER)
    timestamp = str(values.get("timestamp") or "")
    try:
        moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(f"timestamp {timestamp!r} is not ISO 8601") from None
    if moment.tzinfo is None:
        raise InvalidInput("the timestamp needs its UTC offset, e.g. 2026-03-01T08:15:00+07:00")
    point = session.scalar(select(CrossingPoint).where(CrossingPoint.code == values.get("point")))
    if point is None:
        raise InvalidInput(f"crossing point {values.get('point')!r} is not known to this node")
    for field, allowed in (
        ("direction", DIRECTIONS),
        ("outcome", OUTCOMES),
        ("permit_type", PERMITS),
    ):
        if values.get(field) not in allowed:
            raise InvalidInput(f"{field} must be one of {', '.join(allowed)}")
    state = str(values.get("issuing_state") or "").upper()
    number = str(values.get("document_number") or "").upper()
    if not state or not number:
        raise InvalidInput("give the document's issuing state and number")
    reason = " ".join(str(values.get("outcome_reason") or "").split())
    if values["outcome"] == "refused" and not reason:
        raise InvalidInput("say why the traveller was refused (outcome_reason)")
    escorts = _escorts(values.get("accompanied_by"))
    days = values.get("permit_days")
    nationality = str(values.get("nationality") or "").upper()
    if days is None and values["permit_type"] != "citizen" and nationality != point.country:
        rule = permitted_days(point.country, nationality, values["permit_type"])
        days = rule.days if rule else None
    crossing = Crossing(
        agency_id=principal.agency_id,
        reference=str(values.get("reference") or "")
        or f"{point.code}-{moment.astimezone(UTC):%Y%m%dT%H%M%S}-{number}",
        source="border-check",
        timestamp=moment.isoformat(),
        instant=moment,
        local_date=moment.date(),
        point=point.code,
        direction=values["direction"],
        document_key=f"{state}:{number}",
        nationality=str(values.get("nationality") or ""),
        full_name=str(values.get("full_name") or ""),
        birth_date=_date(values.get("birth_date")),
        sex=str(values.get("sex") or ""),
        permit_type=values["permit_type"],
        permit_days=days,
        carrier=str(values.get("carrier") or ""),
        booking_ref=str(values.get("booking_ref") or ""),
        outcome=values["outcome"],
        outcome_reason=reason[:200],
        accompanied_by=escorts,
        officer_id=principal.user_id,
    )
    session.add(crossing)
    session.flush()
    audit.record(session, principal, "crossing.recorded", f"crossing:{crossing.id}")
    _person_record(session, principal, crossing, number)
    return crossing


def _person_record(session: Session, principal: Principal, crossing: Crossing, number: str) -> None:
    """The traveller as this crossing saw them, a person record of the agency's, resolved
    against its entities as soon as the crossing is committed."""
    if not crossing.full_name.strip():
        return
    record = entities.add_record(
        session,
        principal,
        crossing.source,
        crossing.reference,
        {
            "full_name": crossing.full_name,
            "birth_date": crossing.birth_date.isoformat() if crossing.birth_date else "",
            "nationality": crossing.nationality,
            "sex": crossing.sex,
            "document_number": number,
        },
    )
    ARRIVALS.resolve_after_commit(session, principal, record.id)


def _escorts(value: Any) -> str:
    """The accompanying adults' documents as ``STATE:NUMBER`` keys, ``;``-separated."""
    if not value:
        return ""
    items = value if isinstance(value, list | tuple) else str(value).split(";")
    keys = []
    for item in items:
        key = "".join(str(item).split()).upper()
        state, _, number = key.partition(":")
        if not (2 <= len(state) <= 3 and state.isalpha() and number.isalnum()):
            raise InvalidInput(f"accompanied_by {item!r} is not a document key like VNM:C1234567")
        keys.append(key)
    joined = ";".join(keys)
    if len(joined) > 200:
        raise InvalidInput("accompanied_by names too many documents")
    return joined


def _date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(f"birth date {value!r} is not YYYY-MM-DD") from None


def history(
    session: Session, principal: Principal, document_key: str, limit: int = 200
) -> list[Crossing]:
    """A document's crossings recorded by the caller's agency, newest first."""
    principal.require(Role.BORDER_OFFICER, Role.ANALYST, Role.CASE_OFFICER)
    query = (
        select(Crossing)
        .where(
            Crossing.agency_id == principal.agency_id, Crossing.document_key == document_key.upper()
        )
        .order_by(Crossing.instant.desc(), Crossing.id.desc())
        .limit(limit)
    )
    found = list(session.scalars(query).all())
    audit.record(
        session,
        principal,
        "crossings.history",
        f"document:{audit.hidden(document_key.upper())}",
        detail={"crossings": len(found)},
    )
    return found


def booth_warnings(
    session: Session,
    principal: Principal,
    document_key: str,
    point_code: str,
    direction: str,
    birth_date: date | None,
    now: datetime,
) -> tuple[list[Crossing], CurrentStay | None, list[str]]:
    """The document's recent crossings (newest first), its open stay in the point's country
    and the warnings they raise. An entry stored without permitted days takes the country's
    rule for its nationality and permit, as the stays analysis does."""
    recent = history(session, principal, document_key, limit=20)
    countries = {p.code: p.country for p in session.scalars(select(CrossingPoint))}
    past = []
    for c in recent:
        country = countries.get(c.point, "")
        days = c.permit_days
        if days is None and c.permit_type != "citizen" and c.nationality != country:
            rule = permitted_days(country, c.nationality, c.permit_type)
            days = rule.days if rule else None
        past.append(
            PastCrossing(as_utc(c.instant), c.local_date, c.point, country, c.direction, days)
        )
    country = countries.get(point_code, "")
    stay = current_stay(past, country, now.date()) if country else None
    found = warnings(past, now, point_code, country, direction, birth_date)
    return recent, stay, found


def analyse(
    database: Database, agency_id: int, what: str, as_of: date | None = None
) -> list[dict[str, Any]]:
    """Stays (as of a date), anomalies or companions over the agency's stored crossings, as
    rows of the file commands' columns (the same engine and SQL). The loaded engine is kept
    until the agency's crossings change."""
    with ENGINES.engine(database, agency_id) as engine:
        if what == "stays":
            relation = engine.stays(as_of or date.today())
        elif what == "anomalies":
            relation = engine.anomalies()
        else:
            relation = engine.companions()
        columns = list(relation.columns)
        return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


def point_day(session: Session, principal: Principal, point: str, day: date) -> list[Crossing]:
    """Every crossing the agency recorded at a point on one local day, in time order."""
    principal.require(Role.BORDER_OFFICER, Role.ANALYST, Role.CASE_OFFICER)
    query = (
        select(Crossing)
        .where(
            Crossing.agency_id == principal.agency_id,
            Crossing.point == point.upper(),
            Crossing.local_date == day,
        )
        .order_by(Crossing.instant, Crossing.id)
    )
    found = list(session.scalars(query).all())
    audit.record(
        session,
        principal,
        "crossings.point_day",
        f"point:{point.upper()}:{day}",
        detail={"crossings": len(found)},
    )
    return found


def correct_crossing(
    session: Session, principal: Principal, crossing_id: int, values: dict[str, Any], reason: str
) -> Crossing:
    """A correction: a new crossing that points at the one it corrects, which stays as it was.
    Only the latest version of a crossing takes part in stays and anomalies."""
    principal.require(Role.BORDER_OFFICER)
    why = " ".join(reason.split())
    if not why:
        raise InvalidInput("say why the crossing is corrected")
    original = session.scalar(
        select(Crossing).where(
            Crossing.id == crossing_id, Crossing.agency_id == principal.agency_id
        )
    )
    if original is None:
        raise NotFound(f"no crossing {crossing_id} in your agency")
    if session.scalar(select(Crossing.id).where(Crossing.corrects_id == crossing_id)):
        raise Conflict(f"crossing {crossing_id} was already corrected; correct the correction")
    state, _, number = original.document_key.partition(":")
    merged = {
        "timestamp": original.timestamp,
        "point": original.point,
        "direction": original.direction,
        "issuing_state": state,
        "document_number": number,
        "nationality": original.nationality,
        "full_name": original.full_name,
        "birth_date": original.birth_date.isoformat() if original.birth_date else "",
        "sex": original.sex,
        "permit_type": original.permit_type,
        "permit_days": original.permit_days,
        "carrier": original.carrier,
        "booking_ref": original.booking_ref,
        "outcome": original.outcome,
        "outcome_reason": original.outcome_reason,
        "accompanied_by": original.accompanied_by,
        **{k: v for k, v in values.items() if v is not None},
        "reference": f"{original.reference}-c{original.id}",
    }
    corrected = record_crossing(session, principal, merged)
    corrected.corrects_id = original.id
    audit.record(
        session,
        principal,
        "crossing.corrected",
        f"crossing:{original.id}",
        purpose=why[:200],
        detail={"correction": corrected.id},
    )
    return corrected
