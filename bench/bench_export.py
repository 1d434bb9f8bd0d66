"""Export speed and memory: 10,000 approved orders (50,000 lines) as one CSV batch.

Seeds the orders once per database (SQLite file and, when it answers, PostgreSQL in its own
schema), then runs each export in a fresh child process so its peak memory is its own, and
prints seconds, orders/s and peak RSS side by side (with ratios to the first row).
    .venv/bin/python bench/bench_export.py [--orders N] [--lines-per-order K] [--no-postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, delete, insert, text, update

from ordertake.db.models import (
    BlobRow,
    CustomerRow,
    DocumentRow,
    ExportBatchRow,
    OrderLineRow,
    OrderRow,
    ProductRow,
    UserRow,
)
from ordertake.db.session import make_engine, migrate

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ITEMS = ["特選丸大豆しょうゆ 1.8L", "米酢 500ml", "お～いお茶 525ml", "ほんだし 1kg", "サラダ油 1L"]
UNITS = ["本", "ケース", "個", "袋", "箱"]


def seed(url: str, orders: int, per_order: int, seed_value: int = 11) -> None:
    rnd = random.Random(seed_value)
    engine = make_engine(url)
    migrate(engine)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        conn.execute(insert(UserRow), [{"name": "clerk", "role": "clerk"}])
        conn.execute(insert(CustomerRow), [
            {"code": f"C{i:04d}", "name": f"株式会社 得意先{i}"} for i in range(1, 201)
        ])  # fmt: skip
        conn.execute(insert(ProductRow), [
            {"code": f"P-{i:05d}", "name": f"{rnd.choice(ITEMS)} #{i}", "unit": "本",
             "price": Decimal(rnd.randint(80, 9000)), "aliases": []}
            for i in range(1, 2001)
        ])  # fmt: skip
        data = b"bench document"
        sha = hashlib.sha256(data).hexdigest()
        conn.execute(insert(BlobRow), [{"sha256": sha, "size": len(data), "data": data}])
        conn.execute(insert(DocumentRow), [
            {"ingest_key": f"bench:{i}", "sha256": sha, "filename": f"fax-{i:05d}.pdf",
             "source": "folder", "status": "review"} for i in range(1, orders + 1)
        ])  # fmt: skip
        conn.execute(insert(OrderRow), [
            {"document_id": i, "position": 0, "status": "approved",
             "customer_id": rnd.randint(1, 200),
             "order_number": f"PO-{i:06d}", "order_date": dt.date(2026, 11, 20),
             "delivery_date": dt.date(2026, 11, 25), "approved_by_id": 1, "approved_at": now,
             "warnings": [], "evidence": {}, "notes": "午前着" if i % 7 == 0 else ""}
            for i in range(1, orders + 1)
        ])  # fmt: skip
        lines = []
        for order_id in range(1, orders + 1):
            for no in range(1, per_order + 1):
                qty, price = rnd.randint(1, 48), Decimal(rnd.randint(80, 9000))
                lines.append({
                    "order_id": order_id, "line_no": no, "product_id": rnd.randint(1, 2000),
                    "quantity": Decimal(qty), "unit": rnd.choice(UNITS), "unit_price": price,
                    "amount": qty * price, "candidates": [], "warnings": [],
                })  # fmt: skip
        conn.execute(insert(OrderLineRow), lines)
    engine.dispose()


def reset(url: str) -> None:
    """Make every order due again so the next run exports the same work."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(update(OrderRow).values(status="approved", export_batch_id=None))
        conn.execute(delete(ExportBatchRow))
    engine.dispose()


def _status_kb(field: str) -> int:
    # /proc, not getrusage: ru_maxrss survives exec, so a child would report its parent's peak.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} missing from /proc/self/status")


def measure(url: str, encoding: str, profile: str) -> dict[str, float]:
    """Child process: one real export (committed), its time and this process's peak RSS."""
    from ordertake.db.session import make_session_factory
    from ordertake.export.batch import run_export

    factory = make_session_factory(make_engine(url))
    with factory() as s:  # connect and warm imports before the baseline
        s.execute(text("SELECT 1"))
    base = _status_kb("VmRSS")
    t0 = time.perf_counter()
    result = run_export(factory, profile=profile, encoding=encoding)
    seconds = time.perf_counter() - t0
    peak = _status_kb("VmHWM")
    return {"seconds": seconds, "orders": result.order_count, "lines": result.line_count,
            "csv_mb": len(result.data) / 1e6, "peak_mb": peak / 1024,
            "delta_mb": (peak - base) / 1024}  # fmt: skip


def child(url: str, encoding: str, profile: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", url, encoding, profile],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--lines-per-order", type=int, default=5)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--measure", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return

    targets: list[tuple[str, str, str | None]] = []
    tmp = tempfile.TemporaryDirectory()
    targets.append(("sqlite", f"sqlite:///{Path(tmp.name) / 'bench.db'}", None))
    if not args.no_postgres:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        try:
            admin = create_engine(PG, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            targets.append(("postgres", f"{PG}?options=-csearch_path%3D{schema}", schema))
        except Exception as exc:  # noqa: BLE001 - the bench still runs on SQLite
            print(f"PostgreSQL skipped: {exc.__class__.__name__}")

    rows = []
    try:
        for name, url, _ in targets:
            t0 = time.perf_counter()
            seed(url, args.orders, args.lines_per_order)
            print(f"{name}: seeded {args.orders} orders in {time.perf_counter() - t0:.1f} s")
            for encoding, profile in (("cp932", "japanese"), ("utf-8-sig", "generic")):
                result = child(url, encoding, profile)
                rows.append((name, encoding, profile, result))
                reset(url)
    finally:
        for _, _, schema in targets:
            if schema:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        tmp.cleanup()

    first = rows[0][3]
    print()
    head = ("database", "encoding", "profile", "orders", "lines", "seconds", "orders/s",
            "x time", "peak MB", "+MB", "CSV MB")  # fmt: skip
    print("{:9} {:10} {:9} {:>7} {:>7} {:>8} {:>9} {:>7} {:>8} {:>7} {:>7}".format(*head))
    for name, encoding, profile, r in rows:
        print(f"{name:9} {encoding:10} {profile:9} {r['orders']:>7.0f} {r['lines']:>7.0f} "
              f"{r['seconds']:>8.2f} {r['orders'] / r['seconds']:>9.0f} "
              f"{r['seconds'] / first['seconds']:>7.2f} {r['peak_mb']:>8.1f} "
              f"{r['delta_mb']:>7.1f} {r['csv_mb']:>7.2f}")  # fmt: skip
    print("\npeak MB: exporting process's peak RSS (VmHWM); +MB: above its RSS before export.")


if __name__ == "__main__":
    main()
