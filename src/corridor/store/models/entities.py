"""Person records from every source, the entities they resolve to, analysts' judgements on
pairs, the review queue, and the history of every change to who is who."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from corridor.store.models.base import Base, Timestamped


class PersonRecord(Timestamped, Base):
    """One source's record of a person, kept as the source wrote it. ``entity_id`` is the
    smallest record id of its entity, so an unchanged entity keeps its id across re-runs."""

    __tablename__ = "person_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    source: Mapped[str] = mapped_column(String(100))
    source_id: Mapped[str] = mapped_column(String(100))
    full_name: Mapped[str] = mapped_column(String(300))
    birth_date: Mapped[str] = mapped_column(String(10), default="")
    nationality: Mapped[str] = mapped_column(String(3), default="")
    sex: Mapped[str] = mapped_column(String(1), default="")
    document_number: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    entity_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_person_records_source", "agency_id", "source", "source_id", unique=True),
        Index("ix_person_records_entity", "agency_id", "entity_id"),
    )


class Judgement(Timestamped, Base):
    """An analyst's word on a pair of records: same, not_same or unsure. It outlives re-runs."""

    __tablename__ = "judgements"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    left_id: Mapped[int] = mapped_column(ForeignKey("person_records.id", ondelete="CASCADE"))
    right_id: Mapped[int] = mapped_column(ForeignKey("person_records.id", ondelete="CASCADE"))
    verdict: Mapped[str] = mapped_column(String(16))
    judged_by: Mapped[str] = mapped_column(String(63))
    reason: Mapped[str] = mapped_column(String(500))

    __table_args__ = (Index("ix_judgements_pair", "agency_id", "left_id", "right_id", unique=True),)


class ReviewPair(Timestamped, Base):
    """A pair scored between the no-link and auto-link thresholds, waiting for an analyst."""

    __tablename__ = "review_pairs"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    left_id: Mapped[int] = mapped_column(ForeignKey("person_records.id", ondelete="CASCADE"))
    right_id: Mapped[int] = mapped_column(ForeignKey("person_records.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)
    explanation: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        Index("ix_review_pairs_pair", "agency_id", "left_id", "right_id", unique=True),
    )


class EntityChange(Base):
    """A change to who is who (a bulk resolve, a merge, a split, a judgement, an undo):
    who, when, why, and each record's entity before and after, so it can be undone exactly."""

    __tablename__ = "entity_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(16))
    changed_by: Mapped[str] = mapped_column(String(63))
    reason: Mapped[str] = mapped_column(String(500))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    before: Mapped[dict[str, Any]] = mapped_column(JSON)  # record id -> entity id
    after: Mapped[dict[str, Any]] = mapped_column(JSON)
    undone_by: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_entity_changes_agency", "agency_id", "id"),)
