"""Requests for information between agencies: sent, answered, asked back or declined.

The requester's liaison officer names the partner, what the request is about, the subject,
the purpose, the agreement it relies on, the handling code and the grading; the deadline is
the agreement's answer time in working days unless an earlier one is given. Both sides keep
the request with one uid and the whole conversation; each message between them goes through
the outbox, checked against the agreement, and is applied once on arrival.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.domain.exchange.agreements import PURPOSES
from corridor.domain.exchange.deadlines import add_working_days
from corridor.domain.exchange.grading import parse_grading
from corridor.domain.principal import Principal
from corridor.domain.roles import Role
from corridor.domain.screening.alerts import HANDLING_CODES
from corridor.errors import Conflict, InvalidInput, NotFound
from corridor.services import audit
from corridor.services.agreements import check_outbound, current
from corridor.store.models import ExchangeMessage, InformationRequest

ABOUT = ("person", "document", "crossing", "case")
# who may say what: the partner answers, asks back or declines; the requester clarifies
REPLIES = {"in": ("answer", "ask_back", "decline"), "out": ("clarify",)}
STATUS_AFTER = {
    "answer": "answered",
    "ask_back": "asked_back",
    "decline": "declined",
    "clarify": "open",
}
LIAISON = (Role.LIAISON, Role.ADMIN)


def send_request(
    session: Session,
    principal: Principal,
    *,
    partner: str,
    about: str,
    subject: str,
    purpose: str,
    agreement: str,
    grading: str,
    handling_code: str = "",
    deadline: date | None = None,
    today: date | None = None,
) -> InformationRequest:
    principal.require(*LIAISON)
    day = today or date.today()
    if about not in ABOUT:
        raise InvalidInput(f"a request is about one of {', '.join(ABOUT)}")
    if purpose not in PURPOSES:
        raise InvalidInput(f"purpose must be one of {', '.join(PURPOSES)}")
    text = " ".join(subject.split())
    if not text:
        raise InvalidInput("say what the request is about (subject)")
    partner = partner.strip().upper()
    verdict = check_outbound(
        session, "requests", principal.agency_code, partner, purpose, agreement, day
    )
    version = current(session, verdict.agreement, day)
    handling = handling_code or version.handling_code
    if handling not in HANDLING_CODES:
        raise InvalidInput(f"handling code must be one of {', '.join(HANDLING_CODES)}")
    latest = add_working_days(day, version.answer_days)
    if deadline is not None and not day <= deadline <= latest:
        raise InvalidInput(
            f"the deadline is between today and {latest} ({version.answer_days} working days "
            f"under {version.code})"
        )
    request = InformationRequest(
        uid=str(uuid.uuid4()),
        direction="out",
        agency=principal.agency_code,
        partner=partner,
        about=about,
        subject=text[:4000],
        purpose=purpose,
        agreement=version.code,
        handling_code=handling,
        grading=parse_grading(grading),
        deadline=deadline or latest,
        status="open",
        conversation=[],
        requested_by=principal.username,
    )
    session.add(request)
    session.flush()
    _queue(session, request, "request", _wire(request))
    audit.record(
        session,
        principal,
        "request.sent",
        f"request:{request.uid}",
        purpose=f"{version.code}: {purpose}",
        detail={"to": partner, "about": about, "deadline": str(request.deadline)},
    )
    return request


def reply(
    session: Session, principal: Principal, request_id: int, kind: str, text: str
) -> InformationRequest:
    """Answer, ask back or decline (the partner), or clarify after an ask-back (the
    requester); checked against the agreement like any outbound message."""
    principal.require(*LIAISON)
    request = session.scalar(
        select(InformationRequest).where(
            InformationRequest.id == request_id,
            InformationRequest.agency == principal.agency_code,
        )
    )
    if request is None:
        raise NotFound(f"no request {request_id} for {principal.agency_code}")
    if kind not in REPLIES[request.direction]:
        allowed = ", ".join(REPLIES[request.direction])
        raise InvalidInput(f"on this request you may: {allowed}")
    if request.status in ("answered", "declined"):
        raise Conflict(f"request {request_id} is {request.status}")
    if kind == "clarify" and request.status != "asked_back":
        raise Conflict("clarify answers an ask-back; the partner has not asked back")
    words = " ".join(text.split())
    if not words:
        raise InvalidInput("a decline gives its reason; an answer or ask-back its text")
    check_outbound(
        session, "requests", principal.agency_code, request.partner, None, request.agreement
    )
    entry = _apply_reply(request, kind, words[:8000], principal.agency_code)
    _queue(session, request, "reply", {"request_uid": request.uid, **entry})
    audit.record(
        session,
        principal,
        f"request.{kind}",
        f"request:{request.uid}",
        purpose=request.agreement,
        detail={"to": request.partner},
    )
    return request


def _apply_reply(request: InformationRequest, kind: str, text: str, by: str) -> dict[str, Any]:
    entry = {"kind": kind, "text": text, "by": by, "at": datetime.now(UTC).isoformat()}
    request.conversation = [*request.conversation, entry]
    request.status = STATUS_AFTER[kind]
    if request.status in ("answered", "declined"):
        request.closed_at = datetime.now(UTC)
    return entry


def _wire(request: InformationRequest) -> dict[str, Any]:
    return {
        "uid": request.uid,
        "about": request.about,
        "subject": request.subject,
        "purpose": request.purpose,
        "handling_code": request.handling_code,
        "grading": request.grading,
        "deadline": request.deadline.isoformat(),
    }


def _queue(
    session: Session, request: InformationRequest, kind: str, payload: dict[str, Any]
) -> None:
    session.add(
        ExchangeMessage(
            uid=str(uuid.uuid4()),
            direction="out",
            partner=request.partner,
            kind=kind,
            agreement=request.agreement,
            payload=payload,
            status="pending",
        )
    )


def receive_request(
    session: Session, home: str, sender: str, agreement: str, payload: dict[str, Any]
) -> None:
    """A partner's request arrives: kept as ``in``, open, with the requester's deadline."""
    uid = str(payload.get("uid") or "")
    if session.scalar(select(InformationRequest.id).where(InformationRequest.uid == uid)):
        return
    about = str(payload.get("about") or "")
    if about not in ABOUT or len(uid) != 36:
        raise InvalidInput("a request carries a uid and what it is about")
    session.add(
        InformationRequest(
            uid=uid,
            direction="in",
            agency=home,
            partner=sender,
            about=about,
            subject=str(payload.get("subject") or "")[:4000],
            purpose=str(payload.get("purpose") or ""),
            agreement=agreement,
            handling_code=str(payload.get("handling_code") or "restricted"),
            grading=parse_grading(str(payload.get("grading") or "")),
            deadline=date.fromisoformat(str(payload.get("deadline"))),
            status="open",
            conversation=[],
            requested_by=f"{sender}",
        )
    )


def receive_reply(session: Session, home: str, sender: str, payload: dict[str, Any]) -> None:
    """A partner's reply arrives and moves the request on, as on the sender's side."""
    request = session.scalar(
        select(InformationRequest).where(
            InformationRequest.uid == str(payload.get("request_uid") or ""),
            InformationRequest.agency == home,
            InformationRequest.partner == sender,
        )
    )
    kind = str(payload.get("kind") or "")
    if request is None:
        raise NotFound("no request of yours with that uid")
    direction = "out" if request.direction == "in" else "in"  # the sender's side of it
    if kind not in REPLIES[direction]:
        raise InvalidInput(f"{sender} may not {kind} on this request")
    entry = {k: payload.get(k) for k in ("kind", "text", "by", "at")}
    request.conversation = [*request.conversation, entry]
    request.status = STATUS_AFTER[kind]
    if request.status in ("answered", "declined"):
        request.closed_at = datetime.now(UTC)


def requests(
    session: Session, principal: Principal, direction: str, overdue_only: bool = False
) -> list[InformationRequest]:
    principal.require(*LIAISON, Role.AUDITOR)
    query = select(InformationRequest).where(
        InformationRequest.agency == principal.agency_code,
        InformationRequest.direction == direction,
    )
    if overdue_only:
        query = query.where(
            InformationRequest.status.in_(("open", "asked_back")),
            InformationRequest.deadline < date.today(),
        )
    found = list(
        session.scalars(query.order_by(InformationRequest.deadline, InformationRequest.id))
    )
    audit.record(session, principal, "requests.read", f"requests:{direction}:{len(found)}")
    return found


def is_overdue(request: InformationRequest, today: date | None = None) -> bool:
    return request.status in ("open", "asked_back") and request.deadline < (today or date.today())
