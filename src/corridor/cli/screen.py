"""corridor screen: a passenger list against a watchlist, from files."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from corridor.cli import context
from corridor.domain.screening.records import Person
from corridor.domain.screening.screener import Screener
from corridor.engines.screening import screen_all
from corridor.errors import InvalidInput
from corridor.ingest.people import PersonRow, read_people
from corridor.ingest.rows import RowError


def _load(path: Path, label: str) -> list[PersonRow]:
    rows: list[PersonRow] = []
    errors = 0
    for row in read_people(path):
        if isinstance(row, RowError):
            errors += 1
            context.errors.print(
                f"{path.name}:{row.line}: {row.message} (row skipped)",
                highlight=False,
                markup=False,
            )
        else:
            rows.append(row)
    if errors:
        context.errors.print(f"{label}: {errors} bad row(s) skipped, {len(rows):,} read")
    return rows


def _node_alerts(agency: str) -> tuple[list[Person], dict[str, str]]:
    """The agency's active alerts, named by their references in the output (the store is
    loaded only here: screening two files never needs it)."""
    from corridor.services.alerts import person_of
    from corridor.store.repositories.agencies import AgencyRepository
    from corridor.store.repositories.alerts import AlertRepository

    with context.database().transaction() as session:
        agency_id = AgencyRepository(session).get(agency).id
        alerts = AlertRepository(session).active(agency_id)
        people = [person_of(a)._replace(id=a.reference) for a in alerts]
        return people, {a.reference: a.alert_type for a in alerts}


def screen(
    travellers: Annotated[
        Path, typer.Option(help="CSV: id,full_name,birth_date,nationality,sex,document_number.")
    ],
    out: Annotated[
        Path, typer.Option(help="Where to write hits: traveller_id,alert_id,score,explanation.")
    ],
    alerts: Annotated[
        Path | None,
        typer.Option(
            help="Watchlist CSV in the same columns (an alert_type column sets thresholds)."
        ),
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Report hits at or above this score (0-1); default: each alert type's own.",
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Processes; default: every core.")
    ] = None,
    agency: Annotated[
        str | None,
        typer.Option(help="Without --alerts: screen against this agency's active alerts."),
    ] = None,
) -> None:
    """Screen travellers against alerts; one row per hit, best first for each traveller."""
    traveller_rows = _load(travellers, "travellers")
    people = [row.person for row in traveller_rows]
    if alerts is not None:
        alert_rows = _load(alerts, "alerts")
        watchlist = [row.person for row in alert_rows]
        kinds = {row.person.id: row.kind for row in alert_rows if row.kind}
    elif agency is not None:
        watchlist, kinds = _node_alerts(agency)
    else:
        raise InvalidInput("give --alerts FILE, or --agency CODE to use the node's own alerts")
    screener = Screener(watchlist, alert_types=kinds, corpus=people)
    hits = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    columns = (TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with (
        out.open("w", encoding="utf-8", newline="") as handle,
        Progress(*columns, console=context.errors) as bar,
    ):
        writer = csv.writer(handle)
        writer.writerow(["traveller_id", "alert_id", "score", "explanation"])
        task = bar.add_task("travellers", total=len(people))
        for rows in screen_all(
            screener, people, threshold, workers, progress=lambda n: bar.advance(task, n)
        ):
            for row in rows:
                writer.writerow(
                    [row.traveller_id, row.alert_id, f"{row.score:.4f}", row.explanation]
                )
            hits += len(rows)
    context.errors.print(
        f"screened {len(people):,} travellers against {len(watchlist):,} alerts: {hits:,} hits "
        f"written to {out}"
    )
