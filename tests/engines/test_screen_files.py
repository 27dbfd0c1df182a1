"""corridor screen on files: the contract columns, bad rows by line, the rest screened."""

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app

runner = CliRunner()
HEADER = "id,full_name,birth_date,nationality,sex,document_number\n"


def test_screening_files_writes_hits_and_reports_bad_rows(tmp_path: Path) -> None:
    alerts = tmp_path / "alerts.csv"
    alerts.write_text(
        HEADER + "A1,Nguyễn Thị Thu,1990-03-01,VNM,F,C1234567\n"
        "A2,王小红,1992-11-02,CHN,F,\n"
        "A3,SWIFT MARTIN,1993,GBR,M,\n"
        "A4,,1990-01-01,VNM,F,\n",
        encoding="utf-8",
    )
    travellers = tmp_path / "travellers.csv"
    travellers.write_text(
        HEADER + "T1,NGUYEN THI THU,1990-03-01,VNM,F,\n"
        "T2,Xiao Hong Wang,1992-11-02,CHN,F,\n"
        "T3,ALAN GILL,1956-04-19,GBR,M,\n"
        "T4,SWIFT MARTIN,1993-13-01,GBR,M,\n"
        "T5,SWIFT MARTIN,1993-02-01,XYZ,M,\n"
        "T6,SWIFT MARTIN,1993-02-01,GBR,Q,\n"
        "T1,DUPLICATE ID,,,,\n"
        "T7,SWIFT MARTIN,1993-06-30,GBR,M,\n",
        encoding="utf-8",
    )
    out = tmp_path / "hits.csv"
    result = runner.invoke(
        app,
        [
            "screen",
            "--alerts",
            str(alerts),
            "--travellers",
            str(travellers),
            "--out",
            str(out),
            "--workers",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    for line in (
        "alerts.csv:5:",
        "travellers.csv:5:",
        "travellers.csv:6:",
        "travellers.csv:7:",
        "travellers.csv:8:",
    ):
        assert line in result.stderr, line
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["traveller_id", "alert_id", "score", "explanation"]
    assert {(r["traveller_id"], r["alert_id"]) for r in rows} == {
        ("T1", "A1"),
        ("T2", "A2"),
        ("T7", "A3"),
    }
    assert all(0 <= float(r["score"]) <= 1 and r["explanation"] for r in rows)


def test_a_threshold_of_one_reports_nothing_uncertain(tmp_path: Path) -> None:
    alerts = tmp_path / "a.csv"
    alerts.write_text(HEADER + "A1,SWIFT MARTIN,1993,GBR,M,\n", encoding="utf-8")
    travellers = tmp_path / "t.csv"
    travellers.write_text(HEADER + "T1,SWIFT MARTIN,1993-06-30,GBR,M,\n", encoding="utf-8")
    out = tmp_path / "hits.csv"
    result = runner.invoke(
        app,
        [
            "screen",
            "--alerts",
            str(alerts),
            "--travellers",
            str(travellers),
            "--out",
            str(out),
            "--threshold",
            "1.0",
        ],
    )
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").strip() == "traveller_id,alert_id,score,explanation"


def test_a_missing_column_is_a_clear_error(tmp_path: Path) -> None:
    alerts = tmp_path / "a.csv"
    alerts.write_text("id,name\nA1,X\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "screen",
            "--alerts",
            str(alerts),
            "--travellers",
            str(alerts),
            "--out",
            str(tmp_path / "o.csv"),
        ],
    )
    assert result.exit_code != 0
    assert "lacks the column(s) full_name" in str(result.exception)
    json.dumps(result.exit_code)
