"""Hand-built pages of positioned words for the parse tests (no I/O, no OCR)."""

from __future__ import annotations

from ordertake.domain import Box, Page, PageSource, Word
from ordertake.parse.lines import is_cjk

CHAR_H = 0.012
"""Word height as a fraction of an A4 page's height."""


def text_width(text: str) -> float:
    return sum(0.017 if is_cjk(c) else 0.009 for c in text)


def word(text: str, x: float, y: float, page: int = 1, conf: float = 0.95) -> Word:
    return Word(text, Box(page, x, y, x + text_width(text), y + CHAR_H), conf)


def line(y: float, *cells: tuple[float, str], page: int = 1, conf: float = 0.95) -> list[Word]:
    """Words of one line: each (x, text); a text with spaces becomes several words."""
    out = []
    for x, text in cells:
        pos = x
        for part in text.split(" "):
            if part:
                out.append(word(part, pos, y, page, conf))
            pos += text_width(part) + 0.012
    return out


def make_page(*lines: list[Word], number: int = 1, source: PageSource = PageSource.OCR) -> Page:
    words = [w for ln in lines for w in ln]
    return Page(number=number, width=2480, height=3508, source=source, words=words)
