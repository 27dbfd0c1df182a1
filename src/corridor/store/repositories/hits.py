from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.errors import NotFound
from corridor.store.models import ScreeningHit
from corridor.store.pagination import Page, page_of


class HitRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, hit: ScreeningHit) -> ScreeningHit:
        self.session.add(hit)
        self.session.flush()
        return hit

    def get(self, hit_id: int, agency_id: int) -> ScreeningHit:
        hit = self.session.scalar(
            select(ScreeningHit).where(
                ScreeningHit.id == hit_id, ScreeningHit.agency_id == agency_id
            )
        )
        if hit is None:
            raise NotFound(f"no hit {hit_id} in your agency")
        return hit

    def dismissed_alerts(self, agency_id: int, traveller_key: str) -> set[int]:
        query = select(ScreeningHit.alert_id).where(
            ScreeningHit.agency_id == agency_id,
            ScreeningHit.traveller_key == traveller_key,
            ScreeningHit.status == "dismissed",
        )
        return set(self.session.scalars(query).all())

    def list(
        self,
        agency_id: int,
        status: str | None = None,
        after: int | None = None,
        limit: int = 100,
        batch_id: int | None = None,
    ) -> Page[ScreeningHit]:
        query = (
            select(ScreeningHit)
            .where(ScreeningHit.agency_id == agency_id)
            .order_by(ScreeningHit.id)
            .limit(limit + 1)
        )
        if status:
            query = query.where(ScreeningHit.status == status)
        if batch_id is not None:
            query = query.where(ScreeningHit.batch_id == batch_id)
        if after is not None:
            query = query.where(ScreeningHit.id > after)
        return page_of(self.session.scalars(query).all(), limit, key=lambda h: h.id)
