"""`ordertake ingest` and `ordertake status --json` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mailmaker import order_mail, tiff_page

ORDERTAKE = [sys.executable, "-m", "ordertake"]


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(ORDERTAKE + args, env=env, capture_output=True, text=True, timeout=120)


def test_ingest_then_status_json(tmp_path: Path):
    env = dict(os.environ, ORDERTAKE_DATA_DIR=str(tmp_path / "var"), ORDERTAKE_SECRET_KEY="x",
               ORDERTAKE_DATABASE_URL=f"sqlite:///{tmp_path / 'ot.db'}")
    assert _run(["init"], env).returncode == 0
    (tmp_path / "fax.tif").write_bytes(tiff_page(1))
    (tmp_path / "mail.eml").write_bytes(order_mail(attachment=tiff_page(2)))
    (tmp_path / "empty.pdf").write_bytes(b"")

    done = _run(["ingest", str(tmp_path / "fax.tif"), str(tmp_path / "mail.eml"),
                 str(tmp_path / "empty.pdf")], env)

    assert done.returncode == 2
    assert "empty.pdf" in done.stderr and "Traceback" not in done.stderr
    again = _run(["ingest", str(tmp_path / "fax.tif")], env)  # idempotent
    assert again.returncode == 0
    status = json.loads(_run(["status", "--json"], env).stdout)
    assert status["documents"] == {"queued": 2, "processing": 0, "review": 0, "failed": 0}
    assert status["orders"]["draft"] == 0
    assert status["oldest_waiting"]["document"]["filename"] == "fax.tif"
    text = _run(["status"], env).stdout
    assert "queued 2" in text
