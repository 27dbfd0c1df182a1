"""Entry point of the ``corridor`` command."""

from __future__ import annotations

import logging
import os
import sys
import threading
from typing import NoReturn

import typer

from corridor.cli import (
    agency,
    alerts,
    audit,
    crossings,
    db,
    demo,
    documents,
    entities,
    exchange,
    mrz,
    resolve,
    screen,
    serve,
    token,
    user,
)
from corridor.errors import CorridorError

app = typer.Typer(
    name="corridor",
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
app.command()(serve.serve)
app.command()(demo.demo)
app.command()(screen.screen)
app.command()(crossings.stays)
app.command()(resolve.resolve)
app.add_typer(db.app, name="db")
app.add_typer(agency.app, name="agency")
app.add_typer(user.app, name="user")
app.add_typer(token.app, name="token")
app.add_typer(mrz.app, name="mrz")
app.add_typer(documents.app, name="documents")
app.add_typer(alerts.app, name="alerts")
app.add_typer(crossings.app, name="crossings")
app.add_typer(audit.app, name="audit")
app.add_typer(entities.app, name="entities")
app.add_typer(exchange.node, name="node")
app.add_typer(exchange.partner, name="partner")
app.add_typer(exchange.agreement, name="agreement")
app.add_typer(exchange.exchange, name="exchange")


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
