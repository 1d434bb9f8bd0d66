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
    [rows] = tesseract.ocr_rows([saved], "jpn", 3, 60.0, "test")
    assert [rows] == tesseract.ocr_rows([str(png)], "jpn", 3, 60.0, "test")
    assert any("5,880" in r.text for r in rows)


@pytest.mark.ocr
def test_one_tesseract_run_over_several_files_reads_each_as_alone(tmp_path: Path) -> None:
    first = ocr_page_module._save(render_page(SHORT, height_in=1.6), str(tmp_path))
    second = ocr_page_module._save(render_page(SHORT[:1], height_in=0.8), str(tmp_path))
    together = tesseract.ocr_rows([first, second], "jpn", 3, 60.0, "test")
    alone = [tesseract.ocr_rows([path], "jpn", 3, 60.0, "test")[0] for path in (first, second)]
    assert together == alone
    assert len(together[0]) > len(together[1]) > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        Path(p).name for p in (first, second))  # the list file is gone
