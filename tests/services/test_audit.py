"""The audit trail records reads without personal data, and any edit behind the product's
back breaks the chain that `corridor audit verify` checks."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.domain.roles import Role
from corridor.services.audit import verify
from corridor.settings import Settings
from corridor.store.database import Database
from corridor.store.models import Traveller
from corridor.store.repositories.agencies import AgencyRepository
from tests.conftest import World

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


@pytest.fixture
def trail(client: TestClient, world: World, database: Database) -> World:
    """Three reads by a border officer: a traveller, a document check, a screening check."""
    with database.transaction() as session:
        agency = AgencyRepository(session).get("VNM-MPS")
        record = Traveller(
            agency_id=agency.id,
            family_name="NGUYEN",
            given_names="THI HUONG",
            native_name=None,
            script="Latn",
            birth_date=date(1990, 3, 1),
            sex="F",
            nationality="VNM",
            source="tests",
        )
        session.add(record)
        session.flush()
        traveller_id = record.id
    officer = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    assert (
        client.get(f"/api/v1/travellers/{traveller_id}", headers=officer.headers).status_code == 200
    )
    assert (
        client.post(
            "/api/v1/documents/check", json={"mrz": TD3}, headers=officer.headers
        ).status_code
        == 200
    )
    assert (
        client.post(
            "/api/v1/screening/check",
            json={"full_name": "NGUYEN THI HUONG"},
            headers=officer.headers,
        ).status_code
        == 200
    )
    return world


def _dump(database: Database) -> list[tuple[object, ...]]:
    with database.engine.connect() as connection:
        return list(
            connection.execute(
                text("SELECT id, actor, action, subject, purpose FROM audit_log ORDER BY id")
            ).all()
        )


def test_reads_are_recorded_without_personal_data(trail: World, database: Database) -> None:
    rows = _dump(database)
    actions = [r[2] for r in rows]
    assert actions[-3:] == ["traveller.read", "document.check", "screening.check"]
    assert all(r[1] == "vnm.border" for r in rows[-3:])
    logged = " ".join(str(v) for r in rows for v in r)
    assert "L898902C3" not in logged
    assert "NGUYEN" not in logged
    assert "ERIKSSON" not in logged
    with database.transaction() as session:
        assert verify(session) == (len(rows), [])


def _tamper(database: Database, statement: str, **values: object) -> None:
    """Change the log directly in the database, as someone bypassing the product would."""
    with database.engine.begin() as connection:
        connection.execute(text(statement), values)


@pytest.mark.parametrize(
    ("statement", "reason"),
    [
        ("UPDATE audit_log SET purpose = 'nothing to see' WHERE id = :second", "edited"),
        ("DELETE FROM audit_log WHERE id = :second", "removed"),
        ("UPDATE audit_log SET actor = 'someone else' WHERE id = :last", "edited"),
    ],
)
def test_an_edit_behind_the_products_back_is_found(
    trail: World, database: Database, statement: str, reason: str
) -> None:
    ids = [r[0] for r in _dump(database)]
    values = {"second": ids[1], "last": ids[-1]}
    _tamper(database, statement, **{k: v for k, v in values.items() if f":{k}" in statement})
    with database.transaction() as session:
        _, breaks = verify(session)
    assert breaks
    assert any(reason in b.reason for b in breaks)


def test_a_reordering_is_found(trail: World, database: Database) -> None:
    rows = _dump(database)
    first, second = rows[-2], rows[-1]
    swap = "UPDATE audit_log SET action = :action WHERE id = :id"
    _tamper(database, swap, action=second[2], id=first[0])
    _tamper(database, swap, action=first[2], id=second[0])
    with database.transaction() as session:
        assert verify(session)[1]


def test_audit_verify_exits_1_on_a_broken_trail(
    trail: World, database: Database, settings: Settings, env_settings: Settings
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["audit", "verify"]).exit_code == 0
    ids = [r[0] for r in _dump(database)]
    _tamper(database, "UPDATE audit_log SET subject = 'x' WHERE id = :id", id=ids[0])
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1
    assert f"entry {ids[0]}:" in result.stderr
    assert "BROKEN" in result.stderr


def test_only_auditors_read_the_trail_and_only_their_agencys(
    trail: World, client: TestClient
) -> None:
    auditor = trail.officer("vnm.auditor", "VNM-MPS", Role.AUDITOR)
    entries = client.get("/api/v1/audit?actor=vnm.border", headers=auditor.headers).json()["items"]
    assert [e["action"] for e in entries] == ["traveller.read", "document.check", "screening.check"]
    uk = trail.officer("gbr.auditor", "GBR-HO", Role.AUDITOR)
    assert client.get("/api/v1/audit?actor=vnm.border", headers=uk.headers).json()["items"] == []
    border = client.get(
        "/api/v1/audit", headers={"Authorization": auditor.headers["Authorization"]}
    )
    assert border.status_code == 200
    officer = trail.officer("vnm.border2", "VNM-MPS", Role.BORDER_OFFICER)
    assert client.get("/api/v1/audit", headers=officer.headers).status_code == 403


def test_the_border_check_page_audits_its_document_read(
    client: TestClient, world: World, database: Database
) -> None:
    import re

    world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    client.post("/login", data={"username": "vnm.border", "password": "correct-horse-battery"})
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/border-check").text)
    assert csrf is not None
    assert client.post("/border-check", data={"csrf": csrf.group(1), "mrz": TD3}).status_code == 200
    actions = [r[2] for r in _dump(database)]
    assert actions[-3:] == ["document.check", "screening.check", "crossings.history"]
