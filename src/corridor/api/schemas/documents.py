from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from corridor.domain.documents.registry import DocumentType, ReportReason


class DocumentCheckRequest(BaseModel):
    """Either the MRZ as read, or the issuing state and number (with the expiry if known)."""

    model_config = ConfigDict(extra="forbid")

    mrz: str | None = Field(default=None, max_length=4096, description="Lines separated by \\n.")
    issuing_state: str | None = Field(default=None, min_length=1, max_length=3)
    document_number: str | None = Field(default=None, min_length=1, max_length=30)
    expiry_date: date | None = None

    @model_validator(mode="after")
    def _one_way(self) -> DocumentCheckRequest:
        if bool(self.mrz) == bool(self.issuing_state or self.document_number):
            raise ValueError("give either mrz, or issuing_state and document_number")
        if not self.mrz and not (self.issuing_state and self.document_number):
            raise ValueError("issuing_state and document_number go together")
        return self


class ReportHitPublic(BaseModel):
    issuing_state: str
    document_number: str
    reason: ReportReason
    document_type: DocumentType
    reported_on: date
    reporting_agency: str
    match: str = Field(description="exact, or ocr_normalised (found with OCR confusions undone)")


class DocumentCheckResult(BaseModel):
    verdict: str = Field(description="clear, reported, invalid or expired")
    reasons: list[str]
    issuing_state: str
    document_number: str
    expiry_date: date | None
    expired: bool | None
    reports: list[ReportHitPublic]
    mrz: dict[str, Any] | None = Field(description="The MRZ as read: fields, checks, corrections.")


class ReportCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    issuing_state: str = Field(min_length=1, max_length=3, examples=["VNM"])
    document_number: str = Field(min_length=1, max_length=30, examples=["C1234567"])
    document_type: DocumentType = DocumentType.PASSPORT
    reason: ReportReason
    reported_on: date | None = None
    note: str = Field(default="", max_length=500)


class ReportPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    issuing_state: str
    document_number: str
    document_type: DocumentType
    reason: ReportReason
    reported_on: date
    note: str
