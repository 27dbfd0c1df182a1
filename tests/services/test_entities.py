"""Entities in the store: resolved, judged, merged, split and undone, with judgements that
outlive a bulk re-run and an undo that restores every link exactly."""

from pathlib import Path

import pytest
from sqlalchemy import select

from corridor.cli.context import administrator
from corridor.domain.principal import Principal
from corridor.domain.roles import Role
from corridor.errors import Conflict
from corridor.services.arrivals import ARRIVALS
from corridor.services.crossings import record_crossing
from corridor.services.entities import (
    export_ftm,
    import_records,
    judge,
    merge,
    partner_matches,
    resolve_all,
    resolve_incoming,
    show,
    split,
    store_records,
    undo,
)
from corridor.store.database import Database
from corridor.store.models import Alert, AuditEntry, PersonRecord
from tests.conftest import World


def _analyst(database: Database, world: World) -> Principal:
    world.officer("vnm.analyst", "VNM-MPS", Role.ANALYST)
    with database.transaction() as session:
        admin = administrator(session, "VNM-MPS")
    return Principal(
        admin.user_id,
        "vnm.analyst",
        "Analyst",
        admin.agency_id,
        "VNM-MPS",
        frozenset({Role.ANALYST}),
        0,
    )


def _entities(database: Database) -> dict[str, int]:
    with database.transaction() as session:
        return {r.source_id: r.entity_id or 0 for r in session.scalars(select(PersonRecord))}


def _loaded(database: Database, world: World, fixtures_dir: Path) -> Principal:
    analyst = _analyst(database, world)
    with database.transaction() as session:
        summary = import_records(session, analyst, fixtures_dir / "entity_records.csv")
    assert (summary.imported, summary.errors) == (5, [])
    return analyst


@pytest.fixture
def analyst(database: Database, world: World, fixtures_dir: Path) -> Principal:
    """An analyst of an agency holding the five fixture records, resolved into entities."""
    analyst = _loaded(database, world, fixtures_dir)
    resolve_all(database, analyst)
    return analyst


def test_records_resolve_into_entities_and_a_second_import_adds_nothing(
    database: Database, world: World, fixtures_dir: Path
) -> None:
    analyst = _loaded(database, world, fixtures_dir)
    resolved = resolve_all(database, analyst)
    found = _entities(database)
    assert found["R1"] == found["R2"] == found["R3"]
    assert len({found["R1"], found["R4"], found["R5"]}) == 3
    assert resolved.entities == 3
    with database.transaction() as session:
        again = import_records(session, analyst, fixtures_dir / "entity_records.csv")
        view = show(session, analyst, found["R1"])
    assert (again.imported, again.already) == (0, 5)
    [document] = view.values["document_number"]
    assert document["value"] == "C4455667"
    assert len(document["sources"]) == 3  # each value names the records it came from
    addresses = {v["value"] for v in view.values["address"]}
    assert "12 Hàng Bạc, Hà Nội" in addresses  # kept as the source wrote it


def test_judgements_outlive_a_bulk_re_run(database: Database, analyst: Principal) -> None:
    ids = {r: i for r, i in _ids(database).items()}
    with database.transaction() as session:
        judge(session, analyst, ids["R1"], ids["R3"], "not_same", "another woman, same passport")
        judge(session, analyst, ids["R4"], ids["R5"], "same", "one person: fingerprints match")
    resolve_all(database, analyst)
    found = _entities(database)
    assert found["R3"] != found["R1"]
    assert found["R1"] == found["R2"]
    assert found["R4"] == found["R5"]
    with database.transaction() as session, pytest.raises(Conflict, match="not the same"):
        merge(session, analyst, [found["R1"], found["R3"]], "try")


def test_a_merge_undone_restores_every_link_exactly(database: Database, analyst: Principal) -> None:
    before = _entities(database)
    with database.transaction() as session:
        merged = merge(session, analyst, [before["R1"], before["R4"]], "same broker network")
        merged_id = merged.id
    assert len(set(_entities(database).values())) == 2
    with database.transaction() as session:
        later = split(session, analyst, [_ids(database)["R4"]], "a different man after all").id
    with database.transaction() as session, pytest.raises(Conflict, match="has moved since"):
        undo(session, analyst, merged_id, "merged by mistake")  # the split moved R4 since
    with database.transaction() as session:
        undo(session, analyst, later, "put it back to undo the merge")
        undo(session, analyst, merged_id, "merged by mistake")
    assert _entities(database) == before
    with database.transaction() as session, pytest.raises(Conflict, match="already undone"):
        undo(session, analyst, merged_id, "again")


def _ids(database: Database) -> dict[str, int]:
    with database.transaction() as session:
        return {r.source_id: r.id for r in session.scalars(select(PersonRecord))}


def test_entities_export_as_followthemoney_people_with_their_statements(
    database: Database, analyst: Principal
) -> None:
    with database.transaction() as session:
        people = list(export_ftm(session, analyst))
    assert len(people) == 3
    her = next(p for p in people if len(p["datasets"]) == 3)
    assert her["schema"] == "Person"
    assert her["properties"]["nationality"] == ["vn"]
    assert her["properties"]["gender"] == ["female"]
    assert "Nguyễn Thị Hương" in her["properties"]["name"]
    names = [s for s in her["statements"] if s["prop"] == "name"]
    assert {s["dataset"] for s in names} == {
        "VNM-MPS-residents",
        "GBR-HO-visa",
        "VNM-IMM-crossings",
    }
    assert all(s["canonical_id"] == her["id"] for s in her["statements"])


def test_a_new_record_joins_its_entity_on_arrival_and_a_stranger_stays_alone(
    database: Database, analyst: Principal
) -> None:
    before = _entities(database)
    arriving = [
        (
            1,
            {
                "id": "X1",
                "source": "GBR-BF-crossings",
                "full_name": "NGUYEN THI HUONG",
                "birth_date": "1992-04-17",
                "nationality": "VNM",
                "sex": "F",
                "document_number": "C4455667",
            },
        ),
        (
            2,
            {
                "id": "X2",
                "source": "GBR-BF-crossings",
                "full_name": "PHAM VAN DUC",
                "birth_date": "1970-01-01",
                "nationality": "VNM",
                "sex": "M",
            },
        ),
    ]
    with database.transaction() as session:
        stored = store_records(session, analyst, arriving, "booth")  # type: ignore[arg-type]
        placed = [resolve_incoming(session, analyst, i) for i in stored.new_ids]
    assert placed[0] == before["R1"]
    assert placed[1] == stored.new_ids[1]
    after = _entities(database)
    assert after["X1"] == after["R1"] == after["R2"]


@pytest.mark.usefixtures("noi_bai")
def test_a_crossing_at_the_booth_becomes_a_record_that_joins_its_entity_at_once(
    database: Database, world: World, analyst: Principal
) -> None:
    before = _entities(database)
    booth_officer = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    officer = Principal(
        booth_officer.user_id,
        "vnm.border",
        "Border officer",
        analyst.agency_id,
        "VNM-MPS",
        frozenset({Role.BORDER_OFFICER}),
        0,
    )
    crossing = {
        "timestamp": "2026-03-01T08:15:00+07:00",
        "point": "HAN",
        "direction": "entry",
        "issuing_state": "VNM",
        "document_number": "C4455667",
        "nationality": "VNM",
        "full_name": "NGUYEN THI HUONG",
        "birth_date": "1992-04-17",
        "sex": "F",
        "permit_type": "citizen",
        "outcome": "admitted",
    }
    with database.transaction() as session:
        reference = record_crossing(session, officer, crossing).reference

    def fails_after_recording() -> None:
        with database.transaction() as session:
            record_crossing(session, officer, {**crossing, "reference": "ROLLED-BACK"})
            raise RuntimeError("the officer's transaction fails after the crossing")

    with pytest.raises(RuntimeError):
        fails_after_recording()
    ARRIVALS.wait()
    after = _entities(database)
    assert after[reference] == before["R1"]  # resolved as soon as it was committed
    assert "ROLLED-BACK" not in after
    with database.transaction() as session:
        booth = session.scalar(select(PersonRecord).where(PersonRecord.source_id == reference))
        assert booth is not None
        assert (booth.source, booth.document_number) == ("border-check", "C4455667")


def _copy(agency_id: int, origin: int, name: str, born: str, status: str = "active") -> Alert:
    """A partner's alert as the exchange keeps it: a read-only copy with its owner."""
    return Alert(
        agency_id=agency_id,
        reference=f"GBR-HO:W{origin}",
        alert_type="wanted",
        names=[{"name": name, "kind": "primary"}],
        birth_date=born,
        nationalities=["VNM"],
        sex="F",
        documents=[],
        action="detain and inform the owner",
        handling_code="LE-RESTRICTED",
        status=status,
        owner_agency="GBR-HO",
        origin_id=origin,
        shared_under="UK-VN-2024",
    )


def test_a_partners_shared_alert_resolves_against_local_entities_without_being_stored(
    database: Database, analyst: Principal
) -> None:
    before = _entities(database)
    with database.transaction() as session:
        session.add_all(
            [
                _copy(analyst.agency_id, 1, "HUONG THI NGUYEN", "1992-04-17"),
                _copy(analyst.agency_id, 2, "PHAM THI MAI", "1975-02-02"),
                _copy(analyst.agency_id, 3, "NGUYEN THI HUONG", "1992-04-17", "withdrawn"),
            ]
        )
    with database.transaction() as session:
        found = partner_matches(session, analyst, "who among ours is wanted in the UK")
        audited = session.scalars(
            select(AuditEntry.action).where(AuditEntry.action == "entities.partner_matches")
        ).all()
    [match] = found  # the stranger matches no one; the withdrawn copy is not read
    assert (match.reference, match.owner, match.handling_code) == (
        "GBR-HO:W1",
        "GBR-HO",
        "LE-RESTRICTED",
    )
    assert match.entity_id == before["R1"]
    assert match.score >= 0.5
    assert "HUONG" in match.explanation
    assert _entities(database) == before  # nothing of the partner's copied into the records
    assert audited == ["entities.partner_matches"]
