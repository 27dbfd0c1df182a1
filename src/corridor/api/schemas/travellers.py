from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator


class DocumentPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    document_code: str
    number: str
    issuing_state: str
    issued_on: date | None
    expires_on: date
    mrz: list[str] = Field(description="The machine-readable zone, one string per line.")

    @field_validator("mrz", mode="before")
    @classmethod
    def _lines(cls, value: object) -> object:
        return value.splitlines() if isinstance(value, str) else value


class TravellerPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    family_name: str
    given_names: str
    native_name: str | None
    script: str
    birth_date: date
    sex: str
    nationality: str
    source: str
    documents: list[DocumentPublic]
