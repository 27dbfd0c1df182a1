"""Keyset pagination: an opaque cursor names the last row seen, so pages stay stable as rows
are added, and no page costs more than its own rows."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from corridor.errors import InvalidInput

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    next_cursor: str | None


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        kind, _, value = raw.partition(":")
        if kind != "id":
            raise ValueError(kind)
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput(
            "the cursor is not one this node issued; start from the first page"
        ) from None


def page_of(rows: Sequence[T], limit: int, key: Callable[[T], int]) -> Page[T]:
    """Rows were fetched with ``limit + 1``; the extra one only says a next page exists."""
    if len(rows) > limit:
        items = rows[:limit]
        return Page(items=items, next_cursor=encode_cursor(key(items[-1])))
    return Page(items=rows, next_cursor=None)
