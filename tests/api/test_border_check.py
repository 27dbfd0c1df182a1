"""The border check in one call: MRZ in; document, hits, history, stay, warnings and the
recorded crossing out."""

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from corridor.domain.documents.mrz_writer import DocumentFields, make_mrz
from corridor.domain.roles import Role
from corridor.store.database import Database
from tests.conftest import Officer, World

WANTED = {
    "id": "VN-2026-0001",
    "alert_type": "wanted",
    "full_name": "SMITH JOHN",
    "birth_date": "1980-01-01",
    "nationality": "GBR",
    "sex": "M",
}


def _mrz(born: date = date(1980, 1, 1), number: str = "123456789") -> str:
    fields = DocumentFields(
        "P", "GBR", "Smith", "John", number, "GBR", born, "M", date.today() + timedelta(days=900)
    )
    return "\n".join(make_mrz(fields))


def _booth(client: TestClient, world: World) -> Officer:
    analyst = world.officer("vnm.analyst", "VNM-MPS", Role.ANALYST)
    assert client.post("/api/v1/alerts", json=WANTED, headers=analyst.headers).status_code == 201
    return world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)


def _entry(client: TestClient, officer: Officer, days_ago: int) -> None:
    when = date.today() - timedelta(days=days_ago)
    entry = {
        "timestamp": f"{when}T08:15:00+07:00",
        "point": "HAN",
        "direction": "entry",
        "issuing_state": "GBR",
        "document_number": "123456789",
        "nationality": "GBR",
        "permit_type": "visa_exempt",
        "permit_days": 45,
    }
    assert client.post("/api/v1/crossings", json=entry, headers=officer.headers).status_code == 201


def _history(client: TestClient, officer: Officer) -> list[dict[str, object]]:
    found = client.post(
        "/api/v1/crossings/history", json={"document_key": "GBR:123456789"}, headers=officer.headers
    )
    return list(found.json())


@pytest.mark.usefixtures("noi_bai")
def test_one_call_goes_from_the_mrz_to_a_recorded_exit_with_the_overstay_shown(
    client: TestClient, world: World, database: Database
) -> None:
    officer = _booth(client, world)
    _entry(client, officer, days_ago=60)
    response = client.post(
        "/api/v1/border-check",
        headers=officer.headers,
        json={
            "mrz": _mrz(),
            "point": "HAN",
            "direction": "exit",
            "record": {"permit_type": "visa_exempt", "outcome": "referred", "carrier": "VN54"},
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["document"]["verdict"] == "clear"
    assert [h["alert_reference"] for h in body["hits"]] == ["VN-2026-0001"]
    assert [c["direction"] for c in body["recent_crossings"]] == ["entry"]
    stay = body["current_stay"]
    assert stay["entered"] == str(date.today() - timedelta(days=60))
    assert stay["permitted_until"] == str(date.today() - timedelta(days=16))
    assert stay["overstay_days"] in (15, 16, 17)  # the point's local date may differ from ours
    assert any(w.startswith("overstaying") for w in body["warnings"])
    assert body["crossing"]["direction"] == "exit"
    assert body["crossing"]["outcome"] == "referred"
    assert [c["direction"] for c in _history(client, officer)] == ["exit", "entry"]


@pytest.mark.usefixtures("noi_bai")
def test_a_check_without_a_decision_records_nothing_and_a_clean_stay_warns_of_nothing(
    client: TestClient, world: World, database: Database
) -> None:
    officer = _booth(client, world)
    _entry(client, officer, days_ago=10)
    body = client.post(
        "/api/v1/border-check",
        headers=officer.headers,
        json={"mrz": _mrz(), "point": "HAN", "direction": "exit"},
    ).json()
    assert body["crossing"] is None
    assert body["current_stay"]["overstay_days"] == 0
    assert body["warnings"] == []
    assert len(_history(client, officer)) == 1


@pytest.mark.usefixtures("noi_bai")
def test_a_refusal_without_a_reason_is_refused_and_leaves_nothing_stored(
    client: TestClient, world: World, database: Database
) -> None:
    officer = _booth(client, world)
    refused = client.post(
        "/api/v1/border-check",
        headers=officer.headers,
        json={
            "mrz": _mrz(),
            "point": "HAN",
            "record": {"permit_type": "visa_exempt", "outcome": "refused"},
        },
    )
    assert refused.status_code == 422
    assert "say why" in refused.json()["detail"]
    assert _history(client, officer) == []
    hits = client.get("/api/v1/hits", headers=officer.headers).json()
    assert hits["items"] == []  # the screening of a refused call is rolled back with it
    with_reason = client.post(
        "/api/v1/border-check",
        headers=officer.headers,
        json={
            "mrz": _mrz(),
            "point": "HAN",
            "record": {
                "permit_type": "visa_exempt",
                "outcome": "refused",
                "outcome_reason": "no return ticket",
            },
        },
    )
    assert with_reason.json()["crossing"]["outcome_reason"] == "no return ticket"


@pytest.mark.usefixtures("noi_bai")
def test_a_minor_is_flagged_and_their_escort_recorded(
    client: TestClient, world: World, database: Database
) -> None:
    officer = _booth(client, world)
    child = date.today() - timedelta(days=365 * 12)
    body = client.post(
        "/api/v1/border-check",
        headers=officer.headers,
        json={
            "mrz": _mrz(child, "987654321"),
            "point": "HAN",
            "record": {"permit_type": "visa_exempt", "accompanied_by": ["gbr:123456789"]},
        },
    ).json()
    assert any("a minor" in w for w in body["warnings"])
    assert body["crossing"]["accompanied_by"] == ["GBR:123456789"]


@pytest.mark.usefixtures("noi_bai")
def test_recording_needs_a_known_point(
    client: TestClient, world: World, database: Database
) -> None:
    officer = _booth(client, world)
    decision = {"permit_type": "visa_exempt"}
    missing = client.post(
        "/api/v1/border-check", headers=officer.headers, json={"mrz": _mrz(), "record": decision}
    )
    assert missing.status_code == 422
    unknown = client.post(
        "/api/v1/border-check",
        headers=officer.headers,
        json={"mrz": _mrz(), "point": "XXX", "record": decision},
    )
    assert unknown.status_code == 422
    assert "not known" in unknown.json()["detail"]
    assert _history(client, officer) == []
