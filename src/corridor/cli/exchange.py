"""The node's identity, its partners, its agreements and the exchange with partner nodes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from sqlalchemy import select

from corridor.cli import context
from corridor.services.agreements import add_agreement, all_agreements, amend_agreement
from corridor.services.exchange_sync import sync
from corridor.services.partners import add_partner, require_home
from corridor.store.models import ExchangeMessage, Partner
from corridor.transport.client import PartnerClient
from corridor.transport.keys import create_key, load_key, public_text

node = typer.Typer(help="This node's identity towards partner nodes.", no_args_is_help=True)
partner = typer.Typer(help="Partner agencies' nodes.", no_args_is_help=True)
agreement = typer.Typer(help="Agreements between agencies.", no_args_is_help=True)
exchange = typer.Typer(help="The exchange with partner nodes.", no_args_is_help=True)

AgreementCode = Annotated[str, typer.Argument(help="The agreement's code, e.g. VNM-GBR-2026.")]
Reason = Annotated[str, typer.Option(help="Why it changes (kept with the new version).")]


@node.command("init")
def node_init() -> None:
    """Make this node's Ed25519 key pair (once) and print the public key for partners."""
    settings = context.settings()
    key = create_key(Path(settings.node_key_file))
    context.console.print(f"node key written to {settings.node_key_file} (keep it private)")
    context.console.print(f"public key: {public_text(key)}")


@node.command("show")
def node_show(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The agency this node speaks for and its public key, as partners register them."""
    settings = context.settings()
    info = {
        "agency": require_home(settings),
        "public_key": public_text(load_key(Path(settings.node_key_file))),
    }
    if as_json:
        context.print_json(info)
        return
    context.console.print(f"agency {info['agency']}, public key {info['public_key']}")


@partner.command("add")
def partner_add(
    agency: Annotated[str, typer.Argument(help="The partner agency's code, e.g. GBR-HO.")],
    url: Annotated[str, typer.Option(help="The partner node's base URL.")],
    key: Annotated[str, typer.Option(help="The partner node's public key (base64).")],
) -> None:
    """Register a partner node (or change its address or key)."""
    with context.database().transaction() as session:
        found = add_partner(session, None, agency, url, key)
        context.console.print(f"partner {found.agency_code} at {found.base_url}")


@partner.command("list")
def partner_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The partner nodes, how far their feeds are applied here, and their last error."""
    with context.database().transaction() as session:
        rows = [
            {
                "agency": p.agency_code,
                "url": p.base_url,
                "pulled_through": p.pulled_through,
                "last_sync_at": p.last_sync_at,
                "last_error": p.last_error,
            }
            for p in session.scalars(select(Partner).order_by(Partner.agency_code))
        ]
    if as_json:
        context.print_json(rows)
        return
    table = Table("agency", "url", "pulled through", "last sync", "last error")
    for r in rows:
        table.add_row(*(str(r[k] or "") for k in r))
    context.console.print(table)


@agreement.command("add")
def agreement_add(
    code: AgreementCode,
    title: Annotated[str, typer.Option(help="The agreement's title.")],
    party: Annotated[list[str], typer.Option(help="A party agency (repeat).")],
    term: Annotated[
        list[str], typer.Option(help="CATEGORY:SOURCE>RECIPIENT[:PURPOSE,...] (repeat).")
    ],
    valid_from: Annotated[str, typer.Option(help="YYYY-MM-DD")],
    valid_until: Annotated[str, typer.Option(help="YYYY-MM-DD, empty for open-ended")] = "",
    handling: Annotated[str, typer.Option(help="Default handling code.")] = "restricted",
    answer_days: Annotated[int, typer.Option(help="Working days to answer a request.")] = 10,
) -> None:
    """Record an agreement, e.g. --term alerts:wanted:VNM-MPS>GBR-HO:border_control."""
    with context.database().transaction() as session:
        version = add_agreement(
            session,
            None,
            code=code,
            title=title,
            parties=party,
            terms=term,
            valid_from=date.fromisoformat(valid_from),
            valid_until=date.fromisoformat(valid_until) if valid_until else None,
            handling_code=handling,
            answer_days=answer_days,
        )
    context.console.print(
        f"agreement {version.code} v{version.version}: {len(version.terms)} term(s)"
    )


@agreement.command("amend")
def agreement_amend(
    code: AgreementCode,
    reason: Reason,
    term: Annotated[list[str] | None, typer.Option(help="The new full list of terms.")] = None,
    valid_until: Annotated[str, typer.Option(help="YYYY-MM-DD")] = "",
    handling: Annotated[str, typer.Option(help="Default handling code.")] = "",
    answer_days: Annotated[int, typer.Option(help="Working days to answer.")] = 0,
) -> None:
    """Amend an agreement: a new version; what the earlier ones allowed stays recorded."""
    _change(
        code,
        reason,
        terms=term or None,
        valid_until=date.fromisoformat(valid_until) if valid_until else None,
        handling_code=handling or None,
        answer_days=answer_days or None,
    )


@agreement.command("suspend")
def agreement_suspend(code: AgreementCode, reason: Reason) -> None:
    """Suspend an agreement: nothing flows under it until it is resumed."""
    _change(code, reason, status="suspended")


@agreement.command("resume")
def agreement_resume(code: AgreementCode, reason: Reason) -> None:
    _change(code, reason, status="active")


@agreement.command("end")
def agreement_end(code: AgreementCode, reason: Reason) -> None:
    """End an agreement for good (withdrawals still reach every partner)."""
    _change(code, reason, status="ended")


def _change(code: str, reason: str, **changes: Any) -> None:
    with context.database().transaction() as session:
        version = amend_agreement(session, None, code, reason, **changes)
    context.console.print(f"agreement {version.code} v{version.version}: {version.status}")


@agreement.command("list")
def agreement_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every agreement, version by version."""
    with context.database().transaction() as session:
        rows = [
            {
                "code": v.code,
                "version": v.version,
                "status": v.status,
                "effective": v.effective,
                "valid": f"{v.valid_from} to {v.valid_until or 'open'}",
                "parties": ", ".join(v.parties),
                "terms": [str(t) for t in v.terms],
            }
            for versions in all_agreements(session).values()
            for v in versions
        ]
    if as_json:
        context.print_json(rows)
        return
    table = Table("code", "v", "status", "effective", "valid", "parties", "terms")
    for r in rows:
        table.add_row(*(str(r[k]) for k in list(r)[:-1]), "\n".join(r["terms"]))  # type: ignore[arg-type]
    context.console.print(table)


@exchange.command("sync")
def exchange_sync() -> None:
    """Pull every partner's feed from where this node stopped, then deliver the outbox.
    Exit 1 if a partner could not be reached (the others are still synced)."""
    settings = context.settings()
    key = load_key(Path(settings.node_key_file))
    home = require_home(settings)
    reports = sync(context.database(), settings, lambda p: PartnerClient(p.base_url, home, key))
    failed = False
    for r in reports:
        line = (
            f"{r.partner}: pulled {r.pulled} ({r.upserted} shared, {r.withdrawn} withdrawn, "
            f"{r.skipped} already applied), through {r.through}; delivered {r.delivered}"
        )
        context.console.print(line)
        for refusal in r.refused:
            context.errors.print(f"  refused {refusal}")
        if r.error:
            failed = True
            context.errors.print(f"  {r.partner} unreachable: {r.error}")
    if failed:
        raise typer.Exit(1)


@exchange.command("messages")
def exchange_messages(
    direction: Annotated[str, typer.Option(help="in or out")] = "in",
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The inbox or outbox: kind, partner, agreement, status."""
    with context.database().transaction() as session:
        rows = [
            {
                "uid": m.uid,
                "partner": m.partner,
                "kind": m.kind,
                "agreement": m.agreement,
                "status": m.status,
                "created_at": m.created_at,
            }
            for m in session.scalars(
                select(ExchangeMessage)
                .where(ExchangeMessage.direction == direction)
                .order_by(ExchangeMessage.id.desc())
            )
        ]
    if as_json:
        context.print_json(rows)
        return
    table = Table(*rows[0].keys()) if rows else Table("uid", "partner", "kind", "status")
    for r in rows:
        table.add_row(*(str(v) for v in r.values()))
    context.console.print(table)
