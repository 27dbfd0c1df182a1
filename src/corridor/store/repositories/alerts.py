from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from corridor.domain.screening.alerts import AlertSpec, AlertStatus
from corridor.errors import NotFound
from corridor.store.models import Alert
from corridor.store.pagination import Page, page_of


def alert_values(spec: AlertSpec) -> dict[str, object]:
    """The columns an alert takes from its checked specification."""
    return {
        "alert_type": spec.alert_type.value,
        "names": [{"name": n.name, "kind": n.kind.value, "script": n.script} for n in spec.names],
        "birth_date": spec.birth_date,
        "nationalities": list(spec.nationalities),
        "sex": spec.sex,
        "documents": list(spec.documents),
        "action": spec.action,
        "valid_from": spec.valid_from,
        "valid_until": spec.valid_until,
        "handling_code": spec.handling_code,
    }


class AlertRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def upsert(self, agency_id: int, spec: AlertSpec) -> tuple[Alert, bool]:
        """The alert with the agency's reference, created or updated; True if created."""
        alert = self.by_reference(agency_id, spec.reference)
        created = alert is None
        if alert is None:
            alert = Alert(agency_id=agency_id, reference=spec.reference)
            self.session.add(alert)
        for key, value in alert_values(spec).items():
            setattr(alert, key, value)
        alert.status = AlertStatus.ACTIVE.value
        alert.withdrawn_at = alert.withdrawn_reason = None
        self.session.flush()
        return alert, created

    def by_reference(self, agency_id: int, reference: str) -> Alert | None:
        query = select(Alert).where(Alert.agency_id == agency_id, Alert.reference == reference)
        return self.session.scalar(query)

    def get(self, alert_id: int, agency_id: int) -> Alert:
        alert = self.session.scalar(
            select(Alert).where(Alert.id == alert_id, Alert.agency_id == agency_id)
        )
        if alert is None:
            raise NotFound(f"no alert {alert_id} in your agency")
        return alert

    def active(self, agency_id: int) -> list[Alert]:
        query = select(Alert).where(
            Alert.agency_id == agency_id, Alert.status == AlertStatus.ACTIVE.value
        )
        return list(self.session.scalars(query).all())

    def fingerprint(self, agency_id: int) -> tuple[str, ...]:
        """Changes whenever an alert is added, updated, withdrawn or expired, and when the
        table was emptied and filled again (for screener caches)."""
        row = self.session.execute(
            select(
                func.count(Alert.id),
                func.count(Alert.id).filter(Alert.status == AlertStatus.ACTIVE.value),
                func.max(Alert.id),
                func.max(Alert.created_at),
                func.max(Alert.updated_at),
                func.max(Alert.withdrawn_at),
            ).where(Alert.agency_id == agency_id)
        ).one()
        return tuple(str(value) for value in row)

    def withdraw(self, alert: Alert, reason: str) -> Alert:
        alert.status = AlertStatus.WITHDRAWN.value
        alert.withdrawn_at = datetime.now(UTC)
        alert.withdrawn_reason = reason
        return alert

    def list(
        self, agency_id: int, after: int | None = None, limit: int = 100, status: str | None = None
    ) -> Page[Alert]:
        query = (
            select(Alert).where(Alert.agency_id == agency_id).order_by(Alert.id).limit(limit + 1)
        )
        if status:
            query = query.where(Alert.status == status)
        if after is not None:
            query = query.where(Alert.id > after)
        return page_of(self.session.scalars(query).all(), limit, key=lambda a: a.id)

    def count(self, agency_id: int, status: str | None = None) -> int:
        query = select(func.count(Alert.id)).where(Alert.agency_id == agency_id)
        if status:
            query = query.where(Alert.status == status)
        return self.session.scalar(query) or 0
