"""One worker: claim a document, run the processor, commit drafts and status together."""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from ordertake.config import Settings
from ordertake.db.models import DocumentRow
from ordertake.domain import CustomerMatch, DocumentStatus, MatchedOrder, OrderDraft, SourceMeta
from ordertake.errors import DocumentError
from ordertake.export.intake import after_drafts_saved
from ordertake.ingest.blobs import get_blob
from ordertake.ingest.store import meta_from_document
from ordertake.queue.claim import Claim, claim_next, mark_done, mark_failed, mark_retry
from ordertake.queue.persist import save_orders
from ordertake.queue.reading import Processed, Processor

if TYPE_CHECKING:
    from ordertake.ocr.together import ReadTogether

log = logging.getLogger(__name__)

NO_ORDER_WARNING = "no order was found in this document; enter it by hand"


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def _empty_order(meta: SourceMeta) -> MatchedOrder:
    draft = OrderDraft(source=meta.filename, warnings=[NO_ORDER_WARNING])
    return MatchedOrder(draft=draft, customer=CustomerMatch(None, None, 0.0), lines=[])


def process_one(sessions: sessionmaker[Session], worker_id: str, processor: Processor,
                settings: Settings) -> str | None:
    """Handle the next claimable document; its final status, or None when the queue is empty."""
    with sessions() as session:
        claim = claim_next(session, worker_id, settings.lease_seconds, settings.max_attempts)
    if claim is None:
        return None
    with sessions() as session:
        row = session.get(DocumentRow, claim.document_id)
        assert row is not None
        data = get_blob(session, row.sha256)
        meta = meta_from_document(row)
    label = f"document {claim.document_id} ({meta.filename or 'unnamed'})"
    try:
        result = processor(data, meta)
    except DocumentError as exc:
        log.warning("%s: %s", label, exc)
        with sessions() as session:
            mark_failed(session, claim, str(exc), exc.reason)
        return str(DocumentStatus.FAILED)
    except Exception as exc:  # noqa: BLE001 - anything else may be passing: retry later
        log.exception("%s: attempt %d failed", label, claim.attempt)
        with sessions() as session:
            return mark_retry(session, claim, f"{type(exc).__name__}: {exc}", settings.max_attempts)
    return _commit(sessions, claim, result, meta, settings, label)


def _commit(sessions: sessionmaker[Session], claim: Claim, result: Processed, meta: SourceMeta,
            settings: Settings, label: str) -> str:
    with sessions() as session:
        try:
            # Status first: on SQLite it takes the write lock, on PostgreSQL the row lock,
            # so a worker that lost its lease writes nothing.
            if not mark_done(session, claim, str(DocumentStatus.REVIEW)):
                session.rollback()
                log.warning("%s: lease lost to another worker; result dropped", label)
                return "lost"
            row = session.get(DocumentRow, claim.document_id)
            assert row is not None
            drafts = save_orders(session, row, result.pages,
                                 result.orders or [_empty_order(meta)])
            after_drafts_saved(session, drafts, settings)  # duplicates, touchless
            session.commit()
        except IntegrityError:
            session.rollback()
            log.warning("%s: drafts already exist; nothing added", label)
            return "duplicate"
        except Exception as exc:  # noqa: BLE001
            session.rollback()
            log.exception("%s: saving the drafts failed", label)
            with sessions() as retry_session:
                return mark_retry(retry_session, claim, f"saving failed: {exc}",
                                  settings.max_attempts)
    return str(DocumentStatus.REVIEW)


def run_worker(sessions: sessionmaker[Session], processor: Processor, settings: Settings,
               *, once: bool = False, stop: threading.Event | None = None,
               idle_seconds: float = 2.0) -> dict[str, int]:
    """Process documents until `stop` is set (or, with `once`, until the queue is empty).

    `ocr_jobs × read_together` documents are read at a time, one thread each, so that the
    pages of one-page faxes share tesseract runs (ocr/together.py: 8–9 % less CPU on them,
    bench/bench_ocr.py); with read_together 1, one document at a time."""
    from ordertake.ocr.load import ocr_jobs
    from ordertake.ocr.together import ReadTogether

    stop = stop or threading.Event()
    worker_id = new_worker_id()
    if settings.read_together <= 1:
        return _loop(sessions, worker_id, processor, settings, once, stop, idle_seconds, None)
    threads = ocr_jobs(settings) * settings.read_together
    counts: Counter[str] = Counter()
    with (ReadTogether(settings.read_together, ocr_jobs(settings)) as group,
          ThreadPoolExecutor(max_workers=threads, thread_name_prefix="document") as pool):

        def loop(thread_id: str) -> dict[str, int]:
            try:
                return _loop(sessions, thread_id, processor, settings, once, stop,
                             idle_seconds, group)
            except BaseException:
                stop.set()  # the worker fails as a whole, as with one thread
                raise

        loops = [pool.submit(loop, f"{worker_id}/{i}") for i in range(threads)]
        for done in loops:
            counts.update(done.result())
    return dict(counts)


def _loop(sessions: sessionmaker[Session], worker_id: str, processor: Processor,
          settings: Settings, once: bool, stop: threading.Event, idle_seconds: float,
          group: ReadTogether | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    while not stop.is_set():
        # A member from the claim on: pages read together wait for this thread's document
        # (or for it to find the queue empty), not only for those already decoded.
        with group.member() if group else nullcontext():
            outcome = process_one(sessions, worker_id, processor, settings)
        if outcome is None:
            if once:
                break
            stop.wait(idle_seconds)
            continue
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
