"""Vertical streaks through a fax page removed before OCR (pure image step).

A speck of dirt on a fax machine's scanner glass sits over one sensor element while the sheet
moves past it, so the page arrives with a thin black line from its top edge to its bottom
edge, straight through the header, the table and the margins. Where the line crosses a
digit, tesseract reads 30 as 38; where it crosses a name, garbage. A table's own rules, however
long, stop at the table: the margins above and below it are white. So a streak is a column
that is ink nearly all the way down, margins included. Its columns are whitened, but for the
rows where ink stands on both sides of it: a stroke crossing the streak is bridged.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

INK_LEVEL = 128
MIN_COVERAGE = 0.85
"""Share of the page's rows a streak inks (dirt lets a few rows through; a rule of a table
that fills the page from edge to edge is rarer than a streak)."""
EDGE_SHARE = 0.05
"""The top and bottom bands (fax header, bottom margin) a streak crosses as well: a table's
rules stop short of them."""
MIN_EDGE_COVERAGE = 0.8
DRIFT_PX = 2
"""A streak may wander this many pixels to either side down the page."""
MAX_STREAK_PX = 6
"""Widest streak removed, at the page's own resolution (a wider band is no speck's)."""
ROW_STEP = 4
"""Coverage is measured on every n-th row: a streak is in all of them."""
MIN_OWN_COVERAGE = 0.5
"""Columns of a found streak's window inked in this share of the rows are the streak's own."""


def remove_streaks(image: Image.Image) -> Image.Image:
    """`image` ("L") with its top-to-bottom streaks whitened; the image itself without any."""
    if image.mode != "L" or image.height < 100 or image.width < 3 * MAX_STREAK_PX:
        return image
    pixels = np.asarray(image)
    spans = _streak_columns(pixels[::ROW_STEP] < INK_LEVEL)
    if not spans:
        return image
    out = pixels.copy()
    ink = pixels < INK_LEVEL
    for left, right in spans:
        _repair(out, ink, left, right)
    return Image.fromarray(out)


def _streak_columns(ink: np.ndarray) -> list[tuple[int, int]]:
    """(left, right) column ranges (right exclusive) that hold a streak."""
    near = ink.copy()  # ink within DRIFT_PX columns: a wandering streak stays in one window
    for shift in range(1, DRIFT_PX + 1):
        near[:, shift:] |= ink[:, :-shift]
        near[:, :-shift] |= ink[:, shift:]
    band = max(1, round(EDGE_SHARE * len(ink)))
    streak = ((near.mean(axis=0) >= MIN_COVERAGE)
              & (near[:band].mean(axis=0) >= MIN_EDGE_COVERAGE)
              & (near[-band:].mean(axis=0) >= MIN_EDGE_COVERAGE))
    spans, x = [], 0
    columns = np.nonzero(streak)[0]
    while x < len(columns):
        start = end = int(columns[x])
        while x + 1 < len(columns) and columns[x + 1] == end + 1:
            x, end = x + 1, end + 1
        if end + 1 - start <= MAX_STREAK_PX + 2 * DRIFT_PX:
            spans.append((start, end + 1))
        x += 1
    return spans


def _repair(out: np.ndarray, ink: np.ndarray, left: int, right: int) -> None:
    """Whiten the streak in columns left..right-1, except where a stroke crosses it: a row
    inked just left and just right of it keeps its ink there (30 is not cut into 3 0)."""
    inked = np.nonzero(ink[:, left:right].mean(axis=0) >= MIN_OWN_COVERAGE)[0]
    if len(inked):  # the streak's own columns; a wandering one keeps the whole window
        left, right = left + int(inked[0]), left + int(inked[-1]) + 1
    none = np.zeros(len(ink), dtype=bool)
    before = ink[:, left - 1] if left > 0 else none
    after = ink[:, right] if right < ink.shape[1] else none
    out[:, left:right] = np.where((before & after)[:, None], 0, 255)
