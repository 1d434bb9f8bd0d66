"""Reads what an export needs from the database: the orders due and their lines as records."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ordertake.db.models import (
    CustomerRow,
    DocumentRow,
    OrderLineRow,
    OrderRow,
    ProductRow,
    UserRow,
)
from ordertake.domain import OrderStatus
from ordertake.export.csvwrite import ExportRecord

CHUNK = 1000
"""Orders per query: keeps bound parameters under SQLite's limit and memory flat."""


@dataclass(frozen=True)
class HeldOrder:
    """An approved order kept out of the export, and why."""

    order_id: int
    reason: str


def _due():  # type: ignore[no-untyped-def]
    return (OrderRow.status == OrderStatus.APPROVED.value) & OrderRow.export_batch_id.is_(None)


def exportable_order_ids(session: Session, *, lock: bool = True) -> list[int]:
    """Approved, not yet exported orders, except unconfirmed possible duplicates.

    `lock` takes row locks (PostgreSQL) for the export itself; screens only count.
    """
    query = (
        select(OrderRow.id)
        .where(_due())
        .where(or_(OrderRow.duplicate_of_id.is_(None), OrderRow.duplicate_confirmed.is_(True)))
        .order_by(OrderRow.id)
    )
    if lock:
        # PostgreSQL: a second exporter waits here, then finds these orders no longer due.
        query = query.with_for_update()
    return list(session.scalars(query))


def held_orders(session: Session) -> list[HeldOrder]:
    """Approved orders an export leaves out because a clerk has not confirmed they are new."""
    query = (
        select(OrderRow.id, OrderRow.duplicate_of_id)
        .where(_due())
        .where(OrderRow.duplicate_of_id.is_not(None), OrderRow.duplicate_confirmed.is_(False))
        .order_by(OrderRow.id)
    )
    return [
        HeldOrder(oid, f"possible duplicate of order {dup}; confirm it on the review screen")
        for oid, dup in session.execute(query)
    ]


def iter_records(session: Session, order_ids: Sequence[int]) -> Iterator[ExportRecord]:
    """The CSV records of `order_ids`, ordered by order and line, read chunk by chunk."""
    for start in range(0, len(order_ids), CHUNK):
        chunk = list(order_ids[start : start + CHUNK])
        query = (
            select(
                OrderRow.id,
                OrderLineRow.line_no,
                CustomerRow.code,
                CustomerRow.name,
                OrderRow.customer_name_read,
                OrderRow.order_number,
                OrderRow.order_date,
                OrderRow.delivery_date,
                ProductRow.code,
                ProductRow.name,
                OrderLineRow.description,
                OrderLineRow.quantity,
                OrderLineRow.unit,
                OrderLineRow.base_quantity,
                OrderLineRow.base_unit,
                OrderLineRow.unit_price,
                OrderLineRow.amount,
                OrderRow.notes,
                OrderRow.ship_to,
                DocumentRow.filename,
                UserRow.name,
                OrderRow.approved_at,
                OrderRow.auto_approved,
            )
            .join(OrderLineRow, OrderLineRow.order_id == OrderRow.id)
            .join(DocumentRow, DocumentRow.id == OrderRow.document_id)
            .outerjoin(CustomerRow, CustomerRow.id == OrderRow.customer_id)
            .outerjoin(ProductRow, ProductRow.id == OrderLineRow.product_id)
            .outerjoin(UserRow, UserRow.id == OrderRow.approved_by_id)
            .where(OrderRow.id.in_(chunk))
            .order_by(OrderRow.id, OrderLineRow.line_no)
        )
        for row in session.execute(query):
            (oid, line_no, ccode, cname, cname_read, number, odate, ddate, pcode, pname, desc,
             qty, unit, bqty, bunit, price, amount, notes, ship_to, filename, approver,
             approved_at, auto) = row  # fmt: skip
            if amount is None and qty is not None and price is not None:
                amount = qty * price
            yield ExportRecord(
                order_id=oid,
                line_no=line_no,
                customer_code=ccode or "",
                customer_name=cname or cname_read or "",
                order_number=number or "",
                order_date=odate,
                delivery_date=ddate,
                product_code=pcode or "",
                product_name=pname or desc or "",
                description=desc or "",
                quantity=qty,
                unit=unit or "",
                base_quantity=bqty,
                base_unit=bunit or "",
                unit_price=price,
                amount=amount,
                notes=notes or "",
                ship_to=ship_to or "",
                source=filename or "",
                approved_by=approver or ("auto" if auto else ""),
                approved_at=approved_at,
                auto_approved=bool(auto),
            )
