"""Test helpers for the export area: orders written straight through the models into a real DB."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ordertake.db.models import (
    BlobRow,
    CustomerRow,
    DocumentRow,
    OrderLineRow,
    OrderRow,
    ProductRow,
    UserRow,
)


def customer(
    session: Session, code: str = "C001", name: str = "山田商店", **kw: object
) -> CustomerRow:
    row = session.scalar(select(CustomerRow).where(CustomerRow.code == code))
    if row is None:
        row = CustomerRow(code=code, name=name, **kw)
        session.add(row)
        session.flush()
    return row


def product(session: Session, code: str, name: str | None = None, unit: str = "本") -> ProductRow:
    row = session.scalar(select(ProductRow).where(ProductRow.code == code))
    if row is None:
        row = ProductRow(code=code, name=name or f"商品{code}", unit=unit, price=Decimal("100"))
        session.add(row)
        session.flush()
    return row


def user(session: Session, name: str = "clerk1", role: str = "clerk") -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.name == name))
    if row is None:
        row = UserRow(name=name, role=role)
        session.add(row)
        session.flush()
    return row


_counter = [0]


def document(session: Session, filename: str = "fax.pdf", sender: str = "") -> DocumentRow:
    _counter[0] += 1
    data = f"doc-{_counter[0]}-{filename}-{dt.datetime.now().timestamp()}".encode()
    sha = hashlib.sha256(data).hexdigest()
    session.add(BlobRow(sha256=sha, size=len(data), data=data))
    session.flush()
    doc = DocumentRow(
        ingest_key=f"test:{sha}", sha256=sha, filename=filename, source="cli",
        sender=sender, status="review",
    )  # fmt: skip
    session.add(doc)
    session.flush()
    return doc


def order(
    session: Session,
    *,
    lines: list[tuple[str, float, str, float]] = (("A-1", 6, "本", 420),),  # type: ignore[assignment]
    status: str = "approved",
    customer_code: str | None = "C001",
    customer_name: str = "山田商店",
    order_number: str = "PO-1",
    order_date: dt.date | None = dt.date(2026, 11, 20),
    delivery_date: dt.date | None = dt.date(2026, 11, 25),
    notes: str = "",
    approver: str | None = "clerk1",
    filename: str = "fax.pdf",
    sender: str = "",
    confidence: float = 0.95,
    product_names: dict[str, str] | None = None,
    **kw: object,
) -> OrderRow:
    """An order with lines (product code, quantity, unit, unit price)."""
    doc = document(session, filename, sender)
    cust = customer(session, customer_code, customer_name) if customer_code else None
    approved = status in ("approved", "exported")
    row = OrderRow(
        document_id=doc.id,
        status=status,
        customer_id=cust.id if cust else None,
        customer_confidence=confidence,
        order_number=order_number,
        order_date=order_date,
        delivery_date=delivery_date,
        notes=notes,
        confidence=confidence,
        approved_by_id=user(session, approver).id if approver and approved else None,
        approved_at=dt.datetime(2026, 11, 21, 1, 30, tzinfo=dt.UTC) if approved else None,
        **kw,
    )
    for no, (code, qty, unit, price) in enumerate(lines, start=1):
        prod = product(session, code, (product_names or {}).get(code))
        row.lines.append(
            OrderLineRow(
                line_no=no,
                product_id=prod.id,
                description=prod.name,
                code_read=code,
                quantity=Decimal(str(qty)),
                unit=unit,
                unit_price=Decimal(str(price)),
                confidence=confidence,
                suggested_product_id=prod.id,
            )  # fmt: skip
        )
    session.add(row)
    session.flush()
    return row
