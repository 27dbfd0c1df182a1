"""The demo world's year of crossings shows officers each case the analyses find."""

from sqlalchemy import select

from corridor.demo.load import load_demo
from corridor.services.crossings import analyse
from corridor.services.requests import is_overdue
from corridor.store.database import Database
from corridor.store.models import Agreement, FeedEntry, InformationRequest
from corridor.store.repositories.agencies import AgencyRepository


def test_the_demo_world_plants_each_case(database: Database) -> None:
    summary = load_demo(database, seed=7, traveller_count=3000)
    assert summary.crossings > 500
    with database.transaction() as session:
        agency_id = AgencyRepository(session).get("VNM-MPS").id
    kinds = {row["kind"] for row in analyse(database, agency_id, "anomalies")}
    assert kinds == {"impossible_travel", "double_entry", "minor_without_guardian"}
    statuses = {row["status"] for row in analyse(database, agency_id, "stays")}
    assert {"overstaying", "left_late", "left"} <= statuses
    ranked = analyse(database, agency_id, "companions")
    assert ranked[0]["female_companions_18_25"] >= 4  # the escort comes first


def test_the_demo_world_has_its_agreements_and_shared_alerts(database: Database) -> None:
    summary = load_demo(database, seed=7, traveller_count=500)
    assert summary.agreements == 3
    assert summary.shared > 0
    with database.transaction() as session:
        recipients = set(session.scalars(select(FeedEntry.recipient)))
        codes = set(session.scalars(select(Agreement.code)))
    assert recipients == {"GBR-HO", "CHN-NIA", "THA-IMB", "KHM-GDI"}
    assert codes == {"VNM-GBR-2026", "VNM-CHN-2026", "ASEAN-BORDER-2026"}


def test_the_demo_world_has_open_and_overdue_requests(database: Database) -> None:
    summary = load_demo(database, seed=7, traveller_count=300)
    assert summary.requests == 5
    with database.transaction() as session:
        found = list(session.scalars(select(InformationRequest)))
    overdue = [r for r in found if is_overdue(r)]
    assert {(r.direction, r.about) for r in overdue} == {("out", "case"), ("in", "person")}
    assert {r.status for r in found} == {"open", "asked_back"}
