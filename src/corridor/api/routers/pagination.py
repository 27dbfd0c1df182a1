"""Query parameters shared by every list endpoint."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

Cursor = Annotated[
    str | None, Query(description="`next_cursor` of the previous page; omit for the first.")
]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (1-500).")]
