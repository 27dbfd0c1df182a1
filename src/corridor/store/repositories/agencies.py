from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from corridor.domain.agencies import AgencySpec
from corridor.errors import Conflict, NotFound
from corridor.store.models import Agency
from corridor.store.pagination import Page, page_of


class AgencyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, spec: AgencySpec) -> Agency:
        if self.by_code(spec.code) is not None:
            raise Conflict(f"agency {spec.code} already exists")
        agency = Agency(code=spec.code, name=spec.name, country=spec.country)
        self.session.add(agency)
        self.session.flush()
        return agency

    def by_code(self, code: str) -> Agency | None:
        return self.session.scalar(select(Agency).where(Agency.code == code.strip().upper()))

    def get(self, code: str) -> Agency:
        agency = self.by_code(code)
        if agency is None:
            raise NotFound(f"no agency with code {code!r}; 'corridor agency list' shows them")
        return agency

    def list(self, after: int | None = None, limit: int = 100) -> Page[Agency]:
        query = select(Agency).order_by(Agency.id).limit(limit + 1)
        if after is not None:
            query = query.where(Agency.id > after)
        return page_of(self.session.scalars(query).all(), limit, key=lambda a: a.id)

    def count(self) -> int:
        return self.session.scalar(select(func.count(Agency.id))) or 0
