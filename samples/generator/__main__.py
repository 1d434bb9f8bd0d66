"""`python -m samples.generator [--out samples] [--seed N]`: write master data and documents."""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from pathlib import Path

from samples.generator import canvas
from samples.generator.build import Builder, Plan
from samples.generator.catalog import customer_rows, make_customers, make_products, product_rows
from samples.generator.layouts import LAYOUTS, OTHER_LAYOUTS
from samples.generator.other_source import write_other_source

KINDS = ("fax-fine", "fax-standard", "pdf-text", "email-body", "email-forward", "email-sheet",
         "email-photo")


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--seed", type=int, default=20261120)
    parser.add_argument(
        "--raster-font",
        choices=("ipa", "noto"),
        default="ipa",
        help="typeface of the faxes (PDFs always embed IPA fonts)",
    )
    parser.add_argument(
        "--layouts",
        choices=("samples", "other"),
        default="samples",
        help="the samples' five form layouts, or four others the reader was not tuned on",
    )
    args = parser.parse_args()
    if args.raster_font == "noto":
        canvas.RASTER_FONTS.update(canvas.NOTO_FONTS)
    # The e-mail package draws MIME boundaries from the global generator: seed it too.
    random.seed(args.seed)
    products = make_products(random.Random(args.seed))
    customers = make_customers(random.Random(args.seed + 1))
    master = args.out / "master"
    master.mkdir(parents=True, exist_ok=True)
    _write_csv(master / "products.csv", product_rows(products))
    _write_csv(master / "customers.csv", customer_rows(customers))
    other = write_other_source(master / "products_other_source.csv", random.Random(args.seed + 2))
    documents = args.out / "documents"
    for kind in KINDS:
        shutil.rmtree(documents / kind, ignore_errors=True)
    layouts = OTHER_LAYOUTS if args.layouts == "other" else LAYOUTS
    builder = Builder(documents, products, customers, random.Random(args.seed + 3),
                      list(layouts.values()))
    counts = builder.build(Plan())
    print(f"products {len(products)}, customers {len(customers)}, other-source products {other}")
    for kind, count in counts.items():
        print(f"{kind:14s} {count}")
    print(f"total documents {sum(counts.values())}")


if __name__ == "__main__":
    main()
