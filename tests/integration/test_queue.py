"""Queue mechanics on SQLite and PostgreSQL: claim, lease expiry, retry, failure, no duplicates."""

from __future__ import annotations

import datetime as dt

from queue_pipelines import always_broken, one_order, unreadable
from sqlalchemy import func, select, update

from ordertake.config import Settings
from ordertake.db.models import DocumentRow, OrderLineRow, OrderRow
from ordertake.domain import SourceKind, SourceMeta
from ordertake.ingest.store import store_document
from ordertake.queue.claim import claim_next, mark_done
from ordertake.queue.worker import process_one, run_worker


def _queue(sessions, n: int) -> list[int]:
    with sessions() as session:
        ids = [store_document(session, f"doc-{i}".encode(), SourceMeta(
            filename=f"fax-{i}.pdf", kind=SourceKind.CLI), f"test:{i}").id for i in range(n)]
        session.commit()
    return ids


def _settings(**extra) -> Settings:
    return Settings(secret_key="x", **extra)


def test_worker_turns_each_queued_document_into_one_draft(sessions):
    _queue(sessions, 3)
    counts = run_worker(sessions, one_order, _settings(), once=True)
    assert counts == {"review": 3}
    assert run_worker(sessions, one_order, _settings(), once=True) == {}
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(OrderRow)) == 3
        line = session.scalars(select(OrderLineRow)).first()
        assert line.candidates[0]["product_code"] == "A-1" and float(line.quantity) == 6
        statuses = session.scalars(select(DocumentRow.status)).all()
        assert statuses == ["review"] * 3


def test_unreadable_document_fails_with_reason_and_hint(sessions):
    _queue(sessions, 1)
    assert process_one(sessions, "w1", unreadable, _settings()) == "failed"
    with sessions() as session:
        doc = session.scalars(select(DocumentRow)).one()
        assert doc.status == "failed" and doc.error_reason == "encrypted"
        assert "without a password" in doc.error


def test_other_errors_retry_with_backoff_then_fail(sessions):
    _queue(sessions, 1)
    settings = _settings(max_attempts=2)
    assert process_one(sessions, "w1", always_broken, settings) == "queued"
    with sessions() as session:
        doc = session.scalars(select(DocumentRow)).one()
        assert doc.attempts == 1 and "tesseract crashed" in doc.error
        assert doc.not_before is not None
    # Not before its time...
    assert process_one(sessions, "w1", always_broken, settings) is None
    with sessions() as session:
        session.execute(update(DocumentRow).values(not_before=None))
        session.commit()
    assert process_one(sessions, "w1", always_broken, settings) == "failed"
    with sessions() as session:
        doc = session.scalars(select(DocumentRow)).one()
        assert doc.status == "failed" and doc.error_reason == "gave_up"


def test_expired_lease_is_reclaimed_and_the_old_worker_cannot_finish(sessions):
    _queue(sessions, 1)
    with sessions() as session:
        first = claim_next(session, "old", lease_seconds=600, max_attempts=3)
        assert claim_next(session, "other", lease_seconds=600, max_attempts=3) is None
        session.execute(update(DocumentRow).values(
            lease_until=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
        session.commit()
        second = claim_next(session, "new", lease_seconds=600, max_attempts=3)
    assert first and second and second.attempt == 2
    with sessions() as session:
        assert mark_done(session, first, "review") is False
        session.rollback()
        assert mark_done(session, second, "review") is True
        session.commit()


def test_lease_expiring_too_often_fails_the_document(sessions):
    _queue(sessions, 1)
    with sessions() as session:
        for _ in range(2):
            assert claim_next(session, "dies", lease_seconds=600, max_attempts=2)
            session.execute(update(DocumentRow).values(
                lease_until=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
            session.commit()
        assert claim_next(session, "next", lease_seconds=600, max_attempts=2) is None
        doc = session.scalars(select(DocumentRow)).one()
        assert doc.status == "failed" and "never finished" in doc.error


def test_worker_threads_share_the_queue_each_document_once(sessions):
    """ocr_jobs × read_together threads claim from one queue: every document is handled
    once, by whichever thread claimed it."""
    _queue(sessions, 8)
    counts = run_worker(sessions, one_order, _settings(ocr_jobs=2, read_together=2), once=True)
    assert counts == {"review": 8}
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(OrderRow)) == 8
        assert session.scalars(select(DocumentRow.attempts)).all() == [1] * 8


def test_a_failing_worker_thread_stops_the_worker_instead_of_hanging(sessions, monkeypatch):
    """A thread that fails outside a document's processing (the database gone) ends the
    worker with its error, as a lone worker would; the other threads do not run on."""
    import pytest

    from ordertake.queue import worker

    calls = []
    real = worker.claim_next

    def claim_then_fail(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # once: the other threads would claim on
            raise RuntimeError("database went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(worker, "claim_next", claim_then_fail)
    _queue(sessions, 1)
    with pytest.raises(RuntimeError, match="database went away"):
        run_worker(sessions, one_order, _settings(ocr_jobs=2, read_together=2),
                   idle_seconds=0.01)


def test_a_document_on_a_later_attempt_is_read_with_no_other_beside_it(sessions):
    """Its attempt before may have ended the process; read alone, it cannot take the
    documents beside it down with it again. The others are read side by side."""
    import threading
    import time

    ids = _queue(sessions, 6)
    with sessions() as session:  # fax-2 failed once before
        session.execute(update(DocumentRow).where(DocumentRow.id == ids[2]).values(attempts=1))
        session.commit()
    lock = threading.Lock()
    in_flight: set[str] = set()
    beside_retried: list[set[str]] = []
    most = 0

    def reading(data: bytes, meta: SourceMeta):
        nonlocal most
        with lock:
            in_flight.add(meta.filename)
            most = max(most, len(in_flight))
            if "fax-2.pdf" in in_flight:
                beside_retried.append(in_flight - {"fax-2.pdf"})
        time.sleep(0.2)
        with lock:
            in_flight.discard(meta.filename)
        return one_order(data, meta)

    counts = run_worker(sessions, reading, _settings(ocr_jobs=2, read_together=2), once=True)
    assert counts == {"review": 6}
    assert beside_retried and all(others == set() for others in beside_retried)
    assert most >= 2  # the first-time documents were read side by side
