"""corridor stays, corridor crossings import | anomalies | companions: a year of crossings,
from files or from the node's store (whose libraries load only when a command uses it)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from corridor.cli import context
from corridor.domain.roles import Role
from corridor.engines.crossings.engine import CrossingsEngine
from corridor.engines.crossings.load import LoadReport
from corridor.errors import InvalidInput

app = typer.Typer(
    help="Border crossings: import, anomalies and companions, from files or the store.",
    no_args_is_help=True,
)
CrossingsFile = Annotated[
    Path | None,
    typer.Option(
        "--crossings",
        help="CROSSINGS.csv: id,timestamp,crossing_point,direction,document_number,"
        "issuing_state,nationality,full_name,birth_date,sex,permit_type,permit_days,carrier,"
        "booking_ref. Without it, --agency names the store's crossings to use.",
    ),
]
PointsFile = Annotated[
    Path | None,
    typer.Option(
        "--points",
        help="POINTS.csv: code,name,country,kind,latitude,longitude; the node's reference "
        "points if omitted.",
    ),
]
AgencyOption = Annotated[
    str | None, typer.Option("--agency", help="Use this agency's crossings in the store.")
]
OutFile = Annotated[Path, typer.Option("--out", help="Where to write the CSV.")]


def _report(name: str, report: LoadReport, seconds: float) -> None:
    for line, problem in report.errors:
        context.errors.print(
            f"{name}:{line}: {problem} (line {line} skipped)", highlight=False, markup=False
        )
    context.errors.print(
        f"read {report.rows:,} crossings in {seconds:.1f} s: {report.valid:,} valid, "
        f"{len(report.errors):,} skipped"
    )


def _engine(crossings: Path | None, points: Path | None, agency: str | None) -> CrossingsEngine:
    started = time.perf_counter()
    if crossings is not None:
        engine = CrossingsEngine()
        _report(crossings.name, engine.load(crossings, points), time.perf_counter() - started)
        return engine
    if agency is None:
        raise InvalidInput("give --crossings FILE, or --agency CODE to use the store")
    from corridor.engines.crossings.store import engine_for_store  # the store, only here
    from corridor.store.repositories.agencies import AgencyRepository

    database = context.database()
    with database.transaction() as session:
        agency_id = AgencyRepository(session).get(agency).id
    engine = engine_for_store(database, agency_id)
    context.errors.print(f"loaded {agency}'s crossings in {time.perf_counter() - started:.1f} s")
    return engine


def _write(
    crossings: Path | None,
    points: Path | None,
    agency: str | None,
    out: Path,
    analysis: Callable[[CrossingsEngine], duckdb.DuckDBPyRelation],
    label: str,
) -> None:
    """Load the crossings (file or store), run one analysis, write its rows to ``out``."""
    engine = _engine(crossings, points, agency)
    written = engine.write(analysis(engine), out)
    context.errors.print(f"{written:,} {label} written to {out}")


def stays(
    out: OutFile,
    as_of: Annotated[str, typer.Option("--as-of", help="YYYY-MM-DD: who is in the country then.")],
    crossings: CrossingsFile = None,
    points: PointsFile = None,
    agency: AgencyOption = None,
) -> None:
    """Every foreigner's stay: entry, exit, permitted until, status and days over."""
    try:
        day = date.fromisoformat(as_of)
    except ValueError:
        raise InvalidInput(f"--as-of {as_of!r} is not a date (YYYY-MM-DD)") from None
    _write(crossings, points, agency, out, lambda engine: engine.stays(day), "stays")


@app.command("anomalies")
def anomalies(
    out: OutFile,
    crossings: CrossingsFile = None,
    points: PointsFile = None,
    agency: AgencyOption = None,
) -> None:
    """Impossible travel, double entries, exits without entry, minors without a guardian."""
    _write(crossings, points, agency, out, CrossingsEngine.anomalies, "anomalies")


@app.command("companions")
def companions(
    out: OutFile,
    crossings: CrossingsFile = None,
    points: PointsFile = None,
    agency: AgencyOption = None,
) -> None:
    """Who crosses with whom, ranked so that escorts of likely victims come first."""
    _write(crossings, points, agency, out, CrossingsEngine.companions, "travellers with companions")


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="CROSSINGS.csv, in the columns above.")],
    agency: Annotated[str, typer.Option(help="The agency that recorded them, e.g. VNM-MPS.")],
    points: PointsFile = None,
) -> None:
    """Store crossings; bad rows are listed by line and skipped, rows already held are kept."""
    from corridor.engines.crossings.store import import_crossings  # the store, only here
    from corridor.services import entities
    from corridor.store.repositories.agencies import AgencyRepository

    database = context.database()
    with database.transaction() as session:
        agency_id = AgencyRepository(session).get(agency).id
    started = time.perf_counter()
    columns = (TextColumn("storing"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=context.errors) as bar:
        task = bar.add_task("crossings", total=None)
        summary = import_crossings(
            database, agency_id, file, points, progress=lambda n: bar.advance(task, n)
        )
    _report(file.name, summary.report, time.perf_counter() - started)
    context.errors.print(
        f"{summary.imported:,} crossings stored for {agency}; {summary.already:,} already held"
    )
    with database.transaction() as session:
        principal = context.administrator(session, agency, Role.ANALYST)
        travellers = entities.records_of_crossings(session, principal, file.name)
    for error in travellers.errors:
        context.errors.print(f"{file.name}: {error.message} (no person record)")
    context.errors.print(
        f"{travellers.imported:,} person records of travellers stored, "
        f"{travellers.already:,} already held (`corridor entities resolve` links them)"
    )
