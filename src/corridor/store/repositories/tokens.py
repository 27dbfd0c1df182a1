from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.errors import NotFound
from corridor.store.models import Token, User


class TokenRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, *, user_id: int, kind: str, name: str, digest: str, expires_at: datetime | None
    ) -> Token:
        token = Token(user_id=user_id, kind=kind, name=name, digest=digest, expires_at=expires_at)
        self.session.add(token)
        self.session.flush()
        return token

    def by_digest(self, digest: str) -> Token | None:
        return self.session.scalar(select(Token).where(Token.digest == digest))

    def get(self, token_id: int, agency_id: int) -> Token:
        token = self.session.scalar(
            select(Token)
            .join(User, Token.user_id == User.id)
            .where(Token.id == token_id, User.agency_id == agency_id)
        )
        if token is None:
            raise NotFound(f"no token {token_id} in your agency")
        return token

    def for_user(self, user_id: int, kind: str = "api") -> list[Token]:
        query = (
            select(Token)
            .where(Token.user_id == user_id, Token.kind == kind)
            .order_by(Token.id.desc())
        )
        return list(self.session.scalars(query).all())
