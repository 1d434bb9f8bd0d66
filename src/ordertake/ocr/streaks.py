"""Vertical streaks through a fax page removed before OCR (pure image step).

A speck of dirt on a fax machine's scanner glass sits over one sensor element while the sheet
moves past it, so the page arrives with a thin black line from its top edge to its bottom
edge, straight through the header, the table and the margins. Where the line crosses a
digit, tesseract reads 30 as 38; where it crosses a name, garbage. A table's own rules, however
long, stop at the table: the margins above and below it are white. So a streak is a column
that is ink nearly all the way down, margins included; its pixels are whitened wherever the
ink there is no wider than the streak (a letter's stroke crossing it is kept).
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
        _whiten(out, ink, max(0, left - DRIFT_PX), min(pixels.shape[1], right + DRIFT_PX))
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


def _whiten(out: np.ndarray, ink: np.ndarray, left: int, right: int) -> None:
    """Whiten, row by row, the runs of ink that lie inside columns left..right-1 and are no
    wider than a streak: ink running on past the window belongs to a letter or a rule."""
    window = ink[:, left:right]
    inside_left = ~ink[:, left - 1] if left > 0 else np.ones(len(ink), dtype=bool)
    inside_right = (~ink[:, right] if right < ink.shape[1]
                    else np.ones(len(ink), dtype=bool))
    # A row's ink in the window is the streak's alone when the columns just outside the
    # window are white (the run starts and ends inside it) and it is no wider than a streak.
    alone = inside_left & inside_right & (window.sum(axis=1) <= MAX_STREAK_PX)
    region = out[:, left:right]
    region[alone[:, None] & window] = 255
