"""Scoring of parse results against ground truth, with hand-built cases."""

from __future__ import annotations

import pytest

from ordertake.evaluate.score import score_document, score_order, summarise
from ordertake.evaluate.truth import TruthLine, TruthOrder, parse_truth


def truth(*lines: tuple[str, float, str], **header: str | None) -> TruthOrder:
    fields = {
        "customer_code": "C001",
        "order_number": "PO-1",
        "order_date": "2026-11-20",
        "delivery_date": "2026-11-25",
    } | header
    return TruthOrder(**fields, lines=tuple(TruthLine(c, q, u) for c, q, u in lines))


def predicted(*lines: tuple[str | None, float | None, str | None], **header: str | None) -> dict:
    fields = {
        "customer_code": "C001",
        "order_number": "PO-1",
        "order_date": "2026-11-20",
        "delivery_date": "2026-11-25",
    } | header
    return fields | {"lines": [{"product_code": c, "quantity": q, "unit": u} for c, q, u in lines]}


TWO = (("A-1", 6, "本"), ("B-2", 2, "ケース"))


def test_perfect_document_is_entirely_right() -> None:
    doc = score_document("d", "pdf-text", (truth(*TWO),), [predicted(*TWO)])
    _, overall = summarise([doc])
    assert (overall.precision, overall.recall, overall.f1) == (1.0, 1.0, 1.0)
    assert overall.unit_accuracy == 1.0
    assert doc.entirely_right and overall.documents_right == 1.0


def test_missing_line_lowers_recall_only() -> None:
    doc = score_document("d", "k", (truth(*TWO),), [predicted(TWO[0])])
    _, overall = summarise([doc])
    assert overall.precision == 1.0 and overall.recall == 0.5
    assert overall.f1 == pytest.approx(2 / 3)
    assert doc.orders[0].missing == [("B-2", 2.0)]
    assert not doc.entirely_right


def test_extra_line_lowers_precision_only() -> None:
    doc = score_document("d", "k", (truth(*TWO),), [predicted(*TWO, ("C-3", 1, "個"))])
    _, overall = summarise([doc])
    assert overall.precision == pytest.approx(2 / 3) and overall.recall == 1.0
    assert doc.orders[0].extra == [("C-3", 1.0)]
    assert not doc.entirely_right


def test_wrong_quantity_is_a_wrong_line() -> None:
    order = score_order(truth(*TWO), predicted(("A-1", 5, "本"), TWO[1]))
    assert order.right_lines == 1
    assert order.missing == [("A-1", 6.0)] and order.extra == [("A-1", 5.0)]


def test_duplicate_lines_match_as_a_multiset() -> None:
    once = score_order(truth(TWO[0]), predicted(TWO[0], TWO[0]))
    assert (once.right_lines, once.predicted_lines) == (1, 2)
    twice = score_order(truth(TWO[0], TWO[0]), predicted(TWO[0], TWO[0]))
    assert twice.right_lines == 2 and twice.entirely_right


def test_empty_truth_and_empty_prediction_score_full() -> None:
    doc = score_document("d", "k", (truth(),), [predicted()])
    _, overall = summarise([doc])
    assert (overall.precision, overall.recall) == (1.0, 1.0)
    assert overall.unit_accuracy is None
    assert doc.entirely_right


def test_empty_prediction_scores_zero_lines() -> None:
    doc = score_document("d", "k", (truth(*TWO),), [])
    _, overall = summarise([doc])
    assert (overall.precision, overall.recall, overall.f1) == (0.0, 0.0, 0.0)
    assert doc.orders[0].fields["customer_code"] is False


def test_unit_is_judged_on_right_lines_in_canonical_vocabulary() -> None:
    order = score_order(truth(*TWO), predicted(("A-1", 6, "個"), ("B-2", 2, "C/S")))
    assert order.right_lines == 2 and order.right_units == 1
    assert not order.entirely_right


def test_header_fields_compare_normalised_and_null_equals_missing() -> None:
    order = score_order(
        truth(TWO[0], order_number=None),
        predicted(TWO[0], order_number="", customer_code="c001", delivery_date="2026-11-26"),
    )
    assert order.fields == {
        "customer_code": True,
        "order_number": True,
        "order_date": True,
        "delivery_date": False,
    }
    assert order.values["delivery_date"] == ("2026-11-25", "2026-11-26")


def test_full_width_order_number_matches() -> None:
    order = score_order(
        truth(TWO[0], order_number="PO-2026-1182"),
        predicted(TWO[0], order_number="ＰＯ－２０２６－１１８２"),
    )
    assert order.fields["order_number"]


def test_failed_document_scores_zero_everywhere_and_keeps_its_error() -> None:
    doc = score_document("d", "fax-fine", (truth(*TWO, order_number=None),), None, "corrupt PDF")
    per_kind, overall = summarise([doc])
    assert doc.error == "corrupt PDF" and not doc.entirely_right
    assert overall.failed == 1 and overall.f1 == 0.0
    assert all(value == 0.0 for value in (overall.field_accuracy(n) for n in doc.orders[0].fields))
    assert per_kind["fax-fine"].documents == 1


def test_several_orders_pair_by_shared_lines() -> None:
    first, second = (
        truth(("A-1", 1, "本"), customer_code="C001"),
        truth(("B-2", 3, "袋"), customer_code="C002"),
    )
    preds = [predicted(("B-2", 3, "袋"), customer_code="C002"), predicted(("A-1", 1, "本"))]
    doc = score_document("mail", "email-forward", (first, second), preds)
    assert doc.entirely_right
    missing_order = score_document("mail", "email-forward", (first, second), preds[:1])
    _, overall = summarise([missing_order])
    assert overall.recall == 0.5 and overall.precision == 1.0
    assert not missing_order.entirely_right


def test_summary_micro_averages_per_kind_and_overall() -> None:
    good = score_document("a", "pdf-text", (truth(*TWO),), [predicted(*TWO)])
    half = score_document("b", "fax-fine", (truth(*TWO),), [predicted(TWO[0])])
    per_kind, overall = summarise([good, half])
    assert list(per_kind) == ["fax-fine", "pdf-text"]
    assert per_kind["pdf-text"].f1 == 1.0 and per_kind["fax-fine"].recall == 0.5
    assert overall.recall == pytest.approx(3 / 4)
    assert overall.documents_right == 0.5
    as_dict = overall.as_dict()
    assert as_dict["lines"] == {"truth": 4, "predicted": 3, "right": 3, "sure": 0,
                                "sure_wrong": 0}  # the hand-built lines carry no confidence
    assert as_dict["fields"]["customer_code"] == 1.0


def test_truth_with_several_orders_is_read_from_orders() -> None:
    raw = {
        "kind": "email-forward",
        "orders": [
            {
                "customer_code": "C1",
                "order_number": None,
                "order_date": "2026-01-02",
                "delivery_date": "2026-01-03",
                "lines": [{"product_code": "A", "quantity": 2, "unit": "本"}],
            },
            {
                "customer_code": "C2",
                "order_number": "X",
                "order_date": None,
                "delivery_date": None,
                "lines": [],
            },
        ],
    }
    orders = parse_truth(raw)
    assert [o.customer_code for o in orders] == ["C1", "C2"]
    assert orders[0].lines == (TruthLine("A", 2.0, "本"),)


def test_sure_lines_are_those_nothing_flags_and_the_wrong_ones_among_them_are_counted() -> None:
    pred = predicted(("A-1", 6, "本"), ("B-2", 3, "ケース"), ("C-3", 1, "個"), ("D-4", 2, "袋"))
    pred["lines"][0] |= {"confidence": 0.95, "warnings": []}          # right, sure
    pred["lines"][1] |= {"confidence": 0.99, "warnings": []}          # wrong quantity, sure
    pred["lines"][2] |= {"confidence": 0.99, "warnings": ["qty_unsure:read=1,picture=7"]}
    pred["lines"][3] |= {"confidence": 0.5, "warnings": []}           # wrong, flagged
    order = score_order(truth(*TWO), pred)
    assert (order.sure_lines, order.sure_wrong) == (2, 1)
    doc = score_document("d", "k", (truth(*TWO),), [pred], threshold=0.96)
    assert (doc.orders[0].sure_lines, doc.orders[0].sure_wrong) == (1, 1)
    _, overall = summarise([doc])
    assert overall.sure_share == 0.25 and overall.as_dict()["lines"]["sure_wrong"] == 1


def test_a_line_repeated_beyond_the_truth_counts_its_sure_copies_right_first() -> None:
    pred = predicted(TWO[0], TWO[0])
    pred["lines"][0] |= {"confidence": 0.9}
    order = score_order(truth(*TWO), pred)
    assert (order.right_lines, order.sure_lines, order.sure_wrong) == (1, 1, 0)
