"""The schema comes from Alembic alone, and the migrations match the models on both backends."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from corridor.store import migrate
from corridor.store.database import Database
from corridor.store.models import Base


def test_migrations_leave_nothing_pending(database: Database) -> None:
    assert migrate.pending(database) == []


def test_migrations_create_exactly_what_the_models_describe(database: Database) -> None:
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_upgrading_twice_changes_nothing(database: Database) -> None:
    migrate.upgrade(database)
    assert migrate.pending(database) == []
