"""The lost, stolen and forged document registry: what a report holds and what a check says."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from corridor.domain.countries import is_document_state
from corridor.domain.documents.mrz_parser import MRZReading
from corridor.domain.documents.ocr import number_key
from corridor.domain.documents.transliteration import to_mrz_alphanumeric
from corridor.errors import InvalidInput


class ReportReason(StrEnum):
    LOST = "lost"
    STOLEN = "stolen"
    REVOKED = "revoked"
    INVALIDATED = "invalidated"
    FORGED = "forged"


class DocumentType(StrEnum):
    PASSPORT = "passport"
    ID_CARD = "id_card"
    VISA = "visa"
    TRAVEL_DOCUMENT = "travel_document"
    OTHER = "other"


def type_of_code(document_code: str) -> DocumentType:
    """The registry type of an MRZ document code (P..., I/A/C..., V...)."""
    first = document_code[:1]
    return {
        "P": DocumentType.PASSPORT,
        "V": DocumentType.VISA,
        "I": DocumentType.ID_CARD,
        "A": DocumentType.ID_CARD,
        "C": DocumentType.ID_CARD,
    }.get(first, DocumentType.OTHER)


@dataclass(frozen=True, slots=True)
class ReportSpec:
    issuing_state: str
    document_number: str
    document_type: DocumentType
    reason: ReportReason
    reported_on: date
    note: str

    @property
    def number_key(self) -> str:
        return number_key(self.document_number)


def validate_report(values: dict[str, Any], today: date) -> ReportSpec:
    """A report from loose input (a CSV row, a JSON object); ``InvalidInput`` names the field."""
    state = str(values.get("issuing_state") or "").strip().upper()
    if not is_document_state(state):
        raise InvalidInput(f"issuing_state {state!r} is not an ISO 3166-1 alpha-3 or ICAO code")
    raw_number = str(values.get("document_number") or "")
    number = to_mrz_alphanumeric(raw_number)
    if not number or len(number) > 22:
        raise InvalidInput(f"document_number {raw_number!r} must have 1 to 22 letters or digits")
    kind = str(values.get("document_type") or "passport").strip().lower()
    reason = str(values.get("reason") or "").strip().lower()
    try:
        document_type = DocumentType(kind)
    except ValueError:
        known = ", ".join(t.value for t in DocumentType)
        raise InvalidInput(f"document_type {kind!r} is not one of {known}") from None
    try:
        report_reason = ReportReason(reason)
    except ValueError:
        known = ", ".join(r.value for r in ReportReason)
        raise InvalidInput(f"reason {reason!r} is not one of {known}") from None
    reported_on = _date(values.get("reported_on"), today)
    note = " ".join(str(values.get("note") or "").split())
    if len(note) > 500:
        raise InvalidInput("note has more than 500 characters")
    return ReportSpec(state, number, document_type, report_reason, reported_on, note)


def _date(value: Any, today: date) -> date:
    if value in (None, ""):
        return today
    if isinstance(value, date):
        parsed = value
    else:
        try:
            parsed = date.fromisoformat(str(value).strip())
        except ValueError:
            raise InvalidInput(f"reported_on {value!r} is not a date (YYYY-MM-DD)") from None
    if parsed > today:
        raise InvalidInput(f"reported_on {parsed.isoformat()} is in the future")
    return parsed


@dataclass(frozen=True, slots=True)
class ReportHit:
    issuing_state: str
    document_number: str
    reason: str
    document_type: str
    reported_on: date
    reporting_agency: str
    match: str  # "exact" or "ocr_normalised"


@dataclass(frozen=True, slots=True)
class DocumentCheck:
    """A border officer's answer: is the document genuine-looking, valid and unreported?"""

    issuing_state: str
    document_number: str
    reading: MRZReading | None
    expiry_date: date | None
    expired: bool | None
    reports: tuple[ReportHit, ...]

    @property
    def verdict(self) -> str:
        if self.reports:
            return "reported"
        if self.reading is not None and not self.reading.valid:
            return "invalid"
        if self.expired:
            return "expired"
        return "clear"

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "reasons": self.reasons,
            "issuing_state": self.issuing_state,
            "document_number": self.document_number,
            "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
            "expired": self.expired,
            "reports": [
                {
                    "issuing_state": h.issuing_state,
                    "document_number": h.document_number,
                    "reason": h.reason,
                    "document_type": h.document_type,
                    "reported_on": h.reported_on.isoformat(),
                    "reporting_agency": h.reporting_agency,
                    "match": h.match,
                }
                for h in self.reports
            ],
            "mrz": self.reading.as_dict() if self.reading else None,
        }

    @property
    def reasons(self) -> list[str]:
        out = [
            f"reported {hit.reason} by {hit.reporting_agency} on {hit.reported_on.isoformat()}"
            + (" (number read with OCR confusions normalised)" if hit.match != "exact" else "")
            for hit in self.reports
        ]
        if self.reading is not None:
            out += self.reading.errors
        if self.expired and self.expiry_date:
            out.append(f"expired on {self.expiry_date.isoformat()}")
        return out


def classify(state: str, number: str, hit_state: str, hit_number: str) -> str:
    return "exact" if (state, number) == (hit_state, hit_number) else "ocr_normalised"
