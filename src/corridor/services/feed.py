"""The feed this node offers its partners: every change to a shared alert, in sequence order.

An alert shared under an agreement gets one entry per recipient agency the agreement allows
when it is shared and whenever it changes; a withdrawal or expiry reaches every agency that
ever received it, whatever the agreement says by then (taking data back is always allowed).
Partners pull the entries after the last sequence number they applied.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.domain.screening.alerts import NameKind
from corridor.store.models import Alert, FeedEntry


def alert_row(alert: Alert) -> dict[str, Any]:
    """The alert in the import columns, so an export (or a partner's copy) loads as it was."""
    names = alert.names
    return {
        "id": alert.reference,
        "alert_type": alert.alert_type,
        "full_name": "|".join(n["name"] for n in names if n["kind"] == NameKind.PRIMARY.value),
        "aliases": "|".join(n["name"] for n in names if n["kind"] == NameKind.ALIAS.value),
        "original_script": "|".join(
            n["name"] for n in names if n["kind"] == NameKind.ORIGINAL_SCRIPT.value
        ),
        "maiden_name": "|".join(n["name"] for n in names if n["kind"] == NameKind.MAIDEN.value),
        "birth_date": alert.birth_date,
        "nationality": "|".join(alert.nationalities),
        "sex": alert.sex,
        "document_number": "|".join(alert.documents),
        "action": alert.action,
        "valid_from": alert.valid_from.isoformat() if alert.valid_from else "",
        "valid_until": alert.valid_until.isoformat() if alert.valid_until else "",
        "handling_code": alert.handling_code,
        "status": alert.status,
    }


def entry_payload(alert: Alert) -> dict[str, Any]:
    """What a feed entry carries: the alert in the import columns, and why it was withdrawn."""
    return {**alert_row(alert), "withdrawn_reason": alert.withdrawn_reason or ""}


def recipients(session: Session, alert: Alert) -> list[str]:
    """The agencies that have received the alert through the feed."""
    query = select(FeedEntry.recipient).where(FeedEntry.object_id == alert.id).distinct()
    return sorted(session.scalars(query))


def publish(
    session: Session, alert: Alert, operation: str, to: list[str] | None = None
) -> list[FeedEntry]:
    """Entries for ``to`` (default: every agency that received the alert before)."""
    entries = [
        FeedEntry(
            recipient=recipient,
            agreement=alert.shared_under,
            category=f"alerts:{alert.alert_type}",
            object_id=alert.id,
            operation=operation,
            payload=entry_payload(alert),
        )
        for recipient in (recipients(session, alert) if to is None else to)
    ]
    session.add_all(entries)
    session.flush()
    return entries


def changed(session: Session, alert: Alert) -> None:
    """Tell the alert's recipients that it changed (updated, withdrawn or expired)."""
    if alert.shared_under and not alert.owner_agency:
        publish(session, alert, "upsert" if alert.status == "active" else "withdraw")


def entries_for(session: Session, recipient: str, after: int, limit: int) -> list[FeedEntry]:
    query = (
        select(FeedEntry)
        .where(FeedEntry.recipient == recipient, FeedEntry.id > after)
        .order_by(FeedEntry.id)
        .limit(limit)
    )
    return list(session.scalars(query))
