from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from corridor.store.models.base import Base, Timestamped


class Crossing(Timestamped, Base):
    """One entry or exit, as recorded; immutable. A correction is a new row that names the
    row it corrects (``corrects_id``); analyses use the latest version of each crossing."""

    __tablename__ = "crossings"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    reference: Mapped[str] = mapped_column(String(64))  # the source's id (X00000001)
    source: Mapped[str] = mapped_column(String(100))
    timestamp: Mapped[str] = mapped_column(String(40))  # as written, with its offset
    instant: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    local_date: Mapped[date] = mapped_column(Date)
    point: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(5))
    document_key: Mapped[str] = mapped_column(String(40))
    nationality: Mapped[str] = mapped_column(String(3))
    full_name: Mapped[str] = mapped_column(String(300))
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))
    permit_type: Mapped[str] = mapped_column(String(20))
    permit_days: Mapped[int | None] = mapped_column(Integer)
    carrier: Mapped[str] = mapped_column(String(40))
    booking_ref: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20), default="admitted")
    # why a traveller was refused or referred to second-line check ("" when admitted)
    outcome_reason: Mapped[str] = mapped_column(String(200), default="")
    # for a minor: the document keys of the adults accompanying them, ";"-separated
    accompanied_by: Mapped[str] = mapped_column(String(200), default="")
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("crossings.id", ondelete="RESTRICT"))

    __table_args__ = (
        Index("ix_crossings_document", "agency_id", "document_key", "instant"),
        Index("ix_crossings_reference", "agency_id", "reference", unique=True),
        Index("ix_crossings_point_day", "agency_id", "point", "local_date"),
    )
