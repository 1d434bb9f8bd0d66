"""Lost quantity cells read from the picture in crops of two heights: which reading counts."""

from __future__ import annotations

from dataclasses import replace

from parse_words import make_page
from test_parse_layout import META, header, row
from test_parse_rereads import TextCells

from ordertake.domain import Box
from ordertake.parse.order import parse_pages


class NeighbourCells(TextCells):
    """Reads a lost '4袋' as '244袋' in a crop taller than one text line (the row above's
    '24' stands in it), as written in a crop of the cell's words' height."""

    def read_text(self, boxes: list[Box]) -> list[str]:
        self.asked_text += boxes
        return ["244袋" if b.y1 - b.y0 > 0.02 else "4袋" for b in boxes]


def _stretched(y: float, qty: str) -> list:
    """A row whose name OCR boxed a line taller than it is (a rule read with it)."""
    return [replace(w, box=replace(w.box, y1=w.box.y1 + 0.012))
            if w.text.startswith("片栗粉") else w
            for w in row(y, "2", "A-2", "片栗粉 250g", qty, "")]


def test_a_row_crop_reading_the_row_above_s_digits_too_gives_way_to_the_words_crop() -> None:
    # '4袋' read '-磁': the row's box, a line taller than its words, reads '244袋' (the 24
    # of the row above caught in it); the crop at the cell's own words' height reads '4袋'.
    rows = [row(0.33, "1", "A-1", "ポテトチップス 85g", "24袋", ""), _stretched(0.36, "-磁"),
            row(0.39, "3", "A-3", "油揚げ 10枚", "3袋", "")]
    cells = NeighbourCells({}, whole="")
    draft = parse_pages([make_page(header(0.30), *rows)], META, cells)[0]
    assert [(x.quantity, x.unit) for x in draft.lines] == [(24, "袋"), (4, "袋"), (3, "袋")]
    assert "read again from the page picture: 4" in draft.lines[1].warnings[0]


class OtherCountCells(TextCells):
    """The tall crop reads '12袋', the words' crop '5袋': no digits of a neighbour's before
    the words' count that the tall crop adds, so the tall crop's reading stands."""

    def read_text(self, boxes: list[Box]) -> list[str]:
        self.asked_text += boxes
        return ["12袋" if b.y1 - b.y0 > 0.02 else "5袋" for b in boxes]


def test_a_row_crop_reading_another_count_is_kept() -> None:
    rows = [row(0.33, "1", "A-1", "ポテトチップス 85g", "24袋", ""), _stretched(0.36, "-磁"),
            row(0.39, "3", "A-3", "油揚げ 10枚", "3袋", "")]
    draft = parse_pages([make_page(header(0.30), *rows)], META, OtherCountCells({}, ""))[0]
    assert [(x.quantity, x.unit) for x in draft.lines] == [(24, "袋"), (12, "袋"), (3, "袋")]
