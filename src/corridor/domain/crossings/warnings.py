"""What a booth officer should be told about a document's recent crossings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True, slots=True)
class PastCrossing:
    instant: datetime
    local_date: date
    point: str
    country: str
    direction: str
    permit_days: int | None


@dataclass(frozen=True, slots=True)
class CurrentStay:
    """The stay a document is on in a country: entered and not yet left."""

    entered: date
    point: str
    permitted_until: date | None
    days_in_country: int
    overstay_days: int


def current_stay(history: list[PastCrossing], country: str, today: date) -> CurrentStay | None:
    """The open stay in ``country`` as of the local date ``today``, if the document's last
    crossing there was an entry; ``history`` is newest first. Permitted until = the entry's
    local date + permitted days - 1, as in the stays analysis."""
    here = [c for c in history if c.country == country]
    if not here or here[0].direction != "entry":
        return None
    entry = here[0]
    until = entry.local_date + timedelta(days=entry.permit_days - 1) if entry.permit_days else None
    return CurrentStay(
        entered=entry.local_date,
        point=entry.point,
        permitted_until=until,
        days_in_country=(today - entry.local_date).days + 1,
        overstay_days=max(0, (today - until).days) if until else 0,
    )


def warnings(
    history: list[PastCrossing],
    now: datetime,
    point: str,
    country: str,
    direction: str,
    birth_date: date | None,
) -> list[str]:
    """Warnings for a crossing about to be recorded; ``history`` is newest first."""
    out: list[str] = []
    here = [c for c in history if c.country == country]
    if here and direction == "entry" and here[0].direction == "entry":
        out.append(f"no exit recorded since the entry at {here[0].point} on {here[0].local_date}")
    last_entry = next((c for c in here if c.direction == "entry"), None)
    if last_entry and last_entry.permit_days:
        until = last_entry.local_date + timedelta(days=last_entry.permit_days - 1)
        left = next(
            (c for c in here if c.direction == "exit" and c.instant > last_entry.instant), None
        )
        if left and left.local_date > until:
            out.append(
                f"left {(left.local_date - until).days} day(s) late on the last visit "
                f"(permitted until {until})"
            )
    stay = current_stay(history, country, now.date())
    if stay and stay.overstay_days and direction == "exit":
        out.append(
            f"overstaying: permitted until {stay.permitted_until}, "
            f"{stay.overstay_days} day(s) over on leaving"
        )
    if history and history[0].point != point and now - history[0].instant <= timedelta(hours=1):
        minutes = int((now - history[0].instant).total_seconds() // 60)
        out.append(f"this document crossed at {history[0].point} {minutes} min ago")
    if birth_date is not None:
        eighteenth = _eighteenth(birth_date)
        if now.date() < eighteenth:
            out.append("a minor: check who accompanies them and that they are family")
    return out


def _eighteenth(born: date) -> date:
    if born.month == 2 and born.day == 29:
        return date(born.year + 18, 3, 1)
    return date(born.year + 18, born.month, born.day)
