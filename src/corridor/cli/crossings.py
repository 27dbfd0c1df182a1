"""corridor stays, corridor crossings anomalies | companions: a year of crossings from files."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from corridor.cli import context
from corridor.engines.crossings.engine import CrossingsEngine
from corridor.errors import InvalidInput

app = typer.Typer(
    help="Border crossings: anomalies and companions, from files.", no_args_is_help=True
)
CrossingsFile = Annotated[
    Path,
    typer.Option(
        "--crossings",
        help="CROSSINGS.csv: id,timestamp,"
        "crossing_point,direction,document_number,issuing_state,nationality,full_name,birth_date,sex,"
        "permit_type,permit_days,carrier,booking_ref.",
    ),
]
PointsFile = Annotated[
    Path | None,
    typer.Option(
        "--points",
        help="POINTS.csv: code,name,country,"
        "kind,latitude,longitude; the node's reference points if omitted.",
    ),
]
OutFile = Annotated[Path, typer.Option("--out", help="Where to write the CSV.")]


def _engine(crossings: Path, points: Path | None) -> CrossingsEngine:
    engine = CrossingsEngine()
    started = time.perf_counter()
    report = engine.load(crossings, points)
    for line, problem in report.errors:
        context.errors.print(
            f"{crossings.name}:{line}: {problem} (line {line} skipped)",
            highlight=False,
            markup=False,
        )
    context.errors.print(
        f"read {report.rows:,} crossings in {time.perf_counter() - started:.1f} s: "
        f"{report.valid:,} valid, {len(report.errors):,} skipped"
    )
    return engine


def stays(
    crossings: CrossingsFile,
    out: OutFile,
    as_of: Annotated[str, typer.Option("--as-of", help="YYYY-MM-DD: who is in the country then.")],
    points: PointsFile = None,
) -> None:
    """Every foreigner's stay: entry, exit, permitted until, status and days over."""
    try:
        day = date.fromisoformat(as_of)
    except ValueError:
        raise InvalidInput(f"--as-of {as_of!r} is not a date (YYYY-MM-DD)") from None
    engine = _engine(crossings, points)
    written = engine.write(engine.stays(day), out)
    context.errors.print(f"{written:,} stays written to {out}")


@app.command("anomalies")
def anomalies(crossings: CrossingsFile, out: OutFile, points: PointsFile = None) -> None:
    """Impossible travel, double entries, exits without entry, minors without a guardian."""
    engine = _engine(crossings, points)
    written = engine.write(engine.anomalies(), out)
    context.errors.print(f"{written:,} anomalies written to {out}")


@app.command("companions")
def companions(crossings: CrossingsFile, out: OutFile, points: PointsFile = None) -> None:
    """Who crosses with whom, ranked so that escorts of likely victims come first."""
    engine = _engine(crossings, points)
    written = engine.write(engine.companions(), out)
    context.errors.print(f"{written:,} travellers with companions written to {out}")
