"""One sync with every partner: pull its feed from where this node stopped, then deliver the
outbox. Each page of the feed is applied in its own transaction with the cursor, so a partner
that stops mid-sync leaves this node consistent and the next sync resumes from there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select

from corridor.services import audit, messages, sharing
from corridor.services.partners import require_home
from corridor.settings import Settings
from corridor.store.database import Database
from corridor.store.models import ExchangeMessage, Partner
from corridor.transport.client import PartnerClient, PartnerRefused, PartnerUnavailable

PAGE = 500


@dataclass(slots=True)
class SyncReport:
    partner: str
    pulled: int = 0
    upserted: int = 0
    withdrawn: int = 0
    skipped: int = 0
    delivered: int = 0
    through: int = 0
    refused: list[str] = field(default_factory=list)
    error: str = ""


def sync(
    database: Database, settings: Settings, client_for: Callable[[Partner], PartnerClient]
) -> list[SyncReport]:
    home = require_home(settings)
    with database.transaction() as session:
        partners = [
            p.agency_code for p in session.scalars(select(Partner).order_by(Partner.agency_code))
        ]
    return [_sync_one(database, home, code, client_for) for code in partners]


def _sync_one(
    database: Database, home: str, code: str, client_for: Callable[[Partner], PartnerClient]
) -> SyncReport:
    report = SyncReport(code)
    with database.transaction() as session:
        partner = session.scalars(select(Partner).where(Partner.agency_code == code)).one()
        client = client_for(partner)
        report.through = partner.pulled_through
    try:
        while True:
            page = client.feed(report.through, PAGE)
            entries = list(page.get("entries", []))
            if not entries:
                break
            with database.transaction() as session:
                partner = session.scalars(select(Partner).where(Partner.agency_code == code)).one()
                applied = sharing.apply_entries(session, home, partner, entries)
                audit.record(
                    session,
                    None,
                    "exchange.pulled",
                    f"partner:{code}",
                    detail={"entries": len(entries), "through": applied.through},
                    actor="exchange",
                )
            report.pulled += len(entries)
            report.upserted += applied.upserted
            report.withdrawn += applied.withdrawn
            report.skipped += applied.skipped
            report.refused += applied.refused
            if applied.through <= report.through:
                break  # nothing newer: the partner repeats itself
            report.through = applied.through
            if len(entries) < PAGE:
                break
        with database.transaction() as session:
            waiting = [(m.id, messages.as_wire(m)) for m in messages.outbox(session, code)]
        for message_id, wire in waiting:
            try:
                client.deliver(wire)
                refusal = ""
            except PartnerRefused as refused:
                refusal = str(refused)
            with database.transaction() as session:
                sent = session.get(ExchangeMessage, message_id)
                assert sent is not None
                sent.attempts += 1
                sent.status = "refused" if refusal else "delivered"
                sent.error = refusal[:2000]
                sent.delivered_at = None if refusal else datetime.now(UTC)
                audit.record(
                    session,
                    None,
                    "exchange.refused_by_partner" if refusal else "exchange.delivered",
                    f"message:{sent.uid}",
                    purpose=sent.agreement,
                    detail={"kind": sent.kind, "to": code, "reason": refusal[:300]},
                    actor="exchange",
                )
            if refusal:
                report.refused.append(f"message {wire['uid']}: {refusal}")
            else:
                report.delivered += 1
    except (PartnerUnavailable, PartnerRefused) as error:
        report.error = str(error)
        with database.transaction() as session:
            partner = session.scalars(select(Partner).where(Partner.agency_code == code)).one()
            partner.last_error = report.error[:500]
    finally:
        client.close()
    return report
