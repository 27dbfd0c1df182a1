"""Applying a partner's feed: in order, once, and resumed where a cut-off sync stopped."""

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from corridor.cli.context import administrator
from corridor.domain.screening.alerts import validate_alert
from corridor.errors import CorridorError
from corridor.services import exchange_sync
from corridor.services.agreements import add_agreement, amend_agreement
from corridor.services.alerts import expire_alerts, save_alert
from corridor.services.feed import entries_for
from corridor.services.partners import add_partner
from corridor.services.requests import requests, send_request
from corridor.services.sharing import apply_entries, share_alerts
from corridor.settings import Settings
from corridor.store.database import Database
from corridor.store.models import Alert, ExchangeMessage, Partner
from corridor.transport.client import PartnerRefused, PartnerUnavailable
from tests.conftest import World

KEY = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="


def _entry(sequence: int, number: int, operation: str = "upsert") -> dict[str, Any]:
    return {
        "sequence": sequence,
        "agreement": "VNM-GBR",
        "category": "alerts:wanted",
        "object_id": number,
        "operation": operation,
        "payload": {
            "id": f"VN-{number}",
            "alert_type": "wanted",
            "full_name": f"NGUYEN VAN {number}",
            "birth_date": "1980",
            "handling_code": "restricted",
            "status": "active" if operation == "upsert" else "withdrawn",
        },
    }


def _partnership(world: World, database: Database) -> None:
    world.officer("gbr.admin", "GBR-HO")
    world.officer("vnm.admin", "VNM-MPS")
    with database.transaction() as session:
        add_agreement(
            session,
            None,
            code="VNM-GBR",
            title="MoU",
            parties=["VNM-MPS", "GBR-HO"],
            terms=["alerts:*:VNM-MPS>GBR-HO"],
            valid_from=date(2026, 1, 1),
        )
        add_partner(session, None, "VNM-MPS", "http://127.0.0.1:9", KEY)


def _copies(database: Database) -> list[tuple[str, str]]:
    with database.transaction() as session:
        return sorted(
            (a.reference, a.status)
            for a in session.scalars(select(Alert).where(Alert.owner_agency == "VNM-MPS"))
        )


def test_entries_out_of_order_or_repeated_are_applied_once_in_sequence(
    world: World, database: Database
) -> None:
    _partnership(world, database)
    with database.transaction() as session:
        partner = session.scalars(select(Partner)).one()
        done = apply_entries(
            session, "GBR-HO", partner, [_entry(3, 2), _entry(1, 1), _entry(2, 1, "withdraw")]
        )
        assert (done.upserted, done.withdrawn, done.through) == (2, 1, 3)
        again = apply_entries(session, "GBR-HO", partner, [_entry(2, 1), _entry(3, 2)])
        assert (again.skipped, again.upserted) == (2, 0)
    assert _copies(database) == [("VNM-MPS:VN-1", "withdrawn"), ("VNM-MPS:VN-2", "active")]


def test_an_entry_no_agreement_lets_in_is_refused_and_logged_and_the_rest_applied(
    world: World, database: Database
) -> None:
    _partnership(world, database)
    with database.transaction() as session:
        amend_agreement(session, None, "VNM-GBR", "suspended for review", status="suspended")
        partner = session.scalars(select(Partner)).one()
        done = apply_entries(session, "GBR-HO", partner, [_entry(1, 1)])
    assert done.upserted == 0
    assert "suspended" in done.refused[0]
    assert _copies(database) == []


class Flaky:
    """A partner that serves its feed in pages and goes down after ``fail_after`` pages."""

    def __init__(self, entries: list[dict[str, Any]], fail_after: int | None) -> None:
        self.entries, self.fail_after, self.pages = entries, fail_after, 0

    def feed(self, after: int, limit: int) -> dict[str, Any]:
        if self.fail_after is not None and self.pages >= self.fail_after:
            raise PartnerUnavailable("connection refused")
        self.pages += 1
        return {"entries": [e for e in self.entries if e["sequence"] > after][:limit]}

    def deliver(self, message: dict[str, Any]) -> dict[str, Any]:
        return {"duplicate": False}

    def close(self) -> None:
        pass


def test_a_sync_cut_off_mid_feed_resumes_where_it_stopped(
    world: World, database: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _partnership(world, database)
    monkeypatch.setattr(exchange_sync, "PAGE", 2)
    node = settings.model_copy(update={"node_agency": "GBR-HO"})
    entries = [_entry(n, n) for n in range(1, 6)]
    [cut] = exchange_sync.sync(database, node, lambda p: Flaky(entries, fail_after=1))  # type: ignore[arg-type, return-value]
    assert (cut.pulled, cut.through, cut.error) == (2, 2, "connection refused")
    [resumed] = exchange_sync.sync(database, node, lambda p: Flaky(entries, fail_after=None))  # type: ignore[arg-type, return-value]
    assert (resumed.pulled, resumed.upserted, resumed.through) == (3, 3, 5)
    assert len(_copies(database)) == 5


def test_a_request_past_its_deadline_is_overdue_and_bad_ones_are_refused(
    world: World, database: Database
) -> None:
    _partnership(world, database)
    with database.transaction() as session:
        amend_agreement(
            session,
            None,
            "VNM-GBR",
            "requests added",
            terms=["alerts:*:VNM-MPS>GBR-HO", "requests:GBR-HO>VNM-MPS:readmission"],
            effective=date(2026, 1, 1),
        )
        liaison = administrator(session, "GBR-HO")
        sent = send_request(
            session,
            liaison,
            partner="VNM-MPS",
            about="person",
            subject="TRAN THI MAI, born 2001",
            purpose="readmission",
            agreement="VNM-GBR",
            grading="3x5x2:2CP",
            today=date(2026, 3, 2),  # a Monday: ten working days end on Monday 16 March
        )
        assert sent.deadline == date(2026, 3, 16)
        assert [r.uid for r in requests(session, liaison, "out", overdue_only=True)] == [sent.uid]
        for change, error in (
            ({"grading": "B9"}, "grading"),
            ({"purpose": "curiosity"}, "purpose must be"),
            ({"about": "rumour"}, "about one of"),
            ({"deadline": date(2026, 12, 1)}, "the deadline is between"),
        ):
            values = {
                "partner": "VNM-MPS",
                "about": "person",
                "subject": "x",
                "purpose": "readmission",
                "agreement": "VNM-GBR",
                "grading": "4x4:A1",
                **change,
            }
            with pytest.raises(CorridorError, match=error):
                send_request(session, liaison, today=date(2026, 3, 2), **values)  # type: ignore[arg-type]


class Refusing(Flaky):
    """A partner that refuses the first message for good and takes the rest."""

    def __init__(self) -> None:
        super().__init__([], None)
        self.seen: list[str] = []

    def deliver(self, message: dict[str, Any]) -> dict[str, Any]:
        self.seen.append(message["uid"])
        if len(self.seen) == 1:
            raise PartnerRefused("404 no alert of this node was shared with you under that id")
        return {"duplicate": False}


def test_a_message_the_partner_refuses_for_good_is_marked_and_the_next_still_goes(
    world: World, database: Database, settings: Settings
) -> None:
    _partnership(world, database)
    with database.transaction() as session:
        for n in range(2):
            session.add(
                ExchangeMessage(
                    uid=f"00000000-0000-4000-8000-00000000000{n}",
                    direction="out",
                    partner="VNM-MPS",
                    kind="hit_notification",
                    agreement="VNM-GBR",
                    payload={"alert_id": n},
                    status="pending",
                )
            )
    node = settings.model_copy(update={"node_agency": "GBR-HO"})
    [report] = exchange_sync.sync(database, node, lambda p: Refusing())  # type: ignore[arg-type, return-value]
    assert report.delivered == 1
    assert "404" in report.refused[0]
    with database.transaction() as session:
        statuses = [
            m.status for m in session.scalars(select(ExchangeMessage).order_by(ExchangeMessage.id))
        ]
    assert statuses == ["refused", "delivered"]
    [again] = exchange_sync.sync(database, node, lambda p: Refusing())  # type: ignore[arg-type, return-value]
    assert again.delivered == 0  # nothing left pending: a refused message is not retried


def test_an_expired_or_withdrawn_shared_alert_goes_out_as_a_withdrawal_to_every_recipient(
    world: World, database: Database
) -> None:
    _partnership(world, database)
    with database.transaction() as session:
        vnm = administrator(session, "VNM-MPS")
        spec = validate_alert(
            {
                "id": "VN-1",
                "alert_type": "wanted",
                "full_name": "NGUYEN VAN A",
                "valid_until": "2026-02-01",
            }
        )
        alert, _ = save_alert(session, vnm.agency_id, spec)
        assert share_alerts(session, vnm, [alert.id], "VNM-GBR") == ["GBR-HO"]
        assert expire_alerts(session, vnm.agency_id, date(2026, 2, 2)) == 1
        entries = [(e.recipient, e.operation) for e in entries_for(session, "GBR-HO", 0, 10)]
    assert entries == [("GBR-HO", "upsert"), ("GBR-HO", "withdraw")]
