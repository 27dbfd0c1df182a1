"""Stays, anomalies and companions: each rule with a case it must find and a near miss it must
not (a tour guide, a family, the two ends of one land crossing, a stay ending on its last day)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from corridor.engines.crossings.engine import CrossingsEngine
from corridor.engines.crossings.load import CROSSING_COLUMNS, POINT_COLUMNS

POINTS = [
    ("HAN", "Noi Bai", "VNM", "air", 21.2212, 105.8072),
    ("SGN", "Tan Son Nhat", "VNM", "air", 10.8188, 106.6519),
    ("CAIMEP", "Cai Mep", "VNM", "sea", 10.54, 107.02),
    ("MONGCAI", "Mong Cai", "VNM", "land", 21.5436, 107.965),
    ("DONGXING", "Dongxing", "CHN", "land", 21.548, 107.972),
]
HEADER = list(CROSSING_COLUMNS)


def row(
    cid: str,
    ts: str,
    point: str,
    direction: str,
    doc: str,
    nat: str = "GBR",
    name: str = "SMITH JOHN",
    born: str = "1980-01-01",
    sex: str = "M",
    days: str = "45",
    carrier: str = "",
    booking: str = "",
    state: str | None = None,
) -> list[str]:
    permit = (
        "citizen"
        if nat
        == {"HAN": "VNM", "SGN": "VNM", "CAIMEP": "VNM", "MONGCAI": "VNM", "DONGXING": "CHN"}.get(
            point
        )
        else "visa_exempt"
    )
    return [
        cid,
        ts,
        point,
        direction,
        doc,
        state or nat,
        nat,
        name,
        born,
        sex,
        permit,
        "" if permit == "citizen" else days,
        carrier,
        booking,
    ]


def write_world(folder: Path, rows: list[list[str]]) -> tuple[Path, Path]:
    """CROSSINGS.csv with ``rows`` and POINTS.csv with the points above, in ``folder``."""
    points = folder / "POINTS.csv"
    with points.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(POINT_COLUMNS)
        writer.writerows(POINTS)
    crossings = folder / "CROSSINGS.csv"
    with crossings.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return crossings, points


WORLD = [
    # the data begins on 2025-07-01 with this crossing
    row("A1", "2025-07-01T08:00:00+07:00", "HAN", "entry", "P001", days="10"),
    row("A2", "2025-07-10T23:50:00+07:00", "HAN", "exit", "P001", days="10"),  # last day: left
    row("B1", "2025-08-01T00:30:00+07:00", "HAN", "entry", "P002", days="5"),  # after midnight
    row("B2", "2025-08-08T10:00:00+07:00", "SGN", "exit", "P002", days="5"),  # 3 days late
    row("C1", "2026-06-01T10:00:00+07:00", "HAN", "entry", "P003", days="20"),  # overstaying
    row("D1", "2026-06-20T10:00:00+07:00", "HAN", "entry", "P004", days="15"),  # in country
    # a clone: the same passport at Noi Bai and Tan Son Nhat 30 minutes apart
    row("E1", "2025-09-01T10:00:00+07:00", "HAN", "entry", "P005"),
    row("E2", "2025-09-01T10:30:00+07:00", "SGN", "entry", "P005"),
    # near miss: enters at one airport, leaves from another four hours later
    row("F1", "2025-09-02T10:00:00+07:00", "HAN", "entry", "P006"),
    row("F2", "2025-09-02T14:00:00+07:00", "SGN", "exit", "P006"),
    # 55 km in 20 minutes: not an airliner, but two places at once
    row("G1", "2025-09-03T10:00:00+07:00", "SGN", "entry", "P007"),
    row("G2", "2025-09-03T10:20:00+07:00", "CAIMEP", "entry", "P007"),
    # near miss: the two ends of one land crossing, a Vietnamese citizen to China
    row(
        "H1",
        "2025-09-04T09:00:00+07:00",
        "MONGCAI",
        "exit",
        "V001",
        nat="VNM",
        name="NGUYEN VAN AN",
    ),
    row(
        "H2",
        "2025-09-04T10:10:00+08:00",
        "DONGXING",
        "entry",
        "V001",
        nat="VNM",
        name="NGUYEN VAN AN",
        days="3",
    ),
    # exit without entry: the permit began on the data's first day (flagged) ...
    row("I1", "2025-07-30T12:00:00+07:00", "HAN", "exit", "P008", days="30"),
    # ... and the day before it (not flagged: they may have entered before the data)
    row("J1", "2025-07-30T12:00:00+07:00", "HAN", "exit", "P009", days="31"),
    # a minor alone, and a minor with a parent on the same booking
    row(
        "K1",
        "2025-10-01T09:00:00+07:00",
        "HAN",
        "entry",
        "C001",
        name="LEE ANNA",
        born="2012-05-05",
        sex="F",
        carrier="VN1",
        booking="AAA111",
    ),
    row(
        "L1",
        "2025-10-01T09:00:00+07:00",
        "HAN",
        "entry",
        "C002",
        name="BROWN TOM",
        born="2013-02-02",
        carrier="VN1",
        booking="BBB222",
    ),
    row(
        "L2",
        "2025-10-01T09:01:00+07:00",
        "HAN",
        "entry",
        "P010",
        name="BROWN MARY",
        born="1980-03-03",
        sex="F",
        carrier="VN1",
        booking="BBB222",
    ),
    # a parent on the same flight 25 minutes later, another booking: the child is flagged
    row(
        "M1",
        "2025-10-02T09:00:00+07:00",
        "HAN",
        "entry",
        "C003",
        name="KHAN ALI",
        born="2014-04-04",
        carrier="VN2",
        booking="CCC333",
    ),
    row(
        "M2",
        "2025-10-02T09:25:00+07:00",
        "HAN",
        "entry",
        "P011",
        name="KHAN SARA",
        born="1981-01-01",
        sex="F",
        carrier="VN2",
        booking="DDD444",
    ),
    # the day before the 18th birthday is a minor; the birthday itself is not; 29 February
    row(
        "N1",
        "2025-11-09T09:00:00+07:00",
        "HAN",
        "entry",
        "C004",
        name="JONES AMY",
        born="2007-11-10",
        sex="F",
    ),
    row(
        "O1",
        "2025-11-10T09:00:00+07:00",
        "HAN",
        "entry",
        "C005",
        name="JONES BEN",
        born="2007-11-10",
    ),
    row(
        "Q1",
        "2026-02-28T09:00:00+07:00",
        "HAN",
        "entry",
        "C006",
        name="GRAY EVE",
        born="2008-02-29",
        sex="F",
    ),
    # a double entry: the exit between was never recorded
    row("R1", "2025-12-01T09:00:00+07:00", "HAN", "entry", "P012"),
    row("R2", "2025-12-20T09:00:00+07:00", "HAN", "entry", "P012"),
]
DIRTY = [
    row("Z1", "2025-12-01 09:00:00", "HAN", "entry", "P900"),  # no offset
    row("Z2", "2025-02-30T09:00:00+07:00", "HAN", "entry", "P901"),  # 30 February
    row("Z3", "2025-12-01T25:00:00+07:00", "HAN", "entry", "P902"),  # hour 25
    row("Z4", "2025-12-01T09:00:00+07:00", "NOWHERE", "entry", "P903"),
    row("Z5", "2025-12-01T09:00:00+07:00", "HAN", "entry", ""),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> CrossingsEngine:
    crossings, points = write_world(tmp_path_factory.mktemp("world"), WORLD + DIRTY)
    built = CrossingsEngine()
    report = built.load(crossings, points)
    built.load_report = report  # type: ignore[attr-defined]
    return built


def test_bad_rows_are_reported_by_line_and_skipped(engine: CrossingsEngine) -> None:
    report = engine.load_report  # type: ignore[attr-defined]
    first_dirty = len(WORLD) + 2  # the header is line 1
    assert [line for line, _ in report.errors] == list(range(first_dirty, first_dirty + 5))
    assert "UTC offset" in report.errors[0][1]
    assert "points file" in report.errors[3][1]
    assert report.valid == len(WORLD)


def test_stays_follow_the_rules(engine: CrossingsEngine) -> None:
    stays = {r[1]: r for r in engine.stays(date(2026, 6, 30)).fetchall()}
    assert stays["A1"][6:] == ("left", 0)  # left on the last permitted day, late in the evening
    assert stays["A1"][5] == "2025-07-10"
    assert stays["B1"][5] == "2025-08-05"
    assert stays["B1"][6:] == ("left_late", 3)
    assert stays["C1"][6:] == ("overstaying", 10)
    assert stays["D1"][6:] == ("in_country", 0)
    assert "H1" not in stays
    # entering China on a 3-day pass and never coming back is a stay, overstaying
    assert stays["H2"][5:] == ("2025-09-06", "overstaying", 297)


def _anomalies(engine: CrossingsEngine) -> set[tuple[str, str]]:
    return {(r[0], r[1]) for r in engine.anomalies().fetchall()}


def test_impossible_travel_is_found_and_its_near_misses_are_not(engine: CrossingsEngine) -> None:
    found = {c for c, kind in _anomalies(engine) if kind == "impossible_travel"}
    assert {"E2", "G2"} <= found
    assert not found & {"F2", "H2", "E1", "G1"}


def test_double_entries_and_exits_without_entry(engine: CrossingsEngine) -> None:
    found = _anomalies(engine)
    assert ("R2", "double_entry") in found
    assert ("R1", "double_entry") not in found
    assert ("E2", "double_entry") in found  # the clone's entry is a double entry too
    assert ("I1", "exit_without_entry") in found
    assert ("J1", "exit_without_entry") not in found
    assert ("A2", "exit_without_entry") not in found


def test_minors_without_a_guardian(engine: CrossingsEngine) -> None:
    flagged = {c for c, kind in _anomalies(engine) if kind == "minor_without_guardian"}
    assert {"K1", "M1", "N1", "Q1"} <= flagged  # alone; parent too late; day before 18; 29 Feb
    assert not flagged & {"L1", "L2", "O1"}  # with a parent; adults; on the 18th birthday


def test_companions_count_who_crossed_together(engine: CrossingsEngine) -> None:
    rows = {r[0]: r for r in engine.companions().fetchall()}
    # TOM's booking has his mother; flight VN1 within 15 minutes also carried ANNA, a minor
    assert rows["GBR:C002"][1:5] == (1, 2, 1, 0)
    assert rows["GBR:P010"][1:5] == (1, 2, 2, 0)  # MARY: her son and ANNA, both minors
    assert "GBR:C003" not in rows  # ALI's mother came 25 minutes later: no companion


def test_an_escort_ranks_above_a_tour_guide_and_a_family(tmp_path: Path) -> None:
    crossings = []
    for trip in range(8):  # the escort: each time two young women of other names, once each
        day = f"2025-{7 + trip:02d}-05T09:00:00+07:00"
        crossings.append(
            row(
                f"S{trip}",
                day,
                "HAN",
                "exit",
                "ESC1",
                nat="VNM",
                name="TRAN VAN HAI",
                carrier=f"VJ{trip}",
                booking=f"E{trip}",
            )
        )
        for girl in range(2):
            crossings.append(
                row(
                    f"S{trip}g{girl}",
                    day,
                    "HAN",
                    "exit",
                    f"G{trip}{girl}",
                    nat="VNM",
                    name=f"LE THI H{trip}{girl}",
                    born="2005-06-06",
                    sex="F",
                    carrier=f"VJ{trip}",
                    booking=f"E{trip}",
                )
            )
    for trip in range(20):  # the guide: weekly with twenty people, young women among them
        day = f"2025-{7 + trip // 4:02d}-{10 + trip % 4:02d}T09:00:00+07:00"
        crossings.append(
            row(
                f"T{trip}",
                day,
                "MONGCAI",
                "exit",
                "GUIDE1",
                nat="VNM",
                name="PHAM VAN NAM",
                booking=f"T{trip}",
            )
        )
        for person in range(20):
            female, young = person % 2 == 0, person % 5 == 0
            crossings.append(
                row(
                    f"T{trip}p{person}",
                    day,
                    "MONGCAI",
                    "exit",
                    f"TG{trip}{person}",
                    nat="VNM",
                    name=f"VO VAN K{trip}{person}",
                    born="2004-01-01" if young else "1970-01-01",
                    sex="F" if female else "M",
                    booking=f"T{trip}",
                )
            )
    for trip in range(10):  # a family that travels often together
        day = f"2025-{7 + trip // 2:02d}-{20 + trip % 2:02d}T09:00:00+07:00"
        for member, (name, born, sex) in enumerate(
            [
                ("DO VAN MINH", "1975-01-01", "M"),
                ("DO THI LAN", "2006-01-01", "F"),
                ("DO THI MAI", "2010-01-01", "F"),
            ]
        ):
            crossings.append(
                row(
                    f"F{trip}{member}",
                    day,
                    "HAN",
                    "exit",
                    f"FAM{member}",
                    nat="VNM",
                    name=name,
                    born=born,
                    sex=sex,
                    booking=f"F{trip}",
                )
            )
    path, points = write_world(tmp_path, crossings)
    engine = CrossingsEngine()
    engine.load(path, points)
    ranking = [r[0] for r in engine.companions().fetchall()]
    assert ranking[0] == "VNM:ESC1"
    assert ranking.index("VNM:ESC1") < ranking.index("VNM:GUIDE1") < ranking.index("VNM:FAM0")
