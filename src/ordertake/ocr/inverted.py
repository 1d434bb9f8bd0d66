"""White text on a black band turned into black text on white before OCR (pure image step).

Order forms print the table's header row, or a title bar, reversed: white letters on a solid
black band (on a fax, the grey fills of the original arrive as solid black as often as not).
tesseract reads such a band only when it tries a badly read line again inverted
(`tessedit_do_invert`), line by line and not always. So the bands are found and inverted
here, once, before OCR (tesseract's retry stays on: it also rescues other badly read lines).
Inverted whole, the band reads better than line by line: the header row 「商品コード 商品名
数量 単位 単価 金額」 of a faxed test page came back in full, where tesseract's retry read
only its first two titles.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

BLOCK_PX = 8
"""Pages are looked at in squares of this many pixels (a third of a character at 300 dpi)."""
DARK_MEAN = 96
"""A square whose mean gray level is below this (0 black .. 255 white) is mostly ink: a
band's black between white letters, never text on white (bold kanji stay under half ink)
nor a fax's halftone grey."""
MIN_BAND_BLOCKS = (30, 3)
"""Smallest band worth inverting, in squares (width, height): 20 mm by a short word's height
of black (24 px). A word printed bold, or faxed too dark, makes groups of dark squares as
solid, but none as wide: on the sample faxes made a pixel bolder, groups 20 squares wide
were up to 84 % dark, and 30 wide under 40 % (a reversed header row: 280 wide, 79 %).
Rules and frames, a few pixels thick, never make a square dark."""
MIN_SOLID_SHARE = 0.6
"""Share of a band's bounding box that must be dark squares: a band, not the ragged outline of
a stamp, a photo or a signature."""
EDGE_INK_SHARE = 0.5
"""A pixel row or column at the band's edge belongs to it when more than this share of it is
ink: the squares found the band to within a square; its edges are set to the pixel."""
INK_LEVEL = 128


def invert_dark_bands(image: Image.Image) -> Image.Image:
    """`image` ("L") with every solid dark band inverted; the image itself when it has none."""
    if image.mode != "L":
        return image
    dark = np.asarray(image.reduce(BLOCK_PX)) < DARK_MEAN
    if dark.sum(axis=1).max() < MIN_SOLID_SHARE * MIN_BAND_BLOCKS[0]:
        # A band is solid: one of its rows at least has that many dark squares. Most pages
        # have no such row, and are spared the search for groups.
        return image
    bands = [band for band in _bands(dark) if band is not None]
    if not bands:
        return image
    pixels = np.array(image)
    for left, top, right, bottom in bands:
        box = _to_pixels(pixels, left, top, right, bottom)
        if box:
            x0, y0, x1, y1 = box
            pixels[y0:y1, x0:x1] = 255 - pixels[y0:y1, x0:x1]
    return Image.fromarray(pixels)


def _bands(dark: np.ndarray) -> list[tuple[int, int, int, int] | None]:
    """Bounding boxes (in squares, right and bottom exclusive) of the groups of dark squares
    that are solid and large enough; None for the others."""
    seen = np.zeros_like(dark)
    height, width = dark.shape
    out: list[tuple[int, int, int, int] | None] = []
    for y, x in zip(*np.nonzero(dark), strict=True):
        if seen[y, x]:
            continue
        seen[y, x] = True
        stack, members = [(int(y), int(x))], 0
        top, left, bottom, right = int(y), int(x), int(y), int(x)
        while stack:
            cy, cx = stack.pop()
            members += 1
            top, bottom = min(top, cy), max(bottom, cy)
            left, right = min(left, cx), max(right, cx)
            for ny, nx in ((cy - 1, cx), (cy + 1, cx), (cy, cx - 1), (cy, cx + 1)):
                if 0 <= ny < height and 0 <= nx < width and dark[ny, nx] and not seen[ny, nx]:
                    seen[ny, nx] = True
                    stack.append((ny, nx))
        box_w, box_h = right - left + 1, bottom - top + 1
        solid = members >= MIN_SOLID_SHARE * box_w * box_h
        large = box_w >= MIN_BAND_BLOCKS[0] and box_h >= MIN_BAND_BLOCKS[1]
        out.append((left, top, right + 1, bottom + 1) if solid and large else None)
    return out


def _to_pixels(pixels: np.ndarray, left: int, top: int, right: int, bottom: int
               ) -> tuple[int, int, int, int] | None:
    """The band's box in pixels: the squares' box widened by a square on every side, then cut
    to the rows and columns that are mostly ink."""
    b = BLOCK_PX
    y0, y1 = max(0, (top - 1) * b), min(pixels.shape[0], (bottom + 1) * b)
    x0, x1 = max(0, (left - 1) * b), min(pixels.shape[1], (right + 1) * b)
    ink = pixels[y0:y1, x0:x1] < INK_LEVEL
    rows = np.nonzero(ink.mean(axis=1) > EDGE_INK_SHARE)[0]
    cols = np.nonzero(ink.mean(axis=0) > EDGE_INK_SHARE)[0]
    if not len(rows) or not len(cols):
        return None
    return x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1
