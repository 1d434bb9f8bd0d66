"""Touchless approval in a real database: only trusted customers, only when nothing is doubtful."""

from __future__ import annotations

from export_support import customer, order
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ordertake.db.models import AuditEventRow, OrderRow
from ordertake.export.batch import run_export
from ordertake.export.duplicates import flag_duplicates
from ordertake.export.touchless import maybe_auto_approve

EVIDENCE = {"order_number": {"confidence": 0.97, "box": None, "text": "PO-1"}}


def test_trusted_clean_draft_is_approved_and_audited(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        customer(s, "C001").auto_approve = True
        draft = order(s, status="draft", evidence=EVIDENCE)
        assert maybe_auto_approve(s, draft, 0.9) == []
        draft_id = draft.id
    with sessions() as s:
        row = s.get(OrderRow, draft_id)
        assert row is not None
        assert (row.status, row.auto_approved, row.approved_by_id) == ("approved", True, None)
        assert row.approved_at is not None
        audit = s.scalars(select(AuditEventRow).where(AuditEventRow.entity_id == draft_id)).all()
        assert [(a.action, a.entity, a.user_id) for a in audit] == [("auto_approve", "order", None)]
    result = run_export(sessions)  # exported without a clerk
    assert result.order_count == 1 and b",auto," in result.data


def test_untrusted_or_doubtful_drafts_wait_for_a_clerk(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        customer(s, "C001").auto_approve = True
        untrusted = order(s, status="draft", customer_code="C777", customer_name="新規")
        low_field = order(s, status="draft", order_number="PO-2",
                          evidence={"delivery_date": {"confidence": 0.4}})  # fmt: skip
        warned = order(s, status="draft", order_number="PO-3", warnings=["数量が読めません"])
        low_line = order(s, status="draft", order_number="PO-4", confidence=0.5)
        first = order(s, status="draft", order_number="PO-5", lines=[("Q-1", 3, "本", 1)])
        dup = order(s, status="draft", order_number="PO-5", lines=[("Q-1", 3, "本", 1)])
        assert maybe_auto_approve(s, first, 0.9) == []
        flag_duplicates(s, dup)
        assert maybe_auto_approve(s, untrusted, 0.9) == [
            "customer is not marked for touchless approval"
        ]
        assert maybe_auto_approve(s, low_field, 0.9) == [
            "field delivery_date read with 0.40 < 0.90"
        ]
        assert maybe_auto_approve(s, warned, 0.9) == ["1 order warning(s)"]
        assert maybe_auto_approve(s, low_line, 0.5) == []  # threshold is the caller's
        blockers = maybe_auto_approve(s, dup, 0.9)
        assert "possible duplicate" in blockers
        ids = [untrusted.id, low_field.id, warned.id, dup.id]
    with sessions() as s:
        rows = s.scalars(select(OrderRow).where(OrderRow.id.in_(ids))).all()
        assert {(r.status, r.auto_approved) for r in rows} == {("draft", False)}


def _fax_processor(order_number: str):  # type: ignore[no-untyped-def]
    """A stand-in for reading (OCR is not under test here): always the same clean order."""
    from ordertake.domain import CustomerMatch, DraftLine, MatchedLine, MatchedOrder, OrderDraft
    from ordertake.queue.reading import Processed

    def process(data: bytes, meta):  # type: ignore[no-untyped-def]
        draft = OrderDraft(source=meta.filename, order_number=order_number)
        line = MatchedLine(DraftLine("醤油", quantity=6, unit="本"), "A-1", "醤油", 6, "本", 420,
                           confidence=0.96)  # fmt: skip
        return Processed([], [MatchedOrder(draft, CustomerMatch("C001", "山田商店", 0.97), [line])])

    return process


def test_worker_flags_the_resend_and_auto_approves_only_the_first(
    sessions: sessionmaker[Session], settings
) -> None:  # type: ignore[no-untyped-def]
    from export_support import product

    from ordertake.domain import SourceMeta
    from ordertake.ingest.store import store_document
    from ordertake.queue.worker import process_one

    with sessions.begin() as s:
        customer(s, "C001").auto_approve = True
        product(s, "A-1")
        store_document(s, b"fax one", SourceMeta(filename="fax1.tif"), "test:1")
        store_document(s, b"fax one again", SourceMeta(filename="fax1-resend.tif"), "test:2")
    for _ in range(2):
        assert process_one(sessions, "w1", _fax_processor("PO-88"), settings) == "review"
    with sessions() as s:
        first, resent = s.scalars(select(OrderRow).order_by(OrderRow.id)).all()
        assert (first.status, first.auto_approved) == ("approved", True)
        assert (resent.status, resent.duplicate_of_id) == ("draft", first.id)
