"""One worker: claim a document, run the processor, commit drafts and status together."""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
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


class RetriesAlone:
    """A worker's threads read their documents side by side, except a document on a second or
    later attempt: the attempt before may have ended with the process (a crash in a C library
    reading a hostile file, the kernel's OOM killer), so it is read with no other document in
    flight, and if it ends the process again the others lose no attempt."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._side_by_side = 0
        self._alone_waiting = 0
        self._alone = False

    @contextmanager
    def reading(self, claim: Claim, group: ReadTogether | None) -> Iterator[None]:
        alone = claim.attempt > 1
        # While it waits, the thread adds no pages: the group does not wait for it.
        with group.aside() if group else nullcontext(), self._changed:
            if alone:
                self._alone_waiting += 1
                self._changed.wait_for(lambda: not self._side_by_side and not self._alone)
                self._alone_waiting -= 1
                self._alone = True
            else:  # a document to read alone goes first
                self._changed.wait_for(lambda: not self._alone and not self._alone_waiting)
                self._side_by_side += 1
        try:
            yield
        finally:
            with self._changed:
                if alone:
                    self._alone = False
                else:
                    self._side_by_side -= 1
                self._changed.notify_all()


def process_one(sessions: sessionmaker[Session], worker_id: str, processor: Processor,
                settings: Settings, *, group: ReadTogether | None = None,
                retries: RetriesAlone | None = None) -> str | None:
    """Handle the next claimable document; its final status, or None when the queue is empty.

    Several threads of one worker pass the `group` they read pages with and the `retries`
    gate they share."""
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
        with retries.reading(claim, group) if retries else nullcontext():
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
        return _loop(sessions, worker_id, processor, settings, once, stop, idle_seconds)
    threads = ocr_jobs(settings) * settings.read_together
    counts: Counter[str] = Counter()
    retries = RetriesAlone()
    with (ReadTogether(settings.read_together, ocr_jobs(settings)) as group,
          ThreadPoolExecutor(max_workers=threads, thread_name_prefix="document") as pool):

        def loop(thread_id: str) -> dict[str, int]:
            try:
                return _loop(sessions, thread_id, processor, settings, once, stop,
                             idle_seconds, group, retries)
            except BaseException:
                stop.set()  # the worker fails as a whole, as with one thread
                raise

        loops = [pool.submit(loop, f"{worker_id}/{i}") for i in range(threads)]
        for done in loops:
            counts.update(done.result())
    return dict(counts)


def _loop(sessions: sessionmaker[Session], worker_id: str, processor: Processor,
          settings: Settings, once: bool, stop: threading.Event, idle_seconds: float,
          group: ReadTogether | None = None, retries: RetriesAlone | None = None
          ) -> dict[str, int]:
    counts: dict[str, int] = {}
    while not stop.is_set():
        # A member from the claim on: pages read together wait for this thread's document
        # (or for it to find the queue empty), not only for those already decoded.
        with group.member() if group else nullcontext():
            outcome = process_one(sessions, worker_id, processor, settings, group=group,
                                  retries=retries)
        if outcome is None:
            if once:
                break
            stop.wait(idle_seconds)
            continue
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
