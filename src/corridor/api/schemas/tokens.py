from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, examples=["passenger-list sync"])
    days: int | None = Field(default=None, ge=1, le=3650, description="Lifetime; none = no expiry.")


class TokenPublic(BaseModel):
    """A token's metadata; the secret itself is never shown again after creation."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    kind: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None


class TokenCreated(TokenPublic):
    token: str = Field(description="The secret, shown only in this response. Store it safely.")
