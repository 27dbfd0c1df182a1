"""Fixtures shared by the suite.

Storage tests run once per backend: SQLite always, PostgreSQL when CORRIDOR_TEST_DATABASE_URL
names one (CI always does). Each run gets its own database (a temporary SQLite file, or a
fresh PostgreSQL schema), migrated with Alembic exactly as a node is; every test starts empty.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from corridor.api.app import create_app
from corridor.domain.roles import Role
from corridor.services.accounts import add_user, create_api_token
from corridor.services.agencies import add_agency
from corridor.services.arrivals import ARRIVALS
from corridor.settings import Environment, Settings, get_settings
from corridor.store import migrate
from corridor.store.database import Database, empty_all_tables
from corridor.store.models import CrossingPoint, User

PG_ENV = "CORRIDOR_TEST_DATABASE_URL"
PASSWORD = "correct-horse-battery"


def pytest_report_header() -> str:
    if os.environ.get(PG_ENV):
        return f"storage tests: SQLite and PostgreSQL ({PG_ENV} is set)"
    return (
        f"storage tests: SQLite only. To run them on PostgreSQL too, set {PG_ENV}, e.g. "
        f"{PG_ENV}=postgresql+psycopg://postgres@127.0.0.1:5432/test make test"
    )


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("store") / "corridor.sqlite3"
        yield f"sqlite:///{path}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(
            f"PostgreSQL tests skipped: set {PG_ENV}=postgresql+psycopg://USER@HOST:PORT/DB"
        )
    schema = f"corridor_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def migrated(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    migrate.upgrade(database)
    yield database
    database.dispose()


@pytest.fixture
def database(migrated: Database) -> Iterator[Database]:
    """The migrated store, emptied after each test so no test sees another's rows."""
    yield migrated
    ARRIVALS.wait()  # records a test stored are resolved before its rows go
    with migrated.transaction() as session:
        empty_all_tables(session)


@pytest.fixture
def settings(database: Database) -> Settings:
    return Settings(env=Environment.TEST, database_url=database.url, max_request_bytes=64 * 1024)


@pytest.fixture
def env_settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """The same settings seen through the environment, as the CLI reads them."""
    monkeypatch.setenv("CORRIDOR_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CORRIDOR_ENV", "test")
    get_settings.cache_clear()
    yield settings
    get_settings.cache_clear()


@pytest.fixture
def client(settings: Settings, database: Database) -> Iterator[TestClient]:
    with TestClient(create_app(settings, database)) as test_client:
        yield test_client


@dataclass(frozen=True)
class Officer:
    username: str
    agency: str
    token: str
    user_id: int

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class World:
    """Builds agencies and users through the services, as an administrator would."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def agency(self, code: str, name: str, country: str) -> None:
        with self.database.transaction() as session:
            add_agency(session, code=code, name=name, country=country)

    def officer(self, username: str, agency: str, *roles: Role) -> Officer:
        with self.database.transaction() as session:
            user = add_user(
                session,
                agency_code=agency,
                username=username,
                password=PASSWORD,
                roles=frozenset(roles),
            )
            issued = create_api_token(session, session.get_one(User, user.id), "tests")
            return Officer(username, agency, issued.secret, user.id)


@pytest.fixture
def world(database: Database) -> World:
    built = World(database)
    built.agency("VNM-MPS", "Ministry of Public Security", "VNM")
    built.agency("GBR-HO", "Home Office", "GBR")
    return built


@pytest.fixture
def noi_bai(database: Database) -> str:
    """The crossing point HAN (Noi Bai airport) in the store; its code."""
    with database.transaction() as session:
        session.add(
            CrossingPoint(
                code="HAN",
                name="Noi Bai",
                country="VNM",
                kind="air",
                latitude=21.2,
                longitude=105.8,
            )
        )
    return "HAN"


@pytest.fixture
def fixtures_dir() -> Path:
    return Path(__file__).parent / "fixtures"
