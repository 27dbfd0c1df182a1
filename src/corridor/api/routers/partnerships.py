"""Agreements, partner nodes, sharing and the exchange's messages, for the node's people."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from fastapi import APIRouter, Query, status
from sqlalchemy import select

from corridor.api.deps import DatabaseDep, PrincipalDep, SettingsDep
from corridor.api.schemas.exchange import (
    AgreementChange,
    AgreementCreate,
    AgreementPublic,
    MessagePublic,
    NotificationPublic,
    PartnerCreate,
    PartnerPublic,
    ReportShare,
    ReportShareResult,
    Share,
    ShareMany,
    ShareResult,
    SyncPublic,
)
from corridor.domain.exchange.agreements import AgreementVersion
from corridor.domain.roles import OPERATIONAL, Role
from corridor.services import audit
from corridor.services.agreements import (
    add_agreement,
    all_agreements,
    amend_agreement,
)
from corridor.services.exchange_sync import sync
from corridor.services.partners import add_partner
from corridor.services.sharing import share as share_alerts
from corridor.store.models import ExchangeMessage, Notification, Partner
from corridor.transport.client import PartnerClient
from corridor.transport.keys import load_key

router = APIRouter(prefix="/api/v1", tags=["partner exchange"])
LIAISON = (Role.ADMIN, Role.LIAISON, Role.AUDITOR)


def _public(version: AgreementVersion) -> AgreementPublic:
    return AgreementPublic(
        **{k: v for k, v in asdict(version).items() if k not in ("parties", "terms")},
        parties=list(version.parties),
        terms=[str(t) for t in version.terms],
    )


@router.get("/agreements", response_model=list[list[AgreementPublic]])
def agreements(principal: PrincipalDep, database: DatabaseDep) -> list[list[AgreementPublic]]:
    """Every agreement with all its versions, oldest first: what it allowed when."""
    principal.require(*LIAISON, Role.ANALYST)
    with database.transaction() as session:
        return [[_public(v) for v in versions] for versions in all_agreements(session).values()]


@router.post("/agreements", response_model=AgreementPublic, status_code=status.HTTP_201_CREATED)
def create_agreement(
    body: AgreementCreate, principal: PrincipalDep, database: DatabaseDep
) -> AgreementPublic:
    principal.require(Role.ADMIN)
    with database.transaction() as session:
        return _public(add_agreement(session, principal, **body.model_dump()))


@router.post(
    "/agreements/{code}/versions",
    response_model=AgreementPublic,
    status_code=status.HTTP_201_CREATED,
)
def change_agreement(
    code: str, body: AgreementChange, principal: PrincipalDep, database: DatabaseDep
) -> AgreementPublic:
    """Amend, suspend, resume or end an agreement: a new version; the old ones stay."""
    principal.require(Role.ADMIN)
    values = body.model_dump(exclude={"reason", "effective"}, exclude_none=True)
    with database.transaction() as session:
        version = amend_agreement(
            session, principal, code, body.reason, effective=body.effective, **values
        )
        return _public(version)


@router.get("/partners", response_model=list[PartnerPublic])
def partners(principal: PrincipalDep, database: DatabaseDep) -> list[PartnerPublic]:
    principal.require(*LIAISON)
    with database.transaction() as session:
        found = session.scalars(select(Partner).order_by(Partner.agency_code))
        return [PartnerPublic.model_validate(p) for p in found]


@router.post("/partners", response_model=PartnerPublic, status_code=status.HTTP_201_CREATED)
def register_partner(
    body: PartnerCreate, principal: PrincipalDep, database: DatabaseDep
) -> PartnerPublic:
    principal.require(Role.ADMIN)
    with database.transaction() as session:
        found = add_partner(session, principal, body.agency, body.base_url, body.public_key)
        return PartnerPublic.model_validate(found)


@router.post("/alerts/{alert_id}/share", response_model=ShareResult)
def share(
    alert_id: int, body: Share, principal: PrincipalDep, database: DatabaseDep
) -> ShareResult:
    """Share one of the agency's alerts with every party the agreement allows; a refusal (403)
    names the term that blocked it and is kept in the audit trail."""
    recipients = share_alerts(database, principal, [alert_id], body.agreement)
    return ShareResult(
        alert_ids=[alert_id], agreement=body.agreement.upper(), recipients=recipients
    )


@router.post("/alerts/shares", response_model=ShareResult)
def share_many(body: ShareMany, principal: PrincipalDep, database: DatabaseDep) -> ShareResult:
    """Share many alerts under one agreement in one transaction (all or none)."""
    recipients = share_alerts(database, principal, body.alert_ids, body.agreement)
    return ShareResult(
        alert_ids=sorted(set(body.alert_ids)),
        agreement=body.agreement.upper(),
        recipients=recipients,
    )


@router.post("/documents/reports/shares", response_model=ReportShareResult)
def share_reports(
    body: ReportShare, principal: PrincipalDep, database: DatabaseDep
) -> ReportShareResult:
    """Share document reports (lost, stolen, forged...) under one agreement, all or none;
    partners' document checks find them at their next sync."""
    recipients = share_alerts(
        database, principal, body.report_ids, body.agreement, what="document_reports"
    )
    return ReportShareResult(
        report_ids=sorted(set(body.report_ids)),
        agreement=body.agreement.upper(),
        recipients=recipients,
    )


@router.get("/exchange/messages", response_model=list[MessagePublic])
def exchange_messages(
    principal: PrincipalDep,
    database: DatabaseDep,
    direction: str = Query("in", pattern="^(in|out)$"),
) -> list[MessagePublic]:
    """The liaison officer's inbox (``in``) or outbox (``out``), newest first."""
    principal.require(*LIAISON)
    with database.transaction() as session:
        found = session.scalars(
            select(ExchangeMessage)
            .where(ExchangeMessage.direction == direction)
            .order_by(ExchangeMessage.id.desc())
            .limit(500)
        )
        audit.record(session, principal, "exchange.messages_read", f"messages:{direction}")
        return [MessagePublic.model_validate(m) for m in found]


@router.post("/exchange/sync", response_model=list[SyncPublic])
def run_sync(
    principal: PrincipalDep, database: DatabaseDep, settings: SettingsDep
) -> list[SyncPublic]:
    """Pull every partner's feed and deliver the outbox now (``corridor exchange sync`` does
    the same from a timer)."""
    principal.require(Role.ADMIN, Role.LIAISON)
    key = load_key(Path(settings.node_key_file))
    reports = sync(
        database,
        settings,
        lambda partner: PartnerClient(partner.base_url, settings.node_agency.upper(), key),
    )
    return [SyncPublic(**asdict(r)) for r in reports]


@router.get("/notifications", response_model=list[NotificationPublic])
def notifications(principal: PrincipalDep, database: DatabaseDep) -> list[NotificationPublic]:
    """What the agency must be told, newest first: confirmed hits on its alerts, here or at a
    partner's border."""
    principal.require(*OPERATIONAL, Role.LIAISON)
    with database.transaction() as session:
        found = session.scalars(
            select(Notification)
            .where(Notification.agency_id == principal.agency_id)
            .order_by(Notification.id.desc())
            .limit(500)
        )
        rows = [NotificationPublic.model_validate(n) for n in found]
        audit.record(session, principal, "notifications.read", f"notifications:{len(rows)}")
        return rows
