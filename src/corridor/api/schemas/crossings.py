"""Crossings as partner scripts send and read them."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator


class CrossingCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    timestamp: str = Field(examples=["2026-03-01T08:15:00+07:00"])
    point: str = Field(max_length=16, examples=["HAN"])
    direction: str = Field(pattern="^(entry|exit)$")
    issuing_state: str = Field(min_length=1, max_length=3)
    document_number: str = Field(min_length=1, max_length=30)
    nationality: str = Field(default="", max_length=3)
    full_name: str = Field(default="", max_length=300)
    birth_date: str = Field(default="", max_length=10)
    sex: str = Field(default="", pattern="^[MFX]?$")
    permit_type: str = "visa_exempt"
    permit_days: int | None = Field(default=None, ge=0, le=3650)
    carrier: str = Field(default="", max_length=40)
    booking_ref: str = Field(default="", max_length=20)
    outcome: str = "admitted"
    outcome_reason: str = Field(
        default="", max_length=200, description="required when the outcome is refused"
    )
    accompanied_by: list[str] = Field(
        default_factory=list,
        max_length=8,
        description="for a minor: the accompanying adults' documents, as STATE:NUMBER",
        examples=[["VNM:C1234567"]],
    )
    reference: str = Field(default="", max_length=64)


class CrossingPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    reference: str
    timestamp: str
    local_date: date
    point: str
    direction: str
    document_key: str
    nationality: str
    full_name: str
    permit_type: str
    permit_days: int | None
    outcome: str
    outcome_reason: str
    accompanied_by: list[str]
    corrects_id: int | None
    created_at: datetime

    @field_validator("accompanied_by", mode="before")
    @classmethod
    def _keys(cls, value: object) -> object:
        return [k for k in value.split(";") if k] if isinstance(value, str) else value


class CorrectionCreate(BaseModel):
    """The fields that change, and why; the rest is taken from the crossing corrected."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=200)
    timestamp: str | None = None
    point: str | None = Field(default=None, max_length=16)
    direction: str | None = Field(default=None, pattern="^(entry|exit)$")
    issuing_state: str | None = Field(default=None, max_length=3)
    document_number: str | None = Field(default=None, max_length=30)
    nationality: str | None = Field(default=None, max_length=3)
    full_name: str | None = Field(default=None, max_length=300)
    birth_date: str | None = Field(default=None, max_length=10)
    permit_type: str | None = None
    permit_days: int | None = Field(default=None, ge=0, le=3650)
    outcome: str | None = None
    outcome_reason: str | None = Field(default=None, max_length=200)


class HistoryRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document_key: str = Field(min_length=3, max_length=40, examples=["VNM:C1234567"])


class StaysRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: date
    status: str | None = Field(default=None, pattern="^(in_country|overstaying|left|left_late)$")
