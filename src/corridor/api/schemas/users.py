from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from corridor.domain.roles import Role


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=2, max_length=63, examples=["vnm.border.hn01"])
    password: str = Field(min_length=10, max_length=200)
    roles: list[Role] = Field(min_length=1)
    display_name: str | None = Field(default=None, max_length=200)


class UserPublic(BaseModel):
    """A user as the API shows them: never the password hash."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    display_name: str
    agency: str
    roles: list[Role]
    active: bool
    created_at: datetime
    last_login_at: datetime | None

    @field_validator("agency", mode="before")
    @classmethod
    def _agency_code(cls, value: object) -> object:
        return getattr(value, "code", value)
