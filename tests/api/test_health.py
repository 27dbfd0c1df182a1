from fastapi.testclient import TestClient


def test_health_needs_no_credentials(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "database": None}


def test_ready_checks_the_database(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["database"] in ("sqlite", "postgresql")


def test_the_openapi_document_describes_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "Corridor node API"
    assert "/api/v1/travellers/{traveller_id}" in spec["paths"]
    assert "/api/v1/tokens" in spec["paths"]
