from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from corridor.errors import NotFound
from corridor.store.models import Traveller
from corridor.store.pagination import Page, page_of


class TravellerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, traveller_id: int, agency_id: int) -> Traveller:
        traveller = self.session.scalar(
            select(Traveller).where(Traveller.id == traveller_id, Traveller.agency_id == agency_id)
        )
        if traveller is None:
            raise NotFound(f"no traveller {traveller_id} in your agency's records")
        return traveller

    def list(self, agency_id: int, after: int | None = None, limit: int = 100) -> Page[Traveller]:
        query = (
            select(Traveller)
            .where(Traveller.agency_id == agency_id)
            .order_by(Traveller.id)
            .limit(limit + 1)
        )
        if after is not None:
            query = query.where(Traveller.id > after)
        return page_of(self.session.scalars(query).all(), limit, key=lambda t: t.id)

    def count(self, agency_id: int) -> int:
        query = select(func.count(Traveller.id)).where(Traveller.agency_id == agency_id)
        return self.session.scalar(query) or 0
