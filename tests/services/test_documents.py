"""The registry: reports in, checks out, with OCR-normalised look-ups and bad rows skipped."""

from datetime import date
from pathlib import Path

import pytest

from corridor.domain.documents.mrz_writer import DocumentFields, make_mrz
from corridor.errors import InvalidInput
from corridor.ingest.rows import read_rows
from corridor.services.documents import check_document, import_reports, report_document
from corridor.store.database import Database
from corridor.store.repositories.agencies import AgencyRepository
from corridor.store.repositories.document_reports import DocumentReportRepository
from tests.conftest import World

TODAY = date(2026, 11, 23)


def _agency_id(database: Database, code: str) -> int:
    with database.transaction() as session:
        return AgencyRepository(session).get(code).id


def _passport(number: str, expires: date = date(2031, 1, 1)) -> str:
    fields = DocumentFields(
        "P", "VNM", "Nguyễn", "Thị Hương", number, "VNM", date(1990, 3, 1), "F", expires
    )
    return "\n".join(make_mrz(fields))


def _report(database: Database, agency: str, number: str, reason: str = "stolen") -> None:
    with database.transaction() as session:
        report_document(
            session,
            _agency_id(database, agency),
            {
                "issuing_state": "VNM",
                "document_number": number,
                "reason": reason,
                "reported_on": "2026-10-01",
            },
            TODAY,
        )


def _check(database: Database, agency: str, **kwargs: object) -> dict[str, object]:
    with database.transaction() as session:
        return check_document(session, _agency_id(database, agency), TODAY, **kwargs).as_dict()  # type: ignore[arg-type]


def test_a_clean_passport_is_clear(world: World, database: Database) -> None:
    result = _check(database, "VNM-MPS", mrz=_passport("C1034567"))
    assert result["verdict"] == "clear"
    assert result["reasons"] == []


def test_a_stolen_passport_is_reported_with_who_reported_it(
    world: World, database: Database
) -> None:
    _report(database, "VNM-MPS", "C1034567")
    result = _check(database, "VNM-MPS", mrz=_passport("C1034567"))
    assert result["verdict"] == "reported"
    [hit] = result["reports"]  # type: ignore[misc]
    assert hit["reason"] == "stolen"
    assert hit["reporting_agency"] == "VNM-MPS"
    assert hit["match"] == "exact"


def test_a_number_reported_with_an_ocr_slip_is_still_found(
    world: World, database: Database
) -> None:
    _report(database, "VNM-MPS", "C1O34567")  # keyed in with the letter O
    result = _check(database, "VNM-MPS", issuing_state="VNM", document_number="C1034567")
    assert result["verdict"] == "reported"
    assert result["reports"][0]["match"] == "ocr_normalised"  # type: ignore[index]


def test_another_agencys_report_is_not_seen_without_sharing(
    world: World, database: Database
) -> None:
    _report(database, "GBR-HO", "C1034567")
    assert _check(database, "VNM-MPS", mrz=_passport("C1034567"))["verdict"] == "clear"


def test_an_expired_or_invalid_document_says_why(world: World, database: Database) -> None:
    expired = _check(database, "VNM-MPS", mrz=_passport("C1034567", date(2020, 1, 1)))
    assert expired["verdict"] == "expired"
    assert "expired on 2020-01-01" in expired["reasons"]
    lines = _passport("C1034567").split("\n")
    broken = lines[0] + "\n" + lines[1][:19] + "9" + lines[1][20:]
    invalid = _check(database, "VNM-MPS", mrz=broken)
    assert invalid["verdict"] == "invalid"
    assert "birth date fails its check digit" in invalid["reasons"]


def test_an_import_skips_bad_rows_by_line_and_keeps_the_rest(
    world: World, database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "reports.csv"
    path.write_text(
        "issuing_state,document_number,document_type,reason,reported_on\n"
        "VNM,C1234567,passport,stolen,2026-01-02\n"
        "ZZZ,C7654321,passport,stolen,2026-01-02\n"
        "VNM,B7654321,passport,eaten,2026-01-02\n"
        "VNM,N1111111,passport,lost,2026-13-02\n"
        "GBR,123456789,passport,lost,\n"
        "VNM,C1234567,passport,stolen,2026-01-02\n",
        encoding="utf-8",
    )
    agency_id = _agency_id(database, "VNM-MPS")
    with database.transaction() as session:
        result = import_reports(session, agency_id, read_rows(path), TODAY)
    assert (result.imported, result.duplicates) == (2, 1)
    assert [e.line for e in result.errors] == [3, 4, 5]
    assert "ZZZ" in result.errors[0].message
    assert "eaten" in result.errors[1].message
    with database.transaction() as session:
        assert DocumentReportRepository(session).count(agency_id) == 2
    with database.transaction() as session:  # importing again adds nothing
        again = import_reports(session, agency_id, read_rows(path), TODAY)
    assert (again.imported, again.duplicates) == (0, 3)


def test_json_lines_are_imported_too(world: World, database: Database, tmp_path: Path) -> None:
    path = tmp_path / "reports.jsonl"
    path.write_bytes(
        b'{"issuing_state": "VNM", "document_number": "C2222222", "reason": "revoked"}\n'
        b"not json\n"
        b'["a list"]\n'
        b'{"issuing_state": "VNM", "document_number": "\xff", "reason": "lost"}\n'
    )
    with database.transaction() as session:
        result = import_reports(session, _agency_id(database, "VNM-MPS"), read_rows(path), TODAY)
    assert result.imported == 1
    assert [e.line for e in result.errors] == [2, 3, 4]


def test_a_file_of_the_wrong_kind_or_shape_is_refused(tmp_path: Path) -> None:
    wrong = tmp_path / "reports.xlsx"
    wrong.write_bytes(b"PK")
    with pytest.raises(InvalidInput, match=r"\.csv or \.jsonl"):
        list(read_rows(wrong))
    headless = tmp_path / "reports.csv"
    headless.write_text("state,number\nVNM,1\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="lacks the column"):
        list(read_rows(headless, required=("issuing_state", "document_number")))
