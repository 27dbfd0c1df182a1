"""Liveness and readiness, the only endpoints that need no credentials."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from corridor.api.deps import DatabaseDep
from corridor.api.problems import problem
from corridor.api.schemas.common import Health
from corridor.store.migrate import pending

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get("/readyz", response_model=Health, responses={503: {"description": "Not ready"}})
def readyz(request: Request, database: DatabaseDep) -> Health | JSONResponse:
    """The database answers and its schema is current."""
    try:
        database.ping()
        missing = pending(database)
    except SQLAlchemyError as exc:
        return problem(503, "Not ready", f"database unreachable ({type(exc).__name__})", request)
    if missing:
        return problem(
            503,
            "Not ready",
            f"{len(missing)} migration(s) pending: run 'corridor db upgrade'",
            request,
        )
    return Health(status="ok", database=database.backend)
