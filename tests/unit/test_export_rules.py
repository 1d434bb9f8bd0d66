"""Pure decisions of the export area: duplicate reasons and the touchless conditions."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from ordertake.export.duplicates import OrderFacts, duplicate_reason, line_key
from ordertake.export.touchless import LineFacts, TouchlessFacts, auto_approval_blockers

LINES = (
    line_key(1, "", Decimal("6.000"), "本"),
    line_key(None, "ｼｮｳﾕ 1.8L", Decimal("2"), "ケース"),
)


def test_line_key_normalises_quantity_and_text() -> None:
    assert line_key(1, "x", Decimal("6.000"), "本") == line_key(1, "y", Decimal("6"), "本 ")
    assert line_key(None, "ＡＢＣ", None, "") == line_key(None, "ABC", None, "")


@pytest.mark.parametrize(
    ("new", "old", "reason"),
    [
        (OrderFacts(1, "po-1", LINES), OrderFacts(1, "po-1", LINES), "same order number and lines"),
        (OrderFacts(1, "po-1", LINES), OrderFacts(1, "po-1", LINES[:1]), "same order number"),
        (OrderFacts(1, "", LINES), OrderFacts(1, "po-9", LINES), "same customer and lines"),
        (OrderFacts(1, "po-1", LINES), OrderFacts(2, "po-1", LINES), None),
        (OrderFacts(1, "po-1", LINES), OrderFacts(1, "po-2", LINES[:1]), None),
        (OrderFacts(1, "", ()), OrderFacts(1, "", ()), None),
        (
            OrderFacts(None, "po-1", LINES),
            OrderFacts(None, "po-1", LINES),
            "same order number and lines",
        ),
        (OrderFacts(None, "po-1", LINES), OrderFacts(None, "po-1", LINES[:1]), None),
    ],
)
def test_duplicate_reason(new: OrderFacts, old: OrderFacts, reason: str | None) -> None:
    assert duplicate_reason(new, old) == reason


GOOD = TouchlessFacts(
    status="draft",
    customer_trusted=True,
    customer_confidence=0.98,
    field_confidences={"order_number": 0.95, "delivery_date": 0.93},
    duplicate=False,
    warnings=0,
    lines=(
        LineFacts(1, True, Decimal("6"), "本", 0.97, 0),
        LineFacts(2, True, Decimal("1"), "箱", 0.91, 0),
    ),
)
LINE = GOOD.lines[1]


def test_all_conditions_hold() -> None:
    assert auto_approval_blockers(GOOD, 0.9) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"status": "approved"}, "status is approved"),
        ({"customer_trusted": False}, "customer is not marked"),
        ({"customer_confidence": 0.89}, "customer match 0.89"),
        ({"duplicate": True}, "possible duplicate"),
        ({"warnings": 1}, "1 order warning"),
        (
            {"field_confidences": {"order_number": 0.95, "delivery_date": 0.5}},
            "field delivery_date",
        ),
        ({"lines": ()}, "no lines"),
        (
            {"lines": (GOOD.lines[0], dataclasses.replace(LINE, has_product=False))},
            "line 2: no product",
        ),
        (
            {"lines": (GOOD.lines[0], dataclasses.replace(LINE, quantity=None))},
            "line 2: no quantity",
        ),
        (
            {"lines": (GOOD.lines[0], dataclasses.replace(LINE, quantity=Decimal(0)))},
            "line 2: no quantity",
        ),
        ({"lines": (GOOD.lines[0], dataclasses.replace(LINE, unit=""))}, "line 2: no unit"),
        (
            {"lines": (GOOD.lines[0], dataclasses.replace(LINE, confidence=0.899))},
            "line 2: confidence",
        ),
        ({"lines": (GOOD.lines[0], dataclasses.replace(LINE, warnings=2))}, "line 2: 2 warning"),
    ],
)
def test_any_single_failing_condition_blocks(change: dict, expected: str) -> None:  # type: ignore[type-arg]
    blockers = auto_approval_blockers(dataclasses.replace(GOOD, **change), 0.9)
    assert len(blockers) == 1 and blockers[0].startswith(expected), blockers


def test_corrections_by_cause_from_audit_details() -> None:
    from ordertake.export.dashboard import causes_of_edit

    details = {
        "version": 3,
        "customer_id": [None, 4],
        "order_number": ["P0-1", "PO-1"],
        "delivery_date": [None, "2026-11-25"],
        "lines": {
            "changed": {
                "1": {"product_id": [1, 2], "quantity": ["6", "8"]},
                "2": {"unit": ["", "本"]},
            },
            "added": ["みりん"],
            "deleted": [3],
        },
    }
    assert causes_of_edit("edit", details) == {
        "customer": 1, "header": 2, "product": 1, "quantity": 1, "unit": 1, "manual": 2,
    }  # fmt: skip
    assert causes_of_edit("manual_entry", {}) == {"manual": 1}
    assert causes_of_edit("approve", {"version": 2}) == {}
