"""Which tesseract passes ocr_page runs (tesseract replaced by a recorder; the page file is
written to a temporary directory)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from ordertake.ocr import tesseract
from ordertake.ocr.page import OcrOptions, ocr_page
from ordertake.ocr.pageimage import PageImage
from ordertake.ocr.words import RawWord


def _read_with(monkeypatch: pytest.MonkeyPatch, main: list[RawWord], tmp_path: Path
               ) -> list[str]:
    passes: list[str] = []

    def rows(paths: list[str], languages: str, psm: int, timeout: float, what: str
             ) -> list[list[RawWord]]:
        passes.append(languages)
        return [main if languages == "jpn" else [] for _ in paths]

    monkeypatch.setattr(tesseract, "ocr_rows", rows)
    image = PageImage(1, Image.new("L", (600, 800), 255), 300, 300)
    ocr_page(image, OcrOptions(orientation=False, reread_unread=False, display=False),
             str(tmp_path))
    return passes


def _word(text: str) -> RawWord:
    return RawWord(text, 100, 100, 40 * len(text), 40, 90.0, (1, 1, 1))


def test_digit_pass_reads_a_page_whose_words_hold_digits(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    words = [_word("発注書"), _word("数量12")] * 3
    assert _read_with(monkeypatch, words, tmp_path) == ["jpn", "eng"]


def test_no_digit_pass_on_a_page_without_a_digit(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    words = [_word("発注書"), _word("御中")] * 3
    assert _read_with(monkeypatch, words, tmp_path) == ["jpn"]
    assert not list(tmp_path.iterdir())  # the page file was removed
