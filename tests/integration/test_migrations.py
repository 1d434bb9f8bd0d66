"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.orm import Session, sessionmaker

from ordertake.db.models import Base


def test_migrations_match_models(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        conn = session.connection()
        ctx = MigrationContext.configure(conn, opts={"compare_type": False})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_migrate_is_idempotent(db_url: str) -> None:
    from ordertake.db.session import make_engine, migrate

    engine = make_engine(db_url)
    migrate(engine)
    migrate(engine)
    engine.dispose()
