from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from corridor.store.models.agencies import Agency
from corridor.store.models.base import Base, Timestamped


class DocumentReport(Timestamped, Base):
    """A lost, stolen, revoked, invalidated or known-forged document, as an agency reported it.

    ``number_key`` is the number with OCR-confusable letters read as digits, so that a check of
    ``C1O34567`` finds ``C1034567``; lookups go through its index.
    """

    __tablename__ = "document_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    issuing_state: Mapped[str] = mapped_column(String(3))
    document_number: Mapped[str] = mapped_column(String(22))
    number_key: Mapped[str] = mapped_column(String(22))
    document_type: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(20))
    reported_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(500), default="")
    # a partner's report received through the exchange: read-only, kept with its owner
    owner_agency: Mapped[str] = mapped_column(String(16), default="")
    origin_id: Mapped[int | None] = mapped_column(Integer)
    shared_under: Mapped[str] = mapped_column(String(64), default="")

    agency: Mapped[Agency] = relationship(lazy="joined")

    __table_args__ = (
        Index("ix_document_reports_lookup", "number_key", "issuing_state", "agency_id"),
        Index("ix_document_reports_agency_id_id", "agency_id", "id"),
    )
