"""Officers' pages. Each page's data is also reachable through the API under /api/v1."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from corridor import __version__
from corridor.domain.countries import country_name
from corridor.domain.principal import Principal
from corridor.domain.roles import Role
from corridor.errors import CorridorError
from corridor.services.accounts import create_api_token, end_session, log_in, revoke_token
from corridor.services.documents import check_document
from corridor.settings import Settings
from corridor.store.database import Database
from corridor.store.models import User
from corridor.store.pagination import decode_cursor
from corridor.store.repositories.agencies import AgencyRepository
from corridor.store.repositories.document_reports import DocumentReportRepository
from corridor.store.repositories.points import CrossingPointRepository
from corridor.store.repositories.tokens import TokenRepository
from corridor.store.repositories.travellers import TravellerRepository
from corridor.store.repositories.users import UserRepository
from corridor.web import session as web_session

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(version=__version__, country_name=country_name, Role=Role)
router = APIRouter(include_in_schema=False)

TRAVELLER_READERS = (Role.BORDER_OFFICER, Role.ANALYST, Role.CASE_OFFICER, Role.LIAISON)


def _state(request: Request) -> tuple[Settings, Database]:
    return request.app.state.settings, request.app.state.database


def _page(
    request: Request, principal: Principal, template: str, status: int = 200, **context: Any
) -> HTMLResponse:
    settings, _ = _state(request)
    return templates.TemplateResponse(
        request,
        template,
        {
            "me": principal,
            "node_name": settings.node_name,
            "csrf": web_session.form_token(principal, settings),
            "path": request.url.path,
            **context,
        },
        status_code=status,
    )


def _login_redirect() -> RedirectResponse:
    return RedirectResponse("/login", status_code=303)


def _forbidden(request: Request, principal: Principal, message: str) -> HTMLResponse:
    return _page(request, principal, "error.html", status=403, message=message)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    if web_session.current(request) is not None:
        return RedirectResponse("/", status_code=303)
    settings, _ = _state(request)
    return templates.TemplateResponse(request, "login.html", {"node_name": settings.node_name})


@router.post("/login", response_class=HTMLResponse)
def login_submit(
    request: Request,
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    settings, database = _state(request)
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
        _, database = _state(request)
        with database.transaction() as session:
            end_session(session, principal)
    response = _login_redirect()
    web_session.clear_cookie(response)
    return response


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> Response:
    principal = web_session.current(request)
    if principal is None:
        return _login_redirect()
    _, database = _state(request)
    with database.transaction() as session:
        agency = AgencyRepository(session).get(principal.agency_code)
        counts = {
            "travellers": TravellerRepository(session).count(principal.agency_id),
            "users": UserRepository(session).count(principal.agency_id),
            "agencies": AgencyRepository(session).count(),
        }
        points = CrossingPointRepository(session).all()
    return _page(
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
    principal = web_session.current(request)
    if principal is None:
        return _login_redirect()
    if not principal.has(*TRAVELLER_READERS):
        return _forbidden(request, principal, "Traveller records are for operational roles.")
    _, database = _state(request)
    with database.transaction() as session:
        repository = TravellerRepository(session)
        page = repository.list(principal.agency_id, after=decode_cursor(cursor), limit=50)
        total = repository.count(principal.agency_id)
    return _page(request, principal, "travellers.html", page=page, total=total)


@router.get("/travellers/{traveller_id}", response_class=HTMLResponse)
def traveller(request: Request, traveller_id: int) -> Response:
    principal = web_session.current(request)
    if principal is None:
        return _login_redirect()
    if not principal.has(*TRAVELLER_READERS):
        return _forbidden(request, principal, "Traveller records are for operational roles.")
    _, database = _state(request)
    try:
        with database.transaction() as session:
            record = TravellerRepository(session).get(traveller_id, principal.agency_id)
    except CorridorError as error:
        return _page(request, principal, "error.html", status=error.status, message=error.detail)
    return _page(request, principal, "traveller.html", traveller=record)


@router.get("/agencies", response_class=HTMLResponse)
def agencies(request: Request) -> Response:
    principal = web_session.current(request)
    if principal is None:
        return _login_redirect()
    _, database = _state(request)
    with database.transaction() as session:
        page = AgencyRepository(session).list(limit=500)
    return _page(request, principal, "agencies.html", agencies=page.items)


@router.get("/users", response_class=HTMLResponse)
def users(request: Request) -> Response:
    principal = web_session.current(request)
    if principal is None:
        return _login_redirect()
    if not principal.has(Role.ADMIN, Role.AUDITOR):
        return _forbidden(request, principal, "The user list is for administrators and auditors.")
    _, database = _state(request)
    with database.transaction() as session:
        page = UserRepository(session).list(principal.agency_id, limit=500)
    return _page(request, principal, "users.html", users=page.items)


@router.get("/tokens", response_class=HTMLResponse)
def tokens(request: Request) -> Response:
    principal = web_session.current(request)
    if principal is None:
        return _login_redirect()
    return _tokens_page(request, principal)


def _tokens_page(
    request: Request, principal: Principal, created: str | None = None, error: str | None = None
) -> HTMLResponse:
    _, database = _state(request)
    with database.transaction() as session:
        mine = TokenRepository(session).for_user(principal.user_id)
    status = 422 if error else 200
    return _page(
        request, principal, "tokens.html", status=status, tokens=mine, created=created, error=error
    )


@router.post("/tokens", response_class=HTMLResponse)
def tokens_create(
    request: Request,
    csrf: Annotated[str, Form()] = "",
    name: Annotated[str, Form(max_length=100)] = "",
    days: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    principal = web_session.current(request)
    if principal is None:
        return _login_redirect()
    settings, database = _state(request)
    try:
        web_session.check_form_token(principal, settings, csrf)
        lifetime = int(days) if days.strip() else None
        with database.transaction() as session:
            user = session.get_one(User, principal.user_id)
            issued = create_api_token(session, user, name, lifetime)
    except ValueError:
        return _tokens_page(request, principal, error="Days must be a whole number.")
    except CorridorError as error:
        return _tokens_page(request, principal, error=error.detail)
    return _tokens_page(request, principal, created=issued.secret)


@router.post("/tokens/{token_id}/revoke", response_class=HTMLResponse)
def tokens_revoke(request: Request, token_id: int, csrf: Annotated[str, Form()] = "") -> Response:
    principal = web_session.current(request)
    if principal is None:
        return _login_redirect()
    settings, database = _state(request)
    try:
        web_session.check_form_token(principal, settings, csrf)
        with database.transaction() as session:
            revoke_token(session, principal, token_id)
    except CorridorError as error:
        return _tokens_page(request, principal, error=error.detail)
    return RedirectResponse("/tokens", status_code=303)


@router.get("/documents/check", response_class=HTMLResponse)
def document_check_form(request: Request) -> Response:
    principal = web_session.current(request)
    if principal is None:
        return _login_redirect()
    if not principal.has(*TRAVELLER_READERS):
        return _forbidden(request, principal, "Document checks are for operational roles.")
    _, database = _state(request)
    with database.transaction() as session:
        reported = DocumentReportRepository(session).count(principal.agency_id)
    return _page(request, principal, "document_check.html", reported=reported)


@router.post("/documents/check", response_class=HTMLResponse)
def document_check(
    request: Request,
    csrf: Annotated[str, Form()] = "",
    mrz: Annotated[str, Form(max_length=4096)] = "",
) -> Response:
    """The MRZ travels in the form body, never in the URL: it is personal data."""
    principal = web_session.current(request)
    if principal is None:
        return _login_redirect()
    if not principal.has(*TRAVELLER_READERS):
        return _forbidden(request, principal, "Document checks are for operational roles.")
    settings, database = _state(request)
    try:
        web_session.check_form_token(principal, settings, csrf)
        with database.transaction() as session:
            result = check_document(session, principal.agency_id, date.today(), mrz=mrz)
            reported = DocumentReportRepository(session).count(principal.agency_id)
    except CorridorError as error:
        return _page(
            request, principal, "document_check.html", status=422, error=error.detail, mrz=mrz
        )
    return _page(
        request,
        principal,
        "document_check.html",
        result=result.as_dict(),
        mrz=mrz,
        reported=reported,
    )
