"""One exception hierarchy for the whole node; each error carries the HTTP status it maps to.

The domain raises these without knowing about HTTP: the API maps ``status`` and ``title`` to an
RFC 9457 problem document, the CLI prints ``str(error)`` and exits non-zero.
"""

from __future__ import annotations


class CorridorError(Exception):
    """Base of every error a user can cause; the message says what to do about it."""

    status: int = 400
    title: str = "Bad request"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class InvalidInput(CorridorError):
    status = 422
    title = "Invalid input"


class NotFound(CorridorError):
    status = 404
    title = "Not found"


class Conflict(CorridorError):
    status = 409
    title = "Conflict"


class Unauthenticated(CorridorError):
    status = 401
    title = "Authentication required"


class PermissionDenied(CorridorError):
    status = 403
    title = "Permission denied"


class ConfigurationError(CorridorError):
    """The node's settings are unsafe or inconsistent; raised at start-up, never per request."""

    status = 500
    title = "Configuration error"
