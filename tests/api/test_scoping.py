"""One agency cannot read another's records, however it guesses their ids."""

from datetime import date

from fastapi.testclient import TestClient

from corridor.domain.roles import Role
from corridor.store.database import Database
from corridor.store.models import Traveller
from tests.conftest import World


def _traveller(database: Database, agency_code: str, family: str) -> int:
    from corridor.store.repositories.agencies import AgencyRepository

    with database.transaction() as session:
        agency = AgencyRepository(session).get(agency_code)
        record = Traveller(
            agency_id=agency.id,
            family_name=family,
            given_names="THI HUONG",
            native_name=None,
            script="Latn",
            birth_date=date(1990, 3, 1),
            sex="F",
            nationality="VNM",
            source="tests",
        )
        session.add(record)
        session.flush()
        return record.id


def test_guessing_another_agencys_traveller_id_finds_nothing(
    client: TestClient, world: World, database: Database
) -> None:
    theirs = _traveller(database, "GBR-HO", "NGUYEN")
    mine = _traveller(database, "VNM-MPS", "TRAN")
    officer = world.officer("vnm.border", "VNM-MPS", Role.BORDER_OFFICER)
    assert client.get(f"/api/v1/travellers/{mine}", headers=officer.headers).status_code == 200
    for guess in range(0, max(theirs, mine) + 5):
        if guess == mine:
            continue
        response = client.get(f"/api/v1/travellers/{guess}", headers=officer.headers)
        assert response.status_code == 404, guess
        assert "NGUYEN" not in response.text
    listed = client.get("/api/v1/travellers", headers=officer.headers).json()["items"]
    assert [t["id"] for t in listed] == [mine]


def test_guessing_another_agencys_user_or_token_id_finds_nothing(
    client: TestClient, world: World
) -> None:
    mine = world.officer("vnm.admin", "VNM-MPS", Role.ADMIN)
    theirs = world.officer("gbr.admin", "GBR-HO", Role.ADMIN)
    assert client.get(f"/api/v1/users/{theirs.user_id}", headers=mine.headers).status_code == 404
    users = client.get("/api/v1/users", headers=mine.headers).json()["items"]
    assert {u["username"] for u in users} == {"vnm.admin"}
    their_token = client.get("/api/v1/tokens", headers=theirs.headers).json()[0]["id"]
    response = client.delete(f"/api/v1/tokens/{their_token}", headers=mine.headers)
    assert response.status_code == 404
    assert client.get("/api/v1/me", headers=theirs.headers).status_code == 200
