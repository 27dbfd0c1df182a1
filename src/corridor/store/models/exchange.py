"""Agreements, partner nodes and what flows between them: the feed a node offers its partners,
the messages it sends and receives, and the nonces that stop a request being replayed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from corridor.store.models.base import Base, Timestamped


class Agreement(Timestamped, Base):
    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)

    versions: Mapped[list[AgreementVersionRow]] = relationship(
        order_by="AgreementVersionRow.version", lazy="selectin"
    )


class AgreementVersionRow(Timestamped, Base):
    """One version of an agreement; amending, suspending or ending adds one, never edits."""

    __tablename__ = "agreement_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="RESTRICT"))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    parties: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    handling_code: Mapped[str] = mapped_column(String(32))
    answer_days: Mapped[int] = mapped_column(Integer)
    terms: Mapped[list[str]] = mapped_column(JSON)
    effective: Mapped[date] = mapped_column(Date)
    changed_by: Mapped[str] = mapped_column(String(63))
    reason: Mapped[str] = mapped_column(String(300))

    __table_args__ = (
        Index("ix_agreement_versions_version", "agreement_id", "version", unique=True),
    )


class Partner(Timestamped, Base):
    """A partner agency's node: where it answers, and the key its requests are signed with."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(16), unique=True)
    base_url: Mapped[str] = mapped_column(String(300))
    public_key: Mapped[str] = mapped_column(String(64))  # raw Ed25519 key, base64
    pulled_through: Mapped[int] = mapped_column(Integer, default=0)  # its feed, applied to here
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str] = mapped_column(String(500), default="")


class FeedEntry(Timestamped, Base):
    """A change this node offers one partner agency, in sequence order (the id)."""

    __tablename__ = "feed_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(16))
    agreement: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[int] = mapped_column(Integer)  # the local alert's id
    operation: Mapped[str] = mapped_column(String(16))  # upsert | withdraw
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (Index("ix_feed_entries_recipient", "recipient", "id"),)


class ExchangeMessage(Timestamped, Base):
    """A message to or from a partner node (a hit notification, a request, an answer).
    Outbound ones wait in the outbox until delivered; ``uid`` makes delivery idempotent."""

    __tablename__ = "exchange_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36))
    direction: Mapped[str] = mapped_column(String(3))  # out | in
    partner: Mapped[str] = mapped_column(String(16))  # the other agency
    kind: Mapped[str] = mapped_column(String(32))
    agreement: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))  # pending | delivered | received
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_exchange_messages_uid", "direction", "partner", "uid", unique=True),
        Index("ix_exchange_messages_status", "direction", "status", "id"),
    )


class SeenNonce(Base):
    """Nonces of signed requests already accepted: a second use is a replay."""

    __tablename__ = "seen_nonces"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16))
    nonce: Mapped[str] = mapped_column(String(64))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_seen_nonces_nonce", "key_id", "nonce", unique=True),)


class InformationRequest(Timestamped, Base):
    """A request for information between agencies, as each side keeps it: ``out`` on the
    requester's node, ``in`` on the partner's, with one ``uid`` for both."""

    __tablename__ = "information_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36))
    direction: Mapped[str] = mapped_column(String(3))  # out | in
    agency: Mapped[str] = mapped_column(String(16))  # this node's agency
    partner: Mapped[str] = mapped_column(String(16))  # the other agency
    about: Mapped[str] = mapped_column(String(16))  # person | document | crossing | case
    subject: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(String(32))
    agreement: Mapped[str] = mapped_column(String(64))
    handling_code: Mapped[str] = mapped_column(String(32))
    grading: Mapped[str] = mapped_column(String(16))
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # open | asked_back | answered | declined
    conversation: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # replies, in order
    requested_by: Mapped[str] = mapped_column(String(63))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_information_requests_uid", "direction", "uid", unique=True),
        Index("ix_information_requests_status", "direction", "status", "deadline"),
    )
