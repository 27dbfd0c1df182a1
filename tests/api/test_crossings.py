import pytest
from fastapi.testclient import TestClient

from corridor.domain.roles import Role
from corridor.store.database import Database
from tests.conftest import World

ENTRY = {
    "timestamp": "2026-03-01T08:15:00+07:00",
    "point": "HAN",
    "direction": "entry",
    "issuing_state": "GBR",
    "document_number": "123456789",
    "nationality": "GBR",
    "full_name": "SMITH JOHN",
    "birth_date": "1980-01-01",
    "sex": "M",
    "permit_type": "visa_exempt",
    "permit_days": 45,
    "carrier": "VN54",
}


@pytest.mark.usefixtures("noi_bai")
def test_a_crossing_is_recorded_and_its_history_read_back(
    client: TestClient, world: World, database: Database
) -> None:
    officer = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    created = client.post("/api/v1/crossings", json=ENTRY, headers=officer.headers)
    assert created.status_code == 201, created.text
    assert created.json()["local_date"] == "2026-03-01"
    later = {**ENTRY, "timestamp": "2026-03-20T18:00:00+07:00", "direction": "exit"}
    assert client.post("/api/v1/crossings", json=later, headers=officer.headers).status_code == 201
    history = client.post(
        "/api/v1/crossings/history", json={"document_key": "GBR:123456789"}, headers=officer.headers
    ).json()
    assert [c["direction"] for c in history] == ["exit", "entry"]
    uk = world.officer("gbr.border", "GBR-HO", Role.BORDER_OFFICER)
    assert (
        client.post(
            "/api/v1/crossings/history", json={"document_key": "GBR:123456789"}, headers=uk.headers
        ).json()
        == []
    )


@pytest.mark.usefixtures("noi_bai")
def test_a_wrong_crossing_is_refused_and_nothing_is_stored(
    client: TestClient, world: World, database: Database
) -> None:
    officer = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    for change, text in (
        ({"timestamp": "2026-03-01T08:15:00"}, "UTC offset"),
        ({"point": "NOWHERE"}, "not known"),
        ({"permit_type": "tourist"}, "permit_type must be"),
    ):
        response = client.post(
            "/api/v1/crossings", json={**ENTRY, **change}, headers=officer.headers
        )
        assert response.status_code == 422, change
        assert text in response.json()["detail"], change
    history = client.post(
        "/api/v1/crossings/history", json={"document_key": "GBR:123456789"}, headers=officer.headers
    ).json()
    assert history == []


@pytest.mark.usefixtures("noi_bai")
def test_stays_and_anomalies_come_from_the_stored_crossings(
    client: TestClient, world: World, database: Database
) -> None:
    officer = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    for day in ("2026-01-01", "2026-02-01"):  # two entries, no exit between
        entry = {**ENTRY, "timestamp": f"{day}T08:00:00+07:00", "permit_days": 5}
        assert (
            client.post("/api/v1/crossings", json=entry, headers=officer.headers).status_code == 201
        )
    stays = client.post(
        "/api/v1/crossings/stays",
        headers=officer.headers,
        json={"as_of": "2026-03-01", "status": "overstaying"},
    ).json()
    # the first stay has no exit either: the next crossing there was another entry
    assert [(s["permitted_until"], s["days_over"]) for s in stays] == [
        ("2026-01-05", 55),
        ("2026-02-05", 24),
    ]
    anomalies = client.post("/api/v1/crossings/anomalies", headers=officer.headers).json()
    assert [a["kind"] for a in anomalies] == ["double_entry"]
    client.post("/login", data={"username": "vnm.border", "password": "correct-horse-battery"})
    assert "double entry" in client.get("/anomalies").text
    assert client.get("/overstays").status_code == 200


@pytest.mark.usefixtures("noi_bai")
def test_a_booth_crossing_without_days_takes_the_rules(
    client: TestClient, world: World, database: Database
) -> None:
    officer = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    body = {key: value for key, value in ENTRY.items() if key != "permit_days"}
    created = client.post("/api/v1/crossings", json=body, headers=officer.headers).json()
    assert created["permit_days"] == 45


@pytest.mark.usefixtures("noi_bai")
def test_a_points_day_and_a_timeline_show_the_recorded_crossings(
    client: TestClient, world: World, database: Database
) -> None:
    import re

    officer = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    client.post("/api/v1/crossings", json=ENTRY, headers=officer.headers)
    client.post("/login", data={"username": "vnm.border", "password": "correct-horse-battery"})
    day = client.get("/points/HAN?day=2026-03-01").text
    assert 'data-testid="entries">1<' in day
    assert "SMITH JOHN" in day
    assert "No crossings recorded here" in client.get("/points/HAN?day=2026-03-02").text
    assert client.get("/points/NOWHERE").status_code == 404
    assert client.get("/points/HAN?day=tomorrow").status_code == 422
    form = client.get("/timeline").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', form)
    assert csrf is not None
    page = client.post(
        "/timeline",
        data={"csrf": csrf.group(1), "issuing_state": "gbr", "document_number": "123456789"},
    ).text
    assert "GBR:123456789" in page
    assert "2026-03-01T08:15:00+07:00" in page
    assert (
        client.post("/timeline", data={"csrf": csrf.group(1), "issuing_state": "GBR"}).status_code
        == 422
    )


@pytest.mark.usefixtures("noi_bai")
def test_a_correction_replaces_a_crossing_in_the_analyses_and_keeps_the_original(
    client: TestClient, world: World, database: Database
) -> None:
    officer = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    entry = {**ENTRY, "timestamp": "2026-01-01T08:00:00+07:00", "permit_days": 5}
    original = client.post("/api/v1/crossings", json=entry, headers=officer.headers).json()
    overstaying = {"as_of": "2026-03-01", "status": "overstaying"}
    assert client.post("/api/v1/crossings/stays", json=overstaying, headers=officer.headers).json()
    fixed = client.post(
        f"/api/v1/crossings/{original['id']}/corrections",
        headers=officer.headers,
        json={"reason": "the visa was 90 days, keyed as 5", "permit_days": 90},
    )
    assert fixed.status_code == 201, fixed.text
    assert fixed.json()["corrects_id"] == original["id"]
    assert fixed.json()["permit_days"] == 90
    assert (
        client.post("/api/v1/crossings/stays", json=overstaying, headers=officer.headers).json()
        == []
    )
    history = client.post(
        "/api/v1/crossings/history", json={"document_key": "GBR:123456789"}, headers=officer.headers
    ).json()
    assert sorted(c["permit_days"] for c in history) == [5, 90]  # the original is kept as it was
    again = client.post(
        f"/api/v1/crossings/{original['id']}/corrections",
        headers=officer.headers,
        json={"reason": "twice", "permit_days": 30},
    )
    assert again.status_code == 409
    uk = world.officer("gbr.border", "GBR-HO", Role.BORDER_OFFICER)
    assert (
        client.post(
            f"/api/v1/crossings/{fixed.json()['id']}/corrections",
            headers=uk.headers,
            json={"reason": "not mine", "permit_days": 1},
        ).status_code
        == 404
    )
