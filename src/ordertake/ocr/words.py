"""tesseract's word rows → Words: drop noise, join CJK characters split by spurious spaces
(pure, no I/O).

The unit of a Word handed to parsing: a run of text with no real gap in it. tesseract
reports Japanese one character (or a few) at a time, separated by spaces that are not on the
page; adjacent pieces on the same tesseract line are joined when the boundary touches a CJK
character (or splits a number after its thousands comma) and the horizontal gap is below
MERGE_GAP_EM of the line's character height. So
「特選丸大豆1.8L」 is one word, while cells of a table row (gaps of several characters) and
real spaces between Latin words stay separate words. The joined word's box is the union and
its confidence the character-weighted mean of its pieces.
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass

from ordertake.domain import Box, Word

MERGE_GAP_EM = 0.6
"""Largest gap, in character heights, that is still 'inside a word' next to CJK text."""
MIN_CONFIDENCE = 0.0
"""tesseract reports -1 for non-word rows; those are dropped."""


@dataclass(frozen=True)
class RawWord:
    """One word row of tesseract's TSV output, in pixels."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    """0..100 as tesseract reports it."""
    line: tuple[int, int, int]
    """(block, paragraph, line) numbers: words sharing it are on one text line."""


def is_cjk(ch: str) -> bool:
    """Han, kana, full-width forms and CJK punctuation: scripts written without spaces."""
    code = ord(ch)
    if 0x3000 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
        return True
    if 0xFF00 <= code <= 0xFFEF or 0x31F0 <= code <= 0x31FF or 0x20000 <= code <= 0x2FA1F:
        return True
    return unicodedata.east_asian_width(ch) in ("W", "F")


def merge_cjk(rows: list[RawWord]) -> list[RawWord]:
    """Join neighbours on the same line whose boundary touches CJK text and whose gap is
    small; rows keep tesseract's reading order."""
    cleaned = [r for r in rows if r.text.strip() and r.confidence >= MIN_CONFIDENCE]
    out: list[RawWord] = []
    lines: dict[tuple[int, int, int], list[RawWord]] = {}
    for row in cleaned:
        lines.setdefault(row.line, []).append(row)
    for line_rows in lines.values():
        line_rows.sort(key=lambda r: r.left)
        em = statistics.median(r.height for r in line_rows) or 1
        current = line_rows[0]
        for row in line_rows[1:]:
            gap = row.left - (current.left + current.width)
            if _belong_together(current.text.strip(), row.text.strip(), gap, em):
                current = _join(current, row)
            else:
                out.append(current)
                current = row
        out.append(current)
    return out


def _belong_together(left: str, right: str, gap: int, em: float) -> bool:
    if gap > MERGE_GAP_EM * em:
        return False
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return True
    # "5, 880" → "5,880": tesseract splits numbers after a thousands separator.
    return left[-1] in ",." and left[0].isdigit() and right[0].isdigit()


def _join(a: RawWord, b: RawWord) -> RawWord:
    left, top = min(a.left, b.left), min(a.top, b.top)
    right = max(a.left + a.width, b.left + b.width)
    bottom = max(a.top + a.height, b.top + b.height)
    ta, tb = a.text.strip(), b.text.strip()
    conf = (a.confidence * len(ta) + b.confidence * len(tb)) / (len(ta) + len(tb))
    return RawWord(ta + tb, left, top, right - left, bottom - top, conf, a.line)


def to_words(rows: list[RawWord], page: int, width: int, height: int) -> list[Word]:
    """Pixel rows → Words with boxes as fractions of the page and confidence 0..1."""
    words = []
    for r in rows:
        box = Box(
            page,
            max(0.0, r.left / width),
            max(0.0, r.top / height),
            min(1.0, (r.left + r.width) / width),
            min(1.0, (r.top + r.height) / height),
        )
        words.append(Word(r.text.strip(), box, max(0.0, min(1.0, r.confidence / 100))))
    return words
