"""The analyses over the store load the agency's crossings once, until they change."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from corridor.engines.crossings import store
from corridor.engines.crossings.engine import CrossingsEngine
from corridor.store.database import Database
from corridor.store.models import Agency, Crossing
from tests.conftest import World


def _crossing(agency_id: int, reference: str) -> Crossing:
    moment = datetime(2026, 1, 1, 1, tzinfo=UTC)
    return Crossing(
        agency_id=agency_id,
        reference=reference,
        source="test",
        timestamp="2026-01-01T08:00:00+07:00",
        instant=moment,
        local_date=date(2026, 1, 1),
        point="HAN",
        direction="entry",
        document_key="GBR:123456789",
        nationality="GBR",
        full_name="SMITH JOHN",
        sex="M",
        permit_type="visa_exempt",
        permit_days=5,
        carrier="",
        booking_ref="",
    )


@pytest.mark.usefixtures("noi_bai")
def test_the_engine_is_loaded_once_and_again_after_a_new_crossing(
    world: World, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.officer("vnm.analyst", "VNM-MPS")
    with database.transaction() as session:
        agency_id = session.scalars(select(Agency.id).where(Agency.code == "VNM-MPS")).one()
        session.add(_crossing(agency_id, "X1"))
    loads: list[int] = []
    real = store.engine_for_store

    def counted(db: Database, agency_id: int) -> CrossingsEngine:
        loads.append(agency_id)
        return real(db, agency_id)

    monkeypatch.setattr(store, "engine_for_store", counted)
    engines = store.StoreEngines()
    for _ in range(3):
        with engines.engine(database, agency_id) as engine:
            assert len(engine.stays(date(2026, 3, 1)).fetchall()) == 1
    assert loads == [agency_id]
    with database.transaction() as session:
        session.add(_crossing(agency_id, "X2"))
    with engines.engine(database, agency_id) as engine:
        assert len(engine.stays(date(2026, 3, 1)).fetchall()) == 2
    assert len(loads) == 2
