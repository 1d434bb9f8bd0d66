"""The reading pipeline on real files: text-layer PDF, e-mail body, forwarded fax (real OCR)."""

from __future__ import annotations

import datetime as dt
import json
from email.message import EmailMessage
from pathlib import Path

import pytest

from ordertake.config import Settings
from ordertake.domain import PageSource, SourceMeta
from ordertake.errors import DocumentError
from ordertake.matching import Matcher, load_catalog_csv
from ordertake.pipeline import parse_file, read_and_parse

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
REALWORLD = ROOT.parent / "shared" / "realworld"
DOCS = SAMPLES / "documents"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_catalog_csv(SAMPLES / "master" / "products.csv",
                                    SAMPLES / "master" / "customers.csv"))


def truth(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".truth.json").read_text(encoding="utf-8"))


def line_keys(orders: list[dict]) -> list[tuple]:
    # repr: a line read without a code or quantity (None) still sorts
    return sorted(((x["product_code"], x["quantity"], x["unit"]) for o in orders
                   for x in o["lines"]), key=repr)


def test_text_layer_pdf_reads_every_line_and_header_field(settings: Settings,
                                                          matcher: Matcher) -> None:
    path = DOCS / "pdf-text" / "pdf-text-001.pdf"
    (order,) = parse_file(path, matcher, settings)
    expected = truth(path)
    assert line_keys([order]) == line_keys([expected])
    for field in ("customer_code", "order_number", "order_date", "delivery_date"):
        assert order[field] == expected[field], field
    # Evidence: every header field and line points at a box on page 1.
    assert order["evidence"]["order_number"]["box"]["page"] == 1
    assert all(x["evidence"]["box"]["page"] == 1 for x in order["lines"])


def test_email_body_order(settings: Settings, matcher: Matcher) -> None:
    path = DOCS / "email-body" / "email-body-002.eml"
    (order,) = parse_file(path, matcher, settings)
    expected = truth(path)
    assert order["customer_code"] == expected["customer_code"]
    assert order["order_date"] == expected["order_date"]
    got = [(x["quantity"], x["unit"]) for x in order["lines"]]
    assert got == [(x["quantity"], x["unit"]) for x in expected["lines"]]


def test_mail_without_order_date_takes_its_date_header(settings: Settings) -> None:
    msg = EmailMessage()
    msg["From"] = "buyer@example.jp"
    msg["To"] = "orders@example.jp"
    msg["Subject"] = "注文"
    msg["Date"] = "Fri, 20 Nov 2026 09:00:00 +0900"
    msg.set_content("いつもお世話になっております。\n\n醤油 特選丸大豆1.8L 6本\n"
                    "・緑茶525ml ×2ケース\n納品日：明日\n\nよろしくお願いします。\n")
    result = read_and_parse(msg.as_bytes(), SourceMeta(filename="m.eml"), settings)
    (draft,) = result.drafts
    assert draft.order_date == dt.date(2026, 11, 20)
    assert draft.delivery_date == dt.date(2026, 11, 21)
    assert [(x.quantity, x.unit) for x in draft.lines] == [(6, "本"), (2, "ケース")]
    assert result.metas[0].sender == "buyer@example.jp"
    assert all(p.source == PageSource.TEXT for p in result.pages)


@pytest.mark.ocr
def test_forwarded_fax_is_read_with_ocr(settings: Settings, matcher: Matcher) -> None:
    path = DOCS / "email-forward" / "email-forward-005.eml"
    orders = parse_file(path, matcher, settings)
    expected = truth(path)
    assert len(orders) == 1
    (order,) = orders
    assert order["customer_code"] == expected["customer_code"]
    # OCR of a faxed page is imperfect; most lines must still come through with quantities.
    want = {(x["quantity"], x["unit"]) for x in expected["lines"]}
    got = {(x["quantity"], x["unit"]) for x in order["lines"]}
    assert len(want & got) >= len(want) - 2
    assert order["sender_fax"] or order["customer_reason"]


def test_unreadable_input_is_a_document_error(settings: Settings, matcher: Matcher,
                                              tmp_path: Path) -> None:
    empty = REALWORLD / "pdf" / "corrupt" / "pdfplumber__empty.pdf"
    with pytest.raises(DocumentError):
        parse_file(empty, matcher, settings)
    mail = tmp_path / "empty.eml"
    mail.write_bytes(b"From: a@example.jp\r\nTo: b@example.jp\r\nSubject: x\r\n"
                     b"Content-Type: text/plain\r\n\r\n")
    with pytest.raises(DocumentError, match="no body text"):
        parse_file(mail, matcher, settings)


def test_a_bounce_is_no_order_and_a_mail_of_skipped_parts_says_what_they_were(
        settings: Settings, matcher: Matcher, tmp_path: Path) -> None:
    bounce = REALWORLD / "eml" / "japanese" / "sisimai__lhost-sendmail-18.eml"
    with pytest.raises(DocumentError, match="bounce") as caught:
        parse_file(bounce, matcher, settings)
    assert caught.value.reason == "auto_reply"
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "a@example.jp", "b@example.jp", "注文"
    mail.add_attachment(b"\x1f\x8b\x08" + b"\x00" * 64, maintype="application",
                        subtype="gzip", filename="order.gz")
    path = tmp_path / "gzip.eml"
    path.write_bytes(mail.as_bytes())
    with pytest.raises(DocumentError, match=r"no body text \(parts not taken: order.gz: "):
        parse_file(path, matcher, settings)


def test_a_fax_pasted_into_an_excel_sheet_is_read_from_its_picture(
        settings: Settings, matcher: Matcher, tmp_path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image as SheetImage
    from PIL import Image

    fax = DOCS / "fax-fine" / "fax-fine-002.tif"
    picture = tmp_path / "fax.png"
    with Image.open(fax) as page:  # what Excel keeps of a pasted page: a PNG, no fax tags
        page.convert("L").resize((1728, 2286)).save(picture)
    book = Workbook()
    book.active.add_image(SheetImage(str(picture)), "A1")
    path = tmp_path / "注文書.xlsx"
    book.save(path)

    orders = parse_file(path, matcher, settings)
    expected = truth(fax)
    assert orders[0]["customer_code"] == expected["customer_code"]
    right = set(line_keys(orders)) & set(line_keys([expected]))
    assert len(right) >= len(expected["lines"]) - 1, (line_keys(orders), expected["lines"])


def test_a_mailed_flat_export_of_two_orders_gives_two_drafts(settings: Settings,
                                                             matcher: Matcher) -> None:
    path = DOCS / "email-sheet" / "email-sheet-004.eml"  # an ordering system's CSV, CP932
    expected = truth(path)["orders"]
    assert len(expected) == 2
    orders = parse_file(path, matcher, settings)
    assert [o["order_number"] for o in orders] == [e["order_number"] for e in expected]
    for got, want in zip(orders, expected, strict=True):
        assert (got["customer_code"], got["order_date"], got["delivery_date"]) == (
            want["customer_code"], want["order_date"], want["delivery_date"])
        assert line_keys([got]) == line_keys([want])


def _truths(paths: list[Path]) -> list[tuple]:
    return [(truth(p)["order_number"], truth(p)["customer_code"], line_keys([truth(p)]))
            for p in paths]


def _read(orders: list[dict]) -> list[tuple]:
    return [(o["order_number"], o["customer_code"], line_keys([o])) for o in orders]


def test_a_pdf_of_two_order_forms_gives_two_orders(settings: Settings, matcher: Matcher,
                                                   tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    parts = [DOCS / "pdf-text" / "pdf-text-001.pdf", DOCS / "pdf-text" / "pdf-text-002.pdf"]
    joined = pdfium.PdfDocument.new()
    for part in parts:
        joined.import_pages(pdfium.PdfDocument(part))
    path = tmp_path / "two-orders.pdf"
    joined.save(path)
    assert _read(parse_file(path, matcher, settings)) == _truths(parts)


@pytest.mark.ocr
def test_a_fax_of_two_order_forms_gives_two_orders(settings: Settings, matcher: Matcher,
                                                   tmp_path: Path) -> None:
    # The second form has no order number: its ship-to and delivery date tell it apart.
    from PIL import Image, ImageSequence

    parts = [DOCS / "fax-fine" / "fax-fine-002.tif", DOCS / "fax-fine" / "fax-fine-003.tif"]
    frames = []
    for part in parts:
        with Image.open(part) as tif:
            frames += [frame.convert("1") for frame in ImageSequence.Iterator(tif)]
    path = tmp_path / "two-orders.tif"
    frames[0].save(path, format="TIFF", compression="group4", dpi=(204, 196), save_all=True,
                   append_images=frames[1:])
    assert _read(parse_file(path, matcher, settings)) == _truths(parts)


@pytest.mark.ocr
def test_a_fax_fed_in_at_a_slant_is_read_straight(settings: Settings, matcher: Matcher,
                                                  tmp_path: Path) -> None:
    # Turned 3° as a sheet pushed into the feeder askew (in square pixels, then sent at
    # 204×196): read as it came, its rows fall apart into misread and lost lines.
    from PIL import Image

    source = DOCS / "fax-fine" / "fax-fine-002.tif"
    with Image.open(source) as tif:
        page = tif.convert("L")
    square = page.resize((page.width, page.height * 204 // 196))
    turned = square.rotate(3.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    fax = turned.resize(page.size).point(lambda v: 0 if v < 128 else 255).convert("1")
    path = tmp_path / "slanted.tif"
    fax.save(path, format="TIFF", compression="group4", dpi=(204, 196))
    assert _read(parse_file(path, matcher, settings)) == _truths([source])


@pytest.mark.ocr
def test_a_fax_streaked_by_dirt_on_the_scanner_glass_is_read_through_the_streaks(
        settings: Settings, matcher: Matcher, tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    source = DOCS / "fax-standard" / "fax-standard-003.tif"
    with Image.open(source) as tif:
        page, dpi = tif.convert("L"), tif.info["dpi"]
    draw = ImageDraw.Draw(page)
    for share in STREAKS_AT:
        x = round(share * page.width)
        draw.line((x, 0, x, page.height), fill=0, width=2)  # top edge to bottom edge
    path = tmp_path / "streaked.tif"
    page.convert("1").save(path, format="TIFF", compression="group4", dpi=dpi)
    assert _read(parse_file(path, matcher, settings)) == _truths([source])


STREAKS_AT = (0.4, 0.71)
"""Where the streaks run, as shares of the page width (through names and quantities)."""
