"""Product matching on a generated 100,000-product master: ordertake vs naive rapidfuzz.

Prints index build time; queries per second and top-1 accuracy of `Matcher.match_text` and of
`rapidfuzz.process.extractOne(query, names, scorer=fuzz.WRatio)` on the same noisy queries;
the confidence calibration curve (share auto-accepted and their precision per threshold) on a
larger query set; typeahead search latency; and, when the samples exist, accuracy on them.
    .venv/bin/python bench/bench_matching.py [--products N] [--queries N] [--naive N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))
from master_gen import make_products, make_queries  # noqa: E402

from ordertake.matching import Catalog, Matcher  # noqa: E402

THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.98)


def curve(rows: list[tuple[float, bool]]) -> None:
    print(f"  {'threshold':>9} {'auto-accepted':>14} {'precision':>10} {'wrong':>6}")
    for th in THRESHOLDS:
        sel = [ok for score, ok in rows if score >= th]
        precision = sum(sel) / len(sel) if sel else float("nan")
        print(
            f"  {th:>9.2f} {len(sel) / len(rows):>13.1%} {precision:>10.2%}"
            f" {len(sel) - sum(sel):>6}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=3000, help="for accuracy and calibration")
    parser.add_argument("--naive", type=int, default=200, help="queries timed against naive")
    args = parser.parse_args()

    products = make_products(args.products)
    queries = make_queries(products, args.queries)
    t0 = time.perf_counter()
    matcher = Matcher(Catalog(products=products))
    build = time.perf_counter() - t0
    print(f"master: {len(products):,} products; index build {build:.2f} s")

    # Same queries, both matchers, one run.
    head = queries[: args.naive]
    names = [p.name for p in products]
    t0 = time.perf_counter()
    naive = [process.extractOne(q.text, names, scorer=fuzz.WRatio) for q in head]
    naive_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = [matcher.match_text(q.text) for q in head]
    ours_s = time.perf_counter() - t0
    naive_ok = sum(
        n is not None and products[n[2]].code == q.product_code
        for n, q in zip(naive, head, strict=True)
    )
    ours_ok = sum(
        bool(c) and c[0].product_code == q.product_code for c, q in zip(ours, head, strict=True)
    )
    print(f"\nsame {len(head)} noisy queries:        ordertake      naive WRatio")
    print(
        f"  queries/second             {len(head) / ours_s:>10.1f} {len(head) / naive_s:>12.1f}"
        f"   ({naive_s / ours_s:.0f}x faster)"
    )
    print(
        f"  top-1 accuracy             {ours_ok / len(head):>10.1%} {naive_ok / len(head):>12.1%}"
    )

    t0 = time.perf_counter()
    rows = []
    for q in queries:
        cands = matcher.match_text(q.text)
        rows.append(
            (
                cands[0].score if cands else 0.0,
                bool(cands) and cands[0].product_code == q.product_code,
            )
        )
    all_s = time.perf_counter() - t0
    print(
        f"\nordertake on {len(queries)} queries: top-1 {sum(ok for _, ok in rows) / len(rows):.1%},"
        f" {len(queries) / all_s:.0f} queries/s"
    )
    print("confidence calibration (top candidate auto-accepted at score >= threshold):")
    curve(rows)

    lat = []
    for q in queries[:300]:
        for prefix in (q.text[:2], q.text[:5], products[hash(q.text) % len(products)].code[:4]):
            t0 = time.perf_counter()
            matcher.search(prefix, 10)
            lat.append((time.perf_counter() - t0) * 1000)
    lat.sort()
    print(
        f"\ntypeahead search: median {statistics.median(lat):.2f} ms,"
        f" p95 {lat[int(len(lat) * 0.95)]:.2f} ms,"
        f" max {lat[-1]:.2f} ms ({len(lat)} searches)"
    )

    for label, text in (
        ("empty", ""),
        ("100,000 chars", "醤油" * 50_000),
        ("symbols", "!!!※※＊＊---"),
    ):
        t0 = time.perf_counter()
        result = matcher.match_text(text)
        print(
            f"bad input {label!r}: {len(result)} candidates"
            f" in {(time.perf_counter() - t0) * 1000:.1f} ms"
        )

    samples = Path(__file__).resolve().parent.parent / "samples"
    if (samples / "master" / "products.csv").exists() and (
        Path(__file__).parent / "bench_samples.py"
    ).exists():
        from bench_samples import report_samples

        report_samples(samples)


if __name__ == "__main__":
    main()
