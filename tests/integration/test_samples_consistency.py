"""The committed samples are what samples/README.md promises, and match their ground truth."""

from __future__ import annotations

import email
import hashlib
import io
import json
import subprocess
import sys
from collections import Counter
from email import policy
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from ordertake.evaluate.truth import find_samples
from ordertake.masterdata import read_customers_csv, read_products_csv

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
DOCUMENTS = SAMPLES / "documents"
KINDS = {"fax-fine", "fax-standard", "pdf-text", "email-body", "email-forward", "email-sheet",
         "email-photo"}
FAX_DPI = {"fax-fine": (204, 196), "fax-standard": (204, 98)}


@pytest.fixture(scope="module")
def samples():  # type: ignore[no-untyped-def]
    return find_samples(DOCUMENTS)


@pytest.fixture(scope="module")
def products():  # type: ignore[no-untyped-def]
    result = read_products_csv(SAMPLES / "master" / "products.csv")
    assert result.errors == []
    return {p.code: p for p in result.rows}


@pytest.fixture(scope="module")
def customers():  # type: ignore[no-untyped-def]
    result = read_customers_csv(SAMPLES / "master" / "customers.csv")
    assert result.errors == []
    return {c.code: c for c in result.rows}


def test_master_data_size_and_shape(products, customers) -> None:  # type: ignore[no-untyped-def]
    assert len(products) >= 1000
    assert len(customers) >= 30
    assert sum(len(c.faxes) > 1 for c in customers.values()) >= 3
    assert sum(len(c.emails) > 1 for c in customers.values()) >= 3
    assert len({p.unit for p in products.values()}) >= 8
    # Near-duplicates differing only in size: the same maker+item in several sizes.
    stems = Counter(p.name.rsplit(" ", 1)[0] for p in products.values())
    assert sum(count > 1 for count in stems.values()) >= 200


def test_other_source_master_is_cp932_and_imports_cleanly() -> None:
    result = read_products_csv(SAMPLES / "master" / "products_other_source.csv")
    assert result.encoding == "cp932"
    assert result.errors == []
    assert len(result.rows) >= 3000


def test_every_document_has_truth_and_every_truth_a_document(samples) -> None:  # type: ignore[no-untyped-def]
    assert [s.problem for s in samples if s.problem] == []
    documents = {
        p for p in DOCUMENTS.rglob("*") if p.is_file() and not p.name.endswith(".truth.json")
    }
    assert documents == {s.document for s in samples}
    kinds = Counter(s.kind for s in samples)
    assert set(kinds) == KINDS
    assert sum(kinds.values()) >= 40
    assert all(s.document is not None and s.document.parent.name == s.kind for s in samples)


def test_truth_refers_to_master_data(samples, products, customers) -> None:  # type: ignore[no-untyped-def]
    for sample in samples:
        assert sample.orders, sample.truth_path
        for order in sample.orders:
            assert order.customer_code in customers, sample.truth_path
            assert order.order_date and order.delivery_date >= order.order_date
            assert order.lines, sample.truth_path
            for line in order.lines:
                assert line.product_code in products, (sample.truth_path, line)
                assert line.quantity > 0
                unit = products[line.product_code].unit
                assert line.unit in {unit, "ケース"}, (sample.truth_path, line)


def test_fax_tiffs_are_group3_or_group4_with_fax_resolution(samples) -> None:  # type: ignore[no-untyped-def]
    compressions = set()
    for sample in samples:
        if sample.kind in FAX_DPI and sample.document.suffix == ".tif":
            with Image.open(sample.document) as image:
                compressions.add((image.info["compression"], image.n_frames > 1))
                assert image.info["compression"] in {"group3", "group4"}
                assert tuple(round(v) for v in image.info["dpi"]) == FAX_DPI[sample.kind]
                assert image.mode == "1" and image.width == 1728
                pages = json.loads(sample.truth_path.read_text())["generator"]["pages"]
                assert image.n_frames == pages
    # Both compressions, each as single-page and as multi-page files.
    assert compressions == {(c, multi) for c in ("group3", "group4") for multi in (False, True)}


def test_text_pdfs_have_a_text_layer_and_fax_pdfs_do_not(samples) -> None:  # type: ignore[no-untyped-def]
    seen = Counter()
    for sample in samples:
        if sample.document.suffix != ".pdf":
            continue
        with pdfplumber.open(sample.document) as pdf:
            text = "".join(page.extract_text() or "" for page in pdf.pages)
            images = sum(len(page.images) for page in pdf.pages)
        if sample.kind == "pdf-text":
            assert "株式会社東都フードサービス" in text, sample.document
            order_number = sample.orders[0].order_number
            assert order_number is None or order_number in text
            seen["text"] += 1
        else:
            assert text.strip() == "" and images >= 1, sample.document
            seen["image"] += 1
    assert seen["text"] >= 5 and seen["image"] >= 5


def test_mails_carry_the_promised_parts(samples, customers) -> None:  # type: ignore[no-untyped-def]
    charsets, sheets, orientations = Counter(), Counter(), Counter()
    for sample in samples:
        if not sample.kind.startswith("email"):
            continue
        message = email.message_from_bytes(sample.document.read_bytes(), policy=policy.default)
        if sample.kind == "email-body":
            plain = next(p for p in message.walk() if p.get_content_type() == "text/plain")
            charsets[plain.get_content_charset()] += 1
            sender = message["From"].addresses[0].addr_spec
            assert sender in customers[sample.orders[0].customer_code].emails
        elif sample.kind == "email-sheet":
            sender = message["From"].addresses[0].addr_spec
            assert sender in customers[sample.orders[0].customer_code].emails
            names = [p.get_filename() for p in message.iter_attachments()]
            assert len(names) == 1 and names[0].endswith((".xlsx", ".xls", ".csv")), names
            sheets[names[0].rsplit(".", 1)[1]] += 1
        elif sample.kind == "email-photo":
            sender = message["From"].addresses[0].addr_spec
            assert sender in customers[sample.orders[0].customer_code].emails
            photos = list(message.iter_attachments())
            assert photos and all(p.get_content_type() == "image/jpeg" for p in photos)
            for part in photos:
                with Image.open(io.BytesIO(part.get_content())) as image:
                    assert image.mode == "RGB" and max(image.size) >= 3000
                    orientations[image.getexif().get(0x0112, 1)] += 1
        else:
            forwarded = [p for p in message.walk() if p.get_content_type() == "message/rfc822"]
            assert len(forwarded) == len(sample.orders)
            for part, order in zip(forwarded, sample.orders, strict=True):
                inner = part.get_content()
                faxes = customers[order.customer_code].faxes
                subject = str(inner["Subject"])
                assert any(f in subject or f.replace("-", "") in subject for f in faxes), subject
                attachments = [p.get_filename() for p in inner.iter_attachments()]
                assert attachments and attachments[0].endswith((".pdf", ".tif"))
    assert charsets["iso-2022-jp"] >= 2 and charsets["utf-8"] >= 2
    assert sheets["xlsx"] >= 4 and sheets["csv"] >= 2 and sheets["xls"] >= 1
    # Some phones store the frame sideways and say so in EXIF; most turn the pixels.
    assert orientations[1] >= 3 and orientations[6] + orientations[8] >= 1


def test_samples_stay_small() -> None:
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert total < 20_000_000


@pytest.mark.slow
def test_generator_reproduces_the_committed_samples(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "samples.generator", "--out", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )

    def digests(root: Path) -> dict[str, str]:
        return {
            str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*")
            if p.is_file() and p.parent.name in KINDS | {"master"}
        }

    assert digests(tmp_path) == digests(SAMPLES)
