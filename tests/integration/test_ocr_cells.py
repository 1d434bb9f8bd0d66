"""A lost quantity cell read again from the page picture with real tesseract (ocr/cells.py)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from ordertake.domain import Box, Page, PageSource
from ordertake.ocr.cells import PageCells

FONT = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"


def _page_with_cell(text: str) -> tuple[Page, Box]:
    """A 150 dpi-like page with a ruled table cell holding `text` (rules touch the digits)."""
    picture = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(picture)
    x0, y0, x1, y1 = 700, 600, 860, 640
    draw.rectangle((x0, y0, x1, y1), outline=0, width=2)
    draw.text((x1 - 50, y0 + 8), text, fill=0, font=ImageFont.truetype(FONT, 24))
    buf = io.BytesIO()
    picture.save(buf, format="PNG")
    page = Page(1, 1240, 1754, PageSource.OCR, [], image_png=buf.getvalue())
    return page, Box(1, x0 / 1240, y0 / 1754, x1 / 1240, y1 / 1754)


def test_digits_of_a_ruled_cell_are_read_again() -> None:
    page, box = _page_with_cell("12")
    cells = PageCells([page])
    assert cells(box) == "12"
    calls = cells.calls
    assert calls <= 2
    assert cells(box) == "12" and cells.calls == calls  # asked again: read once


def test_an_empty_cell_or_a_page_without_picture_reads_nothing() -> None:
    page, box = _page_with_cell("")
    assert PageCells([page])(box) == ""
    text_page = Page(1, 100, 100, PageSource.TEXT, [])
    assert not PageCells([text_page]) and PageCells([text_page])(box) == ""


def test_the_quantity_cells_of_a_page_are_read_in_one_run() -> None:
    """Each number's own box (as the page OCR found it), one tesseract run for the page: the
    rule touching the 3 adds no digit, and an empty cell reads as nothing."""
    picture = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(FONT, 24)
    boxes = []
    for n, text in enumerate(["12", "3", "48", ""]):
        top = 600 + 40 * n
        draw.rectangle((700, top, 860, top + 40), outline=0, width=2)
        x0, y0, x1, y1 = draw.textbbox((830, top + 8), text or "0", font=font)
        if text:
            draw.text((830, top + 8), text, fill=0, font=font)
        boxes.append(Box(1, (x0 - 6) / 1240, y0 / 1754, (x1 + 12) / 1240, y1 / 1754))
    draw.rectangle((843, 640, 844, 680), fill=0)  # a rule against the 3
    buf = io.BytesIO()
    picture.save(buf, format="PNG")
    cells = PageCells([Page(1, 1240, 1754, PageSource.OCR, [], image_png=buf.getvalue())])
    read = cells.read_digits(boxes)
    assert [(r.digits, r.glyphs) for r in read] == [("12", 2), ("3", 1), ("48", 2), ("", 0)]
    assert cells.calls == 1
    # Read again at other glyph sizes: the same digits at each, in one more run.
    assert cells.read_sizes(boxes[:3], heights=(20, 40)) == [["12", "12"], ["3", "3"],
                                                            ["48", "48"]]
    assert cells.calls == 2
