"""corridor entities, run as an analyst at the shell would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.settings import Settings
from corridor.store.database import Database
from corridor.store.models import PersonRecord

runner = CliRunner()


@pytest.fixture
def node(env_settings: Settings) -> Settings:
    runner.invoke(app, ["db", "upgrade"], catch_exceptions=False)
    runner.invoke(
        app,
        ["agency", "add", "VNM-MPS", "--name", "MPS", "--country", "VNM"],
        catch_exceptions=False,
    )
    return env_settings


def test_import_resolve_show_merge_and_undo(node: Settings, fixtures_dir: Path) -> None:
    records = str(fixtures_dir / "entity_records.csv")
    imported = runner.invoke(app, ["entities", "import", records, "--agency", "VNM-MPS"])
    assert imported.exit_code == 0, imported.output
    assert "5 records stored" in imported.output
    resolved = runner.invoke(app, ["entities", "resolve", "--agency", "VNM-MPS"])
    assert "in 3 entities" in resolved.output, resolved.output
    database = Database(node.database_url)
    with database.transaction() as session:
        ids = {r.source_id: str(r.id) for r in session.scalars(select(PersonRecord))}
    shown = runner.invoke(app, ["entities", "show", ids["R1"], "--agency", "VNM-MPS", "--json"])
    view = json.loads(shown.stdout)
    assert len(view["records"]) == 3
    merged = runner.invoke(
        app,
        ["entities", "merge", ids["R1"], ids["R4"], "--agency", "VNM-MPS", "--reason", "one"],
    )
    assert merged.exit_code == 0, merged.output
    change = merged.output.split("change ")[1].split(" ")[0]
    undone = runner.invoke(
        app, ["entities", "undo", change, "--agency", "VNM-MPS", "--reason", "a mistake"]
    )
    assert undone.exit_code == 0, undone.output
    again = json.loads(
        runner.invoke(app, ["entities", "show", ids["R4"], "--agency", "VNM-MPS", "--json"]).stdout
    )
    assert [r["source_id"] for r in again["records"]] == ["R4"]
    wrong = runner.invoke(
        app, ["entities", "merge", ids["R1"], "--agency", "VNM-MPS", "--reason", "x"]
    )
    assert wrong.exit_code != 0
    assert "at least two" in str(wrong.exception)


def test_a_model_trained_on_the_store_is_written_and_used(
    node: Settings, fixtures_dir: Path, tmp_path: Path
) -> None:
    records = str(fixtures_dir / "entity_records.csv")
    runner.invoke(app, ["entities", "import", records, "--agency", "VNM-MPS"])
    model = tmp_path / "model.json"
    trained = runner.invoke(app, ["entities", "train", "--agency", "VNM-MPS", "--out", str(model)])
    assert trained.exit_code == 0, trained.output
    data = json.loads(model.read_text(encoding="utf-8"))
    assert data["version"].endswith("+trained")
    assert set(data["document"]) == {"same", "different", "missing"}
    used = runner.invoke(app, ["entities", "resolve", "--agency", "VNM-MPS", "--model", str(model)])
    assert used.exit_code == 0, used.output
    assert "records in" in used.output
