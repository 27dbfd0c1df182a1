from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from corridor.store.models.agencies import Agency
from corridor.store.models.base import Base, Timestamped, utcnow


class Alert(Timestamped, Base):
    """An agency's alert. Names, nationalities and documents are JSON lists: they are read
    whole when the screener is built, never queried one by one."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    reference: Mapped[str] = mapped_column(String(100))
    alert_type: Mapped[str] = mapped_column(String(32))
    names: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    birth_date: Mapped[str] = mapped_column(String(16), default="")
    nationalities: Mapped[list[str]] = mapped_column(JSON)
    sex: Mapped[str] = mapped_column(String(1), default="")
    documents: Mapped[list[str]] = mapped_column(JSON)
    action: Mapped[str] = mapped_column(String(500))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    handling_code: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="active")
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_reason: Mapped[str | None] = mapped_column(String(500))
    # a partner's alert received through the exchange: read-only, kept with its owner
    owner_agency: Mapped[str] = mapped_column(String(16), default="")
    origin_id: Mapped[int | None] = mapped_column(Integer)
    shared_under: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    agency: Mapped[Agency] = relationship(lazy="joined")

    @property
    def owner(self) -> str:
        """The agency that owns the alert: a partner for a shared copy, else the holder."""
        return self.owner_agency or self.agency.code

    __table_args__ = (
        Index("ix_alerts_agency_reference", "agency_id", "reference", unique=True),
        Index("ix_alerts_agency_status", "agency_id", "status"),
    )


class ScreeningHit(Timestamped, Base):
    """A traveller-alert pair found at or above the threshold, and its review."""

    __tablename__ = "screening_hits"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))
    traveller: Mapped[dict[str, Any]] = mapped_column(JSON)
    traveller_key: Mapped[str] = mapped_column(String(64))
    score: Mapped[float] = mapped_column(Float)
    explanation: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(String(500))
    action_taken: Mapped[str | None] = mapped_column(String(500))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("screening_batches.id", ondelete="CASCADE"), index=True
    )

    alert: Mapped[Alert] = relationship(lazy="joined")

    __table_args__ = (
        Index("ix_screening_hits_agency_status", "agency_id", "status", "id"),
        Index("ix_screening_hits_pair", "agency_id", "alert_id", "traveller_key"),
    )


class Notification(Timestamped, Base):
    """Something an agency must be told, such as a confirmed hit on one of its alerts."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_notifications_agency_id", "agency_id", "id"),)


class ScreeningBatch(Timestamped, Base):
    """A passenger list screened in the background; hits point back at it."""

    __tablename__ = "screening_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(200))
    travellers: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    total: Mapped[int] = mapped_column(default=0)
    done: Mapped[int] = mapped_column(default=0)
    hits: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(String(500))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_screening_batches_agency_id", "agency_id", "id"),)
