"""Officers' pages. Each page's data is also reachable through the API under /api/v1."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from corridor.domain.principal import Principal
from corridor.domain.roles import OPERATIONAL, Role
from corridor.errors import CorridorError
from corridor.services.accounts import create_api_token, end_session, log_in, revoke_token
from corridor.services.documents import officer_checks_document
from corridor.services.travellers import list_travellers, read_traveller
from corridor.store.models import User
from corridor.store.pagination import decode_cursor
from corridor.store.repositories.agencies import AgencyRepository
from corridor.store.repositories.document_reports import DocumentReportRepository
from corridor.store.repositories.points import CrossingPointRepository
from corridor.store.repositories.tokens import TokenRepository
from corridor.store.repositories.travellers import TravellerRepository
from corridor.store.repositories.users import UserRepository
from corridor.web import session as web_session
from corridor.web.pages import guard, login_redirect, render, state, templates

router = APIRouter(include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    if web_session.current(request) is not None:
        return RedirectResponse("/", status_code=303)
    settings, _ = state(request)
    return templates.TemplateResponse(request, "login.html", {"node_name": settings.node_name})


@router.post("/login", response_class=HTMLResponse)
def login_submit(
    request: Request,
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    settings, database = state(request)
    try:
        with database.transaction() as session:
            issued = log_in(session, username, password, settings.session_hours)
    except CorridorError as error:
        context = {"node_name": settings.node_name, "error": error.detail, "username": username}
        return templates.TemplateResponse(request, "login.html", context, status_code=401)
    response = RedirectResponse("/", status_code=303)
    web_session.set_cookie(response, issued.secret, settings)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    principal = web_session.current(request)
    if principal is not None:
        _, database = state(request)
        with database.transaction() as session:
            end_session(session, principal)
    response = login_redirect()
    web_session.clear_cookie(response)
    return response


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> Response:
    principal = guard(request)
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    with database.transaction() as session:
        agency = AgencyRepository(session).get(principal.agency_code)
        counts = {
            "travellers": TravellerRepository(session).count(principal.agency_id),
            "users": UserRepository(session).count(principal.agency_id),
            "agencies": AgencyRepository(session).count(),
        }
        points = CrossingPointRepository(session).all()
    return render(
        request,
        principal,
        "overview.html",
        agency=agency,
        counts=counts,
        points=points,
        backend=database.backend,
    )


@router.get("/travellers", response_class=HTMLResponse)
def travellers(request: Request, cursor: str | None = None) -> Response:
    principal = guard(request, OPERATIONAL, "Traveller records are for operational roles.")
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    with database.transaction() as session:
        page = list_travellers(session, principal, decode_cursor(cursor), 50)
        total = TravellerRepository(session).count(principal.agency_id)
    return render(request, principal, "travellers.html", page=page, total=total)


@router.get("/travellers/{traveller_id}", response_class=HTMLResponse)
def traveller(request: Request, traveller_id: int) -> Response:
    principal = guard(request, OPERATIONAL, "Traveller records are for operational roles.")
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    try:
        with database.transaction() as session:
            record = read_traveller(session, principal, traveller_id)
    except CorridorError as error:
        return render(request, principal, "error.html", status=error.status, message=error.detail)
    return render(request, principal, "traveller.html", traveller=record)


@router.get("/agencies", response_class=HTMLResponse)
def agencies(request: Request) -> Response:
    principal = guard(request)
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    with database.transaction() as session:
        page = AgencyRepository(session).list(limit=500)
    return render(request, principal, "agencies.html", agencies=page.items)


@router.get("/users", response_class=HTMLResponse)
def users(request: Request) -> Response:
    principal = guard(
        request, (Role.ADMIN, Role.AUDITOR), "The user list is for administrators and auditors."
    )
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    with database.transaction() as session:
        page = UserRepository(session).list(principal.agency_id, limit=500)
    return render(request, principal, "users.html", users=page.items)


@router.get("/tokens", response_class=HTMLResponse)
def tokens(request: Request) -> Response:
    principal = guard(request)
    if not isinstance(principal, Principal):
        return principal
    return _tokensrender(request, principal)


def _tokensrender(
    request: Request, principal: Principal, created: str | None = None, error: str | None = None
) -> HTMLResponse:
    _, database = state(request)
    with database.transaction() as session:
        mine = TokenRepository(session).for_user(principal.user_id)
    status = 422 if error else 200
    return render(
        request, principal, "tokens.html", status=status, tokens=mine, created=created, error=error
    )


@router.post("/tokens", response_class=HTMLResponse)
def tokens_create(
    request: Request,
    csrf: Annotated[str, Form()] = "",
    name: Annotated[str, Form(max_length=100)] = "",
    days: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    principal = guard(request)
    if not isinstance(principal, Principal):
        return principal
    settings, database = state(request)
    try:
        web_session.check_form_token(principal, settings, csrf)
        lifetime = int(days) if days.strip() else None
        with database.transaction() as session:
            user = session.get_one(User, principal.user_id)
            issued = create_api_token(session, user, name, lifetime)
    except ValueError:
        return _tokensrender(request, principal, error="Days must be a whole number.")
    except CorridorError as error:
        return _tokensrender(request, principal, error=error.detail)
    return _tokensrender(request, principal, created=issued.secret)


@router.post("/tokens/{token_id}/revoke", response_class=HTMLResponse)
def tokens_revoke(request: Request, token_id: int, csrf: Annotated[str, Form()] = "") -> Response:
    principal = guard(request)
    if not isinstance(principal, Principal):
        return principal
    settings, database = state(request)
    try:
        web_session.check_form_token(principal, settings, csrf)
        with database.transaction() as session:
            revoke_token(session, principal, token_id)
    except CorridorError as error:
        return _tokensrender(request, principal, error=error.detail)
    return RedirectResponse("/tokens", status_code=303)


@router.get("/documents/check", response_class=HTMLResponse)
def document_check_form(request: Request) -> Response:
    principal = guard(request, OPERATIONAL, "Document checks are for operational roles.")
    if not isinstance(principal, Principal):
        return principal
    _, database = state(request)
    with database.transaction() as session:
        reported = DocumentReportRepository(session).count(principal.agency_id)
    return render(request, principal, "document_check.html", reported=reported)


@router.post("/documents/check", response_class=HTMLResponse)
def document_check(
    request: Request,
    csrf: Annotated[str, Form()] = "",
    mrz: Annotated[str, Form(max_length=4096)] = "",
) -> Response:
    """The MRZ travels in the form body, never in the URL: it is personal data."""
    principal = guard(request, OPERATIONAL, "Document checks are for operational roles.")
    if not isinstance(principal, Principal):
        return principal
    settings, database = state(request)
    try:
        web_session.check_form_token(principal, settings, csrf)
        with database.transaction() as session:
            result = officer_checks_document(session, principal, date.today(), mrz=mrz)
            reported = DocumentReportRepository(session).count(principal.agency_id)
    except CorridorError as error:
        return render(
            request, principal, "document_check.html", status=422, error=error.detail, mrz=mrz
        )
    return render(
        request,
        principal,
        "document_check.html",
        result=result.as_dict(),
        mrz=mrz,
        reported=reported,
    )
