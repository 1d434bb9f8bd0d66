"""White-on-black bands are inverted before OCR; everything else is left as it is."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from ordertake.ocr.inverted import invert_dark_bands


def _page_with_band(band: tuple[int, int, int, int]) -> Image.Image:
    page = Image.new("L", (800, 400), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle(band, fill=0)
    draw.rectangle((band[0] + 30, band[1] + 12, band[0] + 50, band[3] - 12), fill=255)  # a "letter"
    draw.rectangle((100, 300, 140, 330), outline=0, width=3)  # a frame, not a band
    return page


def test_a_black_band_with_white_letters_becomes_black_letters_on_white() -> None:
    band = (101, 53, 603, 104)
    out = np.asarray(invert_dark_bands(_page_with_band(band)))
    assert out[60:98, 110:125].min() == 255  # the band's black is now white
    assert out[70:85, 135:145].max() == 0  # its white letter is now black
    x0, y0, x1, y1 = band
    assert out[y0, x0] == 255 and out[y1, x1] == 255  # cut at the band's edge, to the pixel
    assert out[y0 - 1, x0] == 255 and out[y1 + 1, x1 + 1] == 255  # the white around it stays
    assert out[300, 100] == 0  # the frame elsewhere on the page is left alone


def test_a_page_without_a_band_is_returned_as_it_is() -> None:
    page = Image.new("L", (800, 400), 255)
    draw = ImageDraw.Draw(page)
    for x in range(0, 800, 4):  # a halftone grey fill, as faxes send a shaded header
        draw.line((x, 50, x, 120), fill=0)
    draw.rectangle((100, 200, 700, 203), fill=0)  # a rule
    draw.text((100, 250), "KT-0451 6", fill=0)
    assert invert_dark_bands(page) is page


def test_a_ragged_dark_shape_is_no_band() -> None:
    page = Image.new("L", (800, 400), 255)
    draw = ImageDraw.Draw(page)
    draw.polygon([(100, 100), (400, 110), (110, 300)], fill=0)  # a stamp, a photo's shadow
    assert invert_dark_bands(page) is page


def test_a_small_dark_block_is_no_band() -> None:
    page = Image.new("L", (800, 400), 255)
    ImageDraw.Draw(page).rectangle((100, 100, 140, 140), fill=0)  # a check box filled in
    assert invert_dark_bands(page) is page


def test_a_word_printed_bold_is_no_band() -> None:
    # A bold word (or a fax sent too dark) is dark squares as solid as a band's, but short.
    page = Image.new("L", (800, 400), 255)
    draw = ImageDraw.Draw(page)
    for x in range(100, 300, 40):
        draw.rectangle((x, 100, x + 37, 140), fill=0)  # letters filled in, 2 px apart
    assert invert_dark_bands(page) is page
