"""Write the demo world into a node's store, in batches, reporting progress."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from corridor.demo.agreements import DEMO_AGREEMENTS, DEMO_RECEIVED, DEMO_REQUESTS
from corridor.demo.alerts import demo_alerts
from corridor.demo.crossings import as_rows, demo_crossings
from corridor.demo.world import (
    AGENCIES,
    AGENCY_OF,
    DEMO_PASSWORD,
    TravellerSpec,
    demo_users,
    travellers,
)
from corridor.domain.credentials import hash_password
from corridor.domain.documents.ocr import number_key
from corridor.domain.documents.registry import type_of_code
from corridor.domain.points import reference_points
from corridor.domain.principal import Principal
from corridor.domain.roles import Role
from corridor.errors import Conflict
from corridor.services import requests
from corridor.services.agreements import FlowRefused, add_agreement
from corridor.services.requests import send_request
from corridor.services.sharing import share_alert
from corridor.store.database import Database, empty_all_tables
from corridor.store.models import (
    Agency,
    Alert,
    Crossing,
    CrossingPoint,
    DocumentReport,
    TravelDocument,
    Traveller,
    User,
    UserRole,
)
from corridor.store.repositories.alerts import AlertRepository

BATCH = 2_000
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class DemoSummary:
    agencies: int
    users: list[tuple[str, str, str]]  # username, agency, role
    points: int
    travellers: int
    documents: int
    reports: int
    alerts: int
    crossings: int
    agreements: int = 0
    shared: int = 0  # VNM-MPS alerts shared under the agreements
    requests: int = 0  # requests for information, sent and received by VNM-MPS
    password: str = DEMO_PASSWORD


def load_demo(
    database: Database,
    *,
    seed: int,
    traveller_count: int,
    replace: bool = False,
    progress: Progress | None = None,
) -> DemoSummary:
    """Load the whole world in one transaction: a failure leaves the store as it was."""
    with database.transaction() as session:
        if session.scalar(select(Agency.id).limit(1)) is not None:
            if not replace:
                raise Conflict(
                    "the store already holds data; use --replace to wipe it and load the demo"
                )
            _wipe(session)
        agency_ids = _agencies(session)
        users = _users(session, agency_ids)
        points = _points(session)
        subjects: list[TravellerSpec] = []
        crossers: list[TravellerSpec] = []
        specs = _sampled(_sampled(travellers(seed, traveller_count), subjects, 40), crossers, 4)
        counts = _travellers(session, agency_ids, specs, progress)
        alerts = _alerts(session, agency_ids, random.Random(seed), subjects)
        agreements, shared = _agreements(session, agency_ids["VNM-MPS"])
        requests = _requests(session, agency_ids["VNM-MPS"])
        crossings = _crossings(session, agency_ids["VNM-MPS"], random.Random(seed), crossers)
    return DemoSummary(
        len(agency_ids), users, points, *counts, alerts, crossings, agreements, shared, requests
    )


def _crossings(
    session: Session, agency_id: int, rng: random.Random, people: list[TravellerSpec]
) -> int:
    """A year of the sampled travellers' crossings, as VNM-MPS records them."""
    rows = list(as_rows(demo_crossings(rng, people), agency_id))
    for start in range(0, len(rows), BATCH):
        session.execute(insert(Crossing), rows[start : start + BATCH])
    return len(rows)


def _sampled(
    specs: Iterator[TravellerSpec], sample: list[TravellerSpec], every: int
) -> Iterator[TravellerSpec]:
    """Pass the travellers through, keeping every ``every``-th in ``sample``."""
    for number, spec in enumerate(specs):
        if number % every == 7 % every:
            sample.append(spec)
        yield spec


def _alerts(
    session: Session, agency_ids: dict[str, int], rng: random.Random, subjects: list[TravellerSpec]
) -> int:
    repository = AlertRepository(session)
    made = demo_alerts(rng, subjects, strangers=max(200, len(subjects)))
    for owner, spec in made:
        repository.upsert(agency_ids[owner], spec)
    return len(made)


def _agreements(session: Session, vnm: int) -> tuple[int, int]:
    """The agreements, and VNM-MPS's wanted, missing and victim alerts shared under each one
    that lets them go (their feed entries wait for the partners' nodes to pull them)."""
    for spec in DEMO_AGREEMENTS:
        add_agreement(
            session,
            None,
            code=spec.code,
            title=spec.title,
            parties=list(spec.parties),
            terms=list(spec.terms),
            valid_from=spec.valid_from,
            valid_until=spec.valid_until,
            handling_code=spec.handling_code,
            answer_days=spec.answer_days,
        )
    officer = Principal(0, "vnm.liaison", "Liaison", vnm, "VNM-MPS", frozenset({Role.LIAISON}), 0)
    shared = 0
    kinds = ("wanted", "missing", "victim")
    alerts = session.scalars(
        select(Alert).where(Alert.agency_id == vnm, Alert.alert_type.in_(kinds)).order_by(Alert.id)
    )
    for alert in list(alerts)[:60]:
        for spec in DEMO_AGREEMENTS:
            try:
                share_alert(session, officer, alert.id, spec.code)
            except FlowRefused:
                continue
            shared += 1
    return len(DEMO_AGREEMENTS), shared


def _requests(session: Session, vnm: int) -> int:
    """VNM-MPS's requests for information: sent to the UK and China (one overdue, one asked
    back), and received from the UK Home Office (one overdue)."""
    liaison = Principal(0, "vnm.liaison", "Liaison", vnm, "VNM-MPS", frozenset({Role.LIAISON}), 0)
    today = date.today()
    sent = [
        send_request(session, liaison, today=today - timedelta(days=days), **dict(values))
        for days, values in DEMO_REQUESTS
    ]
    sent[1].status = "asked_back"
    sent[1].conversation = [
        {
            "kind": "ask_back",
            "text": "Which passport number did she use?",
            "by": "GBR-HO",
            "at": (today - timedelta(days=2)).isoformat(),
        }
    ]
    for number, (days, values) in enumerate(DEMO_RECEIVED):
        uid = uuid.uuid5(uuid.NAMESPACE_URL, f"corridor-demo-request-{number}")
        deadline = today + timedelta(days=days)
        requests.receive_request(
            session,
            "VNM-MPS",
            "GBR-HO",
            "VNM-GBR-2026",
            {**values, "uid": str(uid), "deadline": deadline.isoformat()},
        )
    return len(sent) + len(DEMO_RECEIVED)


def _wipe(session: Session) -> None:
    empty_all_tables(session)


def _agencies(session: Session) -> dict[str, int]:
    ids = {}
    for spec in AGENCIES:
        agency = Agency(code=spec.code, name=spec.name, country=spec.country)
        session.add(agency)
        session.flush()
        ids[spec.code] = agency.id
    return ids


def _users(session: Session, agency_ids: dict[str, int]) -> list[tuple[str, str, str]]:
    password_hash = hash_password(DEMO_PASSWORD)  # one hash: every demo user shares the password
    listed = []
    for spec in demo_users():
        session.add(
            User(
                agency_id=agency_ids[spec.agency_code],
                username=spec.username,
                display_name=spec.display_name,
                password_hash=password_hash,
                role_rows=[UserRole(role=role.value) for role in sorted(spec.roles)],
            )
        )
        listed.append((spec.username, spec.agency_code, ",".join(sorted(spec.roles))))
    session.flush()
    return listed


def _points(session: Session) -> int:
    points = reference_points()
    session.execute(
        insert(CrossingPoint),
        [
            {
                "code": p.code,
                "name": p.name,
                "country": p.country,
                "kind": p.kind,
                "latitude": p.latitude,
                "longitude": p.longitude,
                "partner_code": p.partner_code,
            }
            for p in points
        ],
    )
    return len(points)


def _batches(specs: Iterator[TravellerSpec]) -> Iterator[list[TravellerSpec]]:
    while batch := list(islice(specs, BATCH)):
        yield batch


def _travellers(
    session: Session,
    agency_ids: dict[str, int],
    specs: Iterator[TravellerSpec],
    progress: Progress | None,
) -> tuple[int, int, int]:
    total_travellers = total_documents = total_reports = 0
    for batch in _batches(specs):
        rows = [
            {
                "agency_id": agency_ids[t.agency_code],
                "family_name": t.family_name,
                "given_names": t.given_names,
                "native_name": t.native_name,
                "script": t.script,
                "birth_date": t.birth_date,
                "sex": t.sex,
                "nationality": t.nationality,
                "source": t.source,
            }
            for t in batch
        ]
        ids = session.scalars(
            insert(Traveller).returning(Traveller.id, sort_by_parameter_order=True), rows
        ).all()
        documents = [
            {
                "traveller_id": traveller_id,
                "agency_id": agency_ids[t.agency_code],
                "document_code": d.document_code,
                "number": d.number,
                "issuing_state": d.issuing_state,
                "issued_on": d.issued_on,
                "expires_on": d.expires_on,
                "mrz": "\n".join(d.mrz),
            }
            for traveller_id, t in zip(ids, batch, strict=True)
            for d in t.documents
        ]
        session.execute(insert(TravelDocument), documents)
        reports = _reports(batch, agency_ids)
        if reports:
            session.execute(insert(DocumentReport), reports)
        total_travellers += len(batch)
        total_documents += len(documents)
        total_reports += len(reports)
        if progress:
            progress(len(batch))
    return total_travellers, total_documents, total_reports


def _reports(batch: list[TravellerSpec], agency_ids: dict[str, int]) -> list[dict[str, object]]:
    """Registry rows for the reported documents, filed by the issuing state's agency."""
    rows = []
    for traveller in batch:
        for d in traveller.documents:
            agency = AGENCY_OF.get(d.issuing_state)
            if d.reported is None or agency is None:
                continue
            rows.append(
                {
                    "agency_id": agency_ids[agency],
                    "issuing_state": d.issuing_state,
                    "document_number": d.number,
                    "number_key": number_key(d.number),
                    "document_type": type_of_code(d.document_code).value,
                    "reason": d.reported,
                    "reported_on": d.issued_on + (d.expires_on - d.issued_on) / 3,
                    "note": "demo",
                }
            )
    return rows
