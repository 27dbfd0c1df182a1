"""Storage: SQLAlchemy models, repositories and Alembic migrations, one code path for
SQLite and PostgreSQL. Nothing above this package writes SQL."""
