from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from corridor.store.models.base import Base, Timestamped


class Traveller(Timestamped, Base):
    """A person as one agency knows them; the owner agency alone sees the record."""

    __tablename__ = "travellers"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    family_name: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200))
    native_name: Mapped[str | None] = mapped_column(String(200))
    script: Mapped[str] = mapped_column(String(16))
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))
    nationality: Mapped[str] = mapped_column(String(3))
    source: Mapped[str] = mapped_column(String(100))

    documents: Mapped[list[TravelDocument]] = relationship(
        back_populates="traveller", lazy="selectin", order_by="TravelDocument.id"
    )

    __table_args__ = (Index("ix_travellers_agency_id_id", "agency_id", "id"),)


class TravelDocument(Timestamped, Base):
    __tablename__ = "travel_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    traveller_id: Mapped[int] = mapped_column(ForeignKey("travellers.id", ondelete="CASCADE"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    document_code: Mapped[str] = mapped_column(String(2))
    number: Mapped[str] = mapped_column(String(32))
    issuing_state: Mapped[str] = mapped_column(String(3))
    issued_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date)
    mrz: Mapped[str] = mapped_column(Text)

    traveller: Mapped[Traveller] = relationship(back_populates="documents")

    __table_args__ = (
        Index("ix_travel_documents_traveller_id", "traveller_id"),
        Index("ix_travel_documents_state_number", "issuing_state", "number"),
    )
