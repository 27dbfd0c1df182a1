"""The border check through the API: alerts in, hits out, reviewed, remembered, withdrawn."""

from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import select

from corridor.domain.documents.mrz_writer import DocumentFields, make_mrz
from corridor.domain.roles import Role
from corridor.services.alerts import expire_alerts
from corridor.store.database import Database
from corridor.store.models import Alert, Notification
from tests.conftest import Officer, World

ALERT = {
    "id": "VN-2026-0001",
    "alert_type": "wanted",
    "full_name": "Nguyễn Thị Thu|NGUYEN THU",
    "birth_date": "1990-03-01",
    "nationality": "VNM",
    "sex": "F",
    "document_number": "C1234567",
}


def _setup(client: TestClient, world: World) -> tuple[Officer, Officer]:
    analyst = world.officer("vnm.analyst", "VNM-MPS", Role.ANALYST)
    border = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    created = client.post("/api/v1/alerts", json=ALERT, headers=analyst.headers)
    assert created.status_code == 201, created.text
    return analyst, border


def test_a_border_check_finds_the_alert_and_explains_it(client: TestClient, world: World) -> None:
    _, border = _setup(client, world)
    response = client.post(
        "/api/v1/screening/check",
        headers=border.headers,
        json={
            "full_name": "THU NGUYEN THI",
            "birth_date": "1990-03-01",
            "nationality": "VNM",
            "sex": "F",
        },
    )
    assert response.status_code == 200
    [hit] = response.json()
    assert hit["alert_reference"] == "VN-2026-0001"
    assert hit["alert_type"] == "wanted"
    assert hit["status"] == "pending"
    assert "birth_date exact" in hit["explanation"]
    assert hit["action"].startswith("detain")


def test_a_border_check_reads_the_mrz(client: TestClient, world: World) -> None:
    _, border = _setup(client, world)
    mrz = "\n".join(
        make_mrz(
            DocumentFields(
                "P",
                "VNM",
                "Nguyễn",
                "Thị Thu",
                "C1234567",
                "VNM",
                date(1990, 3, 1),
                "F",
                date(2030, 1, 1),
            )
        )
    )
    hits = client.post("/api/v1/screening/check", json={"mrz": mrz}, headers=border.headers).json()
    assert [h["alert_reference"] for h in hits] == ["VN-2026-0001"]
    assert "document same number" in hits[0]["explanation"]


def test_a_dismissed_hit_does_not_stop_the_same_traveller_again(
    client: TestClient, world: World
) -> None:
    _, border = _setup(client, world)
    traveller = {
        "full_name": "NGUYEN THI THU",
        "birth_date": "1990-03-01",
        "nationality": "VNM",
        "sex": "F",
        "document_number": "C7654321",
        "issuing_state": "VNM",
    }
    [hit] = client.post("/api/v1/screening/check", json=traveller, headers=border.headers).json()
    dismissed = client.post(
        f"/api/v1/hits/{hit['id']}/dismiss",
        headers=border.headers,
        json={"reason": "different person: fingerprints differ"},
    )
    assert dismissed.json()["status"] == "dismissed"
    again = client.post("/api/v1/screening/check", json=traveller, headers=border.headers)
    assert again.json() == []
    twice = client.post(
        f"/api/v1/hits/{hit['id']}/confirm",
        headers=border.headers,
        json={"reason": "changed my mind"},
    )
    assert twice.status_code == 409


def test_a_confirmed_hit_notifies_the_owner_agency(
    client: TestClient, world: World, database: Database
) -> None:
    _, border = _setup(client, world)
    [hit] = client.post(
        "/api/v1/screening/check",
        headers=border.headers,
        json={"full_name": "NGUYEN THI THU", "birth_date": "1990-03-01"},
    ).json()
    confirmed = client.post(
        f"/api/v1/hits/{hit['id']}/confirm",
        headers=border.headers,
        json={"reason": "identity confirmed", "action_taken": "detained", "where": "HAN"},
    )
    assert confirmed.json()["action_taken"] == "detained"
    with database.transaction() as session:
        [notice] = session.query(Notification).all()
        assert notice.kind == "hit_confirmed"
        assert notice.payload["where"] == "HAN"
        assert notice.payload["confirmed_by"] == "vnm.border"


def test_a_withdrawn_alert_leaves_screening_at_once(client: TestClient, world: World) -> None:
    analyst, border = _setup(client, world)
    traveller = {"full_name": "NGUYEN THI THU", "birth_date": "1990-03-01"}
    assert client.post("/api/v1/screening/check", json=traveller, headers=border.headers).json()
    alert_id = client.get("/api/v1/alerts", headers=analyst.headers).json()["items"][0]["id"]
    withdrawn = client.post(
        f"/api/v1/alerts/{alert_id}/withdraw",
        headers=analyst.headers,
        json={"reason": "arrested 2026-11-20"},
    )
    assert withdrawn.json()["status"] == "withdrawn"
    assert (
        client.post("/api/v1/screening/check", json=traveller, headers=border.headers).json() == []
    )


def test_another_agencys_alerts_and_hits_stay_out_of_reach(
    client: TestClient, world: World
) -> None:
    _, border = _setup(client, world)
    [hit] = client.post(
        "/api/v1/screening/check",
        headers=border.headers,
        json={"full_name": "NGUYEN THI THU", "birth_date": "1990-03-01"},
    ).json()
    uk = world.officer("gbr.border", "GBR-HO", Role.BORDER_OFFICER)
    assert (
        client.post(
            "/api/v1/screening/check",
            headers=uk.headers,
            json={"full_name": "NGUYEN THI THU", "birth_date": "1990-03-01"},
        ).json()
        == []
    )
    assert (
        client.post(
            f"/api/v1/hits/{hit['id']}/dismiss", headers=uk.headers, json={"reason": "x"}
        ).status_code
        == 404
    )
    assert client.get("/api/v1/hits", headers=uk.headers).json()["items"] == []


def test_bad_screening_input_is_a_clear_4xx(client: TestClient, world: World) -> None:
    _, border = _setup(client, world)
    for body, text in (
        ({}, "give mrz"),
        ({"full_name": "X", "birth_date": "1990-13-01"}, "calendar"),
        ({"full_name": "X", "nationality": "ZZZ"}, "ZZZ"),
        ({"mrz": "not an mrz"}, "lower-case"),
    ):
        response = client.post("/api/v1/screening/check", json=body, headers=border.headers)
        assert response.status_code == 422, body
        assert text in response.json()["detail"], response.json()


def test_a_bad_alert_is_refused(client: TestClient, world: World) -> None:
    analyst = world.officer("vnm.analyst", "VNM-MPS", Role.ANALYST)
    response = client.post(
        "/api/v1/alerts", headers=analyst.headers, json={**ALERT, "alert_type": "dangerous"}
    )
    assert response.status_code == 422
    assert "not one of wanted" in response.json()["detail"]


def test_a_passenger_list_is_screened_in_the_background(client: TestClient, world: World) -> None:
    _, border = _setup(client, world)
    travellers = [
        {"id": f"P{i}", "full_name": f"PASSENGER NUMBER{i}", "birth_date": "1980-01-01"}
        for i in range(450)
    ]
    travellers.insert(
        200,
        {
            "id": "X",
            "full_name": "THU NGUYEN THI",
            "birth_date": "1990-03-01",
            "nationality": "VNM",
            "sex": "F",
        },
    )
    created = client.post(
        "/api/v1/screening/batches",
        headers=border.headers,
        json={"name": "VN0054 HAN", "travellers": travellers},
    )
    assert created.status_code == 202
    batch_id = created.json()["id"]
    # the test client runs background tasks before it returns, so the batch is finished here
    state = client.get(f"/api/v1/screening/batches/{batch_id}", headers=border.headers).json()
    assert (state["status"], state["total"], state["done"], state["hits"]) == ("done", 451, 451, 1)
    hits = client.get(f"/api/v1/screening/batches/{batch_id}/hits", headers=border.headers).json()
    assert [h["traveller"]["full_name"] for h in hits["items"]] == ["THU NGUYEN THI"]
    uk = world.officer("gbr.border", "GBR-HO", Role.BORDER_OFFICER)
    assert (
        client.get(f"/api/v1/screening/batches/{batch_id}", headers=uk.headers).status_code == 404
    )


def test_a_passenger_list_with_a_bad_entry_is_refused_whole(
    client: TestClient, world: World
) -> None:
    _, border = _setup(client, world)
    travellers = [
        {"full_name": "A B", "birth_date": "1990-01-01"},
        {"full_name": "C D", "birth_date": "1990-02-30"},
    ]
    response = client.post(
        "/api/v1/screening/batches", headers=border.headers, json={"travellers": travellers}
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("traveller 2:")


def test_an_expired_alert_leaves_screening_at_once(
    client: TestClient, world: World, database: Database
) -> None:
    _, border = _setup(client, world)
    traveller = {"full_name": "NGUYEN THI THU", "birth_date": "1990-03-01"}
    assert client.post("/api/v1/screening/check", json=traveller, headers=border.headers).json()
    with database.transaction() as session:
        alert = session.scalars(select(Alert)).one()
        alert.valid_until = date(2026, 1, 1)
        assert expire_alerts(session, alert.agency_id, date(2026, 1, 2)) == 1
    assert (
        client.post("/api/v1/screening/check", json=traveller, headers=border.headers).json() == []
    )
