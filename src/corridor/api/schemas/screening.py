from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ScreeningRequest(BaseModel):
    """One traveller: the MRZ as read, or the fields (a name in any script)."""

    model_config = ConfigDict(extra="forbid")

    mrz: str | None = Field(default=None, max_length=4096)
    full_name: str | None = Field(default=None, max_length=300, examples=["NGUYEN THI THU"])
    birth_date: str = Field(default="", max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")
    nationality: str = Field(default="", max_length=3)
    sex: str = Field(default="", pattern="^[MFX]?$")
    document_number: str = Field(default="", max_length=30)
    issuing_state: str = Field(default="", max_length=3)

    @model_validator(mode="after")
    def _one_way(self) -> ScreeningRequest:
        if not self.mrz and not (self.full_name and self.full_name.strip()):
            raise ValueError("give mrz, or full_name with the other fields")
        return self


class HitPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    alert_id: int
    alert_reference: str
    alert_type: str
    owner_agency: str
    action: str
    score: float
    explanation: str
    status: str
    traveller: dict[str, Any]
    reason: str | None
    action_taken: str | None
    created_at: datetime
    reviewed_at: datetime | None


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=500)
    action_taken: str = Field(default="", max_length=500)
    where: str = Field(default="", max_length=100, description="Crossing point code, if any.")


class AlertPublic(BaseModel):
    id: int
    reference: str
    alert_type: str
    names: list[dict[str, str]]
    birth_date: str
    nationalities: list[str]
    sex: str
    documents: list[str]
    action: str
    valid_from: str | None
    valid_until: str | None
    handling_code: str
    status: str
    owner_agency: str = Field(description="the owner, for a partner's shared copy; else empty")
    shared_under: str = Field(description="the agreement it is shared under, if any")


class Withdrawal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=500)


class BatchTraveller(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = Field(default="", max_length=100, description="The traveller's id in the list.")
    full_name: str = Field(min_length=1, max_length=300)
    birth_date: str = Field(default="", max_length=10)
    nationality: str = Field(default="", max_length=3)
    sex: str = Field(default="", pattern="^[MFX]?$")
    document_number: str = Field(default="", max_length=30)


class BatchCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="passenger list", max_length=200, examples=["VN0054 HAN 2026-11-23"])
    travellers: list[BatchTraveller] = Field(min_length=1, max_length=100_000)


class BatchPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    status: str = Field(description="queued, running, done or failed")
    total: int
    done: int
    hits: int
    error: str | None
    created_at: datetime
    finished_at: datetime | None
