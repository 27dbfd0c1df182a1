"""Document checks and the registry of lost, stolen and forged documents."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, status

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.api.routers.pagination import Cursor, Limit
from corridor.api.schemas.common import Page
from corridor.api.schemas.documents import (
    DocumentCheckRequest,
    DocumentCheckResult,
    ReportCreate,
    ReportPublic,
)
from corridor.domain.roles import Role
from corridor.services.documents import CHECKERS, officer_checks_document, report_document
from corridor.store.pagination import decode_cursor
from corridor.store.repositories.document_reports import DocumentReportRepository

router = APIRouter(prefix="/api/v1/documents", tags=["documents"])

REPORTERS = (Role.ADMIN, Role.BORDER_OFFICER, Role.CASE_OFFICER, Role.LIAISON)


@router.post("/check", response_model=DocumentCheckResult)
def check(
    body: DocumentCheckRequest, principal: PrincipalDep, database: DatabaseDep
) -> DocumentCheckResult:
    """Is the document valid, unexpired and not reported? A malformed MRZ is a 422 problem."""
    with database.transaction() as session:
        result = officer_checks_document(
            session,
            principal,
            date.today(),
            mrz=body.mrz,
            issuing_state=body.issuing_state,
            document_number=body.document_number,
            expiry_date=body.expiry_date,
        )
    return DocumentCheckResult.model_validate(result.as_dict())


@router.post("/reports", response_model=ReportPublic, status_code=status.HTTP_201_CREATED)
def create_report(
    body: ReportCreate, principal: PrincipalDep, database: DatabaseDep
) -> ReportPublic:
    principal.require(*REPORTERS)
    with database.transaction() as session:
        report = report_document(session, principal.agency_id, body.model_dump(), date.today())
        return ReportPublic.model_validate(report)


@router.get("/reports", response_model=Page[ReportPublic])
def list_reports(
    principal: PrincipalDep, database: DatabaseDep, cursor: Cursor = None, limit: Limit = 100
) -> Page[ReportPublic]:
    """The agency's own reports, oldest first."""
    principal.require(*CHECKERS, Role.ADMIN, Role.AUDITOR)
    with database.transaction() as session:
        page = DocumentReportRepository(session).list(
            principal.agency_id, after=decode_cursor(cursor), limit=limit
        )
        items = [ReportPublic.model_validate(r) for r in page.items]
    return Page(items=items, next_cursor=page.next_cursor)
