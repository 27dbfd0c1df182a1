"""Every error leaves the API as an RFC 9457 problem document with a message a person can act on."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from corridor.errors import CorridorError

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("corridor.api")


def problem(status: int, title: str, detail: str, request: Request, **extra: Any) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    errors = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ()) if part != "body"]
        errors.append({"field": ".".join(location) or "body", "message": error.get("msg", "")})
    return errors


def install(app: FastAPI) -> None:
    @app.exception_handler(CorridorError)
    async def corridor_error(request: Request, exc: CorridorError) -> JSONResponse:
        return problem(exc.status, exc.title, exc.detail, request)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        if any(e.get("type") in ("json_invalid", "json_type") for e in exc.errors()):
            return problem(400, "Malformed JSON", "the request body is not valid JSON", request)
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        return problem(422, "Invalid input", summary, request, errors=errors)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        titles = {400: "Bad request", 404: "Not found", 405: "Method not allowed"}
        title = titles.get(exc.status_code, "Error")
        detail = exc.detail if isinstance(exc.detail, str) else title
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}; the API is described at /openapi.json"
        elif exc.status_code == 400 and detail == "There was an error parsing the body":
            detail = "the request body could not be read: send UTF-8 JSON"
        return problem(exc.status_code, title, detail, request)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Log the type only: messages may carry personal data from the request.
        log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path)
        return problem(
            500,
            "Internal error",
            "the node could not complete the request; nothing was saved",
            request,
        )
