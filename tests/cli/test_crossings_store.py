"""Crossings in the node's store: imported once, analysed through the same SQL as files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from corridor.cli import context
from corridor.cli.main import app
from corridor.settings import Settings
from corridor.store.models import PersonRecord
from tests.engines.test_crossings import DIRTY, WORLD, row, write_world

runner = CliRunner()


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write_world(tmp_path, WORLD + DIRTY)


@pytest.fixture
def node(env_settings: Settings) -> Settings:
    runner.invoke(app, ["db", "upgrade"], catch_exceptions=False)
    runner.invoke(
        app,
        ["agency", "add", "VNM-MPS", "--name", "MPS", "--country", "VNM"],
        catch_exceptions=False,
    )
    return env_settings


def test_import_once_then_analyse_the_store_as_the_file(
    node: Settings, files: tuple[Path, Path], tmp_path: Path
) -> None:
    crossings, points = files
    first = runner.invoke(
        app, ["crossings", "import", str(crossings), "--agency", "VNM-MPS", "--points", str(points)]
    )
    assert first.exit_code == 0, first.output
    assert f"{len(WORLD)} crossings stored" in first.stderr
    assert f"CROSSINGS.csv:{len(WORLD) + 2}:" in first.stderr  # the first dirty row, by line
    again = runner.invoke(
        app, ["crossings", "import", str(crossings), "--agency", "VNM-MPS", "--points", str(points)]
    )
    assert f"0 crossings stored for VNM-MPS; {len(WORLD)} already held" in again.stderr
    travellers = {(r[5] + ":" + r[4], r[7], r[8], r[6], r[9]) for r in WORLD if r[7]}
    assert f"{len(travellers)} person records of travellers stored, 0 already held" in first.stderr
    assert f"0 person records of travellers stored, {len(travellers)} already held" in again.stderr
    for args in (
        ["stays", "--as-of", "2026-06-30"],
        ["crossings", "anomalies"],
        ["crossings", "companions"],
    ):
        from_file, from_store = tmp_path / "file.csv", tmp_path / "store.csv"
        runner.invoke(
            app,
            [
                *args,
                "--crossings",
                str(crossings),
                "--points",
                str(points),
                "--out",
                str(from_file),
            ],
            catch_exceptions=False,
        )
        runner.invoke(
            app, [*args, "--agency", "VNM-MPS", "--out", str(from_store)], catch_exceptions=False
        )
        assert from_store.read_text(encoding="utf-8") == from_file.read_text(encoding="utf-8"), args


def test_crossings_loaded_in_bulk_become_person_records_of_their_travellers(
    node: Settings, tmp_path: Path
) -> None:
    crossings, points = write_world(
        tmp_path,
        [
            row("T1", "2025-07-01T08:00:00+07:00", "HAN", "entry", "P001", name="SMITH JOHN"),
            row("T2", "2025-07-09T08:00:00+07:00", "HAN", "exit", "P001", name="SMITH JOHN"),
            row("T3", "2025-09-01T08:00:00+07:00", "HAN", "entry", "P777", name="SMITH JOHN"),
            row("T4", "2025-09-02T08:00:00+07:00", "HAN", "entry", "Q1", name="LEE ANNA", sex="F"),
        ],
    )
    imported = runner.invoke(
        app, ["crossings", "import", str(crossings), "--agency", "VNM-MPS", "--points", str(points)]
    )
    assert "3 person records of travellers stored" in imported.stderr, imported.output
    with context.database().transaction() as session:
        records = session.scalars(select(PersonRecord).order_by(PersonRecord.source_id)).all()
        seen = [(r.source, r.source_id, r.full_name, r.document_number, r.sex) for r in records]
    assert seen == [  # one record for the two alike crossings, one for the renewed passport
        ("CROSSINGS.csv", "T1", "SMITH JOHN", "P001", "M"),
        ("CROSSINGS.csv", "T3", "SMITH JOHN", "P777", "M"),
        ("CROSSINGS.csv", "T4", "LEE ANNA", "Q1", "F"),
    ]
    resolved = runner.invoke(app, ["entities", "resolve", "--agency", "VNM-MPS"])
    assert resolved.exit_code == 0, resolved.output


def test_an_analysis_needs_a_file_or_an_agency(node: Settings, tmp_path: Path) -> None:
    result = runner.invoke(app, ["crossings", "anomalies", "--out", str(tmp_path / "a.csv")])
    assert result.exit_code != 0
    assert "give --crossings FILE, or --agency CODE" in str(result.exception)
