"""corridor resolve: person records from many sources, grouped into entities.

The run's first step is to start reading the records' phones and addresses in a forked
process (``ingest/contacts.py``); only then does this process import the libraries of the
rest (NumPy, the resolver, the name readings), while that one reads. So the module imports
little at its top: its imports would be time the other core waits.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from corridor.engines.collector import collector_paused, kept_to_the_end
from corridor.ingest.contacts import ByLine, reading_contacts

if TYPE_CHECKING:
    from rich.console import Console


def resolve(
    records: Annotated[
        Path,
        typer.Option(
            help="CSV: id,source,full_name,birth_date,nationality,"
            "sex,document_number,phone,address."
        ),
    ],
    out: Annotated[Path, typer.Option(help="Where to write record_id,entity_id.")],
    pairs: Annotated[
        Path | None,
        typer.Option(
            help="Also write left_id,right_id,score,explanation for every pair scored at or "
            "above the review threshold (0.15, or --threshold if lower)."
        ),
    ] = None,
    threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Link pairs at or above this score.")
    ] = 0.5,
    model: Annotated[
        Path | None, typer.Option(help="A model file (JSON) to score with, e.g. a trained one.")
    ] = None,
    train_model: Annotated[
        Path | None,
        typer.Option(
            help="Train the weights on these records' candidate pairs (EM) and write "
            "the model file here; the run then uses it."
        ),
    ] = None,
) -> None:
    """Group records into entities; every readable record appears once, singletons included."""
    with collector_paused(last_job=True), reading_contacts(records) as contacts:
        _resolve(records, contacts, out, pairs, threshold, model, train_model)


def _resolve(
    records: Path,
    contacts: Callable[[], ByLine],
    out: Path,
    pairs: Path | None,
    threshold: float,
    model: Path | None,
    train_model: Path | None,
) -> None:
    from corridor.cli import context
    from corridor.domain.resolution.resolver import REVIEW_FROM, Resolver, ResolverRecord
    from corridor.domain.resolution.training import as_data, comparison, train
    from corridor.domain.screening.model import model_from_text
    from corridor.engines.resolution import joining, scored_pairs
    from corridor.ingest.records import read_records
    from corridor.ingest.rows import RowError

    started = time.perf_counter()
    read: list[ResolverRecord] = []
    for item in read_records(records, contacts):
        if isinstance(item, RowError):
            context.errors.print(
                f"{records.name}:{item.line}: {item.message} (row skipped)",
                highlight=False,
                markup=False,
            )
        else:
            read.append(item[1])
    stage = _Stages(started, context.errors)
    stage.done(f"{len(read):,} records read")
    with (
        context.errors.status(f"resolving {len(read):,} records"),
        joining([record.person for record in read]) as joined,  # the join starts now
    ):
        resolver = Resolver(
            read, model=model_from_text(model.read_text("utf-8")) if model else None
        )
        stage.done("names weighed and records indexed")
        if train_model is not None:
            trained = train([comparison(c) for c in resolver.candidates()], resolver.model)
            train_model.write_text(
                json.dumps(as_data(trained, f"trained by EM on {records.name}"), indent=2),
                encoding="utf-8",
            )
            context.errors.print(f"model trained on {records.name} written to {train_model}")
            resolver = Resolver(read, model=trained)
        # With --pairs, the doubtful pairs below the threshold are weighed and written too,
        # and every pair is explained; without, the entities need only the weights.
        scored = scored_pairs(
            resolver,
            min(threshold, REVIEW_FROM) if pairs else threshold,
            progress=stage.done,
            explain=pairs is not None,
            joined=joined,
        )
        stage.done(f"{len(scored):,} pairs kept")
        linked = [p for p in scored if p.score >= threshold]
        entity_of = resolver.entities(linked)
        stage.done("entities formed")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "entity_id"])
        writer.writerows((rid, entity_of[rid]) for rid in sorted(entity_of))
    if pairs is not None:
        with pairs.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["left_id", "right_id", "score", "explanation"])
            writer.writerows((p.left, p.right, f"{p.score:.4f}", p.explanation) for p in scored)
    context.errors.print(
        f"{len(read):,} records in {len(set(entity_of.values())):,} entities "
        f"({len(linked):,} linked pairs) in {time.perf_counter() - started:.1f} s"
    )
    kept_to_the_end(read, resolver, scored, linked, entity_of)


class _Stages:
    """Each stage of a run on the terminal as it ends, with its time."""

    def __init__(self, started: float, console: Console) -> None:
        self.last = started
        self.console = console

    def done(self, what: str) -> None:
        now = time.perf_counter()
        self.console.print(f"{what} ({now - self.last:.1f} s)", highlight=False)
        self.last = now
