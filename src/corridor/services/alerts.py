"""Alerts in and out of the store: import (CSV, JSON Lines, FollowTheMoney), export, withdraw."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from corridor.domain.screening.alerts import (
    AlertName,
    AlertSpec,
    AlertType,
    NameKind,
    validate_alert,
)
from corridor.domain.screening.dates import parse_birth_date
from corridor.domain.screening.ftm import alert_rows
from corridor.domain.screening.records import Person, prepare
from corridor.errors import Conflict, CorridorError, InvalidInput
from corridor.ingest.rows import Row, RowError, read_rows
from corridor.services import feed
from corridor.store.models import Alert
from corridor.store.repositories.alerts import AlertRepository


@dataclass(slots=True)
class AlertImport:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)


def read_alert_file(path: Path, ftm: bool = False) -> Iterator[Row | RowError]:
    """Rows of an alert file; with ``ftm``, JSON Lines of FollowTheMoney entities."""
    if not ftm:
        yield from read_rows(path, required=() if path.suffix != ".csv" else ("id", "full_name"))
        return
    entities = []
    for row in read_rows(path):
        if isinstance(row, RowError):
            yield row
        else:
            entities.append(row[1])
    yield from enumerate(alert_rows(entities), 1)


def import_alerts(
    session: Session, agency_id: int, rows: Iterable[Row | RowError], default_type: AlertType
) -> AlertImport:
    """Create or update the agency's alerts (by its own reference); bad rows by line."""
    result = AlertImport()
    for row in rows:
        if isinstance(row, RowError):
            result.errors.append(row)
            continue
        line, values = row
        try:
            spec = validate_alert(values, default_type)
        except CorridorError as error:
            result.errors.append(RowError(line, error.detail))
            continue
        try:
            _, created = save_alert(session, agency_id, spec)
        except CorridorError as error:
            result.errors.append(RowError(line, error.detail))
            continue
        if created:
            result.created += 1
        else:
            result.updated += 1
    return result


def save_alert(session: Session, agency_id: int, spec: AlertSpec) -> tuple[Alert, bool]:
    """Create or update one of the agency's own alerts (True if created); partners that
    received it are told of the change. A partner's shared copy is read-only."""
    repository = AlertRepository(session)
    held = repository.by_reference(agency_id, spec.reference)
    if held is not None and held.owner_agency:
        raise Conflict(
            f"{spec.reference} is {held.owner_agency}'s alert; only its owner changes it"
        )
    alert, created = repository.upsert(agency_id, spec)
    if not created:
        feed.changed(session, alert)
    return alert, created


def spec_of(alert: Alert) -> AlertSpec:
    return AlertSpec(
        reference=alert.reference,
        alert_type=AlertType(alert.alert_type),
        names=tuple(AlertName(n["name"], NameKind(n["kind"])) for n in alert.names),
        birth_date=alert.birth_date,
        nationalities=tuple(alert.nationalities),
        sex=alert.sex,
        documents=tuple(alert.documents),
        action=alert.action,
        valid_from=alert.valid_from,
        valid_until=alert.valid_until,
        handling_code=alert.handling_code,
    )


def person_of(alert: Alert) -> Person:
    """The alert's subject as screening compares them (the id is the alert's row id)."""
    return prepare(
        str(alert.id),
        [n["name"] for n in alert.names],
        parse_birth_date(alert.birth_date),
        alert.nationalities,
        alert.sex or None,
        alert.documents,
    )


def as_row(alert: Alert) -> dict[str, Any]:
    """The alert in the import columns, so an export loads back as it was."""
    return feed.alert_row(alert)


def withdraw_alert(session: Session, agency_id: int, alert_id: int, reason: str) -> Alert:
    text = " ".join(reason.split())
    if not text:
        raise InvalidInput("say why the alert is withdrawn")
    repository = AlertRepository(session)
    alert = repository.get(alert_id, agency_id)
    if alert.owner_agency:
        raise Conflict(f"alert {alert_id} is {alert.owner_agency}'s; only its owner withdraws it")
    repository.withdraw(alert, text[:500])
    feed.changed(session, alert)
    return alert


def expire_alerts(session: Session, agency_id: int, today: date) -> int:
    """Mark alerts past their validity as expired; they leave screening at once."""
    expired = 0
    for alert in AlertRepository(session).active(agency_id):
        if alert.valid_until is not None and alert.valid_until < today:
            alert.status = "expired"
            feed.changed(session, alert)
            expired += 1
    return expired


def dumps(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False)
