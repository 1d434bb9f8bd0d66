"""Mail intake speed: messages/second from a real Dovecot into queued documents, and the
latency from APPEND to a queued document with IDLE (compared with a 10-minute poll interval).

Run: .venv/bin/python bench/bench_ingest.py [--messages 200] [--db URL]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "integration"))

from dovecot import start_dovecot  # noqa: E402
from mailmaker import order_mail, tiff_page  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from tlsca import make_test_ca  # noqa: E402

from ordertake.config import Settings  # noqa: E402
from ordertake.db.models import DocumentRow  # noqa: E402
from ordertake.db.session import make_engine, make_session_factory, migrate  # noqa: E402
from ordertake.ingest.poller import Poller  # noqa: E402


def _count(sessions) -> int:  # noqa: ANN001
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(DocumentRow)) or 0)


def _batch(server, settings: Settings, sessions, n: int) -> tuple[int, int, float]:  # noqa: ANN001
    """Seed `n` messages, import them in one pass: (imported, documents, seconds)."""
    page = tiff_page(7)
    client = server.client()
    for i in range(n):
        raw = order_mail(f"FAX受信 03-1234-{i:04d}", attachment=page + bytes([i % 251]))
        client.append("INBOX", raw)
    client.logout()
    started = time.perf_counter()
    report = Poller(settings, sessions).poll_once()
    return report.imported, report.documents, time.perf_counter() - started


NO_MOVE = "IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE CHILDREN UNSELECT UIDPLUS"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--latency-samples", type=int, default=10)
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    work.chmod(0o755)
    ca = make_test_ca(work / "ca")
    server = start_dovecot(work / "dovecot")
    others = []
    try:
        url = args.db or f"sqlite:///{work / 'bench.db'}"
        engine = make_engine(url)
        migrate(engine)
        sessions = make_session_factory(engine)
        settings = Settings(data_dir=work, secret_key="x", imap_poll_interval=600,
                            **server.settings_overrides())
        imported, documents, elapsed = _batch(server, settings, sessions, args.messages)
        rate = imported / elapsed
        print(f"batch ingest: {imported} messages → {documents} queued documents "
              f"in {elapsed:.2f} s = {rate:.1f} messages/s ({engine.dialect.name}, plain, MOVE)")
        # The same batch over implicit TLS and on a server without MOVE (COPY + UID EXPUNGE);
        # each in its own mailbox name so nothing is deduplicated away.
        tls = start_dovecot(work / "dovecot-tls", tls=ca, user="tls@example.jp")
        nomove = start_dovecot(work / "dovecot-nomove", capability=NO_MOVE,
                               user="nomove@example.jp")
        others += [tls, nomove]
        for label, variant, extra in (
                ("IMAPS (TLS)", tls, {"imap_port": tls.imaps_port, "imap_ssl": True,
                                      "imap_ca_file": ca.ca_file}),
                ("no MOVE: COPY+UID EXPUNGE", nomove, {})):
            variant_settings = Settings(data_dir=work, secret_key="x", imap_poll_interval=600,
                                        **{**variant.settings_overrides(), **extra})
            n, _docs, seconds = _batch(variant, variant_settings, sessions, args.messages)
            print(f"batch ingest, {label}: {n} messages in {seconds:.2f} s = "
                  f"{n / seconds:.1f} messages/s → {n / seconds / rate:.2f}x plain+MOVE")

        stop = threading.Event()
        thread = threading.Thread(target=Poller(settings, sessions).run, args=(stop,),
                                  kwargs={"idle_seconds": 2}, daemon=True)
        thread.start()
        time.sleep(1.0)
        latencies = []
        for i in range(args.latency_samples):
            before = _count(sessions)
            sent = time.perf_counter()
            server.append(order_mail(f"IDLE {i}", attachment=tiff_page(40 + i)))
            while _count(sessions) == before:
                time.sleep(0.01)
            latencies.append(time.perf_counter() - sent)
        stop.set()
        thread.join(10)
        latencies.sort()
        median = latencies[len(latencies) // 2]
        print(f"APPEND → queued with IDLE: median {median:.2f} s, max {latencies[-1]:.2f} s "
              f"over {len(latencies)} messages (target < 2 s)")
        print(f"side by side: IDLE median {median:.2f} s vs 10-minute polling ~300 s average "
              f"wait → {300 / median:.0f}x sooner")
    finally:
        for other in others:
            other.stop()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
