"""Agreements between agencies, and the check every outbound message passes.

An agreement is kept as a list of versions: amending, suspending or ending it adds a version
and never edits one, so what it allowed on any past day stays explainable. A term lets one
category of data flow from one agency to another for named purposes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from corridor.domain.screening.alerts import AlertType
from corridor.errors import InvalidInput

CATEGORIES = (
    *(f"alerts:{kind.value}" for kind in AlertType),
    "document_reports",
    "crossings",
    "case_data",
    "statistics",
    "requests",
)
PURPOSES = (
    "border_control",
    "criminal_investigation",
    "trafficking_protection",
    "readmission",
    "migration_statistics",
)
STATUSES = ("active", "suspended", "ended")
TERM = re.compile(
    r"^(?P<category>[a-z_]+(?::[a-z_*]+)?):(?P<source>[A-Z0-9-]+)>(?P<recipient>[A-Z0-9-]+)"
    r"(?::(?P<purposes>[a-z_,]+))?$"
)


@dataclass(frozen=True, slots=True)
class Term:
    """``category`` may flow from ``source`` to ``recipient`` for any of ``purposes``."""

    category: str
    source: str
    recipient: str
    purposes: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Term:
        """``CATEGORY:SOURCE>RECIPIENT[:PURPOSE,PURPOSE]``, e.g.
        ``alerts:wanted:VNM-MPS>GBR-HO:border_control,criminal_investigation``; no purposes
        means every purpose. ``alerts:*`` stands for every alert type."""
        found = TERM.match("".join(text.split()))
        if found is None:
            raise InvalidInput(
                f"term {text!r} is not CATEGORY:SOURCE>RECIPIENT[:PURPOSE,...], "
                "e.g. alerts:wanted:VNM-MPS>GBR-HO:border_control"
            )
        category = found["category"]
        if category != "alerts:*" and category not in CATEGORIES:
            raise InvalidInput(f"category {category!r} is not one of {', '.join(CATEGORIES)}")
        purposes = tuple(p for p in (found["purposes"] or "").split(",") if p) or PURPOSES
        unknown = [p for p in purposes if p not in PURPOSES]
        if unknown:
            raise InvalidInput(f"purpose {unknown[0]!r} is not one of {', '.join(PURPOSES)}")
        if found["source"] == found["recipient"]:
            raise InvalidInput(f"term {text!r} sends data from an agency to itself")
        return cls(category, found["source"], found["recipient"], purposes)

    def carries(self, category: str) -> bool:
        return self.category == category or (
            self.category == "alerts:*" and category.startswith("alerts:")
        )

    def __str__(self) -> str:
        return f"{self.category}:{self.source}>{self.recipient}:{','.join(self.purposes)}"


@dataclass(frozen=True, slots=True)
class AgreementVersion:
    code: str
    version: int
    title: str
    parties: tuple[str, ...]
    status: str
    valid_from: date
    valid_until: date | None
    handling_code: str
    answer_days: int
    terms: tuple[Term, ...]
    effective: date  # the day this version took effect


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a flow may happen, under which agreement, or which term blocked it."""

    allowed: bool
    reason: str
    agreement: str = ""
    version: int = 0


def in_force(versions: list[AgreementVersion], on: date) -> AgreementVersion | None:
    """The version of one agreement in force on ``on`` (the latest that took effect by then)."""
    earlier = [v for v in versions if v.effective <= on]
    return max(earlier, key=lambda v: v.version) if earlier else None


def check_flow(
    agreements: dict[str, list[AgreementVersion]],
    category: str,
    source: str,
    recipient: str,
    purpose: str | None,
    on: date,
    agreement: str | None = None,
) -> Verdict:
    """May ``category`` go from ``source`` to ``recipient`` for ``purpose`` on ``on``, under
    ``agreement`` if one is named (else any)? ``purpose`` None accepts any purpose (a hit
    notification goes back to the owner for whatever purpose the alert was shared). A refusal
    names what blocked it."""
    codes = [agreement] if agreement else sorted(agreements)
    if agreement and agreement not in agreements:
        return Verdict(False, f"no agreement {agreement!r}")
    reasons = []
    for code in codes:
        current = in_force(agreements[code], on)
        if current is None:
            reasons.append(f"{code} is not yet in force on {on}")
            continue
        blocked = _blocked(current, category, source, recipient, purpose, on)
        if blocked is None:
            return Verdict(True, f"{code} v{current.version}", code, current.version)
        reasons.append(f"{code} v{current.version}: {blocked}")
    if not reasons:
        return Verdict(False, f"no agreement lets {category} go from {source} to {recipient}")
    return Verdict(False, "; ".join(reasons))


def _blocked(
    version: AgreementVersion,
    category: str,
    source: str,
    recipient: str,
    purpose: str | None,
    on: date,
) -> str | None:
    if version.status != "active":
        return f"the agreement is {version.status}"
    if on < version.valid_from:
        return f"the agreement starts on {version.valid_from}"
    if version.valid_until is not None and on > version.valid_until:
        return f"the agreement ended on {version.valid_until}"
    if source not in version.parties or recipient not in version.parties:
        return f"{source} and {recipient} are not both parties"
    flows = [t for t in version.terms if t.source == source and t.recipient == recipient]
    carrying = [t for t in flows if t.carries(category)]
    if not carrying:
        return f"no term lets {category} go from {source} to {recipient}"
    if purpose is not None and not any(purpose in t.purposes for t in carrying):
        return f"the purpose {purpose} is not among the term's purposes"
    return None
