"""corridor entities: person records and entities in the node's store."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy.orm import Session

from corridor.cli import context
from corridor.domain.principal import Principal
from corridor.domain.resolution.training import as_data
from corridor.domain.roles import Role
from corridor.domain.screening.model import model_from_text
from corridor.services import entities
from corridor.store.models import EntityChange

app = typer.Typer(help="Person records and the entities they resolve to.", no_args_is_help=True)
AgencyOption = Annotated[str, typer.Option(help="The agency whose records these are.")]
Reason = Annotated[str, typer.Option(help="Why (kept with the change).")]


@app.command("import")
def import_command(
    agency: AgencyOption,
    records: Annotated[Path, typer.Argument(help="CSV in `corridor resolve`'s columns.")],
) -> None:
    """Store records with their source; a record already held from that source is skipped."""
    with context.database().transaction() as session:
        principal = context.administrator(session, agency, Role.ANALYST)
        summary = entities.import_records(session, principal, records)
    for error in summary.errors:
        context.errors.print(f"{records.name}:{error.line}: {error.message} (row skipped)")
    context.console.print(f"{summary.imported:,} records stored, {summary.already:,} already held")


@app.command("resolve")
def resolve_command(
    agency: AgencyOption,
    reason: Reason = "bulk re-run",
    model: Annotated[
        Path | None, typer.Option(help="A model file to score with (corridor entities train).")
    ] = None,
) -> None:
    """Resolve every record again (judgements honoured); the change can be undone."""
    database = context.database()
    with database.transaction() as session:
        principal = context.administrator(session, agency, Role.ANALYST)
    chosen = model_from_text(model.read_text("utf-8")) if model else None
    with context.errors.status("resolving"):
        done = entities.resolve_all(database, principal, reason, chosen)
    context.console.print(
        f"{done.records:,} records in {done.entities:,} entities ({done.linked_pairs:,} linked "
        f"pairs); {done.review_pairs:,} pairs to review; change {done.change_id}"
    )


@app.command("review")
def review_command(agency: AgencyOption, limit: int = 20) -> None:
    """The pairs waiting for an analyst, strongest first."""
    with context.database().transaction() as session:
        principal = context.administrator(session, agency, Role.ANALYST)
        rows = [
            (str(p.left_id), str(p.right_id), f"{p.score:.3f}", p.explanation)
            for p in entities.review_queue(session, principal, limit)
        ]
    table = Table("left", "right", "score", "explanation")
    for row in rows:
        table.add_row(*row)
    context.console.print(table)


@app.command("judge")
def judge_command(
    agency: AgencyOption,
    left: Annotated[int, typer.Argument(help="A record id.")],
    right: Annotated[int, typer.Argument(help="Another record id.")],
    verdict: Annotated[str, typer.Option(help="same, not_same or unsure")],
    reason: Reason,
) -> None:
    """Say whether two records are one person; it holds for every later re-run."""
    with context.database().transaction() as session:
        principal = context.administrator(session, agency, Role.ANALYST)
        entities.judge(session, principal, left, right, verdict, reason)
    context.console.print(f"records {left} and {right}: {verdict}")


def _change(done: str, agency: str, action: Callable[[Session, Principal], EntityChange]) -> None:
    """Run one change to who is who as the agency's analyst and say what it moved."""
    with context.database().transaction() as session:
        change = action(session, context.administrator(session, agency, Role.ANALYST))
        context.console.print(f"{done}: change {change.id} ({len(change.after)} records moved)")


@app.command("merge")
def merge_command(
    agency: AgencyOption,
    entity_ids: Annotated[list[int], typer.Argument(help="Two or more entity ids.")],
    reason: Reason,
) -> None:
    """One entity from several."""
    _change(
        "merged",
        agency,
        lambda session, analyst: entities.merge(session, analyst, entity_ids, reason),
    )


@app.command("split")
def split_command(
    agency: AgencyOption,
    record_ids: Annotated[list[int], typer.Argument(help="Records to take out, together.")],
    reason: Reason,
) -> None:
    """Take records out of their entity into one of their own."""
    _change(
        "split",
        agency,
        lambda session, analyst: entities.split(session, analyst, record_ids, reason),
    )


@app.command("undo")
def undo_command(
    agency: AgencyOption,
    change_id: Annotated[int, typer.Argument(help="The change to undo.")],
    reason: Reason,
) -> None:
    """Put every record a change moved back where it was (latest changes first)."""
    _change(
        "undone",
        agency,
        lambda session, analyst: entities.undo(session, analyst, change_id, reason),
    )


@app.command("show")
def show_command(
    agency: AgencyOption,
    entity_id: Annotated[int, typer.Argument(help="The entity id.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """An entity: each value with the records it came from, and its records side by side."""
    with context.database().transaction() as session:
        principal = context.administrator(session, agency, Role.ANALYST)
        view = entities.show(session, principal, entity_id, "command line")
    if as_json:
        context.print_json(
            {"entity_id": view.entity_id, "values": view.values, "records": view.records}
        )
        return
    table = Table("field", "value", "from")
    for name, values in view.values.items():
        for item in values:
            table.add_row(name, item["value"], ", ".join(item["sources"]))
    context.console.print(table)


@app.command("partner-matches")
def partner_matches_command(
    agency: AgencyOption,
    why: Annotated[str, typer.Option(help="Why you read them (kept in the audit trail).")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Partners' shared alerts whose subject is one of the agency's entities, best first."""
    with context.database().transaction() as session:
        principal = context.administrator(session, agency, Role.ANALYST)
        found = entities.partner_matches(session, principal, why)
    if as_json:
        context.print_json([dataclasses.asdict(m) for m in found])
        return
    table = Table("alert", "owner", "type", "handling", "entity", "record", "score")
    for m in found:
        table.add_row(
            m.reference,
            m.owner,
            m.alert_type,
            m.handling_code,
            str(m.entity_id),
            str(m.record_id),
            f"{m.score:.3f}",
        )
    context.console.print(table)
    context.console.print(f"{len(found):,} shared alerts match an entity")


@app.command("export")
def export_command(
    agency: AgencyOption,
    out: Annotated[Path, typer.Option(help="JSON Lines file of FollowTheMoney Person entities.")],
) -> None:
    """Every entity as a FollowTheMoney Person, each value a statement naming its record and
    source, for partners' investigative tools."""
    out.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with context.database().transaction() as session, out.open("w", encoding="utf-8") as handle:
        principal = context.administrator(session, agency, Role.ANALYST)
        for entity in entities.export_ftm(session, principal):
            handle.write(json.dumps(entity, ensure_ascii=False) + "\n")
            count += 1
    context.console.print(f"{count:,} entities written to {out}")


@app.command("train")
def train_command(
    agency: AgencyOption,
    out: Annotated[Path, typer.Option(help="Where to write the trained model (JSON).")],
) -> None:
    """Train the weights on the agency's records (EM), every judged pair counted as judged;
    write the model file, for `corridor entities resolve --model`."""
    with context.database().transaction() as session:
        principal = context.administrator(session, agency, Role.ANALYST)
        trained = entities.train_model(session, principal)
    out.write_text(
        json.dumps(as_data(trained, f"trained by EM on {agency}'s records"), indent=2),
        encoding="utf-8",
    )
    context.console.print(f"model {trained.version} written to {out}")
