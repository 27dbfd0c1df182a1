from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.store.models import CrossingPoint


class CrossingPointRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[CrossingPoint]:
        return list(self.session.scalars(select(CrossingPoint).order_by(CrossingPoint.code)).all())

    def by_code(self, code: str) -> CrossingPoint | None:
        return self.session.scalar(select(CrossingPoint).where(CrossingPoint.code == code))
