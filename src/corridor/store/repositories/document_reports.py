from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from corridor.domain.documents.registry import ReportSpec
from corridor.store.models import DocumentReport
from corridor.store.pagination import Page, page_of


class DocumentReportRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_many(self, agency_id: int, specs: Sequence[ReportSpec]) -> int:
        if specs:
            self.session.execute(insert(DocumentReport), [_row(agency_id, s) for s in specs])
        return len(specs)

    def add(self, agency_id: int, spec: ReportSpec) -> DocumentReport:
        report = DocumentReport(**_row(agency_id, spec))
        self.session.add(report)
        self.session.flush()
        return report

    def matching(self, agency_ids: Sequence[int], state: str, key: str) -> list[DocumentReport]:
        """Reports visible to the caller of this state whose number reads as ``key``."""
        query = select(DocumentReport).where(
            DocumentReport.number_key == key,
            DocumentReport.issuing_state == state,
            DocumentReport.agency_id.in_(agency_ids),
        )
        return list(self.session.scalars(query).all())

    def existing(
        self, agency_id: int, keys: set[tuple[str, str, str]]
    ) -> set[tuple[str, str, str]]:
        """Which (state, number, reason) of ``keys`` the agency has already reported."""
        if not keys:
            return set()
        numbers = {number for _, number, _ in keys}
        query = select(
            DocumentReport.issuing_state, DocumentReport.document_number, DocumentReport.reason
        ).where(DocumentReport.agency_id == agency_id, DocumentReport.document_number.in_(numbers))
        return {(s, n, r) for s, n, r in self.session.execute(query)} & keys

    def list(
        self, agency_id: int, after: int | None = None, limit: int = 100
    ) -> Page[DocumentReport]:
        query = (
            select(DocumentReport)
            .where(DocumentReport.agency_id == agency_id)
            .order_by(DocumentReport.id)
            .limit(limit + 1)
        )
        if after is not None:
            query = query.where(DocumentReport.id > after)
        return page_of(self.session.scalars(query).all(), limit, key=lambda r: r.id)

    def count(self, agency_id: int) -> int:
        query = select(func.count(DocumentReport.id)).where(DocumentReport.agency_id == agency_id)
        return self.session.scalar(query) or 0


def _row(agency_id: int, spec: ReportSpec) -> dict[str, object]:
    return {
        "agency_id": agency_id,
        "issuing_state": spec.issuing_state,
        "document_number": spec.document_number,
        "number_key": spec.number_key,
        "document_type": spec.document_type.value,
        "reason": spec.reason.value,
        "reported_on": spec.reported_on,
        "note": spec.note,
    }
