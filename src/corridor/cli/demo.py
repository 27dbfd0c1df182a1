from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from corridor.cli import context
from corridor.demo.load import load_demo
from corridor.errors import ConfigurationError, Conflict
from corridor.settings import Environment
from corridor.store import migrate


def demo(
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same world.")] = 7,
    travellers: Annotated[
        int, typer.Option(min=0, max=5_000_000, help="Travellers to create.")
    ] = 20_000,
    replace: Annotated[bool, typer.Option(help="Wipe the store first if it holds data.")] = False,
    skip_if_loaded: Annotated[
        bool, typer.Option(help="Leave a store that already holds data as it is and succeed.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Load the demo world: agencies, users for every role, crossing points, travellers."""
    settings = context.settings()
    if settings.env is Environment.PRODUCTION:
        raise ConfigurationError(
            "the demo world is refused in production (CORRIDOR_ENV=production)"
        )
    database = context.database()
    migrate.upgrade(database)
    columns = (TextColumn("demo world"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=context.errors, disable=as_json) as bar:
        task = bar.add_task("travellers", total=travellers)
        try:
            summary = load_demo(
                database,
                seed=seed,
                traveller_count=travellers,
                replace=replace,
                progress=lambda n: bar.advance(task, n),
            )
        except Conflict:
            if not skip_if_loaded:
                raise
            context.console.print("the store already holds data; leaving it as it is")
            return
    if as_json:
        context.print_json(
            {
                "agencies": summary.agencies,
                "points": summary.points,
                "travellers": summary.travellers,
                "documents": summary.documents,
                "reports": summary.reports,
                "alerts": summary.alerts,
                "crossings": summary.crossings,
                "agreements": summary.agreements,
                "shared": summary.shared,
                "requests": summary.requests,
                "users": [u for u, _, _ in summary.users],
            }
        )
        return
    context.console.print(
        f"loaded {summary.agencies} agencies, {summary.points} crossing points, "
        f"{summary.travellers:,} travellers with {summary.documents:,} documents, "
        f"{summary.reports:,} of them on the lost, stolen and forged register; "
        f"{summary.alerts:,} alerts; {summary.crossings:,} crossings over the last year; "
        f"{summary.agreements} agreements, {summary.shared} alert shares waiting for partners, "
        f"{summary.requests} requests for information"
    )
    table = Table("username", "agency", "role", title=f"Demo users (password: {summary.password})")
    for username, agency, role in summary.users:
        table.add_row(username, agency, role)
    context.console.print(table)
