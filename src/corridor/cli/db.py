from __future__ import annotations

import typer

from corridor.cli import context
from corridor.store import migrate

app = typer.Typer(help="Create and migrate the node's store.", no_args_is_help=True)


@app.command()
def upgrade() -> None:
    """Apply every pending schema migration (creates the SQLite file if needed)."""
    database = context.database()
    before = migrate.pending(database)
    migrate.upgrade(database)
    context.console.print(
        f"database at {database.engine.url.render_as_string(hide_password=True)}: "
        + (f"applied {len(before)} migration(s)" if before else "already up to date")
    )


@app.command()
def status() -> None:
    """Show whether migrations are pending; exit 1 if they are."""
    pending = migrate.pending(context.database())
    if pending:
        context.console.print(f"{len(pending)} migration(s) pending: run 'corridor db upgrade'")
        raise typer.Exit(1)
    context.console.print("schema up to date")
