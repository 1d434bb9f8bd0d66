"""Product-name cells read a second time from the page picture with real tesseract."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from ordertake.domain import Box, Page, PageSource
from ordertake.ocr.cells import PageCells

FONT = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"


def test_the_name_cells_of_a_page_are_read_as_printed_in_one_run() -> None:
    """Names at a 150 dpi-like size, each in its ruled cell; an empty cell reads nothing."""
    picture = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.truetype(FONT, 20)
    boxes = []
    for n, text in enumerate(["朝霧ビバレッジ 麦茶 500ml", "", "丸正醤油 食塩 1kg"]):
        top = 600 + 36 * n
        draw.rectangle((150, top, 650, top + 36), outline=0, width=2)
        if text:
            draw.text((160, top + 7), text, fill=0, font=font)
        boxes.append(Box(1, 156 / 1240, (top + 6) / 1754, 640 / 1240, (top + 30) / 1754))
    buf = io.BytesIO()
    picture.save(buf, format="PNG")
    cells = PageCells([Page(1, 1240, 1754, PageSource.OCR, [], image_png=buf.getvalue())])
    first, empty, last = (t.replace(" ", "") for t in cells.read_names(boxes))
    assert "麦茶" in first and first.endswith("ml")  # digits as garbled as by the page OCR
    assert not any(c.isalnum() for c in empty)  # a speck at most
    assert "食塩" in last
    assert cells.calls == 1
