"""Alerts: who an agency is looking for, why, and what to do on a hit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from corridor.domain.countries import is_document_state
from corridor.domain.names.scripts import script_of
from corridor.domain.screening.dates import parse_birth_date
from corridor.errors import InvalidInput


class AlertType(StrEnum):
    WANTED = "wanted"  # arrest or extradition
    MISSING = "missing"  # missing or trafficked person, children first
    VICTIM = "victim"  # protect on sight
    SUSPECT_SMUGGLER = "suspect_smuggler"
    SUSPECT_TRAFFICKER = "suspect_trafficker"
    REFUSED_ENTRY = "refused_entry"
    WATCH = "watch"  # discreet check


class AlertStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class NameKind(StrEnum):
    PRIMARY = "primary"
    ALIAS = "alias"
    ORIGINAL_SCRIPT = "original_script"
    MAIDEN = "maiden"


DEFAULT_ACTION = {
    AlertType.WANTED: "detain and inform the owner agency",
    AlertType.MISSING: "protect, refer to the child-protection officer, inform the owner agency",
    AlertType.VICTIM: "protect, refer to victim support, inform the owner agency",
    AlertType.SUSPECT_SMUGGLER: "second-line check, inform the owner agency",
    AlertType.SUSPECT_TRAFFICKER: "second-line check, inform the owner agency",
    AlertType.REFUSED_ENTRY: "refuse entry",
    AlertType.WATCH: "admit; record discreetly; inform the owner agency",
}


@dataclass(frozen=True, slots=True)
class AlertName:
    name: str
    kind: NameKind = NameKind.PRIMARY

    @property
    def script(self) -> str:
        return script_of(self.name).value


@dataclass(frozen=True, slots=True)
class AlertSpec:
    reference: str  # the owner's own id for the alert
    alert_type: AlertType
    names: tuple[AlertName, ...]
    birth_date: str = ""
    nationalities: tuple[str, ...] = ()
    sex: str = ""
    documents: tuple[str, ...] = ()
    action: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    handling_code: str = "restricted"
    extra: dict[str, Any] = field(default_factory=dict)

    def status_on(self, today: date) -> AlertStatus:
        if self.valid_until is not None and self.valid_until < today:
            return AlertStatus.EXPIRED
        return AlertStatus.ACTIVE


HANDLING_CODES = ("public", "restricted", "confidential", "law_enforcement_only")


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).replace(";", "|").split("|") if part.strip()]


def _date(value: Any, what: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise InvalidInput(f"{what} {value!r} is not a date (YYYY-MM-DD)") from None


def validate_alert(values: dict[str, Any], default_type: AlertType = AlertType.WATCH) -> AlertSpec:
    """An alert from a loose row (CSV, JSON): names separated by ``|``; ``aliases``,
    ``original_script`` and ``maiden_name`` columns add names of those kinds."""
    reference = str(values.get("id") or values.get("reference") or "").strip()
    if not reference:
        raise InvalidInput("id is empty")
    names = [AlertName(n) for n in _split(values.get("full_name") or values.get("names"))]
    for column, kind in (
        ("aliases", NameKind.ALIAS),
        ("original_script", NameKind.ORIGINAL_SCRIPT),
        ("maiden_name", NameKind.MAIDEN),
    ):
        names += [AlertName(n, kind) for n in _split(values.get(column))]
    if not names:
        raise InvalidInput("an alert needs at least one name")
    type_name = str(values.get("alert_type") or values.get("type") or default_type).strip().lower()
    try:
        alert_type = AlertType(type_name)
    except ValueError:
        known = ", ".join(t.value for t in AlertType)
        raise InvalidInput(f"alert type {type_name!r} is not one of {known}") from None
    born = str(values.get("birth_date") or "").strip()
    parse_birth_date(born)  # raises with the reason when it is not a date
    nationalities = tuple(n.upper() for n in _split(values.get("nationality")))
    for code in nationalities:
        if not is_document_state(code):
            raise InvalidInput(f"nationality {code!r} is not an ISO 3166-1 alpha-3 code")
    sex = str(values.get("sex") or "").strip().upper()
    if sex not in ("", "M", "F", "X"):
        raise InvalidInput(f"sex {sex!r} is not M, F, X or empty")
    handling = str(values.get("handling_code") or "restricted").strip().lower()
    if handling not in HANDLING_CODES:
        raise InvalidInput(f"handling code {handling!r} is not one of {', '.join(HANDLING_CODES)}")
    valid_from = _date(values.get("valid_from"), "valid_from")
    valid_until = _date(values.get("valid_until"), "valid_until")
    if valid_from and valid_until and valid_until < valid_from:
        raise InvalidInput("valid_until is before valid_from")
    return AlertSpec(
        reference=reference,
        alert_type=alert_type,
        names=tuple(names),
        birth_date=born,
        nationalities=nationalities,
        sex=sex,
        documents=tuple(d.upper() for d in _split(values.get("document_number"))),
        action=str(values.get("action") or DEFAULT_ACTION[alert_type]).strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        handling_code=handling,
    )
