"""Schema changes go through Alembic only; this applies them to a node's store."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from corridor.store.database import Database

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(database: Database, revision: str = "head") -> None:
    """Apply every migration up to ``revision`` inside one transaction."""
    config = alembic_config(database.url)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def pending(database: Database) -> list[str]:
    """Revisions not yet applied; empty when the schema is current."""
    script = ScriptDirectory.from_config(alembic_config(database.url))
    with database.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    heads = set(script.get_heads())
    if current == heads:
        return []
    revisions = script.iterate_revisions(tuple(heads), tuple(current) or None)
    return [rev.revision for rev in revisions if rev is not None]
