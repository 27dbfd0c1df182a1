"""The border check, the hits queue and the alerts list."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from corridor.domain.points import local_now
from corridor.domain.principal import Principal
from corridor.domain.roles import OPERATIONAL, Role
from corridor.errors import CorridorError, InvalidInput
from corridor.services.border_check import border_check
from corridor.services.crossings import analyse, history, point_day, record_crossing
from corridor.services.screening import TravellerInput, review_hit
from corridor.store.repositories.alerts import AlertRepository
from corridor.store.repositories.hits import HitRepository
from corridor.store.repositories.points import CrossingPointRepository
from corridor.web import session as web_session
from corridor.web.pages import guard, render, state

router = APIRouter(include_in_schema=False)
REVIEWERS = (Role.BORDER_OFFICER, Role.ANALYST, Role.CASE_OFFICER)


@router.get("/border-check", response_class=HTMLResponse)
def border_check_form(request: Request) -> Response:
    principal = guard(request, OPERATIONAL, "The border check is for operational roles.")
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    with database.transaction() as session:
        points = CrossingPointRepository(session).all()
    return render(request, principal, "border_check.html", form={}, points=points)


@router.post("/border-check", response_class=HTMLResponse)
def border_check_submit(
    request: Request,
    csrf: Annotated[str, Form()] = "",
    mrz: Annotated[str, Form(max_length=4096)] = "",
    full_name: Annotated[str, Form(max_length=300)] = "",
    birth_date: Annotated[str, Form(max_length=10)] = "",
    nationality: Annotated[str, Form(max_length=3)] = "",
    sex: Annotated[str, Form(max_length=1)] = "",
    document_number: Annotated[str, Form(max_length=30)] = "",
    point: Annotated[str, Form(max_length=16)] = "",
    direction: Annotated[str, Form(max_length=5)] = "entry",
) -> Response:
    """Everything in the form body: names and numbers never travel in a URL."""
    principal = guard(request, OPERATIONAL, "The border check is for operational roles.")
    if not isinstance(principal, Principal):
        return principal
    settings, database = state(request)
    form = {
        "mrz": mrz,
        "full_name": full_name,
        "birth_date": birth_date,
        "nationality": nationality,
        "sex": sex,
        "document_number": document_number,
    }
    form.update(point=point, direction=direction)
    try:
        web_session.check_form_token(principal, settings, csrf)
        with database.transaction() as session:
            typed = TravellerInput(
                full_name, birth_date, nationality.upper(), sex.upper(), document_number
            )
            checked = border_check(
                session,
                principal,
                mrz=mrz,
                traveller=None if mrz.strip() else typed,
                point=point,
                direction=direction,
            )
            hits = [_hit_view(h) for h in checked.hits]
            points = CrossingPointRepository(session).all()
    except CorridorError as error:
        return render(
            request, principal, "border_check.html", status=422, error=error.detail, form=form
        )
    return render(
        request,
        principal,
        "border_check.html",
        form=form,
        document=checked.document.as_dict() if checked.document else None,
        hits=hits,
        checked=True,
        traveller=checked.traveller.as_dict(),
        recent=checked.recent,
        stay=checked.stay,
        warnings=checked.warnings,
        points=points,
    )


@router.post("/border-check/record", response_class=HTMLResponse)
def record(
    request: Request,
    csrf: Annotated[str, Form()] = "",
    point: Annotated[str, Form(max_length=16)] = "",
    direction: Annotated[str, Form(max_length=5)] = "",
    permit_type: Annotated[str, Form(max_length=20)] = "",
    permit_days: Annotated[str, Form(max_length=5)] = "",
    outcome: Annotated[str, Form(max_length=10)] = "admitted",
    outcome_reason: Annotated[str, Form(max_length=200)] = "",
    accompanied_by: Annotated[str, Form(max_length=200)] = "",
    carrier: Annotated[str, Form(max_length=40)] = "",
    booking_ref: Annotated[str, Form(max_length=20)] = "",
    full_name: Annotated[str, Form(max_length=300)] = "",
    birth_date: Annotated[str, Form(max_length=10)] = "",
    nationality: Annotated[str, Form(max_length=3)] = "",
    sex: Annotated[str, Form(max_length=1)] = "",
    document_number: Annotated[str, Form(max_length=30)] = "",
    issuing_state: Annotated[str, Form(max_length=3)] = "",
) -> Response:
    """Record the crossing just checked, stamped with the point's local time."""
    principal = guard(request, (Role.BORDER_OFFICER,), "Only border officers record crossings.")
    if not isinstance(principal, Principal):
        return principal
    settings, database = state(request)
    try:
        web_session.check_form_token(principal, settings, csrf)
        days = int(permit_days) if permit_days.strip() else None
        with database.transaction() as session:
            found = CrossingPointRepository(session).by_code(point)
            if found is None:
                raise InvalidInput("choose the crossing point")
            crossing = record_crossing(
                session,
                principal,
                {
                    "timestamp": local_now(found.country).isoformat(timespec="seconds"),
                    "point": point,
                    "direction": direction,
                    "permit_type": permit_type,
                    "permit_days": days,
                    "outcome": outcome,
                    "outcome_reason": outcome_reason,
                    "accompanied_by": accompanied_by,
                    "carrier": carrier,
                    "booking_ref": booking_ref,
                    "full_name": full_name,
                    "birth_date": birth_date if len(birth_date) == 10 else "",
                    "nationality": nationality,
                    "sex": sex,
                    "document_number": document_number,
                    "issuing_state": issuing_state,
                },
            )
            message = (
                f"Recorded: {crossing.direction} of {crossing.document_key} at "
                f"{crossing.point}, {crossing.timestamp} ({crossing.outcome})."
            )
    except ValueError:
        return render(
            request,
            principal,
            "error.html",
            status=422,
            message="Permitted days must be a whole number.",
        )
    except CorridorError as error:
        return render(request, principal, "error.html", status=error.status, message=error.detail)
    with database.transaction() as session:
        points = CrossingPointRepository(session).all()
    return render(
        request,
        principal,
        "border_check.html",
        form={"point": point},
        recorded=message,
        points=points,
    )


def _hit_view(hit: Any) -> dict[str, Any]:
    return {
        "id": hit.id,
        "score": hit.score,
        "status": hit.status,
        "explanation": hit.explanation,
        "alert_type": hit.alert.alert_type,
        "reference": hit.alert.reference,
        "owner": hit.alert.owner,
        "action": hit.alert.action,
        "names": [n["name"] for n in hit.alert.names],
        "birth_date": hit.alert.birth_date,
        "traveller": hit.traveller,
    }


@router.get("/hits", response_class=HTMLResponse)
def hits_queue(request: Request) -> Response:
    principal = guard(
        request, (*REVIEWERS, Role.AUDITOR), "The hits queue is for reviewers and auditors."
    )
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    with database.transaction() as session:
        pending = [
            _hit_view(h)
            for h in HitRepository(session).list(principal.agency_id, "pending", limit=200).items
        ]
    return render(request, principal, "hits.html", hits=pending)


@router.post("/hits/{hit_id}/review", response_class=HTMLResponse)
def review(
    request: Request,
    hit_id: int,
    csrf: Annotated[str, Form()] = "",
    decision: Annotated[str, Form(max_length=10)] = "",
    reason: Annotated[str, Form(max_length=500)] = "",
    action_taken: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    principal = guard(request)
    if not isinstance(principal, Principal):
        return principal
    settings, database = state(request)
    try:
        web_session.check_form_token(principal, settings, csrf)
        with database.transaction() as session:
            review_hit(session, principal, hit_id, decision, reason, action_taken)
    except CorridorError as error:
        return render(request, principal, "error.html", status=error.status, message=error.detail)
    return RedirectResponse("/hits", status_code=303)


@router.get("/alerts", response_class=HTMLResponse)
def alerts_list(request: Request) -> Response:
    principal = guard(
        request, (*OPERATIONAL, Role.AUDITOR), "Alerts are for operational roles and auditors."
    )
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    with database.transaction() as session:
        repository = AlertRepository(session)
        page = repository.list(principal.agency_id, limit=500, status="active")
        total = repository.count(principal.agency_id, "active")
        rows = [
            {
                "id": a.id,
                "reference": a.reference,
                "type": a.alert_type,
                "names": [n["name"] for n in a.names],
                "birth_date": a.birth_date,
                "nationalities": a.nationalities,
                "handling": a.handling_code,
                "valid_until": a.valid_until,
            }
            for a in page.items
        ]
    return render(request, principal, "alerts.html", alerts=rows, total=total)


@router.get("/overstays", response_class=HTMLResponse)
def overstays(request: Request) -> Response:
    principal = guard(request, OPERATIONAL, "The overstay list is for operational roles.")
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    today = date.today()
    rows = [
        r
        for r in analyse(database, principal.agency_id, "stays", today)
        if r["status"] == "overstaying"
    ]
    rows.sort(key=lambda r: -int(r["days_over"]))
    return render(request, principal, "overstays.html", rows=rows, as_of=today)


@router.get("/anomalies", response_class=HTMLResponse)
def anomaly_queue(request: Request) -> Response:
    principal = guard(request, OPERATIONAL, "The anomaly queue is for operational roles.")
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    rows = analyse(database, principal.agency_id, "anomalies")
    return render(request, principal, "anomalies.html", rows=rows)


@router.get("/points/{code}", response_class=HTMLResponse)
def point_page(request: Request, code: str, day: str = "") -> Response:
    """A crossing point's day: every entry and exit, in time order (no personal data in the URL)."""
    principal = guard(request, OPERATIONAL, "A point's day is for operational roles.")
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    try:
        when = date.fromisoformat(day) if day else date.today()
    except ValueError:
        return render(
            request, principal, "error.html", status=422, message="The day is YYYY-MM-DD."
        )
    with database.transaction() as session:
        point = CrossingPointRepository(session).by_code(code.upper())
        if point is None:
            return render(
                request, principal, "error.html", status=404, message=f"No crossing point {code!r}."
            )
        rows = point_day(session, principal, point.code, when)
    counts = {d: sum(r.direction == d for r in rows) for d in ("entry", "exit")}
    return render(
        request,
        principal,
        "point_day.html",
        point=point,
        day=when,
        rows=rows,
        counts=counts,
        previous=when - timedelta(days=1),
        next=when + timedelta(days=1),
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_form(request: Request) -> Response:
    principal = guard(request, OPERATIONAL, "Timelines are for operational roles.")
    if not isinstance(principal, Principal):
        return principal
    return render(request, principal, "timeline.html", rows=None)


@router.post("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    csrf: Annotated[str, Form()] = "",
    issuing_state: Annotated[str, Form(max_length=3)] = "",
    document_number: Annotated[str, Form(max_length=30)] = "",
) -> Response:
    """A document's crossings, newest first, with each stay's length: asked in the form body."""
    principal = guard(request, OPERATIONAL, "Timelines are for operational roles.")
    if not isinstance(principal, Principal):
        return principal
    settings, database = state(request)
    key = f"{issuing_state.strip().upper()}:{document_number.strip().upper()}"
    try:
        web_session.check_form_token(principal, settings, csrf)
        if not issuing_state.strip() or not document_number.strip():
            raise InvalidInput("give the issuing state and the document number")
        with database.transaction() as session:
            rows = history(session, principal, key, limit=500)
    except CorridorError as error:
        return render(
            request, principal, "timeline.html", status=error.status, error=error.detail, rows=None
        )
    return render(request, principal, "timeline.html", rows=rows, key=key)
