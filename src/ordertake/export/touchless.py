"""Touchless flow: trusted customers' drafts are approved without a clerk when nothing is doubtful.

A draft is approved automatically only when ALL of these hold: its customer is marked
`auto_approve`; the draft is not a possible duplicate; neither the order nor any line carries a
warning; the customer match and every read header field reach the confidence threshold; and
every line has a product, a positive quantity and a unit with confidence at the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ordertake.db.models import AuditEventRow, CustomerRow, OrderRow, utcnow
from ordertake.domain import OrderStatus

AUDIT_ACTION = "auto_approve"


@dataclass(frozen=True)
class LineFacts:
    line_no: int
    has_product: bool
    quantity: Decimal | None
    unit: str
    confidence: float
    warnings: int


@dataclass(frozen=True)
class TouchlessFacts:
    """Everything the decision needs, as plain values."""

    status: str
    customer_trusted: bool
    customer_confidence: float
    field_confidences: dict[str, float]
    duplicate: bool
    warnings: int
    lines: tuple[LineFacts, ...]


def auto_approval_blockers(facts: TouchlessFacts, threshold: float) -> list[str]:
    """Every reason the draft needs a clerk; empty means it may be approved untouched. Pure."""
    blockers = []
    if facts.status != OrderStatus.DRAFT.value:
        blockers.append(f"status is {facts.status}")
    if not facts.customer_trusted:
        blockers.append("customer is not marked for touchless approval")
    if facts.customer_confidence < threshold:
        blockers.append(f"customer match {facts.customer_confidence:.2f} < {threshold:.2f}")
    if facts.duplicate:
        blockers.append("possible duplicate")
    if facts.warnings:
        blockers.append(f"{facts.warnings} order warning(s)")
    for name, confidence in sorted(facts.field_confidences.items()):
        if confidence < threshold:
            blockers.append(f"field {name} read with {confidence:.2f} < {threshold:.2f}")
    if not facts.lines:
        blockers.append("no lines")
    for ln in facts.lines:
        if not ln.has_product:
            blockers.append(f"line {ln.line_no}: no product")
        if ln.quantity is None or ln.quantity <= 0:
            blockers.append(f"line {ln.line_no}: no quantity")
        if not ln.unit:
            blockers.append(f"line {ln.line_no}: no unit")
        if ln.confidence < threshold:
            blockers.append(f"line {ln.line_no}: confidence {ln.confidence:.2f} < {threshold:.2f}")
        if ln.warnings:
            blockers.append(f"line {ln.line_no}: {ln.warnings} warning(s)")
    return blockers


def _confidence(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def facts_of(order: OrderRow, customer: CustomerRow | None) -> TouchlessFacts:
    fields = {
        name: _confidence(ev.get("confidence"))
        for name, ev in (order.evidence or {}).items()
        if isinstance(ev, dict) and "confidence" in ev
    }
    return TouchlessFacts(
        status=order.status,
        customer_trusted=bool(customer and customer.auto_approve),
        customer_confidence=_confidence(order.customer_confidence),
        field_confidences=fields,
        duplicate=order.duplicate_of_id is not None,
        warnings=len(order.warnings or []),
        lines=tuple(
            LineFacts(
                line_no=ln.line_no,
                has_product=ln.product_id is not None,
                quantity=ln.quantity,
                unit=ln.unit or "",
                confidence=_confidence(ln.confidence),
                warnings=len(ln.warnings or []),
            )
            for ln in order.lines
        ),
    )


def maybe_auto_approve(session: Session, order: OrderRow, threshold: float) -> list[str]:
    """Approve `order` untouched if every condition holds; call after saving (and flagging) a draft.

    Runs in the caller's transaction. Returns the blockers (empty list: it was approved).
    Customers not marked for touchless return at once, so calling this for every draft is cheap.
    """
    customer = session.get(CustomerRow, order.customer_id) if order.customer_id else None
    if customer is None or not customer.auto_approve:
        return ["customer is not marked for touchless approval"]
    blockers = auto_approval_blockers(facts_of(order, customer), threshold)
    if blockers:
        return blockers
    order.status = OrderStatus.APPROVED.value
    order.auto_approved = True
    order.approved_by_id = None
    order.approved_at = utcnow()
    order.version = (order.version or 1) + 1
    session.add(
        AuditEventRow(
            user_id=None,
            action=AUDIT_ACTION,
            entity="order",
            entity_id=order.id,
            details={"threshold": threshold, "customer": customer.code, "touchless": True},
        )
    )
    session.flush()
    return []
