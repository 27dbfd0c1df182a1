"""corridor mrz and corridor documents, run as an officer or a script would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.settings import Settings

runner = CliRunner()
TD3 = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
]


def test_parse_prints_the_contracted_json_and_exits_0() -> None:
    result = runner.invoke(app, ["mrz", "parse", "--json", *TD3])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    for key in (
        "format",
        "document_code",
        "issuing_state",
        "surname",
        "given_names",
        "document_number",
        "nationality",
        "birth_date",
        "expiry_date",
        "sex",
        "optional_data",
        "valid",
        "checks",
        "corrections",
        "errors",
        "warnings",
    ):
        assert key in data, key
    assert data["format"] == "TD3"
    assert data["birth_date"] == "1974-08-12"


def test_parse_exits_1_when_a_check_fails_and_2_when_it_is_no_mrz() -> None:
    failing = [TD3[0], TD3[1][:19] + "3" + TD3[1][20:]]
    assert runner.invoke(app, ["mrz", "parse", *failing]).exit_code == 1
    result = runner.invoke(app, ["mrz", "parse", "--json", "hello"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["valid"] is False


def test_parse_reads_standard_input_and_ignores_blank_lines() -> None:
    result = runner.invoke(app, ["mrz", "parse"], input="\n" + TD3[0] + "\n\n" + TD3[1] + "\n")
    assert result.exit_code == 0
    assert "ERIKSSON" in result.stdout


def test_ten_megabytes_of_garbage_is_refused_cleanly() -> None:
    corridor = Path(sys.executable).parent / "corridor"
    garbage = bytes(range(256)) * (10 * 1024 * 1024 // 256)
    result = subprocess.run(  # noqa: S603
        [str(corridor), "mrz", "parse"],
        input=garbage,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert b"error:" in result.stderr


def test_make_writes_lines_that_parse_back() -> None:
    made = runner.invoke(
        app,
        [
            "mrz",
            "make",
            "--surname",
            "Đặng",
            "--given-names",
            "Văn Hùng",
            "--number",
            "C7654321",
            "--birth-date",
            "1985-02-28",
            "--expiry-date",
            "2033-05-01",
            "--issuing-state",
            "VNM",
            "--sex",
            "M",
        ],
    )
    assert made.exit_code == 0
    lines = made.stdout.split()
    assert lines[0].startswith("P<VNMDANG<<VAN<HUNG")
    parsed = json.loads(runner.invoke(app, ["mrz", "parse", "--json", *lines]).stdout)
    assert parsed["valid"]
    assert parsed["document_number"] == "C7654321"


@pytest.fixture
def node(env_settings: Settings) -> Settings:
    runner.invoke(app, ["db", "upgrade"], catch_exceptions=False)
    runner.invoke(
        app,
        ["agency", "add", "VNM-MPS", "--name", "MPS", "--country", "VNM"],
        catch_exceptions=False,
    )
    return env_settings


def test_import_then_check_finds_the_report(node: Settings, tmp_path: Path) -> None:
    path = tmp_path / "sltd.csv"
    path.write_text(
        "issuing_state,document_number,reason\nUTO,L898902C3,stolen\nUTO,,lost\n", encoding="utf-8"
    )
    imported = runner.invoke(
        app, ["documents", "import", str(path), "--agency", "VNM-MPS", "--json"]
    )
    assert imported.exit_code == 0
    assert json.loads(imported.stdout) == {"imported": 1, "duplicates": 0, "skipped": 1}
    assert "sltd.csv:3:" in imported.stderr
    checked = runner.invoke(app, ["documents", "check", "--agency", "VNM-MPS", "--json", *TD3])
    assert checked.exit_code == 1
    assert json.loads(checked.stdout)["verdict"] == "reported"
    clear = runner.invoke(
        app, ["documents", "check", "--agency", "VNM-MPS", "--state", "UTO", "--number", "X1234567"]
    )
    assert clear.exit_code == 0
    assert "clear" in clear.stdout
