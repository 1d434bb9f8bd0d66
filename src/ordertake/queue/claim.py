"""Claiming queued documents with a lease, and ending a claim (done, retry later, failed).

PostgreSQL claims with `FOR UPDATE SKIP LOCKED`; SQLite with an atomic compare-and-set UPDATE.
A claim is identified by (worker id, attempt number): a worker whose lease expired and was
taken over can no longer finish, retry or fail the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from ordertake.db.models import DocumentRow
from ordertake.domain import DocumentStatus

QUEUED = str(DocumentStatus.QUEUED)
PROCESSING = str(DocumentStatus.PROCESSING)
FAILED = str(DocumentStatus.FAILED)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Claim:
    document_id: int
    worker_id: str
    attempt: int


def _claimable(at: dt.datetime) -> ColumnElement[bool]:
    return or_(
        and_(DocumentRow.status == QUEUED,
             or_(DocumentRow.not_before.is_(None), DocumentRow.not_before <= at)),
        and_(DocumentRow.status == PROCESSING, DocumentRow.lease_until < at),
    )


def backoff_seconds(attempt: int) -> float:
    """Wait before attempt `attempt + 1`: 30 s, 2 min, 8 min, … capped at one hour."""
    return float(min(3600, 30 * 4 ** max(0, attempt - 1)))


def claim_next(session: Session, worker_id: str, lease_seconds: int,
               max_attempts: int) -> Claim | None:
    """Lease the oldest claimable document to `worker_id` and commit; None when none is ready.

    A document whose lease expired `max_attempts` times (its worker kept dying) is failed
    instead of being handed out again.
    """
    is_pg = session.get_bind().dialect.name == "postgresql"
    for _ in range(20):  # SQLite: another worker may win the compare-and-set; try the next one
        at = now()
        query = (select(DocumentRow.id, DocumentRow.attempts, DocumentRow.status)
                 .where(_claimable(at)).order_by(DocumentRow.id).limit(1))
        if is_pg:
            query = query.with_for_update(skip_locked=True, of=DocumentRow)
        found = session.execute(query).first()
        if found is None:
            session.rollback()
            return None
        doc_id, attempts, status = found
        if not is_pg:
            # End the read transaction: in WAL mode a reader that later writes fails at once
            # (SQLITE_BUSY_SNAPSHOT) instead of waiting; the UPDATE below re-checks anyway.
            session.rollback()
        if status == PROCESSING and attempts >= max_attempts:
            session.execute(update(DocumentRow).where(
                DocumentRow.id == doc_id, DocumentRow.status == PROCESSING,
                DocumentRow.lease_until < at).values(
                status=FAILED, error_reason="gave_up", leased_by="", lease_until=None,
                error=f"processing never finished in {attempts} attempts (the worker stopped "
                      "or timed out each time); enter this order by hand"))
            session.commit()
            continue
        result = session.execute(
            update(DocumentRow)
            .where(DocumentRow.id == doc_id, DocumentRow.attempts == attempts, _claimable(at))
            .values(status=PROCESSING, attempts=attempts + 1, leased_by=worker_id,
                    lease_until=at + dt.timedelta(seconds=lease_seconds))
            .execution_options(synchronize_session=False)
        )
        session.commit()
        if result.rowcount == 1:  # type: ignore[attr-defined]
            return Claim(doc_id, worker_id, attempts + 1)
    return None


def _mine(claim: Claim) -> ColumnElement[bool]:
    return and_(DocumentRow.id == claim.document_id, DocumentRow.status == PROCESSING,
                DocumentRow.leased_by == claim.worker_id, DocumentRow.attempts == claim.attempt)


def mark_done(session: Session, claim: Claim, status: str) -> bool:
    """Inside the caller's transaction: move the document to `status` if still ours.

    Run this before writing drafts so the two commit together; False means the lease was
    lost and the caller must roll back.
    """
    result = session.execute(
        update(DocumentRow).where(_mine(claim)).values(
            status=status, leased_by="", lease_until=None, not_before=None, error="",
            error_reason="").execution_options(synchronize_session=False))
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


def mark_failed(session: Session, claim: Claim, message: str, reason: str) -> bool:
    """Fail the document for good (shown to the clerk for manual entry); commits."""
    result = session.execute(
        update(DocumentRow).where(_mine(claim)).values(
            status=FAILED, leased_by="", lease_until=None, error=message[:4000],
            error_reason=reason[:64]).execution_options(synchronize_session=False))
    session.commit()
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


def mark_retry(session: Session, claim: Claim, message: str, max_attempts: int) -> str:
    """Queue the document again after a backoff, or fail it after `max_attempts`; commits."""
    if claim.attempt >= max_attempts:
        mark_failed(session, claim, f"gave up after {claim.attempt} attempts: {message}",
                    "gave_up")
        return FAILED
    session.execute(
        update(DocumentRow).where(_mine(claim)).values(
            status=QUEUED, leased_by="", lease_until=None, error=message[:4000],
            error_reason="retrying",
            not_before=now() + dt.timedelta(seconds=backoff_seconds(claim.attempt)))
        .execution_options(synchronize_session=False))
    session.commit()
    return QUEUED
