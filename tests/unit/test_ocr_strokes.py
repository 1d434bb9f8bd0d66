"""A page printed too bold is told by its strokes' mean width (ocr/strokes.py)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from ordertake.ocr.strokes import stroke_width, thick_strokes


def _page(width: int) -> np.ndarray:
    """Strokes `width` pixels wide: the rules of a table and short bars standing for digits."""
    page = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(page)
    for y in range(100, 701, 40):
        draw.line((50, y, 550, y), fill=0, width=width)
    for y in range(110, 700, 40):
        for x in range(80, 520, 30):
            draw.line((x, y, x, y + 20), fill=0, width=width)
    return np.asarray(page)


def test_the_width_of_the_strokes_is_measured_in_pixels() -> None:
    assert abs(stroke_width(_page(2)) - 2) < 0.3
    assert abs(stroke_width(_page(4)) - 4) < 0.5


def test_a_page_a_pixel_bolder_than_usual_is_too_bold_and_a_usual_page_is_not() -> None:
    assert not thick_strokes(_page(2))
    assert thick_strokes(_page(4))


def test_a_blank_page_has_no_strokes() -> None:
    blank = np.full((100, 100), 255, dtype=np.uint8)
    assert stroke_width(blank) == 0.0 and not thick_strokes(blank)
