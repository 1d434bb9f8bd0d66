"""read_document on real files with the real tesseract: text layer, faxes, orientation."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from ordertake.config import Settings
from ordertake.domain import Page, PageSource
from ordertake.ocr.load import read_document

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = ROOT.parent / "shared" / "realworld"
sys.path.insert(0, str(ROOT))  # the page maker lives in tests/fixtures/ocr (shared with bench/)
from tests.fixtures.ocr.pages import (  # noqa: E402
    ORDER_LINES,
    faxify,
    png_bytes,
    render_page,
    tiff_bytes,
)

SHORT = ["発注書 株式会社テスト商事 御中", "KT-0451 特選丸大豆醤油1.8L 6 本 5,880"]


def _text(page: Page) -> str:
    return "".join(w.text for w in page.words)


@pytest.fixture(scope="module")
def clean() -> Image.Image:
    return render_page(SHORT, height_in=1.6)


def _assert_page_sane(page: Page) -> None:
    assert page.words
    for word in page.words:
        box = word.box
        assert 0 <= box.x0 < box.x1 <= 1 and 0 <= box.y0 < box.y1 <= 1
        assert 0 <= word.confidence <= 1


@pytest.mark.ocr
def test_png_page_ocr_finds_text_without_cjk_spaces(clean: Image.Image) -> None:
    pages = read_document(png_bytes(clean, (300, 300)), "order.png", Settings(ocr_jobs=1))
    page = pages[0]
    assert page.source == PageSource.OCR and page.number == 1
    _assert_page_sane(page)
    words = [w.text for w in page.words]
    assert "株式会社テスト商事" in words or "株式会社テスト商事御中" in words
    assert "5,880" in words
    assert any(re.fullmatch(r"KT-\d{4}", w) for w in words)
    picture = Image.open(io.BytesIO(page.image_png or b""))  # review picture at 150 dpi
    assert abs(picture.width - page.width / 2) <= 1 and abs(picture.height - page.height / 2) <= 1
    # The left-most code sits left of the amount on the same line.
    code = next(w for w in page.words if w.text.startswith("KT-"))
    amount = next(w for w in page.words if w.text == "5,880")
    assert code.box.x1 < amount.box.x0 and abs(code.box.y0 - amount.box.y0) < 0.05


@pytest.mark.ocr
def test_a_scanners_300_dpi_group4_tiff_is_read(clean: Image.Image) -> None:
    # Its page needs no resizing and reached the page file still marked Group 4, which
    # Pillow cannot write for a grey image: the document failed with "encoder error -2".
    data = tiff_bytes([clean.convert("1")], "group4", (300, 300))
    [page] = read_document(data, "scan.tif", Settings())
    assert "テスト商事" in _text(page)


@pytest.mark.ocr
@pytest.mark.parametrize(("compression", "ydpi"), [("group4", 98), ("group3", 196)])
def test_fax_tiff_multi_page_with_non_square_pixels(
    clean: Image.Image, compression: str, ydpi: int
) -> None:
    fax = faxify(clean, ydpi=ydpi, skew=0.5, specks=50)
    data = tiff_bytes([fax, fax], compression, (204, ydpi))
    pages = read_document(data, "fax.tif", Settings(ocr_jobs=2))
    assert [p.number for p in pages] == [1, 2]
    for page in pages:
        # Aspect corrected: the 8.27 × 1.6 inch page comes back at 300 dpi both ways.
        assert abs(page.width / page.height - 8.27 / 1.6) < 0.1
        assert "KT-0451" in _text(page) or "5,880" in _text(page)
        assert "テスト商事" in _text(page)


@pytest.mark.ocr
def test_upside_down_page_is_turned(clean: Image.Image) -> None:
    upside_down = clean.rotate(180)
    pages = read_document(png_bytes(upside_down, (300, 300)), "turned.png", Settings())
    assert "テスト商事" in _text(pages[0])


@pytest.mark.ocr
def test_an_upside_down_page_is_turned_without_asking_orientation_detection(
    clean: Image.Image, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Read upside down first: cheaper than tesseract's orientation detection (0.8 CPU s).
    from ordertake.ocr import page as ocr_page

    asked: list[str] = []
    monkeypatch.setattr(ocr_page.tesseract, "detect_orientation",
                        lambda path, *_: asked.append(path))
    pages = read_document(png_bytes(clean.rotate(180), (300, 300)), "turned.png", Settings())
    assert "テスト商事" in _text(pages[0])
    assert asked == []


@pytest.mark.ocr
def test_a_page_reading_badly_is_tried_turned_when_orientation_is_only_fairly_sure(
    clean: Image.Image, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # On a faxed standard-resolution page sent upside down, tesseract's orientation detection
    # said 180° at confidence 1.52 (measured): such a guess is tried, and kept when the
    # turned page (read by the real tesseract) reads better. Here a page lying on its side.
    from ordertake.ocr import page as ocr_page
    from ordertake.ocr.tesseract import Orientation

    monkeypatch.setattr(ocr_page.tesseract, "detect_orientation",
                        lambda *_: Orientation(rotate=90, confidence=1.52))
    pages = read_document(png_bytes(clean.rotate(90, expand=True), (300, 300)), "turned.png",
                          Settings())
    assert "テスト商事" in _text(pages[0])


@pytest.mark.ocr
def test_fax_header_printed_upright_on_an_upside_down_page_is_read_with_it() -> None:
    # The sheet went into the machine the wrong way round; the sending machine still
    # printed its header line the right way up across the top.
    header = render_page(["2026/11/20 09:15 FROM:03-1234-5679 テスト商事 P.001/001"],
                         height_in=0.5, font_pt=9.0)
    body = render_page(ORDER_LINES, height_in=11.0)  # A4: the header band is a share of it
    page = Image.new("L", (body.width, header.height + body.height), 255)
    page.paste(header.crop((0, 60, header.width, header.height)), (0, 0))
    page.paste(body.rotate(180), (0, header.height - 60))

    words = read_document(png_bytes(page, (300, 300)), "fax.png", Settings(),
                          render_images=False)[0].words

    lines = sorted(words, key=lambda w: w.box.y0)
    assert "FROM:03-1234-5679" in [w.text for w in lines[:6]]  # still the top line
    assert "テスト商事" in "".join(w.text for w in words)
    assert any(w.text == "5,880" for w in words)


@pytest.mark.ocr
def test_header_row_printed_white_on_black_is_read() -> None:
    # Forms print the table's header reversed; a fax sends it as a solid black band.
    page = render_page(ORDER_LINES, height_in=3.2)
    dpi, pitch = 300, round(11 * 1.9 * 300 / 72)
    top = round(0.4 * dpi) + 3 * pitch - 15  # the header row (ORDER_LINES[3]) and a margin
    band = (round(0.4 * dpi), top, page.width - 100, top + pitch)
    page.paste(ImageOps.invert(page.crop(band)), band[:2])
    fax = faxify(page, 204, 196, skew=0.4, seed=5)
    words = [w.text for w in read_document(tiff_bytes([fax], "group4", (204, 196)), "fax.tif",
                                           Settings(ocr_jobs=1))[0].words]
    assert {"商品コード", "商品名", "数量", "単位", "単価", "金額"} <= set(words)


def test_text_layer_pdf_is_read_without_ocr() -> None:
    data = (REALWORLD / "pdf/cjk/pdfjs__90ms_rksj_h_sample.pdf").read_bytes()
    pages = read_document(data, "sample.pdf", Settings())
    assert pages[0].source == PageSource.TEXT_LAYER
    assert "日本語テスト" in [w.text for w in pages[0].words]
    assert pages[0].image_png and pages[0].image_png.startswith(b"\x89PNG")
    assert all(w.confidence == 1.0 for w in pages[0].words)


@pytest.mark.ocr
def test_sideways_page_is_turned() -> None:
    # Lying on its side the page reads as vertical Japanese with fair confidence: the
    # words' shapes (taller than wide) must still send it to orientation detection.
    sideways = render_page(SHORT * 3, height_in=3.0).rotate(270, expand=True)
    page = read_document(png_bytes(sideways, (300, 300)), "sideways.png", Settings(),
                         render_images=False)[0]
    assert page.width > page.height
    assert "テスト商事" in _text(page)


@pytest.mark.ocr
def test_render_images_false_reads_the_same_words_without_review_pictures(
    clean: Image.Image,
) -> None:
    pdf = (REALWORLD / "pdf/cjk/pdfjs__90ms_rksj_h_sample.pdf").read_bytes()
    with_pictures = read_document(pdf, "sample.pdf", Settings())
    without = read_document(pdf, "sample.pdf", Settings(), render_images=False)
    assert [p.words for p in without] == [p.words for p in with_pictures]
    assert all(p.image_png is None for p in without)
    scan = read_document(png_bytes(clean, (300, 300)), "order.png", Settings(ocr_jobs=1),
                         render_images=False)
    assert scan[0].source == PageSource.OCR and scan[0].image_png is None
    assert "5,880" in [w.text for w in scan[0].words]


@pytest.mark.ocr
def test_scanned_pdf_page_is_ocrd() -> None:
    data = (REALWORLD / "pdf/scans/ocrmypdf__kcs.pdf").read_bytes()
    pages = read_document(data, "scan.pdf", Settings())
    assert pages[0].source == PageSource.OCR
    assert len(pages[0].words) > 5


def test_plain_text_file_becomes_text_pages() -> None:
    pages = read_document("緑茶525ml ×2ケース\n".encode("cp932"), "order.txt", Settings())
    assert pages[0].source == PageSource.TEXT
    assert [w.text for w in pages[0].words] == ["緑茶525ml", "×2ケース"]


def test_extension_that_lies_is_ignored(clean: Image.Image) -> None:
    data = (REALWORLD / "pdf/cjk/pdfjs__90ms_rksj_h_sample.pdf").read_bytes()
    pages = read_document(data, "scan.tif", Settings())
    assert pages[0].source == PageSource.TEXT_LAYER
