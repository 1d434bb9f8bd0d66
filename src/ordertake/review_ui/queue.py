"""The review queue: orders with their source, filters, counts per status, failed documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from ordertake.db.models import CustomerRow, DocumentRow, OrderLineRow, OrderRow
from ordertake.domain import DocumentStatus, OrderStatus
from ordertake.review_ui.orders import received_key
from ordertake.review_ui.views import customer_dict, iso, num

PAGE_SIZE = 100


@dataclass(frozen=True)
class QueueFilter:
    status: str = OrderStatus.DRAFT
    customer: str = ""
    """Customer code or part of a name (also matches the name as read from the document)."""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    offset: int = 0
    limit: int = PAGE_SIZE


def _filtered(query: Any, flt: QueueFilter) -> Any:
    """`query` joined to each order's document and customer, narrowed by `flt`."""
    key = received_key()
    query = query.join(DocumentRow, DocumentRow.id == OrderRow.document_id).outerjoin(
        CustomerRow, CustomerRow.id == OrderRow.customer_id
    )
    if flt.status:
        query = query.where(OrderRow.status == flt.status)
    if flt.customer:
        like = f"%{flt.customer.strip()}%"
        query = query.where(
            or_(CustomerRow.code.ilike(like), CustomerRow.name.ilike(like),
                OrderRow.customer_name_read.ilike(like))
        )
    if flt.date_from:
        query = query.where(key >= dt.datetime.combine(flt.date_from, dt.time.min))
    if flt.date_to:
        query = query.where(key < dt.datetime.combine(flt.date_to + dt.timedelta(days=1),
                                                        dt.time.min))
    return query


def queue_rows(
    session: Session, flt: QueueFilter, low_confidence: float = 0.9
) -> tuple[list[dict[str, Any]], int]:
    """One page of orders (newest first) and how many match in all."""
    key = received_key()
    line_count = (
        select(func.count(OrderLineRow.id))
        .where(OrderLineRow.order_id == OrderRow.id)
        .correlate(OrderRow)
        .scalar_subquery()
    )
    low_count = (
        select(func.count(OrderLineRow.id))
        .where(OrderLineRow.order_id == OrderRow.id,
               or_(OrderLineRow.confidence < low_confidence, OrderLineRow.product_id.is_(None)))
        .correlate(OrderRow)
        .scalar_subquery()
    )
    base = select(OrderRow, DocumentRow, CustomerRow, line_count.label("lines"),
                  low_count.label("low"), key.label("recv"))
    query = _filtered(base, flt).order_by(key.desc(), OrderRow.id.desc())
    rows = session.execute(query.offset(flt.offset).limit(flt.limit)).all()
    total = session.scalar(_filtered(select(func.count(OrderRow.id)), flt)) or 0
    out = []
    for order, doc, customer, lines, low, recv in rows:
        out.append({
            "id": order.id,
            "status": order.status,
            "version": order.version,
            "customer": customer_dict(customer),
            "customer_name_read": order.customer_name_read,
            "order_number": order.order_number,
            "received_at": iso(recv) if isinstance(recv, dt.datetime) else recv,
            "source": doc.source,
            "filename": doc.filename,
            "subject": doc.subject,
            "sender": doc.sender,
            "line_count": lines,
            "low_confidence_lines": low,
            "duplicate_of_id": order.duplicate_of_id,
            "confidence": num(order.confidence),
            "warnings": list(order.warnings or []),
        })
    return out, total


def status_counts(session: Session) -> dict[str, dict[str, int]]:
    orders = dict(session.execute(
        select(OrderRow.status, func.count(OrderRow.id)).group_by(OrderRow.status)
    ).all())
    docs = dict(session.execute(
        select(DocumentRow.status, func.count(DocumentRow.id)).group_by(DocumentRow.status)
    ).all())
    return {
        "orders": {s.value: int(orders.get(s.value, 0)) for s in OrderStatus},
        "documents": {s.value: int(docs.get(s.value, 0)) for s in DocumentStatus},
    }


def failed_documents(session: Session, limit: int = 50) -> list[DocumentRow]:
    """Failed documents nobody has keyed in by hand yet (no order exists for them)."""
    has_order = exists().where(OrderRow.document_id == DocumentRow.id)
    return list(session.scalars(
        select(DocumentRow)
        .where(DocumentRow.status == DocumentStatus.FAILED, ~has_order)
        .order_by(DocumentRow.id.desc())
        .limit(limit)
    ))
