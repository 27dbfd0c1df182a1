"""Sharing alerts with partner agencies, and applying what partners share with this node.

The owner marks an alert shared under an agreement; each party the agreement allows gets a
feed entry. On the receiving node the entry becomes a read-only copy that keeps its owner,
handling code and validity, is screened like a local alert, and goes when the owner withdraws
it or it expires. Entries are applied in sequence order, once: the partner's cursor moves in
the same transaction as the copies, so a sync cut off half-way resumes where it stopped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.domain.exchange.agreements import AgreementVersion, check_flow
from corridor.domain.principal import Principal
from corridor.domain.roles import Role
from corridor.domain.screening.alerts import AlertType, validate_alert
from corridor.errors import Conflict, CorridorError, InvalidInput
from corridor.services import audit, feed
from corridor.services.agreements import FlowRefused, all_agreements, check_outbound, current
from corridor.store.database import Database
from corridor.store.models import Agency, Alert, FeedEntry, Partner
from corridor.store.repositories.alerts import AlertRepository

PROTECTIVE = frozenset({"missing", "victim"})


def sharing_purpose(alert_type: str) -> str:
    """Why a shared alert is screened at a partner's border: to protect a missing person or a
    victim, else border control."""
    return "trafficking_protection" if alert_type in PROTECTIVE else "border_control"


def share_alert(
    session: Session, principal: Principal, alert_id: int, agreement: str
) -> list[FeedEntry]:
    """Share one of the agency's alerts under ``agreement`` with every party it allows."""
    principal.require(Role.ADMIN, Role.ANALYST, Role.LIAISON)
    alert = AlertRepository(session).get(alert_id, principal.agency_id)
    if alert.owner_agency:
        raise Conflict(f"alert {alert_id} is {alert.owner_agency}'s; only its owner shares it")
    if alert.status != "active":
        raise Conflict(f"alert {alert_id} is {alert.status}; only active alerts are shared")
    version = current(session, agreement)
    category = f"alerts:{alert.alert_type}"
    held = set(feed.recipients(session, alert))
    allowed, refusals = [], []
    for party in version.parties:
        if party == principal.agency_code:
            continue
        try:
            check_outbound(
                session,
                category,
                principal.agency_code,
                party,
                sharing_purpose(alert.alert_type),
                version.code,
            )
            allowed.append(party)
        except FlowRefused as refusal:
            refusals.append(refusal.detail)
    if not allowed:
        raise FlowRefused("; ".join(refusals) or f"{version.code} names no other party")
    alert.shared_under = version.code
    entries = feed.publish(session, alert, "upsert", to=[p for p in allowed if p not in held])
    audit.record(
        session,
        principal,
        "alert.shared",
        f"alert:{alert.id}",
        purpose=version.code,
        detail={"recipients": allowed, "refused": refusals},
    )
    return entries


def share(database: Database, principal: Principal, alert_id: int, agreement: str) -> list[str]:
    """``share_alert`` in its own transaction; a refusal is kept in the audit trail (in a
    transaction of its own, since the refused one leaves nothing) and raised. The recipients."""
    try:
        with database.transaction() as session:
            entries = share_alert(session, principal, alert_id, agreement)
            return sorted({e.recipient for e in entries})
    except FlowRefused as refusal:
        with database.transaction() as session:
            audit.record(
                session,
                principal,
                "exchange.refused_outbound",
                f"alert:{alert_id}",
                purpose=agreement,
                detail={"reason": refusal.detail[:300]},
            )
        raise


@dataclass(slots=True)
class Applied:
    upserted: int = 0
    withdrawn: int = 0
    skipped: int = 0  # already applied (a repeated or out-of-order entry)
    refused: list[str] = field(default_factory=list)
    through: int = 0


def apply_entries(
    session: Session, home: str, partner: Partner, entries: list[dict[str, Any]]
) -> Applied:
    """Apply a page of ``partner``'s feed to ``home``'s copies, in sequence order, once."""
    agency_id = session.scalars(select(Agency.id).where(Agency.code == home)).one()
    agreements = all_agreements(session)
    result = Applied(through=partner.pulled_through)
    for entry in sorted(entries, key=lambda e: int(e["sequence"])):
        sequence = int(entry["sequence"])
        if sequence <= result.through:
            result.skipped += 1
            continue
        try:
            _apply(session, agency_id, home, partner.agency_code, entry, agreements)
        except CorridorError as error:
            result.refused.append(f"entry {sequence}: {error.detail}")
            audit.record(
                session,
                None,
                "exchange.refused_entry",
                f"feed:{partner.agency_code}:{sequence}",
                detail={"reason": error.detail[:300]},
                actor="exchange",
            )
        else:
            if entry["operation"] == "withdraw":
                result.withdrawn += 1
            else:
                result.upserted += 1
        result.through = sequence
    partner.pulled_through = result.through
    partner.last_sync_at = datetime.now(UTC)
    partner.last_error = "; ".join(result.refused)[:500]
    return result


def _apply(
    session: Session,
    agency_id: int,
    home: str,
    owner: str,
    entry: dict[str, Any],
    agreements: dict[str, list[AgreementVersion]],
) -> None:
    payload = dict(entry["payload"])
    reference = f"{owner}:{payload['id']}"
    copy = session.scalar(
        select(Alert).where(
            Alert.agency_id == agency_id,
            Alert.owner_agency == owner,
            Alert.origin_id == int(entry["object_id"]),
        )
    )
    if entry["operation"] == "withdraw":
        if copy is not None and copy.status == "active":
            copy.status = "withdrawn"
            copy.withdrawn_at = datetime.now(UTC)
            copy.withdrawn_reason = f"withdrawn by {owner}: {payload.get('withdrawn_reason', '')}"
        return
    if entry["operation"] != "upsert":
        raise InvalidInput(f"unknown operation {entry['operation']!r}")
    # the receiving side checks the flow too: nothing is kept that no agreement lets in
    verdict = check_flow(
        agreements,
        entry["category"],
        owner,
        home,
        sharing_purpose(str(payload.get("alert_type"))),
        date.today(),
        entry["agreement"],
    )
    if not verdict.allowed:
        raise FlowRefused(verdict.reason)
    spec = validate_alert({**payload, "id": reference}, AlertType(payload["alert_type"]))
    if copy is None:
        clash = AlertRepository(session).by_reference(agency_id, reference)
        if clash is not None and not clash.owner_agency:
            raise Conflict(f"a local alert already has the reference {reference}")
        copy, _ = AlertRepository(session).upsert(agency_id, spec)
    else:
        AlertRepository(session).upsert(agency_id, spec)
    copy.owner_agency = owner
    copy.origin_id = int(entry["object_id"])
    copy.shared_under = str(entry["agreement"])
    if payload.get("status", "active") != "active":
        copy.status = str(payload["status"])
