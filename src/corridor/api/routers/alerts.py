"""The agency's alerts."""

from __future__ import annotations

from fastapi import APIRouter, status

from corridor.api.deps import DatabaseDep, PrincipalDep
from corridor.api.routers.pagination import Cursor, Limit
from corridor.api.schemas.common import Page
from corridor.api.schemas.screening import AlertPublic, Withdrawal
from corridor.domain.roles import Role
from corridor.domain.screening.alerts import validate_alert
from corridor.services.alerts import save_alert, withdraw_alert
from corridor.store.models import Alert
from corridor.store.pagination import decode_cursor
from corridor.store.repositories.alerts import AlertRepository

router = APIRouter(prefix="/api/v1/alerts", tags=["alerts"])
READERS = (Role.BORDER_OFFICER, Role.ANALYST, Role.CASE_OFFICER, Role.LIAISON, Role.AUDITOR)
WRITERS = (Role.ANALYST, Role.CASE_OFFICER, Role.LIAISON)


def alert_public(alert: Alert) -> AlertPublic:
    return AlertPublic(
        id=alert.id,
        reference=alert.reference,
        alert_type=alert.alert_type,
        names=alert.names,
        birth_date=alert.birth_date,
        nationalities=alert.nationalities,
        sex=alert.sex,
        documents=alert.documents,
        action=alert.action,
        valid_from=alert.valid_from.isoformat() if alert.valid_from else None,
        valid_until=alert.valid_until.isoformat() if alert.valid_until else None,
        handling_code=alert.handling_code,
        status=alert.status,
        owner_agency=alert.owner_agency,
        shared_under=alert.shared_under,
    )


@router.get("", response_model=Page[AlertPublic])
def list_alerts(
    principal: PrincipalDep,
    database: DatabaseDep,
    status: str | None = None,
    cursor: Cursor = None,
    limit: Limit = 100,
) -> Page[AlertPublic]:
    principal.require(*READERS)
    with database.transaction() as session:
        page = AlertRepository(session).list(
            principal.agency_id, decode_cursor(cursor), limit, status
        )
        return Page(items=[alert_public(a) for a in page.items], next_cursor=page.next_cursor)


@router.post("", response_model=AlertPublic, status_code=status.HTTP_201_CREATED)
def create_alert(
    body: dict[str, object], principal: PrincipalDep, database: DatabaseDep
) -> AlertPublic:
    """Create or update an alert, in the columns of the import files (``id``, ``alert_type``,
    ``full_name`` with names separated by ``|``, ``birth_date``, ``nationality``...)."""
    principal.require(*WRITERS)
    spec = validate_alert(body)
    with database.transaction() as session:
        alert, _ = save_alert(session, principal.agency_id, spec)
        return alert_public(alert)


@router.post("/{alert_id}/withdraw", response_model=AlertPublic)
def withdraw(
    alert_id: int, body: Withdrawal, principal: PrincipalDep, database: DatabaseDep
) -> AlertPublic:
    principal.require(*WRITERS)
    with database.transaction() as session:
        return alert_public(withdraw_alert(session, principal.agency_id, alert_id, body.reason))
