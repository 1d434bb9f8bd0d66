"""Review screen speed: time to open a draft (server and real browser) with 5,000 drafts.

Prints, side by side, a small database (50 drafts) against 5,000 drafts on SQLite and
PostgreSQL: server time for the order page and its JSON, the queue page, and in headless
Chromium the time from navigation to the page being ready (script done). Target: < 300 ms.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import uvicorn  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from web_seed import (  # noqa: E402
    LineSpec,
    add_draft,
    add_user,
    make_settings,
    render_sheet,
    seed_master,
    sign_in,
)

from ordertake.db.session import make_engine, make_session_factory, migrate  # noqa: E402
from ordertake.review_ui.app import create_app  # noqa: E402

PG = os.environ.get("ORDERTAKE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
LINES = [LineSpec("醤油 特選丸大豆 1.8L", "A-10023"),
         LineSpec("濃口しょうゆ 1L", "B-20001", quantity=3, unit_price=260, confidence=0.55,
                  candidates=[("B-20001", 0.55, "fuzzy"), ("A-10024", 0.5, "kana")]),
         LineSpec("米酢 500ml", "B-20001", quantity=12, unit_price=198),
         LineSpec("かつお節パック", "D-40100", quantity=2, unit="袋", unit_price=380)]


def seed(url: str, drafts: int) -> int:
    engine = make_engine(url)
    migrate(engine)
    factory = make_session_factory(engine)
    sheet = render_sheet("FAX注文", "株式会社 山田商店", LINES)
    t0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with factory() as s:
        seed_master(s)
        add_user(s, "bench", password="bench-pw")
        last = 0
        for i in range(drafts):
            order = add_draft(s, LINES, page_png=sheet, key=f"b{i}",
                              received_at=t0 + dt.timedelta(minutes=i))
            last = order.id
            if i % 500 == 499:
                s.commit()
        s.commit()
    engine.dispose()
    return last


def timed(fn, repeat: int = 15) -> float:
    fn()  # warm caches and the connection pool
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def browser_ready_ms(app, order_ids: list[int]) -> float:
    from playwright.sync_api import sync_playwright

    sock_port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=sock_port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{sock_port}"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                         args=["--disable-gpu", "--disable-dev-shm-usage",
                                               "--no-first-run"])
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"{base}/login")
            page.fill("input[name=name]", "bench")
            page.fill("input[name=password]", "bench-pw")
            page.keyboard.press("Enter")
            page.wait_for_url(f"{base}/")
            samples = []
            for order_id in order_ids:
                start = time.perf_counter()
                page.goto(f"{base}/orders/{order_id}")
                page.wait_for_selector("body[data-ready='1']")
                page.wait_for_function("[...document.images].every(i => i.complete)")
                samples.append((time.perf_counter() - start) * 1000)
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)
    return statistics.median(samples[1:])


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def measure(url: str, drafts: int, data_dir: Path, browser: bool) -> dict[str, float]:
    last = seed(url, drafts)
    app = create_app(make_settings(url, data_dir))
    client = TestClient(app)
    sign_in(client, "bench", "bench-pw")
    middle = last - drafts // 2
    out = {
        "order page": timed(lambda: client.get(f"/orders/{middle}").raise_for_status()),
        "order JSON": timed(lambda: client.get(f"/api/orders/{middle}").raise_for_status()),
        "page image": timed(lambda: client.get("/pages/1/image").raise_for_status()),
        "queue page": timed(lambda: client.get("/").raise_for_status(), repeat=7),
    }
    if browser:
        out["browser: open → ready"] = browser_ready_ms(app, [middle - i for i in range(8)])
    app.state.engine.dispose()
    return out


def pg_schema_url() -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    return f"{PG}?options=-csearch_path%3D{schema}", schema


def drop_schema(schema: str) -> None:
    admin = create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def main() -> None:
    sizes = (50, 5000)
    print("review screen: median ms (target: open a draft < 300 ms with 5,000 drafts)")
    for backend in ("sqlite", "postgresql"):
        results = {}
        for n in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                if backend == "sqlite":
                    url, schema = f"sqlite:///{tmp}/bench.db", None
                else:
                    url, schema = pg_schema_url()
                try:
                    started = time.perf_counter()
                    results[n] = measure(url, n, Path(tmp) / "var", browser=backend == "sqlite")
                    results[n]["(seed+measure s)"] = time.perf_counter() - started
                finally:
                    if schema:
                        drop_schema(schema)
        print(f"\n{backend}")
        print(f"  {'':26}{sizes[0]:>10,} drafts{sizes[1]:>10,} drafts{'ratio':>10}")
        for key in results[sizes[0]]:
            small, big = results[sizes[0]][key], results[sizes[1]][key]
            print(f"  {key:26}{small:>17.1f}{big:>17.1f}{big / small:>10.2f}")


if __name__ == "__main__":
    main()
