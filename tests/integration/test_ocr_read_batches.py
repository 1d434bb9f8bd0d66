"""A document's pages read together: one tesseract run per pass for a batch, each page's words
its own (real tesseract; the runs are only counted)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ordertake.config import Settings
from ordertake.ocr.load import read_document

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.fixtures.ocr.pages import render_page, tiff_bytes  # noqa: E402
from tests.fixtures.ocr.runs import count_tesseract_runs  # noqa: E402

PAGES = [["発注書 第一頁 御中", "KT-0451 特選丸大豆醤油1.8L 6 本 5,880"],
         ["発注書 第二頁 御中", "GT-0525 緑茶525ml 2 ケース 3,240"],
         ["発注書 第三頁 御中", "SO-0033 食塩1kg 10 袋 1,200"]]


@pytest.mark.ocr
def test_three_pages_read_in_one_run_per_pass_keep_their_own_words(
        monkeypatch: pytest.MonkeyPatch) -> None:
    runs = count_tesseract_runs(monkeypatch)
    # A 300 dpi Group 4 TIFF, as scanners write: its pages reach tesseract unresized.
    pages_1bit = [render_page(lines, height_in=1.6).convert("1") for lines in PAGES]
    data = tiff_bytes(pages_1bit, "group4", (300, 300))
    pages = read_document(data, "three.tif", Settings(ocr_jobs=1), render_images=False)

    assert [p.number for p in pages] == [1, 2, 3]
    texts = ["".join(w.text for w in p.words) for p in pages]
    for text, own, others in zip(texts, ("第一", "第二", "第三"),
                                 (("第二", "第三"), ("第一", "第三"), ("第一", "第二")),
                                 strict=True):
        assert own in text and not any(o in text for o in others)
    assert "5,880" in texts[0] and "3,240" in texts[1] and "0033" in texts[2]
    assert runs[0] == ("jpn", 3)  # the main pass: one run for the three pages
    assert ("eng", 3) in runs  # the digit pass too
