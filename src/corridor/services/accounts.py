"""Users, passwords, API tokens and web sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from corridor.domain.credentials import (
    hash_password,
    new_token,
    token_digest,
    validate_username,
    verify_password,
)
from corridor.domain.principal import Principal
from corridor.domain.roles import Role
from corridor.errors import InvalidInput, NotFound, Unauthenticated
from corridor.services import audit
from corridor.store.database import as_utc
from corridor.store.models import Token, User
from corridor.store.repositories.agencies import AgencyRepository
from corridor.store.repositories.tokens import TokenRepository
from corridor.store.repositories.users import UserRepository

# One error for every failed log-in, so a caller cannot tell which usernames exist.
_BAD_LOGIN = "unknown username or wrong password"
# Verifying against a real hash when the user does not exist keeps the timing alike.
_DUMMY_HASH = hash_password("not-a-real-password-at-all")


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A token as created: ``secret`` is shown to the user once and never stored."""

    token: Token
    secret: str


def add_user(
    session: Session,
    *,
    agency_code: str,
    username: str,
    password: str,
    roles: frozenset[Role],
    display_name: str | None = None,
) -> User:
    agency = AgencyRepository(session).get(agency_code)
    name = validate_username(username)
    shown = " ".join((display_name or name).split())
    if len(shown) > 200:
        raise InvalidInput("a display name has at most 200 characters")
    user = UserRepository(session).add(
        agency_id=agency.id,
        username=name,
        display_name=shown,
        password_hash=hash_password(password),
        roles=roles,
    )
    audit.record(
        session,
        None,
        "user.created",
        f"user:{user.id}",
        actor=f"admin of {agency.code}",
        detail={"agency": agency.code, "roles": sorted(r.value for r in roles)},
    )
    return user


def log_in(session: Session, username: str, password: str, hours: int) -> IssuedToken:
    """Check a password and open a web session that lasts ``hours``."""
    user = UserRepository(session).by_username(username.strip().lower())
    if user is None:
        verify_password(_DUMMY_HASH, password)
        raise Unauthenticated(_BAD_LOGIN)
    if not verify_password(user.password_hash, password) or not user.active:
        raise Unauthenticated(_BAD_LOGIN)
    user.last_login_at = datetime.now(UTC)
    return _issue(
        session, user, kind="session", name="web session", lifetime=timedelta(hours=hours)
    )


def create_api_token(
    session: Session, user: User, name: str, days: int | None = None
) -> IssuedToken:
    label = " ".join(name.split())
    if not label or len(label) > 100:
        raise InvalidInput(
            "a token needs a name of 1 to 100 characters, e.g. 'passenger-list sync'"
        )
    if days is not None and not 1 <= days <= 3650:
        raise InvalidInput("a token lasts between 1 and 3650 days")
    lifetime = timedelta(days=days) if days else None
    return _issue(session, user, kind="api", name=label, lifetime=lifetime)


def _issue(
    session: Session, user: User, *, kind: str, name: str, lifetime: timedelta | None
) -> IssuedToken:
    secret, digest = new_token()
    expires = datetime.now(UTC) + lifetime if lifetime else None
    token = TokenRepository(session).add(
        user_id=user.id, kind=kind, name=name, digest=digest, expires_at=expires
    )
    return IssuedToken(token=token, secret=secret)


def authenticate(session: Session, secret: str) -> Principal:
    """The principal behind a bearer token or session cookie, or ``Unauthenticated``."""
    token = TokenRepository(session).by_digest(token_digest(secret))
    now = datetime.now(UTC)
    if token is None or token.revoked_at is not None:
        raise Unauthenticated("the token is unknown or revoked; log in or create a new token")
    if token.expires_at is not None and as_utc(token.expires_at) <= now:
        raise Unauthenticated("the token or session has expired; log in again")
    user = token.user
    if not user.active:
        raise Unauthenticated("this account is disabled")
    token.last_used_at = now
    return Principal(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        agency_id=user.agency_id,
        agency_code=user.agency.code,
        roles=frozenset(Role(r) for r in user.roles),
        token_id=token.id,
    )


def revoke_token(session: Session, principal: Principal, token_id: int) -> Token:
    """Revoke one of the caller's tokens, or, as an admin, any token of the agency."""
    token = TokenRepository(session).get(token_id, principal.agency_id)
    if token.user_id != principal.user_id:
        principal.require(Role.ADMIN)
    if token.revoked_at is None:
        token.revoked_at = datetime.now(UTC)
        audit.record(session, principal, "token.revoked", f"token:{token.id}")
    return token


def revoke_token_by_id(session: Session, token_id: int) -> Token:
    """For the node operator's CLI: revoke any token by id."""
    token = session.get(Token, token_id)
    if token is None:
        raise NotFound(f"no token {token_id}; 'corridor token list USERNAME' shows them")
    if token.revoked_at is None:
        token.revoked_at = datetime.now(UTC)
    return token


def end_session(session: Session, principal: Principal) -> None:
    token = session.get(Token, principal.token_id)
    if token is not None and token.revoked_at is None:
        token.revoked_at = datetime.now(UTC)
