"""The page files handed to tesseract: a format it reads fast, with the very pixels."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from ordertake.ocr import page as ocr_page_module
from ordertake.ocr import tesseract

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.fixtures.ocr.pages import render_page  # noqa: E402

SHORT = ["発注書 株式会社テスト商事 御中", "KT-0451 特選丸大豆醤油1.8L 6 本 5,880"]


def test_page_file_is_an_uncompressed_tiff_with_the_same_pixels(tmp_path: Path) -> None:
    image = render_page(SHORT, height_in=1.6)
    path = ocr_page_module._save(image, str(tmp_path))
    with Image.open(path) as saved:
        assert saved.format == "TIFF" and saved.info.get("compression") == "raw"
        assert saved.mode == "L" and saved.size == image.size
        assert ImageChops.difference(saved, image).getbbox() is None


@pytest.mark.ocr
def test_tesseract_reads_the_same_words_from_the_page_file_as_from_png(tmp_path: Path) -> None:
    image = render_page(SHORT, height_in=1.6)
    png = tmp_path / "page.png"
    image.save(png)
    saved = ocr_page_module._save(image, str(tmp_path))
    rows = tesseract.ocr_rows(saved, "jpn", 3, 60.0, "test")
    assert rows == tesseract.ocr_rows(str(png), "jpn", 3, 60.0, "test")
    assert any("5,880" in r.text for r in rows)
