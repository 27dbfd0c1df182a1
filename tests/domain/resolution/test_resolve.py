"""corridor resolve: each variation linked, each look-alike kept apart, every record once."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.domain.resolution.phones import normalise_phone

runner = CliRunner()
HEADER = "id,source,full_name,birth_date,nationality,sex,document_number,phone,address\n"
RECORDS = [
    # one woman across a residence register, a UK visa file, a Chinese record in Sino-Vietnamese
    # characters and a Japanese record in katakana
    "R1,VNM-MPS-residents,Nguyễn Thị Hương,1990-03-01,VNM,F,001190012345,0912 345 678,Xóm 1",
    "R2,GBR-HO-visa,HUONG THI NGUYEN,1990-03-01,VNM,F,C1234567,+44 7700 900123,1 HIGH ST",
    "R3,CHN-NIA-crossings,阮氏香,1990-03-01,VNM,F,C1234567,,",
    "R4,JPN-ISA-landing,グエン・ティ・フオン,1990-03-01,VNM,F,,,",
    "R5,VNM-IMM-crossings,NGUYEN THI HUONG,1990,VNM,F,,0084912345678,",
    # her twin sister: same birth date, family, phone and address, another given name
    "R6,VNM-MPS-residents,Nguyễn Thị Lan,1990-03-01,VNM,F,001190012346,0912 345 678,Xóm 1",
    "R7,GBR-HO-visa,LAN THI NGUYEN,1990-03-01,VNM,F,C7654321,,",
    # a namesake born the same year in another province, with nothing else
    "R8,VNM-IMM-crossings,NGUYEN VAN HUNG,1985,VNM,M,,,",
    "R9,VNM-IMM-crossings,NGUYEN VAN HUNG,1985,VNM,M,,,",
    # father and son of one name, 28 years apart
    "R10,GBR-HO-enforcement,SMITH JOHN,1960-05-05,GBR,M,123456789,,",
    "R11,GBR-HO-enforcement,SMITH JOHN JR,1988-07-07,GBR,M,987654321,,",
    # twin brothers whose names differ only by a diacritic, and a record without marks
    "R13,VNM-MPS-residents,Trần Văn Hùng,1993-08-08,VNM,M,,0987 654 321,Xóm 2",
    "R14,VNM-MPS-residents,Trần Văn Hưng,1993-08-08,VNM,M,,0987 654 321,Xóm 2",
    "R15,VNM-IMM-crossings,TRAN VAN HUNG,1993-08-08,VNM,M,,,",
    # a bad row
    "R12,,NO SOURCE,,,,,,",
]


@pytest.fixture
def entities(tmp_path: Path) -> dict[str, str]:
    records = tmp_path / "records.csv"
    records.write_text(HEADER + "\n".join(RECORDS) + "\n", encoding="utf-8")
    out = tmp_path / "entities.csv"
    pairs = tmp_path / "pairs.csv"
    result = runner.invoke(
        app, ["resolve", "--records", str(records), "--out", str(out), "--pairs", str(pairs)]
    )
    assert result.exit_code == 0, result.output
    assert "records.csv:16: source is empty" in result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["record_id", "entity_id"]
    explained = list(csv.DictReader(pairs.open(encoding="utf-8")))
    assert all(p["explanation"] for p in explained)
    scores = {(p["left_id"], p["right_id"]): float(p["score"]) for p in explained}
    assert 0.15 <= scores[("R8", "R9")] < 0.5  # a doubtful pair is written, for review
    return {r["record_id"]: r["entity_id"] for r in rows}


def test_every_readable_record_appears_once(entities: dict[str, str]) -> None:
    assert sorted(entities) == sorted(f"R{i}" for i in range(1, 16) if i != 12)


def test_one_person_is_linked_across_sources_and_scripts(entities: dict[str, str]) -> None:
    assert len({entities[r] for r in ("R1", "R2", "R3", "R4")}) == 1


def test_twins_stay_apart(entities: dict[str, str]) -> None:
    assert entities["R6"] == entities["R7"]
    assert entities["R6"] != entities["R1"]


def test_twins_whose_names_differ_only_by_a_diacritic_stay_apart(
    entities: dict[str, str],
) -> None:
    assert entities["R13"] != entities["R14"]
    assert entities["R15"] in (entities["R13"], entities["R14"])  # joins one of them, not both


def test_a_common_name_with_a_year_is_left_alone(entities: dict[str, str]) -> None:
    assert entities["R8"] != entities["R9"]


def test_father_and_son_stay_apart(entities: dict[str, str]) -> None:
    assert entities["R10"] != entities["R11"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, r"records\.csv: no such file"), ("id,name\n1,x\n", r"lacks the column\(s\) source")],
)
def test_a_file_that_cannot_be_read_is_named_and_nothing_is_written(
    tmp_path: Path, content: str | None, message: str
) -> None:
    records = tmp_path / "records.csv"
    if content is not None:
        records.write_text(content, encoding="utf-8")
    out = tmp_path / "entities.csv"
    result = runner.invoke(app, ["resolve", "--records", str(records), "--out", str(out)])
    assert result.exit_code != 0
    assert re.search(message, str(result.exception))
    assert not out.exists()


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        ("+84 90 123 4567", None, "+84901234567"),
        ("0901234567", "VN", "+84901234567"),
        ("0084901234567", "VN", "+84901234567"),
        ("07700 900123", "GB", "+447700900123"),
        ("010-8812-1451", "KR", "+821088121451"),
        ("00 84 90.123.4567", "VN", "+84901234567"),
        ("(+84) 90 123 4567", "VN", "+84901234567"),
        ("+44 (0) 7700 900123", "GB", "+447700900123"),
        ("not a phone", "VN", None),
        (" - ", "VN", None),
    ],
)
def test_phones_are_read_in_every_form(raw: str, region: str | None, e164: str | None) -> None:
    assert normalise_phone(raw, region) == e164
