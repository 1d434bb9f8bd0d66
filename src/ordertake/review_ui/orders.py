"""Changing orders: edits with optimistic locking, approve, reject, and which draft comes next."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select, update
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
from ordertake.errors import ConflictError, InputError
from ordertake.matching.learning import record_approval
from ordertake.review_ui.auth import audit
from ordertake.review_ui.schemas import LineIn, OrderPatch
from ordertake.review_ui.views import num

log = logging.getLogger(__name__)
HEADER_FIELDS = ("order_number", "order_date", "delivery_date", "ship_to", "notes")
LINE_FIELDS = ("product_id", "description", "quantity", "unit", "unit_price")


class NotFound(InputError):
    """No such order or document."""


class ApproveBlocked(InputError):
    """Approval refused: the order is incomplete; `problems` says where."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__("the order is incomplete", hint="fill the marked fields, then approve")
        self.problems = problems


def get_order(session: Session, order_id: int) -> OrderRow:
    order = session.get(OrderRow, order_id)
    if order is None:
        raise NotFound(f"order {order_id} does not exist", hint="reload the queue")
    return order


def _claim_version(session: Session, order: OrderRow, version: int) -> None:
    """Move the order to version+1 if nobody else did first; else ConflictError (nothing lost)."""
    if order.status != OrderStatus.DRAFT:
        raise ConflictError(
            f"order {order.id} is already {order.status}",
            hint="reload to see who changed it; your edits are still on your screen",
        )
    result = session.execute(
        update(OrderRow)
        .where(OrderRow.id == order.id, OrderRow.version == version)
        .values(version=version + 1)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        session.refresh(order)
        raise ConflictError(
            f"order {order.id} was changed by someone else (now version {order.version}, "
            f"your edit was based on {version})",
            hint="reload to see their change; your edits are still on your screen",
        )
    session.refresh(order)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return num(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _same(a: Any, b: Any) -> bool:
    return _plain(a) == _plain(b)


def _apply_line(line: OrderLineRow, data: LineIn) -> dict[str, list[Any]]:
    changed: dict[str, list[Any]] = {}
    for name in LINE_FIELDS:
        new = getattr(data, name)
        if not _same(getattr(line, name), new):
            changed[name] = [_plain(getattr(line, name)), _plain(new)]
            setattr(line, name, new)
    if line.quantity is not None and line.unit_price is not None:
        line.amount = line.quantity * line.unit_price
    return changed


def _apply_lines(session: Session, order: OrderRow, lines: list[LineIn]) -> dict[str, Any]:
    product_ids = {d.product_id for d in lines if d.product_id}
    known = set(session.scalars(select(ProductRow.id).where(ProductRow.id.in_(product_ids))))
    if product_ids - known:
        raise InputError(f"unknown product id(s) {sorted(product_ids - known)}",
                         hint="pick products from the list")
    existing = {line.id: line for line in order.lines}
    report: dict[str, Any] = {"added": [], "deleted": [], "changed": {}}
    keep: list[OrderLineRow] = []
    for data in lines:
        line = existing.pop(data.id, None) if data.id is not None else None
        if line is None:
            line = OrderLineRow(line_no=0)
            _apply_line(line, data)
            report["added"].append(data.description or str(data.product_id or ""))
        else:
            changed = _apply_line(line, data)
            if changed:
                report["changed"][str(line.line_no)] = changed
        keep.append(line)
    for line in existing.values():
        report["deleted"].append(line.line_no)
    # Renumber through a temporary range so the (order_id, line_no) unique key never collides.
    order.lines = keep
    session.flush()
    for offset, line in enumerate(keep, start=1):
        line.line_no = -offset
    session.flush()
    for offset, line in enumerate(keep, start=1):
        line.line_no = offset
    return {k: v for k, v in report.items() if v}


def apply_patch(session: Session, order_id: int, patch: OrderPatch, user: UserRow) -> OrderRow:
    order = get_order(session, order_id)
    _claim_version(session, order, patch.version)
    details: dict[str, Any] = {}
    sent = patch.model_fields_set
    if "customer_id" in sent and order.customer_id != patch.customer_id:
        if patch.customer_id is not None and session.get(CustomerRow, patch.customer_id) is None:
            raise InputError(f"unknown customer id {patch.customer_id}", hint="pick a customer")
        details["customer_id"] = [order.customer_id, patch.customer_id]
        order.customer_id = patch.customer_id
    for name in HEADER_FIELDS:
        if name in sent:
            new = getattr(patch, name)
            if name not in ("order_date", "delivery_date") and new is None:
                new = ""
            if not _same(getattr(order, name), new):
                details[name] = [_plain(getattr(order, name)), _plain(new)]
                setattr(order, name, new)
    if patch.duplicate_confirmed is not None and patch.duplicate_confirmed != (
        order.duplicate_confirmed
    ):
        details["duplicate_confirmed"] = [order.duplicate_confirmed, patch.duplicate_confirmed]
        order.duplicate_confirmed = patch.duplicate_confirmed
    if patch.lines is not None:
        lines_report = _apply_lines(session, order, patch.lines)
        if lines_report:
            details["lines"] = lines_report
    audit(session, user, "edit", "order", order.id, {"version": order.version, **details})
    session.flush()
    session.expire(order, ["customer"])
    return order


def approval_problems(order: OrderRow) -> list[dict[str, Any]]:
    problems: list[dict[str, Any]] = []
    if order.customer_id is None:
        problems.append({"field": "customer", "line_id": None})
    if not order.lines:
        problems.append({"field": "lines", "line_id": None})
    if order.duplicate_of_id is not None and not order.duplicate_confirmed:
        # Export skips unconfirmed duplicates; say so now instead of losing the order later.
        problems.append({"field": "duplicate", "line_id": None})
    for line in order.lines:
        if line.product_id is None:
            problems.append({"field": "product", "line_id": line.id})
        if line.quantity is None or line.quantity <= 0:
            problems.append({"field": "quantity", "line_id": line.id})
    return problems


def _learn(session: Session, order: OrderRow, user: UserRow) -> list[str]:
    """Feed the matching area's learning; a failure there never blocks an approval."""
    try:
        with session.begin_nested():
            return list(record_approval(session, order, user.id))
    except Exception:  # learning is best effort; the approval itself must not be lost
        log.exception("learning from order %s failed", order.id)
        return []


def approve(session: Session, order_id: int, version: int, user: UserRow,
            confirm_duplicate: bool = False) -> list[str]:
    """Approve; returns what the matcher learned (messages for the clerk)."""
    order = get_order(session, order_id)
    confirming = confirm_duplicate and order.duplicate_of_id is not None
    if confirming and not order.duplicate_confirmed:
        # API callers confirm in the approve call; the screen ticks the checkbox (PATCH).
        order.duplicate_confirmed = True
    problems = approval_problems(order)
    if problems:
        raise ApproveBlocked(problems=problems)
    _claim_version(session, order, version)
    order.status = OrderStatus.APPROVED
    order.approved_by_id = user.id
    order.approved_at = dt.datetime.now(dt.UTC)
    messages = _learn(session, order, user)
    audit(session, user, "approve", "order", order.id,
          {"version": order.version, "learned": messages,
           **({"duplicate_confirmed": order.duplicate_of_id} if confirming else {})})
    session.flush()
    return messages


def reject(session: Session, order_id: int, version: int, reason: str, user: UserRow) -> None:
    order = get_order(session, order_id)
    _claim_version(session, order, version)
    order.status = OrderStatus.REJECTED
    order.rejected_reason = reason.strip()
    audit(session, user, "reject", "order", order.id,
          {"version": order.version, "reason": order.rejected_reason})
    session.flush()


def received_key() -> Any:
    """Queue order: when the document arrived (creation time if unknown)."""
    return func.coalesce(DocumentRow.received_at, OrderRow.created_at)


def next_draft_id(session: Session, after: OrderRow) -> int | None:
    """The draft below `after` in the queue (newest first), else the newest draft left."""
    key = received_key()
    current = session.scalar(
        select(key).select_from(OrderRow).join(DocumentRow).where(OrderRow.id == after.id)
    )
    base = (
        select(OrderRow.id)
        .join(DocumentRow, DocumentRow.id == OrderRow.document_id)
        .where(OrderRow.status == OrderStatus.DRAFT, OrderRow.id != after.id)
        .order_by(key.desc(), OrderRow.id.desc())
        .limit(1)
    )
    if current is not None:
        below = session.scalar(
            base.where(or_(key < current, and_(key == current, OrderRow.id < after.id)))
        )
        if below is not None:
            return below
    return session.scalar(base)
