"""Request dependencies: the node's database and settings, and the caller's identity."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from corridor.domain.principal import Principal
from corridor.errors import Unauthenticated
from corridor.services.accounts import authenticate
from corridor.settings import Settings
from corridor.store.database import Database
from corridor.web.session import SESSION_COOKIE


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def credential(request: Request) -> str | None:
    """The bearer token, or else the web session cookie."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(SESSION_COOKIE)


def current_principal(
    request: Request, database: Annotated[Database, Depends(get_database)]
) -> Principal:
    secret = credential(request)
    if not secret:
        raise Unauthenticated("send 'Authorization: Bearer <token>' (corridor token create)")
    with database.transaction() as session:
        return authenticate(session, secret)


DatabaseDep = Annotated[Database, Depends(get_database)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PrincipalDep = Annotated[Principal, Depends(current_principal)]
