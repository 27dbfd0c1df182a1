"""corridor documents import | check | report: the lost, stolen and forged document registry."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from corridor.cli import context
from corridor.cli.mrz import EXIT_NOT_MRZ, read_input
from corridor.domain.documents.mrz_parser import NotAnMRZ
from corridor.errors import InvalidInput
from corridor.ingest.rows import read_rows
from corridor.services.documents import check_document, import_reports, report_document
from corridor.services.sharing import share
from corridor.store.repositories.agencies import AgencyRepository

app = typer.Typer(help="The registry of lost, stolen and forged documents.", no_args_is_help=True)
AgencyOption = Annotated[str, typer.Option(help="The agency whose registry is used, e.g. VNM-MPS.")]


@app.command("import")
def import_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="CSV or JSON Lines: issuing_state, document_number,"
            " document_type, reason, reported_on, note."
        ),
    ],
    agency: AgencyOption,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Import reports; bad rows are listed with their line numbers and skipped."""
    database = context.database()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=context.errors, disable=as_json) as bar:
        task = bar.add_task(f"importing {file.name}", total=None)
        with database.transaction() as session:
            agency_id = AgencyRepository(session).get(agency).id
            rows = read_rows(file, required=("issuing_state", "document_number", "reason"))
            result = import_reports(session, agency_id, rows, date.today())
        bar.update(task, description=f"imported {file.name}")
    for error in result.errors:
        context.errors.print(f"{file.name}:{error.line}: {error.message}", highlight=False)
    summary = {
        "imported": result.imported,
        "duplicates": result.duplicates,
        "skipped": len(result.errors),
    }
    if as_json:
        context.print_json(summary)
    else:
        context.console.print(
            f"imported {result.imported:,} report(s) into {agency}; {result.duplicates:,} "
            f"already held; {len(result.errors):,} bad row(s) skipped"
        )


@app.command("check")
def check_command(
    agency: AgencyOption,
    lines: Annotated[
        list[str] | None, typer.Argument(help="MRZ lines (or standard input).")
    ] = None,
    state: Annotated[str | None, typer.Option(help="Issuing state, when no MRZ is given.")] = None,
    number: Annotated[
        str | None, typer.Option(help="Document number, when no MRZ is given.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Check a document: MRZ valid, not expired, not reported. Exit 0 only when clear."""
    database = context.database()
    try:
        with database.transaction() as session:
            agency_id = AgencyRepository(session).get(agency).id
            mrz = None if (state or number) else read_input(lines)
            if mrz == "":
                raise InvalidInput("give the MRZ lines, or --state and --number")
            result = check_document(
                session,
                agency_id,
                date.today(),
                mrz=mrz,
                issuing_state=state,
                document_number=number,
            )
    except NotAnMRZ as error:
        context.errors.print(f"error: {error.detail}")
        raise typer.Exit(EXIT_NOT_MRZ) from None
    if as_json:
        context.print_json(result.as_dict())
    else:
        colour = "green" if result.verdict == "clear" else "red"
        context.console.print(
            f"{result.issuing_state} {result.document_number}: "
            f"[{colour}]{result.verdict}[/{colour}]"
        )
        for reason in result.reasons:
            context.console.print(f"  {reason}", highlight=False)
    raise typer.Exit(0 if result.verdict == "clear" else 1)


@app.command("report")
def report_command(
    agency: AgencyOption,
    state: Annotated[str, typer.Option(help="Issuing state of the document.")],
    number: Annotated[str, typer.Option(help="Document number.")],
    reason: Annotated[str, typer.Option(help="lost, stolen, revoked, invalidated or forged.")],
    document_type: Annotated[str, typer.Option(help="passport, id_card, visa, ...")] = "passport",
    reported_on: Annotated[str | None, typer.Option(help="YYYY-MM-DD; today if omitted.")] = None,
    note: Annotated[str, typer.Option(help="Free text for the officer who finds it.")] = "",
) -> None:
    """Report one document to the registry."""
    with context.database().transaction() as session:
        agency_id = AgencyRepository(session).get(agency).id
        report = report_document(
            session,
            agency_id,
            {
                "issuing_state": state,
                "document_number": number,
                "reason": reason,
                "document_type": document_type,
                "reported_on": reported_on,
                "note": note,
            },
            date.today(),
        )
        context.console.print(
            f"reported {report.issuing_state} {report.document_number} as {report.reason}"
        )


@app.command("share")
def share_command(
    agency: Annotated[str, typer.Option(help="The reporting agency, e.g. VNM-MPS.")],
    report_ids: Annotated[list[int], typer.Argument(help="The reports' row numbers.")],
    agreement: Annotated[str, typer.Option(help="The agreement they are shared under.")],
) -> None:
    """Share document reports with every party the agreement lets them go to; partners'
    document checks find them after their next sync."""
    database = context.database()
    with database.transaction() as session:
        principal = context.administrator(session, agency)
    recipients = share(database, principal, report_ids, agreement, what="document_reports")
    to = ", ".join(recipients) or "nobody new"
    context.console.print(f"{len(report_ids)} report(s) shared under {agreement.upper()} with {to}")
