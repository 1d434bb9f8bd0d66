"""A phone photo of an order sheet, mailed as a JPEG, reads to its ground truth (OCR)."""

from __future__ import annotations

import json
from pathlib import Path

from ordertake.config import Settings
from ordertake.matching import Matcher, load_catalog_csv
from ordertake.pipeline import parse_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_a_photographed_sheet_stored_sideways_reads_to_its_truth(settings: Settings) -> None:
    # Sample 002 is stored sideways with an EXIF Orientation tag, in perspective, shadowed.
    path = SAMPLES / "documents" / "email-photo" / "email-photo-002.eml"
    truth = json.loads(path.with_name(path.stem + ".truth.json").read_text(encoding="utf-8"))
    assert truth["generator"]["photos"][0]["exif_orientation"] in (6, 8)
    matcher = Matcher(load_catalog_csv(SAMPLES / "master" / "products.csv",
                                       SAMPLES / "master" / "customers.csv"))
    (order,) = parse_file(path, matcher, settings)
    assert order["customer_code"] == truth["customer_code"]
    want = {(x["product_code"], x["quantity"], x["unit"]) for x in truth["lines"]}
    got = {(x["product_code"], x["quantity"], x["unit"]) for x in order["lines"]}
    assert len(want & got) >= len(want) - 1, (sorted(want - got), sorted(got - want))
