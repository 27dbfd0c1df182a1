"""What every officer's page needs: the templates, the node's state, and one guard that
answers either with the logged-in officer or with the response to send instead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from corridor import __version__
from corridor.domain.countries import country_name
from corridor.domain.principal import Principal
from corridor.domain.roles import Role
from corridor.settings import Settings
from corridor.store.database import Database
from corridor.web import session as web_session

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(version=__version__, country_name=country_name, Role=Role)


def state(request: Request) -> tuple[Settings, Database]:
    return request.app.state.settings, request.app.state.database


def render(
    request: Request, principal: Principal, template: str, status: int = 200, **context: Any
) -> HTMLResponse:
    settings, _ = state(request)
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


def login_redirect() -> RedirectResponse:
    return RedirectResponse("/login", status_code=303)


def guard(
    request: Request, roles: tuple[Role, ...] = (), refusal: str = ""
) -> Principal | Response:
    """The logged-in officer holding one of ``roles`` (any role if none are named); otherwise
    the log-in page, or a 403 page saying ``refusal``."""
    principal = web_session.current(request)
    if principal is None:
        return login_redirect()
    if roles and not principal.has(*roles):
        return render(request, principal, "error.html", status=403, message=refusal)
    return principal
