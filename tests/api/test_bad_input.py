"""Bad input gets a clear 4xx problem document and leaves the store as it was."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from corridor.domain.roles import Role
from corridor.store.database import Database
from corridor.store.models import Token, User
from tests.conftest import Officer, World


@pytest.fixture
def admin(world: World) -> Officer:
    return world.officer("vnm.admin", "VNM-MPS", Role.ADMIN)


def _counts(database: Database) -> tuple[int, int]:
    with database.transaction() as session:
        return (
            session.scalar(select(func.count(User.id))) or 0,
            session.scalar(select(func.count(Token.id))) or 0,
        )


@pytest.mark.parametrize(
    ("body", "status", "title"),
    [
        (b"{not json", 400, "Malformed JSON"),
        (b"\xff\xfe\x00garbage", 400, None),
        (b'{"username": "x"}', 422, "Invalid input"),
        (
            b'{"username": "vnm.x", "password": "long-enough-pass", "roles": ["god"]}',
            422,
            "Invalid input",
        ),
        (
            b'{"username": "x\'; DROP TABLE users; --", "password": "long-enough-pass",'
            b' "roles": ["analyst"]}',
            422,
            "Invalid input",
        ),
        (
            b'{"username": "vnm.x", "password": "long-enough-pass", "roles": ["analyst"],'
            b' "agency": "GBR-HO"}',
            422,
            "Invalid input",
        ),
    ],
)
def test_bad_bodies_are_refused_and_nothing_is_written(
    client: TestClient,
    database: Database,
    admin: Officer,
    body: bytes,
    status: int,
    title: str | None,
) -> None:
    before = _counts(database)
    response = client.post(
        "/api/v1/users",
        content=body,
        headers={**admin.headers, "Content-Type": "application/json"},
    )
    assert response.status_code == status
    problem = response.json()
    assert problem["status"] == status
    assert problem["detail"]
    if title:
        assert problem["title"] == title
    assert _counts(database) == before


def test_an_oversized_body_is_refused_before_it_is_read(
    client: TestClient, database: Database, admin: Officer
) -> None:
    before = _counts(database)
    huge = b'{"name": "' + b"x" * (65 * 1024) + b'"}'
    response = client.post(
        "/api/v1/tokens",
        content=huge,
        headers={**admin.headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["title"] == "Request too large"
    assert _counts(database) == before


def test_an_unknown_agency_is_a_clear_404(client: TestClient, admin: Officer) -> None:
    response = client.get("/api/v1/agencies/XYZ-NOPE", headers=admin.headers)
    assert response.status_code == 404
    assert "no agency with code 'XYZ-NOPE'" in response.json()["detail"]


def test_a_sql_looking_path_is_just_not_found(client: TestClient, admin: Officer) -> None:
    response = client.get("/api/v1/agencies/VNM-MPS' OR '1'='1", headers=admin.headers)
    assert response.status_code == 404


def test_a_duplicate_username_is_a_conflict(
    client: TestClient, database: Database, admin: Officer
) -> None:
    body = {"username": "vnm.admin", "password": "long-enough-pass", "roles": ["analyst"]}
    before = _counts(database)
    response = client.post("/api/v1/users", json=body, headers=admin.headers)
    assert response.status_code == 409
    assert "taken" in response.json()["detail"]
    assert _counts(database) == before


def test_a_forged_cursor_is_a_clear_error(client: TestClient, admin: Officer) -> None:
    response = client.get("/api/v1/agencies?cursor=%27%3B--", headers=admin.headers)
    assert response.status_code == 422
    assert "cursor" in response.json()["detail"]
