"""The border check in one call: what the booth sends and what it gets back."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from corridor.api.schemas.crossings import CrossingPublic
from corridor.api.schemas.documents import DocumentCheckResult
from corridor.api.schemas.screening import HitPublic, ScreeningRequest


class DecisionCreate(BaseModel):
    """The officer's decision; with it, the crossing is recorded in the same call."""

    model_config = ConfigDict(extra="forbid")

    permit_type: str = Field(examples=["visa_exempt"])
    permit_days: int | None = Field(
        default=None, ge=0, le=3650, description="empty: the country's rule for the nationality"
    )
    outcome: str = Field(default="admitted", pattern="^(admitted|refused|referred)$")
    outcome_reason: str = Field(default="", max_length=200)
    carrier: str = Field(default="", max_length=40)
    booking_ref: str = Field(default="", max_length=20)
    accompanied_by: list[str] = Field(default_factory=list, max_length=8)


class BorderCheckRequest(ScreeningRequest):
    point: str = Field(default="", max_length=16, examples=["HAN"])
    direction: str = Field(default="entry", pattern="^(entry|exit)$")
    record: DecisionCreate | None = None

    @model_validator(mode="after")
    def _record_needs_point(self) -> BorderCheckRequest:
        if self.record is not None and not self.point:
            raise ValueError("give the crossing point to record the crossing")
        return self


class StayPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    entered: date
    point: str
    permitted_until: date | None
    days_in_country: int
    overstay_days: int


class BorderCheckResult(BaseModel):
    traveller: dict[str, str]
    document: DocumentCheckResult | None
    hits: list[HitPublic]
    recent_crossings: list[CrossingPublic]
    current_stay: StayPublic | None
    warnings: list[str]
    crossing: CrossingPublic | None
