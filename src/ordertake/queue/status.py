"""Queue and mailbox state at a glance (for `ordertake status` and the web UI)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ordertake.db.models import DocumentRow, MailboxStateRow, MailMessageRow, OrderRow
from ordertake.domain import DocumentStatus, OrderStatus


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat(timespec="seconds")


def queue_status(session: Session) -> dict[str, Any]:
    """`{"documents": {...}, "orders": {...}, "mailboxes": [...], "oldest_waiting": ...}`."""
    documents = {str(s): 0 for s in DocumentStatus}
    for status, count in session.execute(
            select(DocumentRow.status, func.count()).group_by(DocumentRow.status)):
        documents[status] = count
    orders = {str(s): 0 for s in OrderStatus}
    for status, count in session.execute(
            select(OrderRow.status, func.count()).group_by(OrderRow.status)):
        orders[status] = count
    oldest_doc = session.execute(
        select(DocumentRow.id, DocumentRow.filename, DocumentRow.created_at)
        .where(DocumentRow.status.in_([str(DocumentStatus.QUEUED), str(DocumentStatus.PROCESSING)]))
        .order_by(DocumentRow.created_at, DocumentRow.id).limit(1)).first()
    oldest_draft = session.execute(
        select(OrderRow.id, OrderRow.created_at).where(OrderRow.status == str(OrderStatus.DRAFT))
        .order_by(OrderRow.created_at, OrderRow.id).limit(1)).first()
    mail_counts = dict(session.execute(
        select(MailMessageRow.status, func.count()).group_by(MailMessageRow.status)).all())
    mailboxes = [
        {"mailbox": m.mailbox, "folder": m.folder, "uidvalidity": m.uidvalidity,
         "last_uid": m.last_uid, "last_poll_at": _iso(m.last_poll_at),
         "last_error": m.last_error or None}
        for m in session.scalars(select(MailboxStateRow).order_by(MailboxStateRow.id))]
    return {
        "documents": documents,
        "orders": orders,
        "mail": {k: int(v) for k, v in mail_counts.items()},
        "mailboxes": mailboxes,
        "oldest_waiting": {
            "document": None if oldest_doc is None else {
                "id": oldest_doc.id, "filename": oldest_doc.filename,
                "since": _iso(oldest_doc.created_at)},
            "draft": None if oldest_draft is None else {
                "id": oldest_draft.id, "since": _iso(oldest_draft.created_at)},
        },
    }
