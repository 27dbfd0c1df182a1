"""Work that belongs together is one transaction: a failure half-way leaves nothing behind."""

import pytest
from sqlalchemy import func, select

from corridor.domain.roles import Role
from corridor.errors import Conflict, InvalidInput
from corridor.services.accounts import add_user
from corridor.services.agencies import add_agency
from corridor.store.database import Database
from corridor.store.models import Agency, User


def test_a_failure_after_a_write_rolls_the_write_back(database: Database) -> None:
    def agency_then_bad_user() -> None:
        with database.transaction() as session:
            add_agency(session, code="VNM-MPS", name="Ministry of Public Security", country="VNM")
            add_user(
                session,
                agency_code="VNM-MPS",
                username="vnm.border",
                password="short",
                roles=frozenset({Role.BORDER_OFFICER}),
            )

    with pytest.raises(InvalidInput):
        agency_then_bad_user()
    with database.transaction() as session:
        assert session.scalar(select(func.count(Agency.id))) == 0
        assert session.scalar(select(func.count(User.id))) == 0


def test_a_duplicate_agency_is_a_conflict_and_keeps_the_first(database: Database) -> None:
    with database.transaction() as session:
        add_agency(session, code="GBR-HO", name="Home Office", country="GBR")
    with pytest.raises(Conflict, match="already exists"), database.transaction() as session:
        add_agency(session, code="gbr-ho", name="Another", country="GBR")
    with database.transaction() as session:
        names = session.scalars(select(Agency.name)).all()
    assert names == ["Home Office"]
