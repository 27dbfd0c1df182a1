"""The web session: the cookie that carries a session token, and form tokens against CSRF."""

from __future__ import annotations

import hashlib
import hmac

from fastapi import Request
from fastapi.responses import Response

from corridor.domain.principal import Principal
from corridor.errors import CorridorError, PermissionDenied
from corridor.services.accounts import authenticate
from corridor.settings import Settings
from corridor.store.database import Database

SESSION_COOKIE = "corridor_session"


def current(request: Request) -> Principal | None:
    """The logged-in officer, or None when the cookie is missing, expired or revoked."""
    secret = request.cookies.get(SESSION_COOKIE)
    if not secret:
        return None
    database: Database = request.app.state.database
    try:
        with database.transaction() as session:
            return authenticate(session, secret)
    except CorridorError:
        return None


def set_cookie(response: Response, secret: str, settings: Settings) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=settings.session_hours * 3600,
        httponly=True,
        samesite="strict",
        secure=settings.secure_cookies,
        path="/",
    )


def clear_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


def form_token(principal: Principal, settings: Settings) -> str:
    message = f"csrf:{principal.token_id}".encode()
    return hmac.new(settings.secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]


def check_form_token(principal: Principal, settings: Settings, submitted: str) -> None:
    if not hmac.compare_digest(form_token(principal, settings), submitted):
        raise PermissionDenied("the form has expired; reload the page and try again")
