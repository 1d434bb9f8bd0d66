"""Matching on the samples: top-1 product accuracy per document kind, customer identification,
and the confidence curve, through the whole reader (`pipeline.parse_file`) with the sample master.

Fax kinds run tesseract and take minutes; they are included with `--fax`.
    .venv/bin/python bench/bench_samples.py [--fax] [--samples DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

QUICK_KINDS = ("pdf-text", "email-body", "email-forward")
FAX_KINDS = ("fax-fine", "fax-standard")


def _truth_orders(truth: dict) -> list[dict]:
    return truth["orders"] if "orders" in truth else [truth]


def _best_pair(truth: dict, predicted: list[dict]) -> dict:
    """The predicted order sharing most products with a truth order (readers may add or split)."""
    wanted = {line["product_code"] for line in truth["lines"]}

    def overlap(p: dict) -> tuple[int, bool]:
        codes = {line.get("product_code") for line in p.get("lines", [])}
        return len(wanted & codes), p.get("customer_code") == truth["customer_code"]

    return max(predicted, key=overlap, default={"lines": [], "customer_code": None})


def report_samples(samples: Path, kinds: tuple[str, ...] = QUICK_KINDS) -> None:
    from ordertake.config import Settings
    from ordertake.matching import Matcher, load_catalog_csv
    from ordertake.pipeline import parse_file

    catalog = load_catalog_csv(
        samples / "master" / "products.csv", samples / "master" / "customers.csv"
    )
    matcher = Matcher(catalog)
    settings = Settings(data_dir=Path("/tmp/ordertake-bench"))
    lines_ok: Counter[str] = Counter()
    lines_all: Counter[str] = Counter()
    cust_ok: Counter[str] = Counter()
    cust_all: Counter[str] = Counter()
    curve: list[tuple[float, bool]] = []
    errors: dict[str, str] = {}
    for kind in kinds:
        for truth_path in sorted((samples / "documents" / kind).glob("*.truth.json")):
            stem = truth_path.name[: -len(".truth.json")]
            docs = [p for p in truth_path.parent.glob(stem + ".*") if not p.name.endswith(".json")]
            truth = _truth_orders(json.loads(truth_path.read_text()))
            try:
                predicted = parse_file(docs[0], matcher, settings)
            except Exception as exc:  # noqa: BLE001 - the reader is someone else's; count it
                errors[stem] = f"{type(exc).__name__}: {exc}"
                predicted = []
            for t in truth:
                p = _best_pair(t, predicted)
                cust_all[kind] += 1
                cust_ok[kind] += p.get("customer_code") == t["customer_code"]
                wanted = Counter(line["product_code"] for line in t["lines"])
                lines_all[kind] += sum(wanted.values())
                for line in p.get("lines", []):
                    right = wanted[line.get("product_code")] > 0
                    if right:
                        wanted[line["product_code"]] -= 1
                        lines_ok[kind] += 1
                    curve.append((line.get("confidence") or 0.0, right))
    print(f"\nsamples ({samples}):  kind, product top-1 (of truth lines), customer")
    for kind in kinds:
        if cust_all[kind]:
            print(
                f"  {kind:<14} {lines_ok[kind]:>4}/{lines_all[kind]:<4}"
                f" {lines_ok[kind] / max(1, lines_all[kind]):>6.1%}"
                f"   {cust_ok[kind]}/{cust_all[kind]}"
            )
    if curve:
        print("  confidence of read lines (auto-accepted at >= threshold):")
        for th in (0.6, 0.7, 0.8, 0.85, 0.9, 0.95):
            sel = [ok for s, ok in curve if s >= th]
            print(
                f"    {th:.2f}: {len(sel) / len(curve):6.1%} accepted, precision "
                f"{(sum(sel) / len(sel)) if sel else float('nan'):.2%}"
            )
    for stem, err in errors.items():
        print(f"  reader failed on {stem}: {err[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--samples", type=Path, default=Path(__file__).resolve().parent.parent / "samples"
    )
    parser.add_argument("--fax", action="store_true", help="also the fax kinds (runs tesseract)")
    args = parser.parse_args()
    report_samples(args.samples, QUICK_KINDS + (FAX_KINDS if args.fax else ()))


if __name__ == "__main__":
    sys.exit(main())
