"""A matched order as the parse-result JSON of DESIGN.md, with its evidence (pure)."""

from __future__ import annotations

from typing import Any

from ordertake.domain import Box, Evidence, MatchedLine, MatchedOrder
from ordertake.parse.numbers import as_plain


def box_json(box: Box | None) -> dict[str, Any] | None:
    if box is None:
        return None
    return {"page": box.page, "x0": round(box.x0, 4), "y0": round(box.y0, 4),
            "x1": round(box.x1, 4), "y1": round(box.y1, 4)}


def evidence_json(evidence: Evidence) -> dict[str, Any]:
    return {"confidence": evidence.confidence, "box": box_json(evidence.box), "text": evidence.text}


def line_json(line: MatchedLine) -> dict[str, Any]:
    draft = line.draft
    out: dict[str, Any] = {
        "product_code": line.product_code,
        "product_name": line.product_name,
        "code_written": draft.code,
        "description": draft.description or None,
        "quantity": as_plain(line.quantity),
        "unit": line.unit,
        "unit_price": as_plain(line.unit_price),
        "amount": as_plain(draft.amount),
        "confidence": round(line.confidence, 3),
        "candidates": [
            {"product_code": c.product_code, "score": round(c.score, 3), "tier": str(c.tier),
             "reason": c.reason}
            for c in line.candidates
        ],
        "warnings": list(dict.fromkeys(draft.warnings + line.warnings)),
        "evidence": {"box": box_json(draft.box), "confidence": draft.confidence},
    }
    if line.base_quantity is not None and line.base_unit is not None:
        out["base_quantity"] = as_plain(line.base_quantity)
        out["base_unit"] = line.base_unit
    if draft.note:
        out["note"] = draft.note
    return out


def to_json(order: MatchedOrder) -> dict[str, Any]:
    """The JSON object of one order: null for unknown values, ISO dates, numbers as numbers."""
    draft = order.draft
    customer = order.customer
    return {
        "source": draft.source,
        "customer_code": customer.customer_code,
        "customer_name": customer.customer_name or draft.customer_name,
        "customer_confidence": round(customer.confidence, 3),
        "customer_reason": customer.reason or None,
        "customer_name_written": draft.customer_name,
        "customer_tel": draft.customer_tel,
        "customer_fax": draft.customer_fax,
        "sender_fax": draft.sender_fax,
        "order_number": draft.order_number,
        "order_date": draft.order_date.isoformat() if draft.order_date else None,
        "delivery_date": draft.delivery_date.isoformat() if draft.delivery_date else None,
        "ship_to": draft.ship_to,
        "notes": draft.notes,
        "fax_pages": list(draft.fax_pages) if draft.fax_pages else None,
        "lines": [line_json(line) for line in order.lines],
        "warnings": list(dict.fromkeys(draft.warnings + order.warnings)),
        "evidence": {name: evidence_json(ev) for name, ev in draft.evidence.items()},
    }
