"""Ground truth: find `<name>.truth.json` files and the documents beside them, read them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ordertake.errors import InputError

TRUTH_SUFFIX = ".truth.json"
HEADER_FIELDS = ("customer_code", "order_number", "order_date", "delivery_date")


@dataclass(frozen=True)
class TruthLine:
    product_code: str
    quantity: float
    unit: str | None


@dataclass(frozen=True)
class TruthOrder:
    customer_code: str | None
    order_number: str | None
    order_date: str | None
    delivery_date: str | None
    lines: tuple[TruthLine, ...]

    def header(self, name: str) -> str | None:
        value: str | None = getattr(self, name)
        return value


@dataclass(frozen=True)
class Sample:
    """One document with its ground truth; `problem` is set when the pair is unusable."""

    document: Path | None
    truth_path: Path
    kind: str
    orders: tuple[TruthOrder, ...]
    problem: str = ""


def _order(raw: dict[str, Any]) -> TruthOrder:
    lines = tuple(
        TruthLine(str(line["product_code"]), float(line["quantity"]), line.get("unit"))
        for line in raw.get("lines", [])
    )
    return TruthOrder(
        customer_code=raw.get("customer_code"),
        order_number=raw.get("order_number"),
        order_date=raw.get("order_date"),
        delivery_date=raw.get("delivery_date"),
        lines=lines,
    )


def parse_truth(raw: dict[str, Any]) -> tuple[TruthOrder, ...]:
    """The orders of one truth object: the top level, or the list under `orders`."""
    if "orders" in raw:
        return tuple(_order(order) for order in raw["orders"])
    return (_order(raw),)


def _document_for(truth_path: Path) -> tuple[Path | None, str]:
    stem = truth_path.name[: -len(TRUTH_SUFFIX)]
    candidates = [
        p
        for p in truth_path.parent.iterdir()
        if p.is_file()
        and p != truth_path
        and not p.name.endswith(TRUTH_SUFFIX)
        and (p.stem == stem or p.name == stem)
    ]
    if not candidates:
        return None, f"no document named {stem}.* beside {truth_path.name}"
    if len(candidates) > 1:
        names = ", ".join(sorted(p.name for p in candidates))
        return None, f"several documents match {truth_path.name}: {names}"
    return candidates[0], ""


def find_samples(root: Path) -> list[Sample]:
    """Every truth file under `root` (recursively) with its document, sorted by path."""
    if not root.is_dir():
        raise InputError(f"{root}: not a directory", hint="give the folder that holds the samples")
    samples = []
    for truth_path in sorted(root.rglob(f"*{TRUTH_SUFFIX}")):
        document, problem = _document_for(truth_path)
        try:
            raw = json.loads(truth_path.read_text(encoding="utf-8"))
            orders = parse_truth(raw)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            problem = problem or f"unreadable truth file: {exc}"
            raw, orders = {}, ()
        kind = str(raw.get("kind") or truth_path.parent.name)
        samples.append(Sample(document, truth_path, kind, orders, problem))
    if not samples:
        raise InputError(
            f"{root}: no ground-truth files (*{TRUTH_SUFFIX}) found",
            hint="point eval at a folder such as samples/ (see samples/README.md)",
        )
    return samples
