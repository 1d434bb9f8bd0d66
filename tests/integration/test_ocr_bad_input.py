"""Every kind of bad input ends in a DocumentError with a reason, quickly and in bounded memory."""

from __future__ import annotations

import io
import sys
import time
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from ordertake.config import Settings
from ordertake.errors import DocumentError
from ordertake.ocr.load import read_document

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = ROOT.parent / "shared" / "realworld"
sys.path.insert(0, str(ROOT))  # the page maker lives in tests/fixtures/ocr (shared with bench/)


def _reason(data: bytes, name: str = "x", settings: Settings | None = None) -> str:
    start = time.perf_counter()
    with pytest.raises(DocumentError) as caught:
        read_document(data, name, settings or Settings())
    assert time.perf_counter() - start < 10, "bad input must fail fast"
    assert caught.value.message and "Traceback" not in str(caught.value)
    return caught.value.reason


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("pdf/encrypted/pdfplumber__password-example.pdf", "encrypted"),
        ("pdf/encrypted/pypdf__r4-aes-user-password.pdf", "encrypted"),
        ("pdf/encrypted/pdfminer__aes-256-r6.pdf", "encrypted"),
        ("pdf/corrupt/ocrmypdf__invalid.pdf", "corrupt"),
        ("pdf/corrupt/qpdf__issue-146.pdf", "corrupt"),
        ("pdf/corrupt/pdfjs__Pages-tree-refs.pdf", "corrupt"),
        ("pdf/corrupt/pdfplumber__empty.pdf", "empty"),
        ("pdf/pagesize/ocrmypdf__hugemono.pdf", "image_too_large"),
        ("images/bombs/pillow__decompression_bomb.gif", "image_too_large"),
        ("images/bombs/pillow__decompression_bomb_extents.gif", "image_too_large"),
        ("images/bombs/pillow__png_decompression_dos.png", "corrupt"),
        ("images/truncated/pillow__truncated_image.png", "corrupt"),
        ("images/truncated/pillow__truncated_jpeg.jpg", "corrupt"),
        ("images/truncated/pillow__pngtest_bad.png.bin", "unsupported_type"),
        ("images/tiff-malformed/pillow__seek_too_large.tif", "corrupt"),
        ("images/tiff-malformed/pillow__oom-225817ca.tif", "corrupt"),
        ("images/tiff-malformed/pillow__tiff_overflow_rows_per_strip.tif", "corrupt"),
    ],
)
def test_realworld_bad_files(path: str, reason: str) -> None:
    assert _reason((REALWORLD / path).read_bytes(), path) == reason


def test_empty_file() -> None:
    assert _reason(b"", "order.pdf") == "empty"


def test_file_whose_extension_lies() -> None:
    assert _reason(b"\x00\x01\x02\x03\xfe\xff" * 100, "order.pdf") == "unsupported_type"
    zipped = b"PK\x05\x06" + b"\x00" * 18
    assert _reason(zipped, "order.tif") == "unsupported_type"


def test_file_over_the_size_limit() -> None:
    assert _reason(b"%PDF-1.4" + b"0" * 2000, "big.pdf", Settings(max_file_bytes=1000)) == \
        "too_large"


def test_thousand_page_pdf_is_refused_before_reading() -> None:
    document = pdfium.PdfDocument.new()
    for _ in range(1000):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    assert _reason(out.getvalue(), "long.pdf") == "too_many_pages"


def test_twenty_thousand_pixel_square_image_is_refused_from_its_header() -> None:
    # A PNG header announcing 20,000 × 20,000 grayscale pixels (400 MB decoded), then a
    # few real rows: the limit is enforced from the header, before any pixel is decoded.
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (len(body).to_bytes(4, "big") + kind + body
                + zlib.crc32(kind + body).to_bytes(4, "big"))

    header = (20_000).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    rows = zlib.compress(b"\x00" + b"\xff" * 20_000) * 1
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows)
            + chunk(b"IEND", b""))
    assert _reason(data, "huge.png") == "image_too_large"


def test_tiff_with_too_many_pages() -> None:
    page = Image.new("1", (64, 64), 1)
    out = io.BytesIO()
    page.save(out, format="TIFF", compression="group4", save_all=True,
              append_images=[page] * 5)
    assert _reason(out.getvalue(), "fax.tif", Settings(max_pages=3)) == "too_many_pages"
