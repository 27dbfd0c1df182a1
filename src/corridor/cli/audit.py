"""corridor audit verify | list: the tamper-evident trail of reads, searches and changes."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from sqlalchemy import select

from corridor.cli import context
from corridor.services.audit import verify
from corridor.store.models import AuditEntry

app = typer.Typer(
    help="The audit trail: who read or changed what, when and why.", no_args_is_help=True
)


@app.command("verify")
def verify_command() -> None:
    """Check the whole chain; exit 1 and name each broken entry if anything was tampered with."""
    with context.database().transaction() as session:
        count, breaks = verify(session)
    for found in breaks:
        context.errors.print(f"entry {found.entry_id}: {found.reason}")
    if breaks:
        context.errors.print(f"audit trail BROKEN: {len(breaks)} problem(s) in {count:,} entries")
        raise typer.Exit(1)
    context.console.print(f"audit trail intact: {count:,} entries, every hash chained")


@app.command("list")
def list_command(
    agency: Annotated[str | None, typer.Option(help="Only this agency's entries.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="Newest entries to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The newest entries first."""
    with context.database().transaction() as session:
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if agency:
            query = query.where(AuditEntry.agency == agency.upper())
        rows: list[dict[str, Any]] = [
            {
                "id": e.id,
                "at": e.at,
                "agency": e.agency,
                "actor": e.actor,
                "action": e.action,
                "subject": e.subject,
                "purpose": e.purpose,
            }
            for e in session.scalars(query)
        ]
    if as_json:
        context.print_json(rows)
        return
    table = Table("id", "at", "agency", "actor", "action", "subject", "purpose")
    for r in rows:
        table.add_row(
            str(r["id"]),
            str(r["at"])[:19],
            r["agency"],
            r["actor"],
            r["action"],
            r["subject"],
            r["purpose"],
        )
    context.console.print(table)
