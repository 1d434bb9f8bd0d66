"""Shared fixtures: databases (SQLite and the real PostgreSQL), settings, paths."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from ordertake.config import Settings
from ordertake.db.session import make_engine, make_session_factory, migrate

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
REALWORLD = ROOT.parent / "shared" / "realworld"
PG_BASE_URL = os.environ.get(
    "ORDERTAKE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards.

    Each test gets its own schema so parallel test runs on one server never collide.
    """
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_BASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_BASE_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ordertake.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ordertake.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def sessions(db_url: str) -> Iterator[sessionmaker[Session]]:
    """A migrated database (SQLite and PostgreSQL) and its session factory."""
    engine = make_engine(db_url)
    migrate(engine)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def settings(tmp_path: Path, sqlite_url: str) -> Settings:
    return Settings(data_dir=tmp_path / "var", database_url=sqlite_url, secret_key="test-secret")
