from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from corridor.store.models.base import Base


class AuditEntry(Base):
    """One thing someone did: read personal data, searched, changed the node's set-up.
    Entries hold ids, never the personal data itself; nothing in the product updates or
    deletes them."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    agency: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(63))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_log_agency_id", "agency", "id"),)
