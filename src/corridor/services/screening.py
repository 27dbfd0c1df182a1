"""Border checks against the node's alerts: ranked hits at once, stored for review; a confirmed
hit tells the owner agency; a dismissed pair does not stop the same traveller again."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.domain.countries import is_document_state
from corridor.domain.documents.mrz_parser import parse
from corridor.domain.documents.ocr import number_key
from corridor.domain.principal import Principal
from corridor.domain.roles import OPERATIONAL, Role
from corridor.domain.screening.dates import parse_birth_date
from corridor.domain.screening.records import Person, prepare
from corridor.domain.screening.screener import Screener
from corridor.errors import Conflict, InvalidInput
from corridor.services import audit, messages
from corridor.services.alerts import person_of
from corridor.store.database import Database
from corridor.store.models import Notification, ScreeningBatch, ScreeningHit
from corridor.store.repositories.alerts import AlertRepository
from corridor.store.repositories.hits import HitRepository


@dataclass(frozen=True, slots=True)
class TravellerInput:
    full_name: str
    birth_date: str = ""
    nationality: str = ""
    sex: str = ""
    document_number: str = ""
    issuing_state: str = ""

    @classmethod
    def from_mrz(cls, mrz: str, today: date) -> TravellerInput:
        reading = parse(mrz, today)
        return cls(
            full_name=f"{reading.surname} {reading.given_names}".strip(),
            birth_date=reading.birth_date or "",
            nationality=reading.nationality if is_document_state(reading.nationality) else "",
            sex=reading.sex if reading.sex in ("M", "F") else "",
            document_number=reading.document_number,
            issuing_state=reading.issuing_state,
        )

    def person(self) -> Person:
        if not self.full_name.strip():
            raise InvalidInput("give the traveller's name, or the MRZ")
        nationality = self.nationality.strip().upper()
        if nationality and not is_document_state(nationality):
            raise InvalidInput(f"nationality {nationality!r} is not an ISO 3166-1 alpha-3 code")
        return prepare(
            "traveller",
            [self.full_name],
            parse_birth_date(self.birth_date),
            [nationality] if nationality else [],
            self.sex or None,
            [self.document_number],
        )

    def key(self) -> str:
        """Who the traveller is for remembering dismissals: the document if there is one,
        else name and birth date; hashed, so the key itself holds no personal data."""
        if self.document_number:
            basis = f"doc:{self.issuing_state}:{number_key(self.document_number)}"
        else:
            basis = f"name:{' '.join(self.full_name.upper().split())}:{self.birth_date}"
        return hashlib.sha256(basis.encode()).hexdigest()

    def as_dict(self) -> dict[str, str]:
        return {
            "full_name": self.full_name,
            "birth_date": self.birth_date,
            "nationality": self.nationality,
            "sex": self.sex,
            "document_number": self.document_number,
            "issuing_state": self.issuing_state,
        }


class ScreenerCache:
    """One screener per agency, rebuilt only when the agency's alerts change. It keeps plain
    data only: ORM objects would outlive their session (and expire with its rollback)."""

    def __init__(self) -> None:
        self._screeners: dict[int, tuple[tuple[str, ...], Screener]] = {}
        self._lock = threading.Lock()

    def get(self, session: Session, agency_id: int) -> Screener:
        repository = AlertRepository(session)
        fingerprint = repository.fingerprint(agency_id)
        with self._lock:
            cached = self._screeners.get(agency_id)
            if cached is not None and cached[0] == fingerprint:
                return cached[1]
            alerts = repository.active(agency_id)
            screener = Screener(
                [person_of(a) for a in alerts],
                alert_types={str(a.id): a.alert_type for a in alerts},
            )
            _ = screener.index  # built now, not on the first traveller's check
            self._screeners[agency_id] = (fingerprint, screener)
            return screener


CACHE = ScreenerCache()
SCREENERS = OPERATIONAL


def check_traveller(
    session: Session, principal: Principal, traveller: TravellerInput, cache: ScreenerCache = CACHE
) -> list[ScreeningHit]:
    """Screen one traveller; every hit is stored as pending, except pairs dismissed before."""
    principal.require(*SCREENERS)
    hits = _screen(session, principal.agency_id, traveller, cache)
    audit.record(
        session,
        principal,
        "screening.check",
        f"traveller:{audit.hidden(traveller.key())}",
        detail={"hits": [h.id for h in hits]},
    )
    return hits


def _screen(
    session: Session,
    agency_id: int,
    traveller: TravellerInput,
    cache: ScreenerCache,
    batch_id: int | None = None,
) -> list[ScreeningHit]:
    screener = cache.get(session, agency_id)
    key = traveller.key()
    hits = HitRepository(session)
    dismissed = hits.dismissed_alerts(agency_id, key)
    stored = []
    for scored in screener.check(traveller.person()):
        alert_id = int(scored.alert_id)
        if alert_id in dismissed:
            continue
        stored.append(
            hits.add(
                ScreeningHit(
                    agency_id=agency_id,
                    alert_id=alert_id,
                    traveller=traveller.as_dict(),
                    traveller_key=key,
                    score=round(scored.score, 4),
                    explanation=scored.explanation(),
                    batch_id=batch_id,
                )
            )
        )
    return stored


MAX_BATCH = 100_000
BATCH_CHUNK = 200


def create_batch(
    session: Session, principal: Principal, name: str, travellers: list[TravellerInput]
) -> ScreeningBatch:
    """Store a passenger list to screen in the background. Every traveller is checked first:
    a bad one is refused with its position, and nothing is stored."""
    principal.require(*SCREENERS)
    if not travellers:
        raise InvalidInput("the passenger list is empty")
    if len(travellers) > MAX_BATCH:
        raise InvalidInput(f"a batch holds at most {MAX_BATCH:,} travellers; split the list")
    for position, traveller in enumerate(travellers, 1):
        try:
            traveller.person()
        except InvalidInput as error:
            raise InvalidInput(f"traveller {position}: {error.detail}") from None
    batch = ScreeningBatch(
        agency_id=principal.agency_id,
        created_by=principal.user_id,
        name=" ".join(name.split())[:200] or "passenger list",
        travellers=[t.as_dict() for t in travellers],
        total=len(travellers),
    )
    session.add(batch)
    session.flush()
    return batch


def run_batch(database: Database, batch_id: int, cache: ScreenerCache = CACHE) -> None:
    """Screen a stored batch chunk by chunk, each chunk one transaction, so that progress is
    visible while it runs and a failure keeps what was done."""
    with database.transaction() as session:
        batch = session.get_one(ScreeningBatch, batch_id)
        agency_id, travellers, done = batch.agency_id, list(batch.travellers), batch.done
        batch.status = "running"
    try:
        for start in range(done, len(travellers), BATCH_CHUNK):
            chunk = travellers[start : start + BATCH_CHUNK]
            with database.transaction() as session:
                found = sum(
                    len(_screen(session, agency_id, TravellerInput(**t), cache, batch_id))
                    for t in chunk
                )
                batch = session.get_one(ScreeningBatch, batch_id)
                batch.done, batch.hits = start + len(chunk), batch.hits + found
    except Exception as error:  # the batch records the failure; the node carries on
        with database.transaction() as session:
            batch = session.get_one(ScreeningBatch, batch_id)
            batch.status, batch.error = (
                "failed",
                f"{type(error).__name__} after {batch.done} travellers",
            )
        raise
    with database.transaction() as session:
        batch = session.get_one(ScreeningBatch, batch_id)
        batch.status, batch.finished_at = "done", datetime.now(UTC)


def review_hit(
    session: Session,
    principal: Principal,
    hit_id: int,
    decision: str,
    reason: str,
    action_taken: str = "",
    where: str = "",
) -> ScreeningHit:
    """Confirm or dismiss a pending hit. A confirmed hit notifies the alert's owner: in this
    node, or through the exchange when the alert is a partner's shared copy."""
    principal.require(Role.BORDER_OFFICER, Role.ANALYST, Role.CASE_OFFICER)
    if decision not in ("confirmed", "dismissed"):
        raise InvalidInput("the decision is 'confirmed' or 'dismissed'")
    text = " ".join(reason.split())
    if not text:
        raise InvalidInput("give the reason for the decision")
    hit = HitRepository(session).get(hit_id, principal.agency_id)
    if hit.status != "pending":
        raise Conflict(f"hit {hit_id} was already {hit.status}")
    hit.status, hit.reason = decision, text[:500]
    hit.reviewer_id, hit.reviewed_at = principal.user_id, datetime.now(UTC)
    audit.record(session, principal, f"hit.{decision}", f"hit:{hit.id}", purpose=text[:200])
    if decision == "confirmed":
        hit.action_taken = " ".join(action_taken.split())[:500] or hit.alert.action
        notice = _notice(hit, principal, where)
        if hit.alert.owner_agency:  # a partner's alert: its owner is told through the exchange
            messages.notify_owner_of_hit(session, principal, hit, notice)
        else:
            session.add(
                Notification(agency_id=hit.alert.agency_id, kind="hit_confirmed", payload=notice)
            )
    return hit


def _notice(hit: ScreeningHit, principal: Principal, where: str) -> dict[str, Any]:
    return {
        "alert_reference": hit.alert.reference,
        "alert_type": hit.alert.alert_type,
        "hit_id": hit.id,
        "confirmed_by": principal.username,
        "agency": principal.agency_code,
        "where": where,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "action_taken": hit.action_taken,
        "traveller": hit.traveller,
    }


def notifications(session: Session, agency_id: int, limit: int = 100) -> list[Notification]:
    query = (
        select(Notification)
        .where(Notification.agency_id == agency_id)
        .order_by(Notification.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query).all())
