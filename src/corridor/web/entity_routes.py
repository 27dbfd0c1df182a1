"""The analyst's pages for who is who: the review queue and an entity."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from corridor.domain.principal import Principal
from corridor.domain.roles import Role
from corridor.errors import CorridorError
from corridor.services import entities
from corridor.store.models import Crossing
from corridor.web import session as web_session
from corridor.web.pages import guard, render, state

router = APIRouter(include_in_schema=False)
ANALYSTS = (Role.ANALYST, Role.CASE_OFFICER)


@router.get("/entities/review", response_class=HTMLResponse)
def review_page(request: Request) -> Response:
    principal = guard(request, ANALYSTS, "The review queue is for analysts.")
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    with database.transaction() as session:
        queue = entities.review_queue(session, principal, limit=1)
        pair = queue[0] if queue else None
        records = (
            entities.records_by_id(session, principal, [pair.left_id, pair.right_id])
            if pair
            else {}
        )
        waiting = len(entities.review_queue(session, principal, limit=500))
    return render(
        request,
        principal,
        "review.html",
        pair=pair,
        left=records.get(pair.left_id) if pair else None,
        right=records.get(pair.right_id) if pair else None,
        fields=entities.FIELDS,
        waiting=waiting,
    )


@router.post("/entities/review", response_class=HTMLResponse)
def review_judge(
    request: Request,
    csrf: Annotated[str, Form()] = "",
    left_id: Annotated[int, Form()] = 0,
    right_id: Annotated[int, Form()] = 0,
    verdict: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    """One key press: same, not same or unsure; the next pair follows."""
    principal = guard(request, (Role.ANALYST,), "Only analysts judge pairs.")
    if not isinstance(principal, Principal):
        return principal
    settings, database = state(request)
    try:
        web_session.check_form_token(principal, settings, csrf)
        with database.transaction() as session:
            entities.judge(session, principal, left_id, right_id, verdict, "review queue")
    except CorridorError as error:
        return render(request, principal, "error.html", status=error.status, message=error.detail)
    return RedirectResponse("/entities/review", status_code=303)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: int) -> Response:
    principal = guard(request, (*ANALYSTS, Role.AUDITOR), "Entities are for analysts.")
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    try:
        with database.transaction() as session:
            view = entities.show(session, principal, entity_id, "entity page")
            numbers = {r["document_number"] for r in view.records if r["document_number"]}
            crossings = list(
                session.scalars(
                    select(Crossing)
                    .where(
                        Crossing.agency_id == principal.agency_id,
                        Crossing.document_key.in_(
                            [f"{r['nationality']}:{n}" for r in view.records for n in numbers]
                        ),
                    )
                    .order_by(Crossing.instant)
                )
            )
    except CorridorError as error:
        return render(request, principal, "error.html", status=error.status, message=error.detail)
    return render(
        request, principal, "entity.html", view=view, fields=entities.FIELDS, crossings=crossings
    )
