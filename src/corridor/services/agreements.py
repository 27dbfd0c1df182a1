"""Agreements as administrators record them, and the check every outbound message passes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.domain.exchange.agreements import (
    STATUSES,
    AgreementVersion,
    Term,
    Verdict,
    check_flow,
    in_force,
)
from corridor.domain.principal import Principal
from corridor.domain.screening.alerts import HANDLING_CODES
from corridor.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from corridor.services import audit
from corridor.store.models import Agency, Agreement, AgreementVersionRow


class FlowRefused(PermissionDenied):
    """An outbound message no active agreement allows; the detail names the blocking term."""


def _version(code: str, row: AgreementVersionRow) -> AgreementVersion:
    return AgreementVersion(
        code=code,
        version=row.version,
        title=row.title,
        parties=tuple(row.parties),
        status=row.status,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        handling_code=row.handling_code,
        answer_days=row.answer_days,
        terms=tuple(Term.parse(t) for t in row.terms),
        effective=row.effective,
    )


def all_agreements(session: Session) -> dict[str, list[AgreementVersion]]:
    return {
        a.code: [_version(a.code, v) for v in a.versions]
        for a in session.scalars(select(Agreement).order_by(Agreement.code))
    }


def current(session: Session, code: str, on: date | None = None) -> AgreementVersion:
    versions = all_agreements(session).get(code)
    if not versions:
        raise NotFound(f"no agreement {code!r}")
    found = in_force(versions, on or date.today()) or versions[-1]
    return found


def add_agreement(
    session: Session,
    actor: Principal | None,
    *,
    code: str,
    title: str,
    parties: list[str],
    terms: list[str],
    valid_from: date,
    valid_until: date | None = None,
    handling_code: str = "restricted",
    answer_days: int = 10,
) -> AgreementVersion:
    code = code.strip().upper()
    if not code or len(code) > 64:
        raise InvalidInput("an agreement's code is 1 to 64 characters")
    if session.scalar(select(Agreement.id).where(Agreement.code == code)):
        raise Conflict(f"agreement {code} exists; amend it instead")
    agreement = Agreement(code=code)
    session.add(agreement)
    session.flush()
    values = {
        "title": title,
        "parties": parties,
        "terms": terms,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "handling_code": handling_code,
        "answer_days": answer_days,
        "status": "active",
    }
    return _new_version(session, actor, agreement, values, valid_from, "concluded")


def amend_agreement(
    session: Session,
    actor: Principal | None,
    code: str,
    reason: str,
    effective: date | None = None,
    **changes: Any,
) -> AgreementVersion:
    """A new version with ``changes`` (title, parties, terms, valid_until, handling_code,
    answer_days, status); the earlier versions stay as they were."""
    agreement = session.scalar(select(Agreement).where(Agreement.code == code.upper()))
    if agreement is None:
        raise NotFound(f"no agreement {code!r}")
    why = " ".join(reason.split())
    if not why:
        raise InvalidInput("say why the agreement changes")
    last = agreement.versions[-1]
    values: dict[str, Any] = {
        "title": last.title,
        "parties": list(last.parties),
        "terms": list(last.terms),
        "valid_from": last.valid_from,
        "valid_until": last.valid_until,
        "handling_code": last.handling_code,
        "answer_days": last.answer_days,
        "status": last.status,
    }
    unknown = set(changes) - set(values)
    if unknown:
        raise InvalidInput(f"an amendment cannot change {', '.join(sorted(unknown))}")
    values.update({k: v for k, v in changes.items() if v is not None})
    if last.status == "ended":
        raise Conflict(f"agreement {agreement.code} has ended; conclude a new one")
    return _new_version(session, actor, agreement, values, effective or date.today(), why)


def _new_version(
    session: Session,
    actor: Principal | None,
    agreement: Agreement,
    values: dict[str, Any],
    effective: date,
    reason: str,
) -> AgreementVersion:
    parties = sorted({p.strip().upper() for p in values["parties"] if p.strip()})
    if len(parties) < 2:
        raise InvalidInput("an agreement has at least two parties")
    known = set(session.scalars(select(Agency.code)))
    missing = [p for p in parties if p not in known]
    if missing:
        raise InvalidInput(f"unknown agency {missing[0]}: add it first (corridor agency add)")
    terms = [Term.parse(t) for t in values["terms"]]
    strangers = [t for t in terms if t.source not in parties or t.recipient not in parties]
    if strangers:
        raise InvalidInput(f"term {strangers[0]} names an agency that is not a party")
    if values["status"] not in STATUSES:
        raise InvalidInput(f"status must be one of {', '.join(STATUSES)}")
    if values["handling_code"] not in HANDLING_CODES:
        raise InvalidInput(f"handling code must be one of {', '.join(HANDLING_CODES)}")
    if values["valid_until"] is not None and values["valid_until"] < values["valid_from"]:
        raise InvalidInput("the agreement ends before it starts")
    if not 1 <= int(values["answer_days"]) <= 365:
        raise InvalidInput("answer_days is 1 to 365 working days")
    title = " ".join(str(values["title"]).split())
    if not title:
        raise InvalidInput("give the agreement's title")
    number = (agreement.versions[-1].version + 1) if agreement.versions else 1
    if agreement.versions and effective < agreement.versions[-1].effective:
        raise InvalidInput("a new version cannot take effect before the one it follows")
    row = AgreementVersionRow(
        agreement_id=agreement.id,
        version=number,
        title=title[:300],
        parties=parties,
        status=values["status"],
        valid_from=values["valid_from"],
        valid_until=values["valid_until"],
        handling_code=values["handling_code"],
        answer_days=int(values["answer_days"]),
        terms=[str(t) for t in terms],
        effective=effective,
        changed_by=actor.username if actor else "administrator",
        reason=reason[:300],
    )
    session.add(row)
    session.flush()
    session.refresh(agreement)
    audit.record(
        session,
        actor,
        "agreement.version",
        f"agreement:{agreement.code}:v{number}",
        purpose=reason[:200],
        detail={"status": row.status, "terms": row.terms},
        actor="administrator",
    )
    return replace(_version(agreement.code, row))


def check_outbound(
    session: Session,
    category: str,
    source: str,
    recipient: str,
    purpose: str | None,
    agreement: str | None = None,
    on: date | None = None,
) -> Verdict:
    """Raise ``FlowRefused`` (and log it) unless an agreement in force allows the flow."""
    verdict = check_flow(
        all_agreements(session), category, source, recipient, purpose, on or date.today(), agreement
    )
    if not verdict.allowed:
        raise FlowRefused(f"refused: {category} from {source} to {recipient}: {verdict.reason}")
    return verdict
