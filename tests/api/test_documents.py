from fastapi.testclient import TestClient

from corridor.domain.roles import Role
from tests.conftest import World

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


def test_a_border_officer_checks_an_mrz_against_the_register(
    client: TestClient, world: World
) -> None:
    officer = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    report = {"issuing_state": "UTO", "document_number": "L898902C3", "reason": "forged"}
    assert (
        client.post("/api/v1/documents/reports", json=report, headers=officer.headers).status_code
        == 201
    )
    result = client.post("/api/v1/documents/check", json={"mrz": TD3}, headers=officer.headers)
    assert result.status_code == 200
    body = result.json()
    assert body["verdict"] == "reported"
    assert body["reports"][0]["reason"] == "forged"
    assert body["mrz"]["checks"]["composite"] is True
    listed = client.get("/api/v1/documents/reports", headers=officer.headers).json()
    assert [r["document_number"] for r in listed["items"]] == ["L898902C3"]


def test_bad_check_requests_are_clear_4xx(client: TestClient, world: World) -> None:
    officer = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    for body, status, text in (
        ({"mrz": "P<UTO\nshort"}, 422, "lower-case"),
        ({"mrz": TD3, "issuing_state": "UTO"}, 422, "either mrz"),
        ({}, 422, "either mrz"),
        ({"issuing_state": "ZZZ", "document_number": "1"}, 422, "ZZZ"),
    ):
        response = client.post("/api/v1/documents/check", json=body, headers=officer.headers)
        assert response.status_code == status, body
        assert text in response.json()["detail"], response.json()


def test_an_auditor_cannot_check_or_report(client: TestClient, world: World) -> None:
    auditor = world.officer("vnm.auditor", "VNM-MPS", Role.AUDITOR)
    response = client.post("/api/v1/documents/check", json={"mrz": TD3}, headers=auditor.headers)
    assert response.status_code == 403
