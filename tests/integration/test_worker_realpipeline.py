"""The worker with the REAL reading pipeline and matcher, end to end through the CLI: sample
e-mail, text-layer PDF, mailed Excel and CSV order sheets → drafts with the ground-truth
customer and product codes; a changed products CSV imported while a worker runs is used for
the next document (Matcher rebuilt)."""

from __future__ import annotations

import email
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import aliased

from ordertake.db.models import CustomerRow, DocumentRow, OrderLineRow, OrderRow, ProductRow
from ordertake.db.session import make_engine, make_session_factory

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
DOCS = [SAMPLES / "documents/email-body/email-body-001.eml",
        SAMPLES / "documents/pdf-text/pdf-text-001.pdf",
        SAMPLES / "documents/email-sheet/email-sheet-001.eml",  # Excel workbook attached
        SAMPLES / "documents/email-sheet/email-sheet-007.eml"]  # CSV attached
ORDERTAKE = [sys.executable, "-m", "ordertake"]
NEW_CODE = "ZZ-90001"
pytestmark = pytest.mark.slow


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(ORDERTAKE + list(args), env=env, capture_output=True, text=True,
                          timeout=240)
    assert done.returncode == 0, f"ordertake {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _drafts(sessions) -> dict[str, tuple[str | None, list[str | None]]]:
    """filename → (customer code, product codes per line: the set one, else the suggestion)."""
    product, suggested = aliased(ProductRow), aliased(ProductRow)
    out = {}
    with sessions() as session:
        for order, filename, customer in session.execute(
                select(OrderRow, DocumentRow.filename, CustomerRow.code)
                .join(DocumentRow, DocumentRow.id == OrderRow.document_id)
                .outerjoin(CustomerRow, CustomerRow.id == OrderRow.customer_id)):
            codes = [p or s for p, s in session.execute(
                select(product.code, suggested.code).select_from(OrderLineRow)
                .outerjoin(product, product.id == OrderLineRow.product_id)
                .outerjoin(suggested, suggested.id == OrderLineRow.suggested_product_id)
                .where(OrderLineRow.order_id == order.id).order_by(OrderLineRow.line_no))]
            out[filename] = (customer, codes)
    return out


def _truth(path: Path) -> tuple[str, list[str]]:
    truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))
    return truth["customer_code"], [line["product_code"] for line in truth["lines"]]


def _document_name(path: Path) -> str:
    """The document an order is read from: a mail's attached order sheet, else the file."""
    if path.suffix != ".eml":
        return path.name
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    names = [part.get_filename() for part in message.iter_attachments()]
    return str(names[0]) if names else path.name


def _mail(body: str, sender: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "orders@example.jp"
    msg["Subject"] = "追加注文"
    msg["Message-ID"] = f"<{uuid.uuid4().hex}@example.co.jp>"
    msg["Date"] = "Mon, 14 Dec 2026 09:00:00 +0900"
    msg.set_content(body)
    return msg.as_bytes()


def _wait_for(sessions, filename: str, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        drafts = _drafts(sessions)
        if filename in drafts:
            return drafts[filename]
        time.sleep(0.3)
    raise AssertionError(f"no draft for {filename} within {seconds} s")


def test_worker_reads_samples_to_truth_and_picks_up_master_changes(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'ordertake.db'}"
    env = dict(os.environ, ORDERTAKE_DATABASE_URL=db_url, ORDERTAKE_DATA_DIR=str(tmp_path),
               ORDERTAKE_SECRET_KEY="x", ORDERTAKE_WORKERS="1", OMP_THREAD_LIMIT="1")
    _run(env, "init")
    _run(env, "import", "products", str(SAMPLES / "master/products.csv"))
    _run(env, "import", "customers", str(SAMPLES / "master/customers.csv"))
    _run(env, "ingest", *map(str, DOCS))
    _run(env, "worker", "--once", "-n", "1")

    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    drafts = _drafts(sessions)
    for path in DOCS:
        assert drafts[_document_name(path)] == _truth(path), path.name

    # A running worker, then a changed products CSV: the next document is matched against it.
    worker = subprocess.Popen(ORDERTAKE + ["worker", "-n", "1"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        customer_email = "tanaka@example.co.jp"
        before = tmp_path / "before.eml"
        before.write_bytes(_mail("A-10004 こいくちしょうゆ 500ml 12本", customer_email))
        _run(env, "ingest", str(before))
        assert _wait_for(sessions, "before.eml", 60)[1] == ["A-10004"]  # Matcher built

        changed = tmp_path / "products.csv"
        rows = (SAMPLES / "master/products.csv").read_text(encoding="utf-8").rstrip("\n")
        changed.write_text(rows + f"\n{NEW_CODE},特製ゆず胡椒 80g,個,540,ﾄｸｾｲﾕｽﾞｺｼｮｳ 80g,20,,\n",
                           encoding="utf-8")
        _run(env, "import", "products", str(changed))
        after = tmp_path / "after.eml"
        after.write_bytes(_mail(f"{NEW_CODE} 特製ゆず胡椒 80g 3個", customer_email))
        _run(env, "ingest", str(after))
        assert _wait_for(sessions, "after.eml", 60)[1] == [NEW_CODE]
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(5)
        engine.dispose()
    assert worker.returncode == 0, worker.stderr.read()[-2000:] if worker.stderr else ""
