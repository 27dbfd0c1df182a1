"""corridor alerts import | export | list | withdraw, and corridor screen --agency."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.settings import Settings

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


def test_alerts_round_trip_through_csv_and_followthemoney(node: Settings, tmp_path: Path) -> None:
    source = tmp_path / "alerts.csv"
    source.write_text(
        "id,alert_type,full_name,aliases,birth_date,nationality,sex,document_number\n"
        "A1,wanted,Trần Văn Hùng,TRAN HUNG,1980-05-06,VNM,M,B1234567\n"
        "A2,missing,王小红,,2012,CHN,F,\n"
        "A3,sleepy,Nobody,,,,,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["alerts", "import", str(source), "--agency", "VNM-MPS", "--json"])
    assert json.loads(result.stdout) == {"created": 2, "updated": 0, "skipped": 1}
    assert "alerts.csv:4:" in result.stderr
    exported = tmp_path / "out.csv"
    runner.invoke(
        app,
        ["alerts", "export", "--agency", "VNM-MPS", "--out", str(exported)],
        catch_exceptions=False,
    )
    rows = list(csv.DictReader(exported.open(encoding="utf-8")))
    assert [(r["id"], r["full_name"], r["aliases"]) for r in rows] == [
        ("A1", "Trần Văn Hùng", "TRAN HUNG"),
        ("A2", "王小红", ""),
    ]
    again = runner.invoke(app, ["alerts", "import", str(exported), "--agency", "VNM-MPS", "--json"])
    assert json.loads(again.stdout) == {"created": 0, "updated": 2, "skipped": 0}
    ftm = tmp_path / "alerts.ftm.jsonl"
    runner.invoke(
        app,
        ["alerts", "export", "--agency", "VNM-MPS", "--format", "ftm", "--out", str(ftm)],
        catch_exceptions=False,
    )
    entities = [json.loads(line) for line in ftm.read_text(encoding="utf-8").splitlines()]
    person = next(e for e in entities if e["schema"] == "Person")
    assert person["properties"]["nationality"] == ["vn"]
    assert any(e["schema"] == "Passport" for e in entities)


def test_followthemoney_entities_load_as_alerts(node: Settings, tmp_path: Path) -> None:
    path = tmp_path / "sanctions.jsonl"
    entities = [
        {
            "id": "p1",
            "schema": "Person",
            "properties": {
                "name": ["Ivan Petrov"],
                "alias": ["Иван Петров"],
                "birthDate": ["1970-01-02"],
                "nationality": ["ru"],
                "gender": ["male"],
            },
        },
        {
            "id": "pp1",
            "schema": "Passport",
            "properties": {"holder": ["p1"], "number": ["720000001"]},
        },
        {"id": "s1", "schema": "Sanction", "properties": {"entity": ["p1"]}},
    ]
    path.write_text(
        "\n".join(json.dumps(e, ensure_ascii=False) for e in entities), encoding="utf-8"
    )
    result = runner.invoke(
        app, ["alerts", "import", str(path), "--agency", "VNM-MPS", "--ftm", "--json"]
    )
    assert json.loads(result.stdout)["created"] == 1
    [alert] = json.loads(
        runner.invoke(app, ["alerts", "list", "--agency", "VNM-MPS", "--json"]).stdout
    )
    assert alert["nationality"] == "RUS"
    assert alert["document_number"] == "720000001"
    assert alert["aliases"] == "Иван Петров"
    assert alert["alert_type"] == "watch"


def test_screen_uses_the_nodes_alerts_and_withdraw_removes_them(
    node: Settings, tmp_path: Path
) -> None:
    alerts = tmp_path / "alerts.csv"
    alerts.write_text(
        "id,full_name,birth_date,nationality,sex\nW1,SWIFT MARTIN,1993-01-21,GBR,M\n",
        encoding="utf-8",
    )
    runner.invoke(
        app, ["alerts", "import", str(alerts), "--agency", "VNM-MPS"], catch_exceptions=False
    )
    travellers = tmp_path / "travellers.csv"
    travellers.write_text(
        "id,full_name,birth_date,nationality,sex,document_number\n"
        "T1,MARTIN SWIFT,1993-01-21,GBR,M,\n",
        encoding="utf-8",
    )
    out = tmp_path / "hits.csv"
    result = runner.invoke(
        app, ["screen", "--agency", "VNM-MPS", "--travellers", str(travellers), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert [r["alert_id"] for r in csv.DictReader(out.open(encoding="utf-8"))] == ["W1"]
    [alert] = json.loads(
        runner.invoke(app, ["alerts", "list", "--agency", "VNM-MPS", "--json"]).stdout
    )
    runner.invoke(
        app,
        ["alerts", "withdraw", "--agency", "VNM-MPS", str(alert["row"]), "--reason", "arrested"],
        catch_exceptions=False,
    )
    runner.invoke(
        app,
        ["screen", "--agency", "VNM-MPS", "--travellers", str(travellers), "--out", str(out)],
        catch_exceptions=False,
    )
    assert list(csv.DictReader(out.open(encoding="utf-8"))) == []
