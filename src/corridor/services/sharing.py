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

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from corridor.domain.documents.registry import validate_report
from corridor.domain.exchange.agreements import AgreementVersion, check_flow
from corridor.domain.principal import Principal
from corridor.domain.roles import Role
from corridor.domain.screening.alerts import AlertType, validate_alert
from corridor.errors import Conflict, CorridorError, InvalidInput, NotFound
from corridor.services import audit, feed
from corridor.services.agreements import FlowRefused, all_agreements, check_outbound, current
from corridor.store.database import Database
from corridor.store.models import Agency, Alert, DocumentReport, FeedEntry, Partner
from corridor.store.repositories.alerts import alert_values
from corridor.store.repositories.document_reports import DocumentReportRepository

PROTECTIVE = frozenset({"missing", "victim"})


def sharing_purpose(alert_type: str) -> str:
    """Why a shared alert is screened at a partner's border: to protect a missing person or a
    victim, else border control."""
    return "trafficking_protection" if alert_type in PROTECTIVE else "border_control"


def share_alert(session: Session, principal: Principal, alert_id: int, agreement: str) -> list[str]:
    """Share one of the agency's alerts under ``agreement`` with every party it allows; the
    recipients. A refusal names the term that blocked each party."""
    return share_alerts(session, principal, [alert_id], agreement)


def share_alerts(
    session: Session, principal: Principal, alert_ids: list[int], agreement: str
) -> list[str]:
    """Share many of the agency's alerts at once (the agreement checked once per alert type
    and party, the feed entries written in bulk); the recipients."""
    principal.require(Role.ADMIN, Role.ANALYST, Role.LIAISON)
    ids = sorted(set(alert_ids))
    alerts = [
        alert
        for chunk in _chunks(ids)
        for alert in session.scalars(
            select(Alert).where(Alert.agency_id == principal.agency_id, Alert.id.in_(chunk))
        )
    ]
    missing = sorted(set(ids) - {a.id for a in alerts})
    if missing:
        raise NotFound(f"no alert {missing[0]} in your agency")
    for alert in alerts:
        if alert.owner_agency:
            raise Conflict(f"alert {alert.id} is {alert.owner_agency}'s; only its owner shares it")
        if alert.status != "active":
            raise Conflict(f"alert {alert.id} is {alert.status}; only active alerts are shared")
    version = current(session, agreement)
    parties: dict[str, list[str]] = {}  # alert type -> parties the agreement allows
    refusals: list[str] = []
    for kind in sorted({a.alert_type for a in alerts}):
        parties[kind] = []
        for party in version.parties:
            if party == principal.agency_code:
                continue
            try:
                check_outbound(
                    session,
                    f"alerts:{kind}",
                    principal.agency_code,
                    party,
                    sharing_purpose(kind),
                    version.code,
                )
                parties[kind].append(party)
            except FlowRefused as refusal:
                refusals.append(refusal.detail)
        if not parties[kind]:
            raise FlowRefused("; ".join(refusals) or f"{version.code} names no other party")
    held = {
        (object_id, recipient)
        for chunk in _chunks(ids)
        for object_id, recipient in session.execute(
            select(FeedEntry.object_id, FeedEntry.recipient).where(FeedEntry.object_id.in_(chunk))
        )
    }
    rows = []
    for alert in alerts:
        alert.shared_under = version.code
        payload = feed.entry_payload(alert)
        for party in parties[alert.alert_type]:
            if (alert.id, party) not in held:
                rows.append(
                    {
                        "recipient": party,
                        "agreement": version.code,
                        "category": f"alerts:{alert.alert_type}",
                        "object_id": alert.id,
                        "operation": "upsert",
                        "payload": payload,
                    }
                )
    if rows:
        session.execute(insert(FeedEntry), rows)
    recipients = sorted({p for allowed in parties.values() for p in allowed})
    audit.record(
        session,
        principal,
        "alert.shared",
        f"alert:{ids[0]}" if len(ids) == 1 else f"alerts:{len(ids)}",
        purpose=version.code,
        detail={"alerts": _ranges(ids), "recipients": recipients, "refused": refusals[:20]},
    )
    return recipients


def _chunks(ids: list[int], size: int = 10_000) -> list[list[int]]:
    """Ids in slices a SQL ``IN`` takes on every backend (SQLite allows 32,766 parameters)."""
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def _ranges(ids: list[int]) -> list[str]:
    """Sorted ids as runs, ``["3", "7-9"]``: what was shared, compactly, for the trail."""
    runs: list[list[int]] = []
    for number in ids:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return [str(a) if a == b else f"{a}-{b}" for a, b in runs]


def share(
    database: Database,
    principal: Principal,
    ids: list[int],
    agreement: str,
    what: str = "alerts",
) -> list[str]:
    """``share_alerts`` (or, with ``what="document_reports"``, ``share_reports``) in its own
    transaction; a refusal is kept in the audit trail (in a transaction of its own, since the
    refused one leaves nothing) and raised. The recipients."""
    sharer = share_reports if what == "document_reports" else share_alerts
    try:
        with database.transaction() as session:
            return sharer(session, principal, ids, agreement)
    except FlowRefused as refusal:
        with database.transaction() as session:
            audit.record(
                session,
                principal,
                "exchange.refused_outbound",
                f"{what}:{_ranges(sorted(set(ids)))[0]}",
                purpose=agreement,
                detail={"reason": refusal.detail[:300], "count": len(ids)},
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
    """Apply a page of ``partner``'s feed to ``home``'s copies, in sequence order, once. The
    page is worked out in memory (the last entry for an alert wins) and written in bulk: one
    query for the copies held, one insert for the new ones."""
    owner = partner.agency_code
    agency_id = session.scalars(select(Agency.id).where(Agency.code == home)).one()
    agreements = all_agreements(session)
    result = Applied(through=partner.pulled_through)
    fresh = sorted(
        (e for e in entries if int(e["sequence"]) > partner.pulled_through),
        key=lambda e: int(e["sequence"]),
    )
    result.skipped = len(entries) - len(fresh)
    held = {
        a.origin_id: a
        for a in session.scalars(
            select(Alert).where(
                Alert.agency_id == agency_id,
                Alert.owner_agency == owner,
                Alert.origin_id.in_(
                    [int(e["object_id"]) for e in fresh if e["category"] != "document_reports"]
                ),
            )
        )
    }
    wanted: dict[int, dict[str, Any]] = {}  # object id -> the values its copy ends with
    for entry in fresh:
        sequence = int(entry["sequence"])
        try:
            if entry["category"] == "document_reports":
                _apply_report(session, agency_id, owner, home, entry, agreements)
                result.upserted += 1
                result.through = sequence
                continue
            values = _copy_values(entry, owner, home, agreements)
        except CorridorError as error:
            result.refused.append(f"entry {sequence}: {error.detail}")
            audit.record(
                session,
                None,
                "exchange.refused_entry",
                f"feed:{owner}:{sequence}",
                detail={"reason": error.detail[:300]},
                actor="exchange",
            )
        else:
            origin = int(entry["object_id"])
            if values is None:  # a withdrawal
                result.withdrawn += 1
                reason = str(entry["payload"].get("withdrawn_reason") or "")
                values = {
                    **wanted.get(origin, {}),
                    "status": "withdrawn",
                    "withdrawn_at": datetime.now(UTC),
                    "withdrawn_reason": f"withdrawn by {owner}: {reason}"[:500],
                }
            else:
                result.upserted += 1
            wanted[origin] = {**wanted.get(origin, {}), **values}
        result.through = sequence
    for reference in _write_copies(session, agency_id, owner, held, wanted):
        result.upserted -= 1
        result.refused.append(f"{reference}: a local alert already has this reference")
        audit.record(
            session,
            None,
            "exchange.refused_entry",
            f"feed:{owner}:{reference}",
            detail={"reason": "a local alert already has this reference"},
            actor="exchange",
        )
    partner.pulled_through = result.through
    partner.last_sync_at = datetime.now(UTC)
    partner.last_error = "; ".join(result.refused)[:500]
    return result


def _copy_values(
    entry: dict[str, Any], owner: str, home: str, agreements: dict[str, list[AgreementVersion]]
) -> dict[str, Any] | None:
    """The columns of the copy an entry asks for (None for a withdrawal), after checking that
    this node's agreements let it in."""
    payload = dict(entry["payload"])
    if entry["operation"] == "withdraw":
        return None
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
    reference = f"{owner}:{payload['id']}"
    spec = validate_alert({**payload, "id": reference}, AlertType(payload["alert_type"]))
    status = str(payload.get("status") or "active")
    return {
        **alert_values(spec),
        "reference": reference,
        "status": status if status in ("active", "expired", "withdrawn") else "active",
        "withdrawn_at": None,
        "withdrawn_reason": None,
        "shared_under": str(entry["agreement"]),
    }


def _write_copies(
    session: Session,
    agency_id: int,
    owner: str,
    held: dict[int | None, Alert],
    wanted: dict[int, dict[str, Any]],
) -> list[str]:
    """Write the page's copies; the references a local alert already uses are left out and
    returned."""
    new = []
    for origin, values in wanted.items():
        copy = held.get(origin)
        if copy is not None:
            for key, value in values.items():
                setattr(copy, key, value)
        elif "reference" in values:  # a withdrawal of a copy never held needs nothing
            new.append(
                {**values, "agency_id": agency_id, "owner_agency": owner, "origin_id": origin}
            )
    clashes = set(
        session.scalars(
            select(Alert.reference).where(
                Alert.agency_id == agency_id, Alert.reference.in_([r["reference"] for r in new])
            )
        )
    )
    rows = [r for r in new if r["reference"] not in clashes]
    if rows:
        session.execute(insert(Alert), rows)
    session.flush()
    return sorted(clashes)


def share_reports(
    session: Session, principal: Principal, report_ids: list[int], agreement: str
) -> list[str]:
    """Share the agency's document reports (lost, stolen, forged...) under ``agreement`` with
    every party it lets ``document_reports`` go to for border control; the recipients."""
    principal.require(Role.ADMIN, Role.ANALYST, Role.LIAISON, Role.CASE_OFFICER)
    ids = sorted(set(report_ids))
    reports = [
        report
        for chunk in _chunks(ids)
        for report in session.scalars(
            select(DocumentReport).where(
                DocumentReport.agency_id == principal.agency_id, DocumentReport.id.in_(chunk)
            )
        )
    ]
    missing = sorted(set(ids) - {r.id for r in reports})
    if missing:
        raise NotFound(f"no document report {missing[0]} in your agency")
    partners_copies = [r.id for r in reports if r.owner_agency]
    if partners_copies:
        raise Conflict(f"report {partners_copies[0]} is a partner's; only its owner shares it")
    version = current(session, agreement)
    allowed, refusals = [], []
    for party in version.parties:
        if party == principal.agency_code:
            continue
        try:
            check_outbound(
                session,
                "document_reports",
                principal.agency_code,
                party,
                "border_control",
                version.code,
            )
            allowed.append(party)
        except FlowRefused as refusal:
            refusals.append(refusal.detail)
    if not allowed:
        raise FlowRefused("; ".join(refusals) or f"{version.code} names no other party")
    held = {
        (object_id, recipient)
        for chunk in _chunks(ids)
        for object_id, recipient in session.execute(
            select(FeedEntry.object_id, FeedEntry.recipient).where(
                FeedEntry.category == "document_reports", FeedEntry.object_id.in_(chunk)
            )
        )
    }
    rows = []
    for report in reports:
        report.shared_under = version.code
        payload = {
            "issuing_state": report.issuing_state,
            "document_number": report.document_number,
            "document_type": report.document_type,
            "reason": report.reason,
            "reported_on": report.reported_on.isoformat(),
            "note": report.note,
        }
        rows += [
            {
                "recipient": party,
                "agreement": version.code,
                "category": "document_reports",
                "object_id": report.id,
                "operation": "upsert",
                "payload": payload,
            }
            for party in allowed
            if (report.id, party) not in held
        ]
    if rows:
        session.execute(insert(FeedEntry), rows)
    audit.record(
        session,
        principal,
        "document_reports.shared",
        f"document_reports:{len(ids)}",
        purpose=version.code,
        detail={"reports": _ranges(ids), "recipients": allowed, "refused": refusals[:20]},
    )
    return allowed


def _apply_report(
    session: Session,
    agency_id: int,
    owner: str,
    home: str,
    entry: dict[str, Any],
    agreements: dict[str, list[AgreementVersion]],
) -> None:
    """A partner's document report becomes a read-only copy in this node's registry."""
    if entry["operation"] != "upsert":
        raise InvalidInput(f"unknown operation {entry['operation']!r} for a document report")
    verdict = check_flow(
        agreements,
        "document_reports",
        owner,
        home,
        "border_control",
        date.today(),
        entry["agreement"],
    )
    if not verdict.allowed:
        raise FlowRefused(verdict.reason)
    payload = dict(entry["payload"])
    spec = validate_report(payload, date.today())
    copy = session.scalar(
        select(DocumentReport).where(
            DocumentReport.agency_id == agency_id,
            DocumentReport.owner_agency == owner,
            DocumentReport.origin_id == int(entry["object_id"]),
        )
    )
    if copy is None:
        copy = DocumentReportRepository(session).add(agency_id, spec)
    else:
        copy.reason, copy.note = spec.reason.value, spec.note
    copy.owner_agency = owner
    copy.origin_id = int(entry["object_id"])
    copy.shared_under = str(entry["agreement"])
