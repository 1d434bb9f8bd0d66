"""Plain text (e-mail bodies) → text pages whose words carry line-position boxes (pure)."""

from __future__ import annotations

import re
import unicodedata

from ordertake.domain import Box, Page, PageSource, Word
from ordertake.ocr.radicals import fold_radicals

LINES_PER_PAGE = 60
"""A long body is split into pages of this many lines, like a printed page."""
_TOKEN = re.compile(r"[^\s\u3000]+")


def display_cells(text: str) -> int:
    """Display width in character cells: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _align_tab_blocks(lines: list[str]) -> list[str]:
    """Consecutive tab-separated lines (a table pasted from a spreadsheet, an HTML table) set
    out like a spreadsheet: each cell starts where its column does, the column as wide as its
    widest cell. Tab stops would misplace cells whose width (CJK: two cells a character)
    crosses one, and the layout code finds columns by position."""
    out: list[str] = []
    block: list[list[str]] = []

    def flush() -> None:
        widths: list[int] = []
        for cells in block:
            for i, cell in enumerate(cells):
                if i == len(widths):
                    widths.append(0)
                widths[i] = max(widths[i], display_cells(cell))
        for cells in block:
            padded = [cell + " " * (widths[i] - display_cells(cell))
                      for i, cell in enumerate(cells)]
            out.append("   ".join(padded).rstrip())
        block.clear()

    for line in lines:
        if "\t" in line:
            block.append([cell.strip() for cell in line.split("\t")])
            continue
        flush()
        out.append(line)
    flush()
    return out


def text_pages(text: str) -> list[Page]:
    """One Word per whitespace-separated token (tabs, spaces and the ideographic space
    U+3000 separate; HTML tables arrive as tab-separated lines), boxes from the token's
    line and character-cell column, so text goes through the same layout code as a scan.
    Page width/height are in character cells and lines; confidence is 1.0."""
    text = fold_radicals(text)  # pasted from a PDF: ⻨茶 for 麦茶
    lines = _align_tab_blocks(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return []
    pages: list[Page] = []
    for start in range(0, len(lines), LINES_PER_PAGE):
        chunk = lines[start : start + LINES_PER_PAGE]
        number = len(pages) + 1
        width = max(40, max(display_cells(line) for line in chunk))
        height = LINES_PER_PAGE
        words = []
        for row, line in enumerate(chunk):
            for match in _TOKEN.finditer(line):
                col0 = display_cells(line[: match.start()])
                col1 = col0 + display_cells(match.group())
                box = Box(number, col0 / width, row / height, col1 / width, (row + 0.9) / height)
                words.append(Word(match.group(), box, 1.0))
        pages.append(Page(number, float(width), float(height), PageSource.TEXT, words, None))
    return pages
