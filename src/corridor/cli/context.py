"""What every command needs: the settings, the store, and one way to print results."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from sqlalchemy.orm import Session

from corridor.domain.principal import Principal
from corridor.domain.roles import Role
from corridor.settings import Settings, get_settings
from corridor.store.database import Database
from corridor.store.repositories.agencies import AgencyRepository

console = Console()
errors = Console(stderr=True)


def settings() -> Settings:
    return get_settings()


def database() -> Database:
    return Database(settings().database_url)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str, indent=2) + "\n")


def administrator(session: Session, agency: str, *roles: Role) -> Principal:
    """The node's administrator at the shell, acting for ``agency`` (named in the audit
    trail as ``administrator``)."""
    found = AgencyRepository(session).get(agency.upper())
    return Principal(
        user_id=0,
        username="administrator",
        display_name="Node administrator (command line)",
        agency_id=found.id,
        agency_code=found.code,
        roles=frozenset({Role.ADMIN, *roles}),
        token_id=0,
    )
