"""Orders as plain JSON-ready dicts, for the API and for the order screen's script."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ordertake.db.models import (
    AuditEventRow,
    CustomerRow,
    DocumentRow,
    OrderLineRow,
    OrderRow,
    ProductRow,
    UserRow,
)
from ordertake.ocr.textpages import display_cells


def num(value: Decimal | float | None) -> float | int | None:
    """Decimal → int when whole, else float; None stays None."""
    if value is None:
        return None
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def text_page(words: list[list[Any]], width: float, height: float) -> list[str]:
    """A text page (e-mail body, spreadsheet) as the lines it was read from, line i of the
    list being line i of the page: each stored word [text, x0, y0, x1, y1, conf] on its line
    and at its column (text pages measure in lines and character cells), so a sheet's
    columns, a mail's line breaks and blank lines show as they were, and a box's line is
    found for the highlight."""
    lines: dict[int, list[tuple[float, str]]] = {}
    for word in words:
        if word:
            number = round(float(word[2]) * height)
            lines.setdefault(number, []).append((float(word[1]), str(word[0])))
    out = [""] * (max(lines) + 1 if lines else 0)
    for number, placed in lines.items():
        line = ""
        for x0, text in sorted(placed):
            line += " " * max(1 if line else 0, round(x0 * width) - display_cells(line)) + text
        out[number] = line
    return out


def customer_dict(row: CustomerRow | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"id": row.id, "code": row.code, "name": row.name}


def source_dict(doc: DocumentRow) -> dict[str, Any]:
    return {
        "document_id": doc.id,
        "kind": doc.source,
        "filename": doc.filename,
        "content_type": doc.content_type,
        "sender": doc.sender,
        "subject": doc.subject,
        "fax_number": doc.fax_number,
        "received_at": iso(doc.received_at),
        "status": doc.status,
        "error": doc.error,
        "error_reason": doc.error_reason,
    }


def _products_by(session: Session, ids: set[int], codes: set[str]) -> dict[Any, ProductRow]:
    found: dict[Any, ProductRow] = {}
    if ids or codes:
        rows = session.scalars(
            select(ProductRow).where(ProductRow.id.in_(ids) | ProductRow.code.in_(codes))
        ).all()
        for row in rows:
            found[row.id] = row
            found[row.code] = row
    return found


def _product_brief(row: ProductRow | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"id": row.id, "code": row.code, "name": row.name, "unit": row.unit,
            "price": num(row.price)}


def line_dicts(session: Session, lines: list[OrderLineRow]) -> list[dict[str, Any]]:
    ids = {i for line in lines for i in (line.product_id, line.suggested_product_id) if i}
    codes = {str(c.get("product_code")) for line in lines for c in (line.candidates or [])
             if isinstance(c, dict) and c.get("product_code")}
    products = _products_by(session, ids, codes)
    out = []
    for line in lines:
        candidates = []
        for cand in line.candidates or []:
            if not isinstance(cand, dict):
                continue
            prod = products.get(str(cand.get("product_code")))
            candidates.append({
                "product_code": cand.get("product_code"),
                "product_id": prod.id if prod else None,
                "product_name": prod.name if prod else "",
                "unit": prod.unit if prod else "",
                "score": cand.get("score"),
                "tier": cand.get("tier", ""),
                "reason": cand.get("reason", ""),
            })
        out.append({
            "id": line.id,
            "line_no": line.line_no,
            "product": _product_brief(products.get(line.product_id) if line.product_id else None),
            "description": line.description,
            "code_read": line.code_read,
            "quantity": num(line.quantity),
            "unit": line.unit,
            "unit_price": num(line.unit_price),
            "amount": num(line.amount),
            "base_quantity": num(line.base_quantity),
            "base_unit": line.base_unit,
            "confidence": num(line.confidence),
            "suggested_product_id": line.suggested_product_id,
            "candidates": candidates,
            "box": line.box,
            "warnings": list(line.warnings or []),
        })
    return out


def order_dict(session: Session, order: OrderRow) -> dict[str, Any]:
    suggested = (
        session.get(CustomerRow, order.suggested_customer_id)
        if order.suggested_customer_id else None
    )
    approver = session.get(UserRow, order.approved_by_id) if order.approved_by_id else None
    return {
        "id": order.id,
        "status": order.status,
        "version": order.version,
        "position": order.position,
        "customer": customer_dict(order.customer),
        "customer_confidence": num(order.customer_confidence),
        "customer_reason": order.customer_reason,
        "customer_name_read": order.customer_name_read,
        "suggested_customer": customer_dict(suggested),
        "order_number": order.order_number,
        "order_date": iso(order.order_date),
        "delivery_date": iso(order.delivery_date),
        "ship_to": order.ship_to,
        "notes": order.notes,
        "confidence": num(order.confidence),
        "warnings": list(order.warnings or []),
        "evidence": order.evidence or {},
        "duplicate_of_id": order.duplicate_of_id,
        "duplicate_confirmed": order.duplicate_confirmed,
        "approved_by": approver.name if approver else None,
        "approved_at": iso(order.approved_at),
        "rejected_reason": order.rejected_reason,
        "export_batch_id": order.export_batch_id,
        "source": source_dict(order.document),
        "lines": line_dicts(session, list(order.lines)),
    }


def audit_trail(session: Session, order_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(AuditEventRow, UserRow.name)
        .outerjoin(UserRow, UserRow.id == AuditEventRow.user_id)
        .where(AuditEventRow.entity == "order", AuditEventRow.entity_id == order_id)
        .order_by(AuditEventRow.at.desc(), AuditEventRow.id.desc())
    ).all()
    return [
        {"at": iso(ev.at), "user": name or "system", "action": ev.action,
         "details": ev.details or {}}
        for ev, name in rows
    ]
