"""Text tesseract's page layout analysis left unread, and words grafted into it (pure, no I/O).

On noisy fax pages tesseract's automatic segmentation (--psm 3) sometimes takes a whole
block — a table's 数量 and 単位 columns, say — for a picture and reads nothing there. Such a
page still shows ink shaped like text where no word was read. `find_unread` finds those
places; ocr/page.py then reads the page once more as one column of lines (--psm 4, which has
no block detection to fail) and `graft` keeps only the words that fall where the first pass
read nothing, so pages that read well are never changed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from PIL import Image

from ordertake.ocr.rules import rule_pixels
from ordertake.ocr.words import RawWord

CELL_PX = 16
"""Grid cell side, in pixels of the ~300 dpi prepared page (about 1.4 mm): a character of
ordinary print covers two to four cells each way."""
MIN_CELL_INK = 12
"""Ink pixels (at full resolution) a cell needs to count as inked: a lone fax speck does not
reach it."""
RULE_PX = 64
"""Straight runs of ink this long (about 5 mm; a power of two) are rules or underlines, never
a character's stroke: tesseract rightly reads nothing there."""
MIN_REGION_CELLS = 6
"""Inked cells a region needs to be taken for unread text: a character or more."""
MIN_REGION_HEIGHT = 2
"""Rows of cells a region needs: a broken rule or a dropout line is flat."""
WORD_MARGIN_CELLS = 1
"""Cells around a read word that still count as read (its ink spills over its box)."""
REGION_GAP_CELLS = 2
"""Inked cells this close belong to one region (the characters of a word or a cell)."""
REREAD_PSM = 4
"""tesseract's 'single column of text of variable sizes': reads every line across the page
without deciding first which blocks are text."""
FALLBACK_PSM = 6
"""'a single uniform block of text': tried when --psm 4 reads nothing at all. On a
sparse form (a few rows, the 数量 and 単位 columns far right of the names) --psm 3 left
both columns unread and --psm 4 read nothing in them; --psm 6 read every cell."""
SPAN_MARGIN_PX = 48
"""Margin kept around the unread regions when only that part of the page is read again:
a line of text or so, for tesseract to find the lines' height and baseline."""
MIN_UNREAD_REGIONS = 5
"""Unread regions a page needs before it is read again: a title, a stamp or a few lost
characters are not worth a second pass. With 3, one fax page in four was read again; with 5,
one in eight, and the held-out and committed sets read exactly the same lines."""
MIN_UNREAD_CELLS = 100
"""Or inked cells in all: fewer, larger regions are whole columns left unread (a photo's
数量, 単位 and 備考 columns came as 4 regions of 142 cells); on the fax tuning sets 2 pages
in 120 with under 5 regions reach it."""


@dataclass(frozen=True)
class Region:
    """A rectangle of unread ink, in pixels of the prepared page."""

    left: int
    top: int
    right: int
    bottom: int
    cells: int


@dataclass(frozen=True)
class Unread:
    """Where a reading left ink unread: a grid of CELL_PX cells, and its text-like regions."""

    cells: np.ndarray
    """True for an inked cell no word covers."""
    regions: list[Region]

    def worth_reading(self) -> bool:
        """Enough unread ink to read the page again."""
        return (len(self.regions) >= MIN_UNREAD_REGIONS
                or sum(r.cells for r in self.regions) >= MIN_UNREAD_CELLS)

    def span(self, width: int, height: int) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) of the rectangle around every region, with a margin,
        inside a page of `width` × `height` pixels."""
        m = SPAN_MARGIN_PX
        return (max(0, min(r.left for r in self.regions) - m),
                max(0, min(r.top for r in self.regions) - m),
                min(width, max(r.right for r in self.regions) + m),
                min(height, max(r.bottom for r in self.regions) + m))

    def holds(self, word: RawWord) -> bool:
        """True when the word's box takes in an unread inked cell."""
        top, left = word.top // CELL_PX, word.left // CELL_PX
        bottom = (word.top + word.height) // CELL_PX + 1
        right = (word.left + word.width) // CELL_PX + 1
        return bool(self.cells[top:bottom, left:right].any())


def find_unread(image: Image.Image, rows: list[RawWord]) -> Unread:
    """Inked cells (table rules left out) that no word of `rows` covers, and their
    text-like regions."""
    # At half resolution: the same cells, a quarter of the pixels to look at.
    ink = np.asarray(image.convert("L").reduce(2)) < 128
    ink &= ~rule_pixels(ink, RULE_PX // 2)
    cell = CELL_PX // 2
    rows_n, cols_n = ink.shape[0] // cell, ink.shape[1] // cell
    counts = ink[: rows_n * cell, : cols_n * cell].reshape(
        rows_n, cell, cols_n, cell).sum(axis=(1, 3))
    unread = counts >= MIN_CELL_INK // 4
    m = WORD_MARGIN_CELLS
    for r in rows:
        unread[max(0, r.top // CELL_PX - m): (r.top + r.height) // CELL_PX + 1 + m,
               max(0, r.left // CELL_PX - m): (r.left + r.width) // CELL_PX + 1 + m] = False
    regions = [region for region in _components(unread)
               if region.cells >= MIN_REGION_CELLS
               and (region.bottom - region.top) // CELL_PX >= MIN_REGION_HEIGHT]
    return Unread(unread, regions)


def _components(cells: np.ndarray) -> list[Region]:
    """Groups of marked cells within REGION_GAP_CELLS of each other, as pixel rectangles."""
    seen = np.zeros_like(cells)
    gap = REGION_GAP_CELLS
    height, width = cells.shape
    out = []
    for y, x in zip(*np.nonzero(cells), strict=True):
        if seen[y, x]:
            continue
        seen[y, x] = True
        stack, members = [(int(y), int(x))], []
        while stack:
            cy, cx = stack.pop()
            members.append((cy, cx))
            for ny in range(max(0, cy - gap), min(height, cy + gap + 1)):
                for nx in range(max(0, cx - gap), min(width, cx + gap + 1)):
                    if cells[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        ys, xs = [c[0] for c in members], [c[1] for c in members]
        out.append(Region(min(xs) * CELL_PX, min(ys) * CELL_PX, (max(xs) + 1) * CELL_PX,
                          (max(ys) + 1) * CELL_PX, len(members)))
    return out


def graft(rows: list[RawWord], reread: list[RawWord], unread: Unread) -> list[RawWord]:
    """`rows` plus the words of a second reading that take in unread ink and overlap no word
    already read. Their line numbers are moved clear of the first reading's, so words of the
    two readings are never joined as one line."""
    offset = 1 + max((r.line[0] for r in rows), default=0)
    added = [replace(w, line=(w.line[0] + offset, *w.line[1:])) for w in reread
             if unread.holds(w) and not any(_overlap(w, r) for r in rows)]
    return rows + added


def shifted(word: RawWord, left: int, top: int) -> RawWord:
    """A word read from a part of the page cut out at (left, top), in page pixels."""
    return replace(word, left=word.left + left, top=word.top + top)


def _overlap(a: RawWord, b: RawWord) -> bool:
    return (a.left < b.left + b.width and b.left < a.left + a.width
            and a.top < b.top + b.height and b.top < a.top + a.height)
