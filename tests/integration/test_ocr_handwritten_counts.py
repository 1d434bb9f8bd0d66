"""A count written by hand on a printed order form: tesseract reads nothing there, yet the row
was ordered. It is kept for the clerk (no quantity, a warning), never dropped; a row whose
quantity cell is empty or only specked stays unordered."""

from __future__ import annotations

import pytest
from fixtures.ocr.pages import GOTHIC, faxify, tiff_bytes
from PIL import Image, ImageDraw, ImageFont

from ordertake.config import Settings
from ordertake.domain import SourceMeta
from ordertake.pipeline import read_and_parse

DPI = 300
ROWS = [("朝霧 緑茶 525ml", "2", "ケース"), ("丸正 白だし 1L", None, "本"),
        ("金印 ぽん酢 360ml", "", "本")]
NAME_X, QTY_X, UNIT_X = 0.5, 4.6, 5.6  # inches


def _form() -> Image.Image:
    page = Image.new("L", (round(8.27 * DPI), round(4.0 * DPI)), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(GOTHIC, round(11 * DPI / 72))
    pitch = round(11 * 2.2 * DPI / 72)
    y = round(0.5 * DPI)
    for name, qty, unit in [("商品名", "数量", "単位"), *ROWS]:
        draw.text((round(NAME_X * DPI), y), name, font=font, fill=0)
        draw.text((round(UNIT_X * DPI), y), unit, font=font, fill=0)
        if qty:
            draw.text((round(QTY_X * DPI), y), qty, font=font, fill=0)
        elif qty is None:  # a scrawl by hand: strokes no typeface has, a little taller than print
            x0, top = round(QTY_X * DPI), y - 8
            draw.line([(x0, top + 40), (x0 + 14, top), (x0 + 26, top + 52), (x0 + 44, top + 6),
                       (x0 + 58, top + 50)], fill=0, width=5)
            draw.arc((x0 + 60, top, x0 + 100, top + 54), 200, 520, fill=0, width=5)
        y += pitch
    return page


@pytest.mark.ocr
def test_a_count_written_by_hand_keeps_its_row_for_the_clerk() -> None:
    fax = faxify(_form(), 204, 196, skew=0.3, specks=400, seed=7)
    result = read_and_parse(tiff_bytes([fax], "group4", (204, 196)),
                            SourceMeta(filename="form.tif"), Settings(ocr_jobs=1))
    (draft,) = result.drafts
    assert len(draft.lines) == 2  # the row whose cell is empty (specks at most) is no order
    printed, written = draft.lines
    assert "525" in printed.description and printed.quantity == 2
    assert "白だし" in written.description
    assert written.quantity is None and "qty_ink" in written.warnings
    assert written.confidence < 0.5
