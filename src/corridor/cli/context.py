"""What every command needs: the settings, the store, and one way to print results.

The store and the settings are imported when a command first asks for them: a command that
reads and writes files only (``corridor resolve``, ``corridor screen``) never loads
SQLAlchemy, and starts in a fraction of the time.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from rich.console import Console

from corridor.domain.principal import Principal
from corridor.domain.roles import Role

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from corridor.settings import Settings
    from corridor.store.database import Database

console = Console()
errors = Console(stderr=True)


def settings() -> Settings:
    from corridor.settings import get_settings

    return get_settings()


def database() -> Database:
    from corridor.store.database import Database

    return Database(settings().database_url)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str, indent=2) + "\n")


def administrator(session: Session, agency: str, *roles: Role) -> Principal:
    """The node's administrator at the shell, acting for ``agency`` (named in the audit
    trail as ``administrator``)."""
    from corridor.store.repositories.agencies import AgencyRepository

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
