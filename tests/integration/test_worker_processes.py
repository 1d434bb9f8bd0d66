"""`ordertake worker` as real processes: four on PostgreSQL, SIGKILL mid-document, SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ordertake.db.models import DocumentRow, OrderRow
from ordertake.db.session import make_engine, make_session_factory, migrate
from ordertake.domain import SourceKind, SourceMeta
from ordertake.ingest.store import store_document

HERE = Path(__file__).resolve().parent
ORDERTAKE = [sys.executable, "-m", "ordertake"]


def _env(db_url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"ORDERTAKE_DATABASE_URL": db_url, "ORDERTAKE_DATA_DIR": str(tmp_path / "var"),
                "ORDERTAKE_SECRET_KEY": "x",
                "PYTHONPATH": os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")])})
    env.update(extra)
    return env


def _prepare(db_url: str, n: int):
    engine = make_engine(db_url)
    migrate(engine)
    sessions = make_session_factory(engine)
    with sessions() as session:
        for i in range(n):
            store_document(session, f"PO-{i}".encode(), SourceMeta(
                filename=f"fax-{i}.tif", kind=SourceKind.FOLDER), f"test:{i}")
        session.commit()
    return engine, sessions


@pytest.mark.postgres
@pytest.mark.slow
def test_four_worker_processes_make_each_draft_once(pg_url, tmp_path):
    engine, sessions = _prepare(pg_url, 200)
    done = subprocess.run(
        ORDERTAKE + ["worker", "--once", "-n", "4", "--pipeline", "queue_pipelines:cheap"],
        env=_env(pg_url, tmp_path), capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(OrderRow)) == 200
        assert session.scalar(select(func.count(func.distinct(OrderRow.document_id)))) == 200
        statuses = set(session.scalars(select(DocumentRow.status)))
        assert statuses == {"review"}
        assert set(session.scalars(select(DocumentRow.attempts))) == {1}
    engine.dispose()


def _wait_for(path: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, "worker never started the document"
        time.sleep(0.05)


def test_worker_killed_mid_document_is_processed_exactly_once(db_url, tmp_path):
    engine, sessions = _prepare(db_url, 1)
    marker = tmp_path / "started"
    env = _env(db_url, tmp_path, ORDERTAKE_LEASE_SECONDS="2", ORDERTAKE_TEST_SLEEP="30",
               ORDERTAKE_TEST_MARKER=str(marker))
    victim = subprocess.Popen(
        ORDERTAKE + ["worker", "-n", "1", "--pipeline", "queue_pipelines:slow"], env=env)
    _wait_for(marker, 60)
    victim.send_signal(signal.SIGKILL)
    victim.wait(10)
    with sessions() as session:
        assert session.scalars(select(DocumentRow.status)).one() == "processing"
    time.sleep(2.2)  # the lease runs out
    done = subprocess.run(
        ORDERTAKE + ["worker", "--once", "-n", "1", "--pipeline", "queue_pipelines:cheap"],
        env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    with sessions() as session:
        doc = session.scalars(select(DocumentRow)).one()
        assert (doc.status, doc.attempts) == ("review", 2)
        assert session.scalar(select(func.count()).select_from(OrderRow)) == 1
    engine.dispose()


def test_sigterm_finishes_the_current_document_then_exits(sqlite_url, tmp_path):
    engine, sessions = _prepare(sqlite_url, 2)
    marker = tmp_path / "started"
    env = _env(sqlite_url, tmp_path, ORDERTAKE_TEST_SLEEP="1.5",
               ORDERTAKE_TEST_MARKER=str(marker))
    worker = subprocess.Popen(
        ORDERTAKE + ["worker", "-n", "2", "--pipeline", "queue_pipelines:slow"], env=env)
    _wait_for(marker, 60)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(30) == 0
    with sessions() as session:
        statuses = list(session.scalars(select(DocumentRow.status)))
        assert "processing" not in statuses and "review" in statuses
    engine.dispose()
