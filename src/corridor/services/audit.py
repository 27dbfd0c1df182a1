"""Writing to and checking the audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from corridor.domain.audit import GENESIS, entry_hash
from corridor.domain.principal import Principal
from corridor.store.database import as_utc
from corridor.store.models import AuditEntry


def _fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": as_utc(entry.at).astimezone(UTC).isoformat(),
        "agency": entry.agency,
        "actor": entry.actor,
        "action": entry.action,
        "subject": entry.subject,
        "purpose": entry.purpose,
        "detail": entry.detail,
    }


def hidden(value: str) -> str:
    """A personal identifier as the trail may name it: a short keyed fingerprint, so two
    entries about one document can be matched by an auditor without the number itself."""
    import hashlib

    return hashlib.sha256(f"corridor-audit:{value}".encode()).hexdigest()[:16]


def record(
    session: Session,
    principal: Principal | None,
    action: str,
    subject: str,
    purpose: str = "",
    detail: dict[str, Any] | None = None,
    actor: str = "",
) -> AuditEntry:
    """Append one entry, chained to the last, in the caller's transaction (so a read that
    fails leaves no entry, and an entry cannot exist without its read)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(5309)"))  # one writer at a time
    last = session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
    entry = AuditEntry(
        at=datetime.now(UTC),
        agency=principal.agency_code if principal else "",
        actor=principal.username if principal else actor or "system",
        action=action,
        subject=subject,
        purpose=purpose,
        detail=detail or {},
        previous_hash=last.hash if last else GENESIS,
        hash="",
    )
    session.add(entry)
    session.flush()  # the id is part of what the hash covers
    entry.hash = entry_hash(entry.previous_hash, _fields(entry))
    session.flush()
    return entry


@dataclass(frozen=True, slots=True)
class Break:
    entry_id: int
    reason: str


def verify(session: Session) -> tuple[int, list[Break]]:
    """Entries checked and every place the chain breaks (edited, removed or reordered)."""
    breaks: list[Break] = []
    previous = GENESIS
    count = 0
    for entry in _entries(session):
        count += 1
        if entry.previous_hash != previous:
            breaks.append(
                Break(
                    entry.id,
                    "does not follow the entry before it (an entry was removed, inserted or moved)",
                )
            )
        if entry.hash != entry_hash(entry.previous_hash, _fields(entry)):
            breaks.append(Break(entry.id, "its contents no longer match its hash (edited)"))
        previous = entry.hash
    return count, breaks


def _entries(session: Session) -> Iterator[AuditEntry]:
    yield from session.scalars(
        select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=5_000)
    )
