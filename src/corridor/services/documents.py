"""Document checks at the border, and the registry of reported documents."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from corridor.domain.countries import is_document_state
from corridor.domain.documents.mrz_parser import parse
from corridor.domain.documents.ocr import number_key
from corridor.domain.documents.registry import (
    DocumentCheck,
    ReportHit,
    ReportSpec,
    classify,
    validate_report,
)
from corridor.domain.documents.transliteration import to_mrz_alphanumeric
from corridor.domain.principal import Principal
from corridor.domain.roles import OPERATIONAL
from corridor.errors import CorridorError, InvalidInput
from corridor.ingest.rows import Row, RowError
from corridor.services import audit
from corridor.store.models import DocumentReport
from corridor.store.repositories.document_reports import DocumentReportRepository

IMPORT_BATCH = 5_000


def check_document(
    session: Session,
    agency_id: int,
    today: date,
    *,
    mrz: str | list[str] | None = None,
    issuing_state: str | None = None,
    document_number: str | None = None,
    expiry_date: date | None = None,
) -> DocumentCheck:
    """Check a document read from its MRZ, or given by state and number: validity, expiry,
    and the registry (the exact number and the number with OCR confusions normalised)."""
    reading = None
    if mrz:
        reading = parse(mrz, today)
        state, number, expiry = reading.issuing_state, reading.document_number, reading.expiry_date
    else:
        state = (issuing_state or "").strip().upper()
        number = to_mrz_alphanumeric(document_number or "")
        expiry = expiry_date
        if not is_document_state(state):
            raise InvalidInput(f"issuing_state {state!r} is not an ISO 3166-1 alpha-3 or ICAO code")
        if not number:
            raise InvalidInput("give the MRZ, or the issuing state and document number")
    reports = DocumentReportRepository(session).matching([agency_id], state, number_key(number))
    return DocumentCheck(
        issuing_state=state,
        document_number=number,
        reading=reading,
        expiry_date=expiry,
        expired=None if expiry is None else expiry < today,
        reports=tuple(_hit(state, number, report) for report in reports),
    )


def _hit(state: str, number: str, report: DocumentReport) -> ReportHit:
    return ReportHit(
        issuing_state=report.issuing_state,
        document_number=report.document_number,
        reason=report.reason,
        document_type=report.document_type,
        reported_on=report.reported_on,
        reporting_agency=report.owner_agency or report.agency.code,
        match=classify(state, number, report.issuing_state, report.document_number),
    )


def report_document(
    session: Session, agency_id: int, values: dict[str, object], today: date
) -> DocumentReport:
    return DocumentReportRepository(session).add(agency_id, validate_report(values, today))


@dataclass(slots=True)
class ImportResult:
    imported: int = 0
    duplicates: int = 0
    errors: list[RowError] = field(default_factory=list)


def import_reports(
    session: Session, agency_id: int, rows: Iterable[Row | RowError], today: date
) -> ImportResult:
    """Import reports in batches inside the caller's transaction. A bad row is recorded with
    its line number and skipped; a report the agency already holds is not added twice."""
    result = ImportResult()
    repository = DocumentReportRepository(session)
    batch: list[tuple[int, ReportSpec]] = []
    for row in rows:
        if isinstance(row, RowError):
            result.errors.append(row)
            continue
        line, values = row
        try:
            batch.append((line, validate_report(values, today)))
        except CorridorError as error:
            result.errors.append(RowError(line, error.detail))
        if len(batch) >= IMPORT_BATCH:
            _flush(repository, agency_id, batch, result)
            batch = []
    _flush(repository, agency_id, batch, result)
    return result


def _flush(
    repository: DocumentReportRepository,
    agency_id: int,
    batch: Sequence[tuple[int, ReportSpec]],
    result: ImportResult,
) -> None:
    keys = {(s.issuing_state, s.document_number, s.reason.value) for _, s in batch}
    seen = repository.existing(agency_id, keys)
    fresh: list[ReportSpec] = []
    for _, spec in batch:
        key = (spec.issuing_state, spec.document_number, spec.reason.value)
        if key in seen:
            result.duplicates += 1
            continue
        seen.add(key)
        fresh.append(spec)
    result.imported += repository.add_many(agency_id, fresh)


CHECKERS = OPERATIONAL


def officer_checks_document(
    session: Session, principal: Principal, today: date, **document: Any
) -> DocumentCheck:
    """``check_document`` for an officer of the agency, recorded in the audit trail (the
    document by a keyed fingerprint, never its number)."""
    principal.require(*CHECKERS)
    result = check_document(session, principal.agency_id, today, **document)
    key = f"{result.issuing_state}:{result.document_number}"
    audit.record(
        session,
        principal,
        "document.check",
        f"document:{audit.hidden(key)}",
        detail={"verdict": result.verdict},
    )
    return result
