from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from corridor.cli import context
from corridor.errors import ConfigurationError
from corridor.store import migrate


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the node: web interface, API (/api/v1) and its description (/openapi.json)."""
    from corridor.api.app import create_app

    settings = context.settings()
    database = context.database()
    if migrate.pending(database):
        raise ConfigurationError("the database schema is not current: run 'corridor db upgrade'")
    context.console.print(f"Corridor node on http://{host}:{port}  (Ctrl+C stops it)")
    uvicorn.run(create_app(settings, database), host=host, port=port, log_level="info")
