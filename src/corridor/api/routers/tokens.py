"""API tokens: created by their owner, shown once, revocable."""

from __future__ import annotations

from fastapi import APIRouter, status

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.api.schemas.tokens import TokenCreate, TokenCreated, TokenPublic
from corridor.services.accounts import create_api_token, revoke_token
from corridor.store.models import User
from corridor.store.repositories.tokens import TokenRepository

router = APIRouter(prefix="/api/v1/tokens", tags=["tokens"])


@router.get("", response_model=list[TokenPublic])
def list_tokens(principal: PrincipalDep, database: DatabaseDep) -> list[TokenPublic]:
    """The caller's own API tokens (never their secrets)."""
    with database.transaction() as session:
        tokens = TokenRepository(session).for_user(principal.user_id)
        return [TokenPublic.model_validate(t) for t in tokens]


@router.post("", response_model=TokenCreated, status_code=status.HTTP_201_CREATED)
def create_token(body: TokenCreate, principal: PrincipalDep, database: DatabaseDep) -> TokenCreated:
    with database.transaction() as session:
        user = session.get_one(User, principal.user_id)
        issued = create_api_token(session, user, body.name, body.days)
        public = TokenPublic.model_validate(issued.token)
    return TokenCreated(**public.model_dump(), token=issued.secret)


@router.delete("/{token_id}", response_model=TokenPublic)
def delete_token(token_id: int, principal: PrincipalDep, database: DatabaseDep) -> TokenPublic:
    """Revoke a token: the caller's own, or any of the agency's as an administrator."""
    with database.transaction() as session:
        return TokenPublic.model_validate(revoke_token(session, principal, token_id))
