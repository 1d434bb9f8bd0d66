"""Master-data import speed: 100,000 products read, validated and upserted (target < 20 s).

Prints the time for a first import (all inserts) and a re-import (all updates) on SQLite and,
when it answers, on PostgreSQL (own schema, dropped afterwards).
    .venv/bin/python bench/bench_import.py [--rows N] [--no-postgres]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from ordertake.db.session import make_engine, make_session_factory, migrate, transaction
from ordertake.masterdata import import_products, read_products_csv

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
MAKERS = ["キッコーマン", "ヤマサ", "ミツカン", "伊藤園", "サントリー", "味の素", "日清", "花王"]
ITEMS = ["特選丸大豆しょうゆ", "米酢", "お～いお茶 緑茶", "天然水", "ほんだし", "サラダ油", "洗剤"]
SIZES = ["500ml", "1L", "1.8L", "525ml", "2L", "1kg", "500g"]
UNITS = ["本", "ケース", "個", "袋", "箱"]


def write_master(path: Path, rows: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("code,name,unit,price,name_kana,case_qty,aliases\n")
        for i in range(rows):
            pack = rnd.choice([6, 12, 24])
            name = f"{rnd.choice(MAKERS)} {rnd.choice(ITEMS)} {rnd.choice(SIZES)}×{pack}"
            fh.write(
                f"P-{i:06d},{name},{rnd.choice(UNITS)},{rnd.randint(80, 9000)},,"
                f"{rnd.choice([6, 12, 24])},\n"
            )


def run(url: str, csv_path: Path) -> tuple[float, float, float]:
    engine = make_engine(url)
    migrate(engine)
    sessions = make_session_factory(engine)
    t0 = time.perf_counter()
    result = read_products_csv(csv_path)
    t1 = time.perf_counter()
    with transaction(sessions) as session:
        import_products(session, result.rows)
    t2 = time.perf_counter()
    with transaction(sessions) as session:
        import_products(session, read_products_csv(csv_path).rows)
    t3 = time.perf_counter()
    engine.dispose()
    return t1 - t0, t2 - t0, t3 - t2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "products.csv"
        write_master(csv_path, args.rows)
        targets = [("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}", None)]
        if not args.no_postgres:
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            targets.append(("postgresql", f"{PG}?options=-csearch_path%3D{schema}", schema))
        print(f"{args.rows:,} products, {csv_path.stat().st_size / 1e6:.1f} MB CSV")
        print(f"{'database':<12}{'read+validate':>15}{'first import':>15}{'re-import':>12}")
        for name, url, schema in targets:
            admin = create_engine(PG, isolation_level="AUTOCOMMIT") if schema else None
            if admin is not None:
                with admin.connect() as conn:
                    conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            try:
                read_s, first_s, again_s = run(url, csv_path)
                print(f"{name:<12}{read_s:>14.2f}s{first_s:>14.2f}s{again_s:>11.2f}s")
            finally:
                if admin is not None:
                    with admin.connect() as conn:
                        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        print("target: first import < 20 s")


if __name__ == "__main__":
    main()
