"""The demo world's agreements: the memoranda its agencies signed, as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class AgreementSpec:
    code: str
    title: str
    parties: tuple[str, ...]
    terms: tuple[str, ...]
    valid_from: date
    valid_until: date | None
    handling_code: str
    answer_days: int


DEMO_AGREEMENTS = (
    AgreementSpec(
        "VNM-GBR-2026",
        "Viet Nam-UK memorandum on illegal migration and returns",
        ("VNM-MPS", "GBR-HO"),
        (
            "alerts:*:VNM-MPS>GBR-HO:border_control,criminal_investigation,trafficking_protection",
            "alerts:*:GBR-HO>VNM-MPS:border_control,criminal_investigation,trafficking_protection",
            "document_reports:VNM-MPS>GBR-HO:border_control",
            "document_reports:GBR-HO>VNM-MPS:border_control",
            "requests:VNM-MPS>GBR-HO:readmission,criminal_investigation,trafficking_protection",
            "requests:GBR-HO>VNM-MPS:readmission,criminal_investigation,trafficking_protection",
        ),
        date(2026, 1, 1),
        date(2030, 12, 31),
        "law_enforcement_only",
        10,
    ),
    AgreementSpec(
        "VNM-CHN-2026",
        "Viet Nam-China cooperation against illegal border crossing and trafficking",
        ("VNM-MPS", "CHN-NIA"),
        (
            "alerts:wanted:VNM-MPS>CHN-NIA:border_control,criminal_investigation",
            "alerts:wanted:CHN-NIA>VNM-MPS:border_control,criminal_investigation",
            "alerts:missing:VNM-MPS>CHN-NIA:trafficking_protection",
            "alerts:missing:CHN-NIA>VNM-MPS:trafficking_protection",
            "alerts:victim:VNM-MPS>CHN-NIA:trafficking_protection",
            "alerts:victim:CHN-NIA>VNM-MPS:trafficking_protection",
            "crossings:VNM-MPS>CHN-NIA:border_control",
            "crossings:CHN-NIA>VNM-MPS:border_control",
        ),
        date(2026, 3, 1),
        None,
        "restricted",
        15,
    ),
    AgreementSpec(
        "ASEAN-BORDER-2026",
        "ASEAN partners' arrangement on border-control information",
        ("VNM-MPS", "THA-IMB", "KHM-GDI"),
        tuple(
            f"alerts:{kind}:{source}>{recipient}:border_control,trafficking_protection"
            for kind in ("wanted", "missing", "victim")
            for source in ("VNM-MPS", "THA-IMB", "KHM-GDI")
            for recipient in ("VNM-MPS", "THA-IMB", "KHM-GDI")
            if source != recipient
        ),
        date(2026, 1, 1),
        None,
        "restricted",
        20,
    ),
)

# (days ago it was sent, the request): open, asked back, overdue
DEMO_REQUESTS: tuple[tuple[int, dict[str, Any]], ...] = (
    (
        1,
        {
            "partner": "GBR-HO",
            "about": "person",
            "subject": "Woman, 19, from Nghe An, believed taken by lorry from Belgium to Kent in "
            "March: any record of her arrival or of a claim for asylum?",
            "purpose": "criminal_investigation",
            "agreement": "VNM-GBR-2026",
            "grading": "4x4:B2",
        },
    ),
    (
        6,
        {
            "partner": "GBR-HO",
            "about": "document",
            "subject": "Passport reported stolen in Ha Noi, seen at Heathrow: who presented it?",
            "purpose": "criminal_investigation",
            "agreement": "VNM-GBR-2026",
            "grading": "3x5x2:1BP",
        },
    ),
    (
        25,
        {
            "partner": "GBR-HO",
            "about": "case",
            "subject": "Readmission case of 12 nationals held at Dover: identity confirmations",
            "purpose": "readmission",
            "agreement": "VNM-GBR-2026",
            "grading": "4x4:A2",
        },
    ),
)
# (days until its deadline, a request received from GBR-HO); a negative number is overdue
DEMO_RECEIVED: tuple[tuple[int, dict[str, Any]], ...] = (
    (
        -3,
        {
            "about": "person",
            "subject": "Man found in a nail bar in Birmingham says he is 16 and from Quang Binh: "
            "is there a birth or residence record?",
            "purpose": "trafficking_protection",
            "handling_code": "law_enforcement_only",
            "grading": "3x5x2:2CP",
        },
    ),
    (
        7,
        {
            "about": "crossing",
            "subject": "Did passport C2345678 leave Viet Nam through Noi Bai in January?",
            "purpose": "criminal_investigation",
            "handling_code": "restricted",
            "grading": "4x4:B3",
        },
    ),
)
