"""`ordertake export` as a user runs it, and an exporting process killed before its commit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from export_support import order
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ordertake.db.models import ExportBatchRow, OrderRow
from ordertake.db.session import make_engine, make_session_factory, migrate

EXE = Path(sys.executable).with_name("ordertake")


def _run(args: list[str], db_url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ORDERTAKE_DATABASE_URL": db_url, "ORDERTAKE_DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [str(EXE), *args], env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path
    )


def test_export_command(sqlite_url: str, tmp_path: Path) -> None:
    # The command once, on SQLite: the batch logic itself runs on both databases elsewhere.
    db_url = sqlite_url
    engine = make_engine(db_url)
    migrate(engine)
    sessions = make_session_factory(engine)
    with sessions.begin() as s:
        order(s, lines=[("A-1", 6, "本", 420), ("B-2", 1, "箱", 900)])
    out = tmp_path / "orders.csv"
    done = _run(["export", "--out", str(out), "--profile", "japanese"], db_url, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "batch 1: 1 orders, 2 lines" in done.stdout
    data = out.read_bytes()
    assert data.decode("cp932").startswith("伝票番号,受注日,得意先コード,") and data.endswith(
        b"\r\n"
    )

    again = _run(["export", "--out", str(out)], db_url, tmp_path)
    assert again.returncode == 0 and "nothing new to export" in again.stdout
    assert out.read_bytes() == data  # an empty run never clobbers the last file

    copy = tmp_path / "copy.csv"
    redo = _run(["export", "--batch", "1", "--out", str(copy)], db_url, tmp_path)
    assert redo.returncode == 0 and copy.read_bytes() == data

    with sessions.begin() as s:
        order(s, order_number="PO-😀")
    bad = tmp_path / "bad.csv"
    failed = _run(["export", "--out", str(bad)], db_url, tmp_path)
    assert failed.returncode == 5
    assert "cannot be written as cp932" in failed.stderr and "order 2 line 1" in failed.stderr
    assert "Traceback" not in failed.stderr and not bad.exists()

    utf8 = _run(["export", "--out", str(bad), "--encoding", "utf-8-sig"], db_url, tmp_path)
    assert utf8.returncode == 0 and bad.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "PO-😀".encode() in bad.read_bytes()


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from ordertake.db.session import make_engine, make_session_factory
    from ordertake.export.batch import run_export

    def die(result):
        print(result.batch_id, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # the process dies between writing and commit

    run_export(make_session_factory(make_engine(sys.argv[1])), before_commit=die)
    """
)


def test_process_killed_mid_export_leaves_no_half_batch(
    sessions: sessionmaker[Session], db_url: str
) -> None:
    with sessions.begin() as s:
        ids = [
            order(s, order_number=f"PO-{i}", lines=[("A-1", i + 1, "本", 10)]).id for i in range(5)
        ]
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, db_url], capture_output=True, text=True, timeout=60
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert killed.stdout.strip().isdigit()  # it had written a batch row before dying

    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(ExportBatchRow)) == 0
        states = {o.id: (o.status, o.export_batch_id) for o in s.scalars(select(OrderRow))}
    assert all(states[i] == ("approved", None) for i in ids)

    # No order is marked exported without a batch holding it; the next export takes them all.
    from ordertake.export.batch import run_export

    result = run_export(sessions)
    assert result.order_count == 5
    with sessions() as s:
        orphans = s.scalar(
            select(func.count())
            .select_from(OrderRow)
            .where(OrderRow.status == "exported", OrderRow.export_batch_id.is_(None))
        )
        assert orphans == 0
