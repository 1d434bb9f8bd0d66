"""Possible duplicates: the same order sent twice (often re-faxed with a handwritten 「再送」).

An order is a possible duplicate of an earlier one, received within N days, from the same
customer with the same order number or the same lines. The later order gets `duplicate_of_id`
and a warning; it is not exported until a clerk confirms it is a separate order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ordertake.db.models import OrderLineRow, OrderRow, utcnow
from ordertake.domain import OrderStatus
from ordertake.matching.normalize import normalize

DEFAULT_DAYS = 14
RESEND_MARKS = ("再送", "再送信", "再発行")

LineKey = tuple[str, str, str]


@dataclass(frozen=True)
class OrderFacts:
    """What decides whether two orders are the same order (pure values)."""

    customer_id: int | None
    order_number: str
    lines: tuple[LineKey, ...]


def line_key(product_id: int | None, text: str, quantity: Decimal | None, unit: str) -> LineKey:
    """A line as (product, quantity, unit); unmatched lines compare by normalised text."""
    product = f"#{product_id}" if product_id is not None else normalize(text)
    qty = "" if quantity is None else format(Decimal(quantity).normalize(), "f")
    return (product, qty, unit.strip())


def facts_of(order: OrderRow) -> OrderFacts:
    return OrderFacts(
        customer_id=order.customer_id,
        order_number=normalize(order.order_number or ""),
        lines=tuple(sorted(_line_keys(order.lines))),
    )


def _line_keys(lines: Iterable[OrderLineRow]) -> Iterable[LineKey]:
    for ln in lines:
        yield line_key(ln.product_id, ln.description or ln.code_read, ln.quantity, ln.unit)


def duplicate_reason(new: OrderFacts, old: OrderFacts) -> str | None:
    """Why `new` looks like a resend of `old`, or None. Pure."""
    same_number = bool(new.order_number) and new.order_number == old.order_number
    same_lines = bool(new.lines) and new.lines == old.lines
    if new.customer_id is None or old.customer_id != new.customer_id:
        # Without a known customer only both together are convincing.
        if new.customer_id is None and old.customer_id is None and same_number and same_lines:
            return "same order number and lines"
        return None
    if same_number and same_lines:
        return "same order number and lines"
    if same_number:
        return "same order number"
    if same_lines:
        return "same customer and lines"
    return None


def is_marked_resend(texts: Sequence[str]) -> bool:
    return any(mark in text for text in texts for mark in RESEND_MARKS)


def flag_duplicates(
    session: Session, order: OrderRow, days: int = DEFAULT_DAYS, now: dt.datetime | None = None
) -> OrderRow | None:
    """Link `order` to the earliest earlier order it repeats; call after saving a draft.

    Runs in the caller's transaction (flushes only). Returns the original, or None.
    """
    if order.id is None:
        session.flush()
    since = (now or utcnow()) - dt.timedelta(days=days)
    query = (
        select(OrderRow)
        .where(
            OrderRow.id < order.id,
            OrderRow.status != OrderStatus.REJECTED.value,
            OrderRow.created_at >= since,
        )
        .options(selectinload(OrderRow.lines))
        .order_by(OrderRow.id)
    )
    if order.customer_id is not None:
        query = query.where(OrderRow.customer_id == order.customer_id)
    elif order.order_number:
        query = query.where(
            OrderRow.customer_id.is_(None), OrderRow.order_number == order.order_number
        )
    else:
        return None
    new = facts_of(order)
    for other in session.scalars(query):
        reason = duplicate_reason(new, facts_of(other))
        if reason is None:
            continue
        if is_marked_resend([order.notes or "", *(str(w) for w in order.warnings or [])]):
            reason += ", marked 再送"
        order.duplicate_of_id = other.id
        order.warnings = [*(order.warnings or []), f"possible duplicate of order {other.id} "
                          f"({reason}); approving it needs a confirmation"]  # fmt: skip
        session.flush()
        return other
    return None
