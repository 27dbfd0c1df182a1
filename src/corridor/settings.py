"""Every setting of a node, read once from ``CORRIDOR_*`` environment variables.

Defaults work on a laptop (SQLite under ``./var``); production must set a real secret, and the
settings refuse to load in production with the development default (fail closed).
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from typing import Annotated

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from corridor.errors import ConfigurationError

DEVELOPMENT_SECRET = "development-only-secret-change-me"  # noqa: S105 - refused outside development


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CORRIDOR_", extra="ignore")

    env: Annotated[Environment, Field(description="development, test or production.")] = (
        Environment.DEVELOPMENT
    )
    database_url: Annotated[
        str, Field(description="SQLAlchemy URL of the node's store (SQLite or PostgreSQL).")
    ] = "sqlite:///var/corridor.sqlite3"
    secret_key: Annotated[
        str,
        Field(description="Signs session cookies and form tokens. Required in production."),
    ] = DEVELOPMENT_SECRET
    node_name: Annotated[str, Field(description="Shown in the web interface's header.")] = (
        "Corridor node"
    )
    max_request_bytes: Annotated[
        int, Field(ge=1024, description="Largest request body the API accepts, in bytes.")
    ] = 10 * 1024 * 1024
    session_hours: Annotated[
        int, Field(ge=1, le=72, description="Hours a web session stays valid.")
    ] = 12
    secure_cookies: Annotated[
        bool, Field(description="Mark session cookies Secure (set behind TLS).")
    ] = False
    page_size_max: Annotated[
        int, Field(ge=1, le=10_000, description="Largest page a list endpoint returns.")
    ] = 500
    node_agency: Annotated[
        str,
        Field(description="The agency this node speaks for to partner nodes (e.g. VNM-MPS)."),
    ] = ""
    node_key_file: Annotated[
        str,
        Field(description="The node's Ed25519 private key (PEM), made by `corridor node init`."),
    ] = "var/node-key.pem"
    exchange_max_age_seconds: Annotated[
        int,
        Field(ge=10, le=3600, description="Oldest signed partner request accepted, in seconds."),
    ] = 300
    exchange_skew_seconds: Annotated[
        int,
        Field(
            ge=0, le=600, description="Clock difference tolerated with partner nodes, in seconds."
        ),
    ] = 60

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.env is Environment.PRODUCTION:
            if self.secret_key == DEVELOPMENT_SECRET or len(self.secret_key) < 32:
                raise ConfigurationError(
                    "CORRIDOR_SECRET_KEY must be set to a random value of at least 32 "
                    "characters in production (python -c 'import secrets; "
                    "print(secrets.token_urlsafe(48))')."
                )
            if self.database_url.startswith("sqlite"):
                raise ConfigurationError(
                    "production needs PostgreSQL: set CORRIDOR_DATABASE_URL to a "
                    "postgresql+psycopg:// URL."
                )
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings; tests build their own ``Settings`` and inject it instead."""
    return Settings()
