"""Plain text (e-mail bodies) → text pages whose words carry line-position boxes (pure)."""

from __future__ import annotations

import re
import unicodedata

from ordertake.domain import Box, Page, PageSource, Word

LINES_PER_PAGE = 60
"""A long body is split into pages of this many lines, like a printed page."""
_TOKEN = re.compile(r"[^\s\u3000]+")


def _columns(text: str) -> int:
    """Display width in character cells: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def text_pages(text: str) -> list[Page]:
    """One Word per whitespace-separated token (tabs, spaces and the ideographic space
    U+3000 separate; HTML tables arrive as tab-separated lines), boxes from the token's
    line and character-cell column, so text goes through the same layout code as a scan.
    Page width/height are in character cells and lines; confidence is 1.0."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(8).split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return []
    pages: list[Page] = []
    for start in range(0, len(lines), LINES_PER_PAGE):
        chunk = lines[start : start + LINES_PER_PAGE]
        number = len(pages) + 1
        width = max(40, max(_columns(line) for line in chunk))
        height = LINES_PER_PAGE
        words = []
        for row, line in enumerate(chunk):
            for match in _TOKEN.finditer(line):
                col0 = _columns(line[: match.start()])
                col1 = col0 + _columns(match.group())
                box = Box(number, col0 / width, row / height, col1 / width, (row + 0.9) / height)
                words.append(Word(match.group(), box, 1.0))
        pages.append(Page(number, float(width), float(height), PageSource.TEXT, words, None))
    return pages
