"""Agreements, partners and exchange messages as administrators and liaison officers see them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class AgreementCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=64, examples=["VNM-GBR-2026"])
    title: str = Field(min_length=1, max_length=300)
    parties: list[str] = Field(min_length=2, max_length=20, examples=[["VNM-MPS", "GBR-HO"]])
    terms: list[str] = Field(
        min_length=1,
        max_length=200,
        description="CATEGORY:SOURCE>RECIPIENT[:PURPOSE,...]",
        examples=[["alerts:wanted:VNM-MPS>GBR-HO:border_control"]],
    )
    valid_from: date
    valid_until: date | None = None
    handling_code: str = "restricted"
    answer_days: int = Field(default=10, ge=1, le=365)


class AgreementChange(BaseModel):
    """An amendment (any of the fields) or a change of status (suspended, ended, active)."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=300)
    effective: date | None = None
    title: str | None = Field(default=None, max_length=300)
    parties: list[str] | None = None
    terms: list[str] | None = None
    valid_until: date | None = None
    handling_code: str | None = None
    answer_days: int | None = Field(default=None, ge=1, le=365)
    status: str | None = Field(default=None, pattern="^(active|suspended|ended)$")


class AgreementPublic(BaseModel):
    code: str
    version: int
    title: str
    parties: list[str]
    status: str
    valid_from: date
    valid_until: date | None
    handling_code: str
    answer_days: int
    terms: list[str]
    effective: date


class PartnerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agency: str = Field(min_length=2, max_length=16)
    base_url: str = Field(min_length=8, max_length=300, examples=["https://corridor.ho.gov.uk"])
    public_key: str = Field(min_length=44, max_length=44, description="Ed25519, base64")


class PartnerPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    agency_code: str
    base_url: str
    public_key: str
    pulled_through: int
    last_sync_at: datetime | None
    last_error: str


class Share(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agreement: str = Field(min_length=1, max_length=64)


class ShareMany(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agreement: str = Field(min_length=1, max_length=64)
    alert_ids: list[int] = Field(min_length=1, max_length=200_000)


class ReportShare(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agreement: str = Field(min_length=1, max_length=64)
    report_ids: list[int] = Field(min_length=1, max_length=200_000)


class ReportShareResult(BaseModel):
    report_ids: list[int]
    agreement: str
    recipients: list[str]


class ShareResult(BaseModel):
    alert_ids: list[int]
    agreement: str
    recipients: list[str]


class MessagePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    uid: str
    direction: str
    partner: str
    kind: str
    agreement: str
    status: str
    payload: dict[str, Any]
    created_at: datetime
    delivered_at: datetime | None


class SyncPublic(BaseModel):
    partner: str
    pulled: int
    upserted: int
    withdrawn: int
    skipped: int
    delivered: int
    through: int
    refused: list[str]
    error: str


class NotificationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    payload: dict[str, Any]
    created_at: datetime
