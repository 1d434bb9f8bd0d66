"""Touchless dashboard: per day and per customer, touchless rate and corrections by cause.

Corrections come from the audit trail the review screen writes ("edit" events with the changed
fields, "manual_entry" for orders keyed by hand), so the team sees where reading and matching fail.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from ordertake.db.models import AuditEventRow, CustomerRow, OrderRow, utcnow
from ordertake.domain import OrderStatus

CAUSES = ("product", "quantity", "unit", "price", "customer", "header", "manual")
HEADER_FIELDS = ("order_number", "order_date", "delivery_date", "ship_to", "notes")
LINE_CAUSES = {"product_id": "product", "description": "product", "quantity": "quantity",
               "unit": "unit", "unit_price": "price"}  # fmt: skip


def causes_of_edit(action: str, details: dict[str, Any]) -> Counter[str]:
    """What one audit event corrected, counted by cause. Pure."""
    found: Counter[str] = Counter()
    if action == "manual_entry":
        found["manual"] += 1
        return found
    if action != "edit":
        return found
    if "customer_id" in details:
        found["customer"] += 1
    found["header"] += sum(1 for name in HEADER_FIELDS if name in details)
    lines = details.get("lines") or {}
    if isinstance(lines, dict):
        found["manual"] += len(lines.get("added") or []) + len(lines.get("deleted") or [])
        for changes in (lines.get("changed") or {}).values():
            for name in changes if isinstance(changes, dict) else ():
                if name in LINE_CAUSES:
                    found[LINE_CAUSES[name]] += 1
    return found


@dataclass
class Tally:
    label: str
    decided: int = 0
    """Orders approved (by a clerk or touchless) in the period."""
    touchless: int = 0
    corrections: Counter[str] = field(default_factory=Counter)

    @property
    def rate(self) -> float | None:
        return self.touchless / self.decided if self.decided else None


@dataclass
class Dashboard:
    since: dt.date
    by_day: list[Tally]
    by_customer: list[Tally]
    total: Tally


def build_dashboard(
    session: Session, days: int = 30, timezone: str = "Asia/Tokyo", now: dt.datetime | None = None
) -> Dashboard:
    tz = ZoneInfo(timezone)
    now = now or utcnow()
    since = now - dt.timedelta(days=days)
    by_day: dict[dt.date, Tally] = {}
    by_customer: dict[str, Tally] = {}
    total = Tally("total")

    def tallies(at: dt.datetime, customer: str) -> list[Tally]:
        day = at.astimezone(tz).date() if at.tzinfo else at.date()
        return [
            by_day.setdefault(day, Tally(day.isoformat())),
            by_customer.setdefault(customer, Tally(customer)),
            total,
        ]

    decided = session.execute(
        select(OrderRow.approved_at, OrderRow.auto_approved, CustomerRow.code, CustomerRow.name)
        .outerjoin(CustomerRow, CustomerRow.id == OrderRow.customer_id)
        .where(OrderRow.approved_at >= since)
        .where(OrderRow.status.in_([OrderStatus.APPROVED.value, OrderStatus.EXPORTED.value]))
    )
    for approved_at, auto, code, name in decided:
        if approved_at is None:
            continue
        for tally in tallies(approved_at, _label(code, name)):
            tally.decided += 1
            tally.touchless += int(bool(auto))
    edits = session.execute(
        select(
            AuditEventRow.at,
            AuditEventRow.action,
            AuditEventRow.details,
            CustomerRow.code,
            CustomerRow.name,
        )  # fmt: skip
        .join(OrderRow, OrderRow.id == AuditEventRow.entity_id)
        .outerjoin(CustomerRow, CustomerRow.id == OrderRow.customer_id)
        .where(AuditEventRow.entity == "order", AuditEventRow.at >= since)
        .where(AuditEventRow.action.in_(["edit", "manual_entry"]))
    )
    for at, action, details, code, name in edits:
        causes = causes_of_edit(action, details or {})
        for tally in tallies(at, _label(code, name)):
            tally.corrections.update(causes)
    return Dashboard(
        since=since.astimezone(tz).date(),
        by_day=[by_day[d] for d in sorted(by_day, reverse=True)],
        by_customer=sorted(by_customer.values(), key=lambda t: (-t.decided, t.label)),
        total=total,
    )


def _label(code: str | None, name: str | None) -> str:
    return f"{code} {name}" if code else "(得意先不明)"
