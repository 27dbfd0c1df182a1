from __future__ import annotations

from sqlalchemy.orm import Session

from corridor.domain.agencies import validate_agency
from corridor.store.models import Agency
from corridor.store.repositories.agencies import AgencyRepository


def add_agency(session: Session, *, code: str, name: str, country: str) -> Agency:
    return AgencyRepository(session).add(validate_agency(code, name, country))
