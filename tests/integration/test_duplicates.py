"""Duplicate flagging in a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from export_support import order
from sqlalchemy.orm import Session, sessionmaker

from ordertake.db.models import OrderRow
from ordertake.export.batch import run_export
from ordertake.export.duplicates import flag_duplicates

LINES = [("A-1", 6, "本", 420), ("B-2", 2, "ケース", 3000)]


def test_resent_fax_is_flagged_with_a_link_to_the_first(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        first = order(s, status="draft", lines=LINES, order_number="PO-77")
        resent = order(s, status="draft", lines=list(reversed(LINES)), order_number="PO-77",
                       notes="再送")  # fmt: skip
        assert flag_duplicates(s, first) is None
        original = flag_duplicates(s, resent, days=7)
        assert original is not None and original.id == first.id
        resent_id, first_id = resent.id, first.id
    with sessions() as s:
        row = s.get(OrderRow, resent_id)
        assert row is not None and row.duplicate_of_id == first_id
        assert any(f"order {first_id}" in w and "再送" in w for w in row.warnings)


def test_same_lines_or_same_number_within_days_only(sessions: sessionmaker[Session]) -> None:
    now = dt.datetime.now(dt.UTC)
    with sessions.begin() as s:
        base = order(s, lines=LINES, order_number="PO-1")
        same_lines = order(s, status="draft", lines=LINES, order_number="")
        same_number = order(s, status="draft", lines=[("C-3", 1, "個", 10)], order_number="PO-1")
        other_customer = order(s, status="draft", lines=LINES, order_number="PO-1",
                               customer_code="C002", customer_name="別の店")  # fmt: skip
        other_lines = order(s, status="draft", lines=[("A-1", 7, "本", 420)], order_number="PO-2")
        assert flag_duplicates(s, same_lines, now=now).id == base.id  # type: ignore[union-attr]
        assert flag_duplicates(s, same_number, now=now).id == base.id  # type: ignore[union-attr]
        assert flag_duplicates(s, other_customer, now=now) is None
        assert flag_duplicates(s, other_lines, now=now) is None
        # Seen from 30 days later, the first order is outside a 14-day window.
        later = order(s, status="draft", lines=LINES, order_number="PO-1")
        assert flag_duplicates(s, later, days=14, now=now + dt.timedelta(days=30)) is None


def test_rejected_orders_are_not_originals(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        order(s, status="rejected", lines=LINES, order_number="PO-5")
        again = order(s, status="draft", lines=LINES, order_number="PO-5")
        assert flag_duplicates(s, again) is None


def test_a_duplicate_is_never_exported_twice_by_accident(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        first = order(s, lines=LINES, order_number="PO-9")
        second = order(s, lines=LINES, order_number="PO-9")  # approved without confirmation
        flag_duplicates(s, second)
        first_id, second_id = first.id, second.id
    result = run_export(sessions)
    assert result.order_count == 1 and [h.order_id for h in result.held] == [second_id]
    assert f"\r\n{first_id},".encode() in result.data
    assert f"\r\n{second_id},".encode() not in result.data
    assert run_export(sessions).empty
