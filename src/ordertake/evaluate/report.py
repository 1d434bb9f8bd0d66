"""Present evaluation results: a rich table for people, a JSON object for scripts."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from ordertake.evaluate.score import DocumentScore, Totals, summarise
from ordertake.evaluate.truth import HEADER_FIELDS

FIELD_TITLES = {
    "customer_code": "cust.",
    "order_number": "no.",
    "order_date": "date",
    "delivery_date": "deliv.",
}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}"


def _document_dict(doc: DocumentScore) -> dict[str, Any]:
    return {
        "document": doc.name,
        "kind": doc.kind,
        "error": doc.error or None,
        "seconds": round(doc.seconds, 2),
        "orders": {"truth": doc.truth_orders, "predicted": doc.predicted_orders},
        "lines": {
            "truth": sum(o.truth_lines for o in doc.orders),
            "predicted": sum(o.predicted_lines for o in doc.orders),
            "right": sum(o.right_lines for o in doc.orders),
            "right_units": sum(o.right_units for o in doc.orders),
            "sure": sum(o.sure_lines for o in doc.orders),
            "sure_wrong": sum(o.sure_wrong for o in doc.orders),
        },
        "fields": [
            {
                name: {"right": ok, "truth": o.values[name][0], "predicted": o.values[name][1]}
                for name, ok in o.fields.items()
            }
            for o in doc.orders
            if o.fields
        ],
        "missing": [list(k) for o in doc.orders for k in o.missing],
        "extra": [list(k) for o in doc.orders for k in o.extra],
        "entirely_right": doc.entirely_right,
    }


def as_json(docs: list[DocumentScore], context: dict[str, Any]) -> dict[str, Any]:
    per_kind, overall = summarise(docs)
    return {
        **context,
        "kinds": {kind: totals.as_dict() for kind, totals in per_kind.items()},
        "overall": overall.as_dict(),
        "documents": [_document_dict(doc) for doc in docs],
    }


def _row(label: str, t: Totals, bold: bool = False) -> list[str]:
    cells = [
        label,
        str(t.documents),
        str(t.failed),
        _pct(t.precision),
        _pct(t.recall),
        _pct(t.f1),
        _pct(t.unit_accuracy),
        *(_pct(t.field_accuracy(n)) for n in HEADER_FIELDS),
        _pct(t.documents_right),
        _pct(t.sure_share),
        str(t.sure_wrong),
    ]
    return [f"[bold]{c}[/bold]" for c in cells] if bold else cells


def print_table(docs: list[DocumentScore], context: dict[str, Any], console: Console) -> None:
    per_kind, overall = summarise(docs)
    table = Table(
        title="ordertake eval (percent; header fields: customer, order no., order date, delivery;"
        " sure: lines not flagged for the clerk; sure ✗: how many of those are wrong)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    titles = (
        "kind",
        "docs",
        "fail",
        "P",
        "R",
        "F1",
        "unit",
        *(FIELD_TITLES[n] for n in HEADER_FIELDS),
        "all ok",
        "sure",
        "sure ✗",
    )
    for title in titles:
        table.add_column(title, justify="left" if title == "kind" else "right", no_wrap=True)
    for kind, totals in per_kind.items():
        table.add_row(*_row(kind, totals))
    table.add_section()
    table.add_row(*_row("overall", overall, bold=True))
    console.print(table)
    master = context.get("master", {})
    console.print(
        f"[dim]master data: products {master.get('products')}, customers "
        f"{master.get('customers')}; matcher: {context.get('matcher')}[/dim]",
        soft_wrap=True,
    )
    failures: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        if doc.error:
            failures[doc.error].append(doc.name)
    for error, names in failures.items():
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        console.print(
            f"[red]failed[/red] {len(names)} document(s) ({shown}): {error}",
            soft_wrap=True,
            markup=True,
            highlight=False,
        )
