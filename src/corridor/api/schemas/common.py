from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list; pass ``next_cursor`` back as ``cursor`` for the next, until null."""

    items: list[T]
    next_cursor: str | None


class Health(BaseModel):
    status: str
    database: str | None = None
