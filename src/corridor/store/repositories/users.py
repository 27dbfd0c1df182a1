from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from corridor.domain.roles import Role
from corridor.errors import Conflict, NotFound
from corridor.store.models import User, UserRole
from corridor.store.pagination import Page, page_of


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        *,
        agency_id: int,
        username: str,
        display_name: str,
        password_hash: str,
        roles: Iterable[Role],
    ) -> User:
        if self.by_username(username) is not None:
            raise Conflict(f"username {username!r} is taken")
        user = User(
            agency_id=agency_id,
            username=username,
            display_name=display_name,
            password_hash=password_hash,
            role_rows=[UserRole(role=role.value) for role in sorted(roles)],
        )
        self.session.add(user)
        self.session.flush()
        return user

    def by_username(self, username: str) -> User | None:
        return self.session.scalar(select(User).where(User.username == username))

    def get(self, user_id: int, agency_id: int) -> User:
        """A user of the caller's agency; another agency's user is as absent as a missing one."""
        user = self.session.scalar(
            select(User).where(User.id == user_id, User.agency_id == agency_id)
        )
        if user is None:
            raise NotFound(f"no user {user_id} in your agency")
        return user

    def list(self, agency_id: int | None, after: int | None = None, limit: int = 100) -> Page[User]:
        query = select(User).order_by(User.id).limit(limit + 1)
        if agency_id is not None:
            query = query.where(User.agency_id == agency_id)
        if after is not None:
            query = query.where(User.id > after)
        return page_of(self.session.scalars(query).all(), limit, key=lambda u: u.id)

    def count(self, agency_id: int) -> int:
        return (
            self.session.scalar(select(func.count(User.id)).where(User.agency_id == agency_id)) or 0
        )
