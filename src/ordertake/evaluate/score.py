"""Scoring parse results against ground truth (pure: no I/O).

A line is right when its product code and quantity match a truth line; lines are matched as
multisets, so a duplicated line counts once unless the truth has it twice. Units are judged on
the matched lines. A line is "sure" when nothing asks the clerk to look at it (confidence at
the auto-accept threshold, no warning): sure lines that are wrong are the errors a clerk is
least likely to catch, so they are counted apart. A document holding several orders pairs
each truth order with the predicted order sharing most right lines. Totals are micro-averages
over lines and orders.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ordertake.config import Settings
from ordertake.evaluate.truth import HEADER_FIELDS, TruthLine, TruthOrder
from ordertake.units import canonical_unit

LineKey = tuple[str, float | None]
DEFAULT_THRESHOLD: float = Settings.model_fields["auto_accept_threshold"].default


def _norm_text(value: Any) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).strip().upper()
    return "".join(text.split())


def _norm_quantity(value: Any) -> float | None:
    try:
        return round(float(value), 6)
    except (TypeError, ValueError):
        return None


def _norm_unit(value: Any) -> str:
    if value is None or value == "":
        return ""
    return canonical_unit(str(value)) or _norm_text(value)


def _predicted_lines(order: Mapping[str, Any]) -> list[tuple[LineKey, str]]:
    out = []
    for line in order.get("lines") or []:
        code = _norm_text(line.get("product_code"))
        quantity = _norm_quantity(line.get("quantity"))
        out.append(((code, quantity), _norm_unit(line.get("unit"))))
    return out


def _sure(line: Mapping[str, Any], threshold: float) -> bool:
    """Nothing asks the clerk to look at the line."""
    confidence = line.get("confidence")
    return (isinstance(confidence, int | float) and confidence >= threshold
            and not line.get("warnings"))


def _truth_lines(lines: Iterable[TruthLine]) -> list[tuple[LineKey, str]]:
    return [((_norm_text(t.product_code), round(t.quantity, 6)), _norm_unit(t.unit)) for t in lines]


@dataclass
class OrderScore:
    truth_lines: int = 0
    predicted_lines: int = 0
    right_lines: int = 0
    right_units: int = 0
    fields: dict[str, bool] = field(default_factory=dict)
    values: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    """Header field → (truth, predicted), to show what went wrong."""
    missing: list[LineKey] = field(default_factory=list)
    extra: list[LineKey] = field(default_factory=list)
    sure_lines: int = 0
    """Predicted lines nothing flags for the clerk (see the module's docstring)."""
    sure_wrong: int = 0
    """Of those, lines that are wrong."""

    @property
    def entirely_right(self) -> bool:
        return (
            self.right_lines == self.truth_lines == self.predicted_lines
            and self.right_units == self.right_lines
            and all(self.fields.values())
        )


def score_order(truth: TruthOrder | None, predicted: Mapping[str, Any] | None,
                threshold: float = DEFAULT_THRESHOLD) -> OrderScore:
    """One truth order against one predicted order (either may be missing)."""
    truth_items = _truth_lines(truth.lines) if truth else []
    pred_items = _predicted_lines(predicted) if predicted else []
    t_keys = Counter(key for key, _ in truth_items)
    p_keys = Counter(key for key, _ in pred_items)
    right = t_keys & p_keys
    units = 0
    for key, count in right.items():
        t_units = Counter(unit for k, unit in truth_items if k == key)
        p_units = Counter(unit for k, unit in pred_items if k == key)
        units += min(count, sum((t_units & p_units).values()))
    score = OrderScore(
        truth_lines=len(truth_items),
        predicted_lines=len(pred_items),
        right_lines=sum(right.values()),
        right_units=units,
        missing=sorted((t_keys - p_keys).elements(), key=str),
        extra=sorted((p_keys - t_keys).elements(), key=str),
    )
    sure = Counter(key for (key, _), line in zip(
        pred_items, (predicted.get("lines") or []) if predicted else [], strict=True)
        if _sure(line, threshold))
    score.sure_lines = sum(sure.values())
    # With a key predicted more often than the truth has it, the sure lines count as right first.
    score.sure_wrong = sum(max(0, count - right[key]) for key, count in sure.items())
    if truth is not None:
        for name in HEADER_FIELDS:
            got = predicted.get(name) if predicted else None
            score.fields[name] = _norm_text(truth.header(name)) == _norm_text(got)
            score.values[name] = (truth.header(name), got)
    return score


def pair_orders(
    truths: tuple[TruthOrder, ...], predicted: list[Mapping[str, Any]]
) -> list[tuple[TruthOrder | None, Mapping[str, Any] | None]]:
    """Greedy pairing by shared right lines (then customer); leftovers pair with None."""
    candidates = []
    for ti, truth in enumerate(truths):
        for pi, pred in enumerate(predicted):
            overlap = score_order(truth, pred).right_lines
            same_customer = _norm_text(truth.customer_code) == _norm_text(pred.get("customer_code"))
            candidates.append((-overlap, not same_customer, ti, pi))
    pairs: list[tuple[TruthOrder | None, Mapping[str, Any] | None]] = []
    used_t: set[int] = set()
    used_p: set[int] = set()
    for _, _, ti, pi in sorted(candidates):
        if ti not in used_t and pi not in used_p:
            used_t.add(ti)
            used_p.add(pi)
            pairs.append((truths[ti], predicted[pi]))
    pairs += [(truths[i], None) for i in range(len(truths)) if i not in used_t]
    pairs += [(None, predicted[i]) for i in range(len(predicted)) if i not in used_p]
    return pairs


@dataclass
class DocumentScore:
    name: str
    kind: str
    orders: list[OrderScore] = field(default_factory=list)
    truth_orders: int = 0
    predicted_orders: int = 0
    error: str = ""
    seconds: float = 0.0

    @property
    def entirely_right(self) -> bool:
        return (
            not self.error
            and self.truth_orders == self.predicted_orders
            and all(o.entirely_right for o in self.orders)
        )


def score_document(
    name: str,
    kind: str,
    truths: tuple[TruthOrder, ...],
    predicted: Sequence[Mapping[str, Any]] | None,
    error: str = "",
    threshold: float = DEFAULT_THRESHOLD,
) -> DocumentScore:
    """Score a document; `predicted=None` with an `error` scores zero and keeps the reason."""
    preds = [] if predicted is None else list(predicted)
    doc = DocumentScore(
        name, kind, truth_orders=len(truths), predicted_orders=len(preds), error=error
    )
    doc.orders = [score_order(t, p, threshold) for t, p in pair_orders(truths, preds)]
    if error:
        # A document that could not be parsed scores zero everywhere, even on null fields.
        for order in doc.orders:
            order.fields = dict.fromkeys(order.fields, False)
    return doc


def _ratio(num: int, den: int, empty: float | None) -> float | None:
    return num / den if den else empty


@dataclass
class Totals:
    """Micro-averaged figures over a group of documents."""

    documents: int = 0
    failed: int = 0
    entirely_right: int = 0
    truth_lines: int = 0
    predicted_lines: int = 0
    right_lines: int = 0
    right_units: int = 0
    sure_lines: int = 0
    sure_wrong: int = 0
    field_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(HEADER_FIELDS, 0))
    field_total: int = 0

    def add(self, doc: DocumentScore) -> None:
        self.documents += 1
        self.failed += bool(doc.error)
        self.entirely_right += doc.entirely_right
        for order in doc.orders:
            self.truth_lines += order.truth_lines
            self.predicted_lines += order.predicted_lines
            self.right_lines += order.right_lines
            self.right_units += order.right_units
            self.sure_lines += order.sure_lines
            self.sure_wrong += order.sure_wrong
            if order.fields:
                self.field_total += 1
                for name, ok in order.fields.items():
                    self.field_right[name] += ok

    @property
    def precision(self) -> float:
        value = _ratio(self.right_lines, self.predicted_lines, 1.0 if not self.truth_lines else 0.0)
        return float(value or 0.0)

    @property
    def recall(self) -> float:
        value = _ratio(self.right_lines, self.truth_lines, 1.0 if not self.predicted_lines else 0.0)
        return float(value or 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def unit_accuracy(self) -> float | None:
        """Right units among right lines; None when no line was right."""
        return _ratio(self.right_units, self.right_lines, None)

    def field_accuracy(self, name: str) -> float | None:
        return _ratio(self.field_right[name], self.field_total, None)

    @property
    def sure_share(self) -> float | None:
        """Share of the predicted lines nothing flags for the clerk."""
        return _ratio(self.sure_lines, self.predicted_lines, None)

    @property
    def documents_right(self) -> float:
        return float(_ratio(self.entirely_right, self.documents, 0.0) or 0.0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "failed": self.failed,
            "line_precision": round(self.precision, 4),
            "line_recall": round(self.recall, 4),
            "line_f1": round(self.f1, 4),
            "unit_accuracy": _round(self.unit_accuracy),
            "fields": {name: _round(self.field_accuracy(name)) for name in HEADER_FIELDS},
            "documents_entirely_right": round(self.documents_right, 4),
            "lines": {
                "truth": self.truth_lines,
                "predicted": self.predicted_lines,
                "right": self.right_lines,
                "sure": self.sure_lines,
                "sure_wrong": self.sure_wrong,
            },
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def summarise(docs: Iterable[DocumentScore]) -> tuple[dict[str, Totals], Totals]:
    """Totals per document kind (sorted by kind) and overall."""
    per_kind: dict[str, Totals] = {}
    overall = Totals()
    for doc in docs:
        per_kind.setdefault(doc.kind, Totals()).add(doc)
        overall.add(doc)
    return dict(sorted(per_kind.items())), overall
