"""corridor alerts import | export | list | withdraw."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from corridor.cli import context
from corridor.domain.screening.alerts import AlertStatus, AlertType
from corridor.domain.screening.ftm import to_entities
from corridor.services.alerts import (
    as_row,
    expire_alerts,
    import_alerts,
    read_alert_file,
    spec_of,
    withdraw_alert,
)
from corridor.services.sharing import share
from corridor.store.repositories.agencies import AgencyRepository
from corridor.store.repositories.alerts import AlertRepository

app = typer.Typer(
    help="The agency's alerts: wanted, missing, victims, suspects, refusals, watch.",
    no_args_is_help=True,
)
AgencyOption = Annotated[str, typer.Option(help="The owner agency, e.g. VNM-MPS.")]
FORMATS = ("csv", "jsonl", "ftm")
COLUMNS = [
    "id",
    "alert_type",
    "full_name",
    "aliases",
    "original_script",
    "maiden_name",
    "birth_date",
    "nationality",
    "sex",
    "document_number",
    "action",
    "valid_from",
    "valid_until",
    "handling_code",
    "status",
]


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="CSV, JSON Lines, or FollowTheMoney JSON Lines.")],
    agency: AgencyOption,
    ftm: Annotated[
        bool, typer.Option("--ftm", help="The file holds FollowTheMoney entities.")
    ] = False,
    alert_type: Annotated[str, typer.Option(help="Type for rows that give none.")] = "watch",
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Create or update alerts (by their id); bad rows are listed by line and skipped."""
    default = AlertType(alert_type.strip().lower())
    with context.database().transaction() as session:
        agency_id = AgencyRepository(session).get(agency).id
        result = import_alerts(session, agency_id, read_alert_file(file, ftm), default)
    for error in result.errors:
        context.errors.print(
            f"{file.name}:{error.line}: {error.message}", highlight=False, markup=False
        )
    summary = {"created": result.created, "updated": result.updated, "skipped": len(result.errors)}
    if as_json:
        context.print_json(summary)
    else:
        context.console.print(
            f"{agency}: {result.created:,} alerts created, {result.updated:,} "
            f"updated, {len(result.errors):,} bad rows skipped"
        )


@app.command("export")
def export_command(
    agency: AgencyOption,
    format: Annotated[str, typer.Option(help="csv, jsonl or ftm.")] = "csv",
    out: Annotated[
        Path | None, typer.Option(help="File to write; standard output if omitted.")
    ] = None,
    status: Annotated[str, typer.Option(help="active, withdrawn, expired or all.")] = "active",
) -> None:
    """Write the agency's alerts in a format 'alerts import' reads back."""
    if format not in FORMATS:
        raise typer.BadParameter(f"format is one of {', '.join(FORMATS)}")
    with context.database().transaction() as session:
        agency_row = AgencyRepository(session).get(agency)
        alerts = (
            AlertRepository(session)
            .list(agency_row.id, limit=10_000_000, status=None if status == "all" else status)
            .items
        )
        handle = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
        try:
            if format == "csv":
                writer = csv.DictWriter(handle, fieldnames=COLUMNS)
                writer.writeheader()
                writer.writerows(as_row(a) for a in alerts)
            elif format == "jsonl":
                handle.writelines(json.dumps(as_row(a), ensure_ascii=False) + "\n" for a in alerts)
            else:
                for alert in alerts:
                    for entity in to_entities(spec_of(alert), agency_row.code):
                        handle.write(json.dumps(entity, ensure_ascii=False) + "\n")
        finally:
            if out:
                handle.close()


@app.command("list")
def list_command(
    agency: AgencyOption,
    status: Annotated[str | None, typer.Option(help="Only alerts in this status.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the agency's alerts (expired ones are marked expired first)."""
    from datetime import date

    with context.database().transaction() as session:
        agency_id = AgencyRepository(session).get(agency).id
        expire_alerts(session, agency_id, date.today())
        alerts = AlertRepository(session).list(agency_id, limit=100_000, status=status).items
        rows = [{"row": a.id, **as_row(a)} for a in alerts]
    if as_json:
        context.print_json(rows)
        return
    table = Table("row", "id", "type", "name", "born", "nationality", "status")
    for r in rows:
        table.add_row(
            str(r["row"]),
            r["id"],
            r["alert_type"],
            r["full_name"],
            r["birth_date"],
            r["nationality"],
            r["status"],
        )
    context.console.print(table)


@app.command("withdraw")
def withdraw_command(
    agency: AgencyOption,
    alert_id: Annotated[int, typer.Argument(help="The alert's row number ('alerts list').")],
    reason: Annotated[str, typer.Option(help="Why: found, arrested, error, expired...")],
) -> None:
    """Withdraw an alert: it leaves screening at once."""
    with context.database().transaction() as session:
        agency_id = AgencyRepository(session).get(agency).id
        alert = withdraw_alert(session, agency_id, alert_id, reason)
        context.console.print(f"alert {alert.reference} withdrawn ({AlertStatus.WITHDRAWN.value})")


@app.command("share")
def share_command(
    agency: AgencyOption,
    alert_ids: Annotated[
        list[int], typer.Argument(help="The alerts' row numbers ('alerts list').")
    ],
    agreement: Annotated[str, typer.Option(help="The agreement they are shared under.")],
) -> None:
    """Share alerts with every party the agreement allows; partners pull them at their next
    sync. A refusal names the term that blocked it, and nothing is shared."""
    database = context.database()
    with database.transaction() as session:
        principal = context.administrator(session, agency)
    recipients = share(database, principal, alert_ids, agreement)
    to = ", ".join(recipients) or "nobody new"
    context.console.print(f"{len(alert_ids)} alert(s) shared under {agreement.upper()} with {to}")
