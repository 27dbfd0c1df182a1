"""Users of the caller's agency; administrators create them."""

from __future__ import annotations

from fastapi import APIRouter, status

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.api.routers.pagination import Cursor, Limit
from corridor.api.schemas.common import Page
from corridor.api.schemas.users import UserCreate, UserPublic
from corridor.domain.roles import Role
from corridor.services.accounts import add_user
from corridor.store.pagination import decode_cursor
from corridor.store.repositories.users import UserRepository

router = APIRouter(prefix="/api/v1/users", tags=["users"])


@router.get("", response_model=Page[UserPublic])
def list_users(
    principal: PrincipalDep, database: DatabaseDep, cursor: Cursor = None, limit: Limit = 100
) -> Page[UserPublic]:
    """The agency's users (administrators and auditors)."""
    principal.require(Role.ADMIN, Role.AUDITOR)
    with database.transaction() as session:
        page = UserRepository(session).list(
            principal.agency_id, after=decode_cursor(cursor), limit=limit
        )
        items = [UserPublic.model_validate(u) for u in page.items]
    return Page(items=items, next_cursor=page.next_cursor)


@router.post("", response_model=UserPublic, status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreate, principal: PrincipalDep, database: DatabaseDep) -> UserPublic:
    """Create a user in the administrator's own agency."""
    principal.require(Role.ADMIN)
    with database.transaction() as session:
        user = add_user(
            session,
            agency_code=principal.agency_code,
            username=body.username,
            password=body.password,
            roles=frozenset(body.roles),
            display_name=body.display_name,
        )
        return UserPublic.model_validate(user)


@router.get("/{user_id}", response_model=UserPublic)
def get_user(user_id: int, principal: PrincipalDep, database: DatabaseDep) -> UserPublic:
    if user_id != principal.user_id:
        principal.require(Role.ADMIN, Role.AUDITOR)
    with database.transaction() as session:
        return UserPublic.model_validate(UserRepository(session).get(user_id, principal.agency_id))
