"""Messages between partner nodes: hit notifications now; each one checked against an
agreement before it is queued, delivered from the outbox by the sync, and applied once."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.domain.exchange.agreements import check_flow
from corridor.domain.principal import Principal
from corridor.errors import InvalidInput, NotFound
from corridor.services import audit, requests
from corridor.services.agreements import FlowRefused, all_agreements
from corridor.store.models import (
    Agency,
    Alert,
    ExchangeMessage,
    FeedEntry,
    Notification,
    ScreeningHit,
)

KINDS = ("hit_notification", "request", "reply")


def notify_owner_of_hit(
    session: Session, principal: Principal, hit: ScreeningHit, notice: dict[str, Any]
) -> ExchangeMessage:
    """Queue the news of a confirmed hit on a partner's alert for its owner: who, where,
    when, which action was taken. Allowed while the agreement it came under is in force."""
    alert = hit.alert
    verdict = check_flow(
        all_agreements(session),
        f"alerts:{alert.alert_type}",
        alert.owner_agency,
        principal.agency_code,
        None,
        date.today(),
        alert.shared_under,
    )
    if not verdict.allowed:
        raise FlowRefused(f"refused: hit notification to {alert.owner_agency}: {verdict.reason}")
    payload = {
        **notice,
        "alert_id": alert.origin_id,
        "alert_reference": alert.reference.split(":", 1)[-1],
    }
    message = ExchangeMessage(
        uid=str(uuid.uuid4()),
        direction="out",
        partner=alert.owner_agency,
        kind="hit_notification",
        agreement=alert.shared_under,
        payload=payload,
        status="pending",
    )
    session.add(message)
    session.flush()
    audit.record(
        session,
        principal,
        "exchange.queued",
        f"message:{message.uid}",
        purpose=alert.shared_under,
        detail={"kind": message.kind, "to": message.partner, "hit": hit.id},
    )
    return message


def outbox(session: Session, partner: str) -> list[ExchangeMessage]:
    query = (
        select(ExchangeMessage)
        .where(
            ExchangeMessage.direction == "out",
            ExchangeMessage.status == "pending",
            ExchangeMessage.partner == partner,
        )
        .order_by(ExchangeMessage.id)
    )
    return list(session.scalars(query))


def as_wire(message: ExchangeMessage) -> dict[str, Any]:
    return {
        "uid": message.uid,
        "kind": message.kind,
        "agreement": message.agreement,
        "payload": message.payload,
    }


def receive(
    session: Session, home: str, sender: str, body: dict[str, Any]
) -> tuple[ExchangeMessage, bool]:
    """Store a partner's message and act on it, once; True if it was new."""
    uid = str(body.get("uid") or "")
    kind = str(body.get("kind") or "")
    if len(uid) != 36 or kind not in KINDS:
        raise InvalidInput(f"a message has a uid (UUID) and a kind ({', '.join(KINDS)})")
    held = session.scalar(
        select(ExchangeMessage).where(
            ExchangeMessage.direction == "in",
            ExchangeMessage.partner == sender,
            ExchangeMessage.uid == uid,
        )
    )
    if held is not None:
        return held, False
    payload = dict(body.get("payload") or {})
    agreement = str(body.get("agreement") or "")
    message = ExchangeMessage(
        uid=uid,
        direction="in",
        partner=sender,
        kind=kind,
        agreement=agreement,
        payload=payload,
        status="received",
        delivered_at=datetime.now(UTC),
    )
    session.add(message)
    session.flush()  # a twin delivered at the same moment fails on the unique uid here
    if kind == "hit_notification":
        subject = _hit_notification(session, home, sender, payload)
    else:
        # the partner's side checked the flow; this side keeps nothing its agreements refuse
        purpose = str(payload.get("purpose") or "") or None if kind == "request" else None
        verdict = check_flow(
            all_agreements(session), "requests", sender, home, purpose, date.today(), agreement
        )
        if not verdict.allowed:
            raise FlowRefused(f"refused: {kind} from {sender}: {verdict.reason}")
        if kind == "request":
            requests.receive_request(session, home, sender, agreement, payload)
        else:
            requests.receive_reply(session, home, sender, payload)
        subject = f"request:{payload.get('uid') or payload.get('request_uid')}"
    audit.record(
        session,
        None,
        "exchange.received",
        f"message:{uid}",
        purpose=agreement,
        detail={"kind": kind, "from": sender, "about": subject},
        actor="exchange",
    )
    return message, True


def _hit_notification(session: Session, home: str, sender: str, payload: dict[str, Any]) -> str:
    agency_id = session.scalars(select(Agency.id).where(Agency.code == home)).one()
    alert = session.scalar(
        select(Alert).where(
            Alert.id == int(payload.get("alert_id") or 0), Alert.agency_id == agency_id
        )
    )
    shared = alert is not None and session.scalar(
        select(FeedEntry.id)
        .where(FeedEntry.object_id == alert.id, FeedEntry.recipient == sender)
        .limit(1)
    )
    if alert is None or not shared:
        raise NotFound("no alert of this node was shared with you under that id")
    session.add(
        Notification(
            agency_id=agency_id,
            kind="hit_confirmed",
            payload={**payload, "alert_reference": alert.reference, "reported_by": sender},
        )
    )
    return f"alert:{alert.id}"
