"""Top-to-bottom streaks from a dirty scanner glass are whitened; rules and letters stay."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from ordertake.ocr.streaks import remove_streaks


def _form() -> Image.Image:
    """A fax-like page: a table with rules that stop short of the margins, text blocks."""
    page = Image.new("L", (800, 1100), 255)
    draw = ImageDraw.Draw(page)
    for x in (100, 400, 700):  # the table's vertical rules, from y 200 to 900
        draw.line((x, 200, x, 900), fill=0, width=2)
    for y in range(200, 901, 50):
        draw.line((100, y, 700, y), fill=0, width=2)
    for y in range(215, 900, 50):
        draw.rectangle((130, y, 360, y + 20), fill=0)  # a row's "text"
    return page


def test_a_streak_from_edge_to_edge_is_whitened_and_the_rest_kept() -> None:
    page = _form()
    ImageDraw.Draw(page).line((550, 0, 551, 1099), fill=0, width=2)
    out = np.asarray(remove_streaks(page))
    assert out[30, 549:553].min() == 255  # the streak in the top margin: gone
    assert out[625, 549:553].min() == 255  # and inside the table, between two rows
    assert out[200, 500:600].max() == 0 and (out[200, 550:552] == 0).all()  # rule crossing kept
    assert out[500, 100] == 0 and out[500, 400] == 0  # the table's own rules stay
    assert out[220, 200] == 0  # the text stays


def test_a_page_without_a_streak_is_returned_as_it_is() -> None:
    page = _form()
    assert remove_streaks(page) is page


def test_a_wide_dark_band_down_the_page_is_no_streak() -> None:
    page = _form()
    ImageDraw.Draw(page).rectangle((740, 0, 780, 1099), fill=0)  # a copier's dark edge
    assert remove_streaks(page) is page
