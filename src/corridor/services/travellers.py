"""Reading the travellers an agency holds: scoped to the caller's agency and audited."""

from __future__ import annotations

from sqlalchemy.orm import Session

from corridor.domain.principal import Principal
from corridor.domain.roles import OPERATIONAL
from corridor.services import audit
from corridor.store.models import Traveller
from corridor.store.pagination import Page
from corridor.store.repositories.travellers import TravellerRepository

READERS = OPERATIONAL


def list_travellers(
    session: Session, principal: Principal, after: int | None, limit: int
) -> Page[Traveller]:
    principal.require(*READERS)
    page = TravellerRepository(session).list(principal.agency_id, after=after, limit=limit)
    audit.record(
        session,
        principal,
        "travellers.list",
        f"travellers:{len(page.items)}",
        detail={"ids": [t.id for t in page.items]},
    )
    return page


def read_traveller(session: Session, principal: Principal, traveller_id: int) -> Traveller:
    principal.require(*READERS)
    traveller = TravellerRepository(session).get(traveller_id, principal.agency_id)
    audit.record(session, principal, "traveller.read", f"traveller:{traveller.id}")
    return traveller
