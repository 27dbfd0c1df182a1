"""The node's ASGI application: API, web pages and static files, built from injected settings."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from corridor import __version__
from corridor.api import problems
from corridor.api.limits import BodySizeLimit
from corridor.api.routers import (
    agencies,
    alerts,
    audit,
    border_check,
    crossings,
    documents,
    entities,
    exchange,
    health,
    me,
    partnerships,
    requests,
    screening,
    tokens,
    travellers,
    users,
)
from corridor.settings import Settings, get_settings
from corridor.store.database import Database
from corridor.web import entity_routes, exchange_routes, screening_routes
from corridor.web import routes as web_routes

STATIC = Path(__file__).parent.parent / "web" / "static"


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Corridor node API",
        version=__version__,
        description=(
            "The contract for partner nodes and agencies' own systems. Every endpoint but "
            "/healthz and /readyz needs `Authorization: Bearer <token>`; errors are RFC 9457 "
            "problem documents; lists are paginated with opaque cursors."
        ),
        # Swagger UI and ReDoc load their scripts from a CDN; closed networks cannot reach one.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.database = database or Database(settings.database_url)
    problems.install(app)
    for router in (
        health,
        me,
        agencies,
        users,
        tokens,
        travellers,
        documents,
        alerts,
        screening,
        border_check,
        crossings,
        partnerships,
        requests,
        entities,
        exchange,
        audit,
    ):
        app.include_router(router.router)
    app.include_router(web_routes.router)
    app.include_router(screening_routes.router)
    app.include_router(exchange_routes.router)
    app.include_router(entity_routes.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    return app
