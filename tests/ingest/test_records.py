"""A records file read as `corridor resolve` reads it: people here, contacts beside them."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.engines import forked
from corridor.errors import InvalidInput
from corridor.ingest.records import read_records
from corridor.ingest.rows import RowError
from tests.domain.resolution.test_resolve import HEADER

ROWS = [
    "A1,VNM-MPS-residence,NGUYỄN THỊ HƯƠNG,1990-03-14,VNM,F,,+84 90 123 4567,12 Hàng Bạc Hà Nội",
    "A2,GBR-HO-visa,HUONG THI NGUYEN,1990-13-01,VNM,F,,,",  # no such month
    "A3,,TRAN VAN NAM,1985,VNM,M,,,",  # no source
    "A4,GBR-HO-visa,HUONG THI NGUYEN,1990-03-14,VNM,F,,0084901234567,",
    "A1,VNM-MPS-residence,LE VAN AN,1970,VNM,M,,0901234567,",  # the id again
    "A5,VNM-MPS-residence,PHAM THI LAN,1992,VNM,F,,0901234567,12 HANG BAC HA NOI",
]


@pytest.mark.parametrize("fork", [True, False])
def test_each_record_keeps_its_own_contacts_and_bad_rows_are_named_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork: bool
) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: fork)
    path = tmp_path / "records.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")

    read = list(read_records(path))

    errors = [item for item in read if isinstance(item, RowError)]
    assert [error.line for error in errors] == [3, 4, 6]
    assert "source" in errors[1].message
    records = {
        r.person.id: (line, r) for line, r in (i for i in read if not isinstance(i, RowError))
    }
    assert [line for line, _ in records.values()] == [2, 5, 7]
    (_, first), (_, second), (_, third) = records.values()
    assert first.phone == second.phone == third.phone == "+84901234567"
    assert first.address == third.address is not None  # the same address, marks or none
    assert second.address is None


@pytest.mark.parametrize("fork", [True, False])
def test_a_missing_file_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork: bool
) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: fork)
    with pytest.raises(InvalidInput, match=r"nowhere\.csv: no such file"):
        list(read_records(tmp_path / "nowhere.csv"))
