"""Export batches on SQLite and PostgreSQL: each order once, re-download, never half a batch."""

from __future__ import annotations

import hashlib

import pytest
from export_support import order
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ordertake.db.models import AuditEventRow, ExportBatchRow, OrderRow
from ordertake.export.batch import load_batch, run_export
from ordertake.export.csvwrite import UnencodableError


class Interrupted(Exception):
    pass


def _state(factory: sessionmaker[Session]) -> tuple[int, dict[int, tuple[str, int | None]]]:
    with factory() as s:
        batches = s.scalar(select(func.count()).select_from(ExportBatchRow)) or 0
        orders = {o.id: (o.status, o.export_batch_id) for o in s.scalars(select(OrderRow))}
    return batches, orders


def test_two_exports_in_a_row_and_redownload(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        first = order(s, lines=[("A-1", 6, "本", 420), ("B-2", 2, "ケース", 3000)]).id
        order(s, status="draft", order_number="PO-draft")
        order(s, status="rejected", order_number="PO-rej")

    result = run_export(sessions, profile="japanese", encoding="cp932")
    assert (result.order_count, result.line_count) == (1, 2)
    assert result.data.decode("cp932").count("\r\n") == 3

    again = run_export(sessions, profile="japanese")
    assert again.empty and again.data == b"" and again.batch_id is None

    with sessions.begin() as s:
        second = order(s, order_number="PO-2").id
    third = run_export(sessions, encoding="utf-8-sig")
    assert third.order_count == 1 and f"\r\n{second},".encode() in third.data

    batches, orders = _state(sessions)
    assert batches == 2
    assert orders[first] == ("exported", result.batch_id)
    assert orders[second] == ("exported", third.batch_id)
    assert sorted(st for st, _ in orders.values()) == ["draft", "exported", "exported", "rejected"]

    with sessions() as s:
        row, data = load_batch(s, result.batch_id or 0)
        assert data == result.data
        assert row.sha256 == hashlib.sha256(result.data).hexdigest()
        assert (row.order_count, row.line_count, row.profile) == (1, 2, "japanese")
        audit = s.scalars(select(AuditEventRow).where(AuditEventRow.action == "export")).all()
        assert [a.entity_id for a in audit] == [result.batch_id, third.batch_id]


def test_unencodable_character_writes_nothing(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        ok = order(s).id
        bad = order(s, lines=[("A-1", 1, "本", 1), ("Z-9", 1, "本", 1)],
                    product_names={"Z-9": "髙級ギフト😀"}).id  # fmt: skip
    with pytest.raises(UnencodableError) as info:
        run_export(sessions)
    assert {(p.order_id, p.line_no, p.char) for p in info.value.problems} == {
        (bad, 2, "髙"), (bad, 2, "😀"),
    }  # fmt: skip
    batches, orders = _state(sessions)
    assert batches == 0 and orders[ok] == ("approved", None) and orders[bad] == ("approved", None)

    replaced = run_export(sessions, replace_unencodable=True)
    assert "高級ギフト〓".encode("cp932") in replaced.data
    assert replaced.order_count == 2 and len(replaced.replacements) == 2


def test_crash_between_writing_and_commit_leaves_nothing(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        ids = [order(s, order_number=f"PO-{i}").id for i in range(3)]

    seen: list[int] = []

    def crash(result) -> None:  # type: ignore[no-untyped-def]
        seen.append(result.batch_id)  # the batch row and marks were written (flushed)...
        raise Interrupted  # ...and the process dies before the commit

    with pytest.raises(Interrupted):
        run_export(sessions, before_commit=crash)
    assert seen and seen[0] is not None
    batches, orders = _state(sessions)
    assert batches == 0
    assert all(orders[i] == ("approved", None) for i in ids)

    result = run_export(sessions)
    assert result.order_count == 3
    _, orders = _state(sessions)
    assert all(orders[i] == ("exported", result.batch_id) for i in ids)


def test_unconfirmed_duplicates_are_held_back(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        original = order(s)
        dup = order(s, duplicate_of_id=original.id).id
        confirmed = order(s, duplicate_of_id=original.id, duplicate_confirmed=True).id
    result = run_export(sessions)
    assert [h.order_id for h in result.held] == [dup]
    _, orders = _state(sessions)
    assert orders[dup] == ("approved", None)
    assert orders[confirmed][0] == "exported"
    assert run_export(sessions).empty


def test_two_exports_at_once_never_share_an_order(sessions: sessionmaker[Session]) -> None:
    import threading

    with sessions.begin() as s:
        ids = {order(s, order_number=f"PO-{i}").id for i in range(20)}
    start = threading.Barrier(2)
    results: list[object] = []

    def export() -> None:
        start.wait()
        try:
            results.append(run_export(sessions))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            results.append(exc)

    threads = [threading.Thread(target=export) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(r.order_count for r in results) == [0, 20]  # type: ignore[attr-defined]
    batches, orders = _state(sessions)
    assert batches == 1 and {orders[i][0] for i in ids} == {"exported"}
