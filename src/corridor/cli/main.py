"""Entry point of the ``corridor`` command."""

from __future__ import annotations

import logging
import os
import sys
import threading
from importlib import import_module
from typing import TYPE_CHECKING, NoReturn

import typer
from typer.core import TyperGroup

from corridor.errors import CorridorError

if TYPE_CHECKING:  # the Click that Typer carries inside, whose group ours extends
    from typer._click import Command, Context

# Each command's module, and the function or sub-app in it, in the order ``--help`` lists
# them. A module is imported when its command runs: a file job does not load the store's
# libraries (SQLAlchemy, Alembic, the password hasher), so ``corridor resolve`` or
# ``corridor mrz check`` starts in a fraction of a second rather than one and a half.
COMMANDS = {
    "serve": ("serve", "serve"),
    "demo": ("demo", "demo"),
    "screen": ("screen", "screen"),
    "stays": ("crossings", "stays"),
    "resolve": ("resolve", "resolve"),
    "db": ("db", "app"),
    "agency": ("agency", "app"),
    "user": ("user", "app"),
    "token": ("token", "app"),
    "mrz": ("mrz", "app"),
    "documents": ("documents", "app"),
    "alerts": ("alerts", "app"),
    "crossings": ("crossings", "app"),
    "audit": ("audit", "app"),
    "entities": ("entities", "app"),
    "node": ("exchange", "node"),
    "partner": ("exchange", "partner"),
    "agreement": ("exchange", "agreement"),
    "exchange": ("exchange", "exchange"),
}


class _Commands(TyperGroup):
    """The ``corridor`` group, loading a command's module when it is asked for (Click's
    lazily loaded subcommands, on Typer's group)."""

    def list_commands(self, ctx: Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        found = COMMANDS.get(cmd_name)
        if found is None:
            return None
        module, attribute = found
        target = getattr(import_module(f"corridor.cli.{module}"), attribute)
        holder = typer.Typer(add_completion=False)  # registered as it would be eagerly
        if isinstance(target, typer.Typer):
            holder.add_typer(target, name=cmd_name)
        else:
            holder.command(cmd_name)(target)
        return typer.main.get_group(holder).commands.get(cmd_name)


app = typer.Typer(
    name="corridor",
    cls=_Commands,
    help=(
        "Corridor node: border checks, screening and partner exchange.\n\n"
        "Start with 'corridor db upgrade', then 'corridor demo' for a demo world or "
        "'corridor agency add' and 'corridor user add' for a real one, then 'corridor serve'. "
        "Settings come from CORRIDOR_* environment variables (CORRIDOR_DATABASE_URL, ...)."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _corridor() -> None:
    """The commands come from ``COMMANDS``; this makes ``corridor`` a group of them."""


def main() -> None:
    """Run the CLI; a user's mistake prints one clear line and exits 1, never a traceback."""
    try:
        app()
    except CorridorError as error:
        print(f"error: {error.detail}", file=sys.stderr)
        _leave(1)
    except SystemExit as done:
        _leave(done.code)


def _leave(code: str | int | None) -> NoReturn:
    """End the process once its output is out, without CPython's final clean-up, as mypy's
    ``hard_exit`` does: after a bulk job the interpreter would free every cached name, reading
    and comparison one by one (5 s after 200,000 records, some 15 s after a million), with
    nothing left to write. Where another thread still has work (a server's workers), the
    ordinary exit lets it finish."""
    if threading.active_count() > 1:
        sys.exit(code)
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
