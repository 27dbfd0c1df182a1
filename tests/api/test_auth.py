import pytest
from fastapi.testclient import TestClient

from corridor.domain.roles import Role
from tests.conftest import World

PROTECTED = [
    "/api/v1/me",
    "/api/v1/agencies",
    "/api/v1/users",
    "/api/v1/tokens",
    "/api/v1/travellers",
    "/api/v1/travellers/1",
]


@pytest.mark.parametrize("path", PROTECTED)
def test_every_api_call_but_health_needs_credentials(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["Bearer cor_wrong", "Bearer ", "Basic dm5tOnB3", "cor_x"])
def test_a_wrong_token_is_refused(client: TestClient, world: World, header: str) -> None:
    response = client.get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["title"] == "Authentication required"


def test_a_token_identifies_its_user_and_agency(client: TestClient, world: World) -> None:
    officer = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    me = client.get("/api/v1/me", headers=officer.headers).json()
    assert me["username"] == "vnm.border"
    assert me["agency"]["code"] == "VNM-MPS"
    assert me["roles"] == ["border_officer"]


def test_a_created_token_is_shown_once_and_works_until_revoked(
    client: TestClient, world: World
) -> None:
    officer = world.officer("gbr.liaison", "GBR-HO", Role.LIAISON)
    created = client.post(
        "/api/v1/tokens", json={"name": "rfi sync", "days": 30}, headers=officer.headers
    )
    assert created.status_code == 201
    secret, token_id = created.json()["token"], created.json()["id"]
    listed = client.get("/api/v1/tokens", headers=officer.headers).json()
    assert all("token" not in t and "digest" not in t for t in listed)
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert client.delete(f"/api/v1/tokens/{token_id}", headers=officer.headers).status_code == 200
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_roles_limit_what_a_user_may_do(client: TestClient, world: World) -> None:
    officer = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    body = {"username": "vnm.new", "password": "long-enough-pass", "roles": ["analyst"]}
    response = client.post("/api/v1/users", json=body, headers=officer.headers)
    assert response.status_code == 403
    assert "admin role" in response.json()["detail"]


def test_an_admin_creates_users_in_their_own_agency_only(client: TestClient, world: World) -> None:
    admin = world.officer("gbr.admin", "GBR-HO", Role.ADMIN)
    body = {"username": "gbr.analyst", "password": "long-enough-pass", "roles": ["analyst"]}
    created = client.post("/api/v1/users", json=body, headers=admin.headers)
    assert created.status_code == 201
    user = created.json()
    assert user["agency"] == "GBR-HO"
    assert user["roles"] == ["analyst"]
    assert "password" not in created.text
    assert "argon2" not in created.text
