"""Writing a read document's pages and matched orders as rows (in the caller's transaction).

Orders are unique by (document_id, position): a re-run can never add a second draft.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ordertake.db.models import (
    CustomerRow,
    DocumentRow,
    OrderLineRow,
    OrderRow,
    PageRow,
    ProductRow,
)
from ordertake.domain import Box, MatchedOrder, OrderStatus, Page
from ordertake.ingest.blobs import put_blob


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(float(value), 3)))


def _box(box: Box | None) -> dict[str, Any] | None:
    return None if box is None else dataclasses.asdict(box)


def _words(page: Page) -> list[list[Any]]:
    return [[w.text, round(w.box.x0, 5), round(w.box.y0, 5), round(w.box.x1, 5),
             round(w.box.y1, 5), round(w.confidence, 4)] for w in page.words]


def save_pages(session: Session, document: DocumentRow, pages: list[Page]) -> None:
    for page in pages:
        image = put_blob(session, page.image_png) if page.image_png else None
        session.add(PageRow(document_id=document.id, number=page.number,
                            width=Decimal(str(round(page.width, 2))),
                            height=Decimal(str(round(page.height, 2))),
                            source=str(page.source), words=_words(page), image_sha256=image))


def _ids(session: Session, model: type[ProductRow] | type[CustomerRow],
         codes: set[str]) -> dict[str, int]:
    if not codes:
        return {}
    rows = session.execute(select(model.code, model.id).where(model.code.in_(codes)))
    return {code: id_ for code, id_ in rows}


def _order_confidence(order: MatchedOrder) -> float:
    parts = [order.customer.confidence] + [line.confidence for line in order.lines]
    return round(min(parts), 4) if parts else 0.0


def save_orders(session: Session, document: DocumentRow, pages: list[Page],
                matched_orders: list[MatchedOrder]) -> list[OrderRow]:
    """Pages (words JSON, page image blob) and one draft OrderRow per matched order."""
    save_pages(session, document, pages)
    product_codes = {c.product_code for o in matched_orders for ln in o.lines
                     for c in ln.candidates} | {
        ln.product_code for o in matched_orders for ln in o.lines if ln.product_code}
    products = _ids(session, ProductRow, product_codes)
    customers = _ids(session, CustomerRow,
                     {o.customer.customer_code for o in matched_orders if o.customer.customer_code})
    rows = []
    for position, order in enumerate(matched_orders):
        draft = order.draft
        customer_id = customers.get(order.customer.customer_code or "")
        row = OrderRow(
            document_id=document.id, position=position, status=str(OrderStatus.DRAFT), version=1,
            customer_id=customer_id, suggested_customer_id=customer_id,
            customer_confidence=Decimal(str(round(order.customer.confidence, 4))),
            customer_reason=order.customer.reason,
            customer_name_read=(draft.customer_name or "")[:255],
            order_number=(draft.order_number or "")[:128],
            order_date=draft.order_date, delivery_date=draft.delivery_date,
            ship_to=draft.ship_to or "", notes=draft.notes or "",
            confidence=Decimal(str(_order_confidence(order))),
            warnings=list(draft.warnings) + list(order.warnings),
            evidence={k: {"confidence": e.confidence, "box": _box(e.box), "text": e.text}
                      for k, e in draft.evidence.items()},
        )
        for line_no, line in enumerate(order.lines, start=1):
            top = line.candidates[0].product_code if line.candidates else None
            row.lines.append(OrderLineRow(
                line_no=line_no,
                product_id=products.get(line.product_code or ""),
                suggested_product_id=products.get(top or line.product_code or ""),
                description=line.draft.description, code_read=(line.draft.code or "")[:128],
                quantity=_decimal(line.quantity), unit=(line.unit or "")[:32],
                unit_price=_decimal(line.unit_price), amount=_decimal(line.draft.amount),
                base_quantity=_decimal(line.base_quantity), base_unit=(line.base_unit or "")[:32],
                confidence=Decimal(str(round(line.confidence, 4))),
                candidates=[{"product_code": c.product_code, "score": round(c.score, 4),
                             "tier": str(c.tier), "reason": c.reason,
                             "matched_text": c.matched_text} for c in line.candidates],
                box=_box(line.draft.box),
                warnings=list(line.draft.warnings) + list(line.warnings),
            ))
        session.add(row)
        rows.append(row)
    session.flush()
    return rows
