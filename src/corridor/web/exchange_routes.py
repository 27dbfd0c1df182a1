"""The liaison officer's page: inbox, outbox, notifications, partners and agreements."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from corridor.domain.principal import Principal
from corridor.domain.roles import OPERATIONAL, Role
from corridor.services import audit
from corridor.services.agreements import all_agreements
from corridor.services.requests import is_overdue
from corridor.store.models import ExchangeMessage, InformationRequest, Notification, Partner
from corridor.web.pages import guard, render, state

router = APIRouter(include_in_schema=False)
LIAISON = (Role.ADMIN, Role.LIAISON, Role.AUDITOR, *OPERATIONAL)


@router.get("/exchange", response_class=HTMLResponse)
def exchange_page(request: Request) -> Response:
    principal = guard(request, LIAISON, "The exchange page is for liaison officers.")
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    with database.transaction() as session:
        messages = list(
            session.scalars(select(ExchangeMessage).order_by(ExchangeMessage.id.desc()).limit(200))
        )
        notices = list(
            session.scalars(
                select(Notification)
                .where(Notification.agency_id == principal.agency_id)
                .order_by(Notification.id.desc())
                .limit(100)
            )
        )
        partners = list(session.scalars(select(Partner).order_by(Partner.agency_code)))
        agreements = [versions[-1] for versions in all_agreements(session).values()]
        asked = list(
            session.scalars(
                select(InformationRequest)
                .where(InformationRequest.agency == principal.agency_code)
                .order_by(InformationRequest.deadline, InformationRequest.id)
            )
        )
        audit.record(session, principal, "exchange.page_read", f"messages:{len(messages)}")
        return render(
            request,
            principal,
            "exchange.html",
            inbox=[m for m in messages if m.direction == "in"],
            outbox=[m for m in messages if m.direction == "out"],
            notices=notices,
            partners=partners,
            agreements=agreements,
            received=[r for r in asked if r.direction == "in"],
            sent=[r for r in asked if r.direction == "out"],
            overdue={r.id for r in asked if is_overdue(r)},
        )
