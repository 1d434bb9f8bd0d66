"""A cell of a page picture cleaned for a digits-only read: rules, specks and neighbours'
glyphs removed, glyphs counted (ocr/cellimage.py, drawn pictures, no OCR)."""

from __future__ import annotations

from PIL import Image, ImageDraw

from ordertake.domain import Box
from ordertake.ocr.cellimage import BORDER, TARGET_HEIGHT, cell_glyphs

W, H = 1240, 1754
"""A 150 dpi A4 page, as the review pictures are."""
TOP, BOTTOM = 600, 620
"""The text line: glyphs 20 px high."""


def page(draw_on) -> Image.Image:  # type: ignore[no-untyped-def]
    picture = Image.new("L", (W, H), 255)
    draw_on(ImageDraw.Draw(picture))
    return picture


def one(d: ImageDraw.ImageDraw, x: int) -> None:
    d.rectangle((x, TOP, x + 2, BOTTOM), fill=0)  # a 1: a stroke the text's height


def zero(d: ImageDraw.ImageDraw, x: int) -> None:
    d.ellipse((x, TOP, x + 11, BOTTOM), outline=0, width=2)


def box(x0: int, x1: int) -> Box:
    return Box(1, x0 / W, TOP / H, x1 / W, BOTTOM / H)


def test_digits_are_counted_and_framed_for_tesseract() -> None:
    picture = page(lambda d: (one(d, 700), zero(d, 708)))
    cell = cell_glyphs(picture, box(680, 740))
    assert cell.glyphs == 2
    assert cell.image is not None and cell.image.height > 30  # scaled up, in a white frame


def test_rules_touching_a_digit_are_no_glyphs() -> None:
    # '3|' read as 31: the cell's rule runs through the line and beyond it, touching the digit;
    # a slanted rule of the row crosses the digit's top.
    def draw(d: ImageDraw.ImageDraw) -> None:
        zero(d, 700)
        d.rectangle((710, TOP - 30, 711, BOTTOM + 30), fill=0)  # vertical rule
        d.line((690, TOP + 1, 730, TOP + 2), fill=0, width=2)  # slanted horizontal rule
    assert cell_glyphs(page(draw), box(680, 740)).glyphs == 1


def test_specks_and_the_row_above_are_no_glyphs() -> None:
    def draw(d: ImageDraw.ImageDraw) -> None:
        d.rectangle((690, TOP + 17, 692, BOTTOM), fill=0)  # a speck before the number ('.24')
        one(d, 700)
        zero(d, 708)
        d.rectangle((703, TOP - 14, 712, TOP - 9), fill=0)  # the foot of the row above
    assert cell_glyphs(page(draw), box(680, 740)).glyphs == 2


def test_a_glyph_cut_by_the_cell_edge_is_no_glyph() -> None:
    # '1 ケ': the unit column's first kana reaches into the quantity band.
    def draw(d: ImageDraw.ImageDraw) -> None:
        one(d, 700)
        d.rectangle((730, TOP, 750, BOTTOM), outline=0, width=2)
    assert cell_glyphs(page(draw), box(680, 740)).glyphs == 1


def test_only_the_first_glyphs_are_kept_when_a_unit_follows() -> None:
    def draw(d: ImageDraw.ImageDraw) -> None:
        one(d, 700)
        zero(d, 708)
        d.rectangle((724, TOP, 742, BOTTOM), outline=0, width=2)  # a kanji-sized unit
    full = cell_glyphs(page(draw), box(680, 760))
    number = cell_glyphs(page(draw), box(680, 760), first=2)
    assert (full.glyphs, number.glyphs) == (3, 2)
    assert full.image is not None and number.image is not None
    assert number.image.width < full.image.width


def test_an_empty_cell_has_nothing_to_read() -> None:
    picture = page(lambda d: d.rectangle((700, TOP + 5, 701, TOP + 6), fill=0))  # a speck
    cell = cell_glyphs(picture, box(680, 740))
    assert (cell.glyphs, cell.image) == (0, None)


def test_a_digit_against_the_box_edge_is_kept() -> None:
    # '12' whose box (fitted to the column's edge) ends a pixel inside the 2: the 2 is the
    # number's, not the next column's, and was dropped as cut by the crop ('12' read as 1).
    picture = page(lambda d: (one(d, 700), zero(d, 708)))
    cell = cell_glyphs(picture, box(680, 718))
    assert cell.glyphs == 2


def test_a_piece_of_a_broken_rule_off_the_line_is_no_glyph() -> None:
    # A lost cell read across its column: a piece of the column's broken rule stands higher
    # than the number, a piece of the rule below lies under it.
    def draw(d: ImageDraw.ImageDraw) -> None:
        d.rectangle((684, TOP - 8, 685, BOTTOM - 12), fill=0)  # rule piece, off the line
        zero(d, 708)
        d.rectangle((704, BOTTOM + 6, 716, BOTTOM + 7), fill=0)  # rule piece under the 0
    assert cell_glyphs(page(draw), box(680, 740)).glyphs == 1


def test_a_one_on_the_line_is_a_glyph() -> None:
    picture = page(lambda d: (one(d, 700), zero(d, 708), one(d, 724)))
    assert cell_glyphs(picture, box(680, 740)).glyphs == 3
    assert cell_glyphs(page(lambda d: (one(d, 700), one(d, 710))), box(680, 740)).glyphs == 2


def test_a_slashed_zero_is_told_from_an_eight_by_its_waist() -> None:
    def slashed_zero(d: ImageDraw.ImageDraw) -> None:
        d.ellipse((700, TOP - 4, 712, BOTTOM), outline=0, width=2)
        d.line((702, BOTTOM - 2, 710, TOP - 2), fill=0, width=2)

    def eight(d: ImageDraw.ImageDraw) -> None:
        d.ellipse((701, TOP - 4, 711, TOP + 7), outline=0, width=2)
        d.ellipse((700, TOP + 6, 712, BOTTOM), outline=0, width=2)

    assert cell_glyphs(page(slashed_zero), box(680, 740)).slashed == (True,)
    assert cell_glyphs(page(eight), box(680, 740)).slashed == (False,)
    assert cell_glyphs(page(lambda d: zero(d, 700)), box(680, 740)).slashed == (False,)


def test_a_zero_the_page_lost_before_the_unit_is_kept_with_the_number() -> None:
    # '20本' read by the page as '2本': asked for one glyph, the picture keeps the ring after
    # it too; a P (its hole in its upper half) or a kanji-sized unit is not taken for a 0.
    def two(d: ImageDraw.ImageDraw) -> None:
        d.line((700, TOP, 710, TOP, 710, TOP + 10, 700, TOP + 10, 700, BOTTOM, 710, BOTTOM),
               fill=0, width=2)

    def unit(d: ImageDraw.ImageDraw) -> None:
        d.rectangle((740, TOP, 758, BOTTOM), outline=0, width=2)

    def p(d: ImageDraw.ImageDraw) -> None:
        d.rectangle((716, TOP, 718, BOTTOM), fill=0)
        d.rectangle((716, TOP, 726, TOP + 8), outline=0, width=2)

    lost = cell_glyphs(page(lambda d: (two(d), zero(d, 716), unit(d))), box(680, 770), first=1)
    plain = cell_glyphs(page(lambda d: (two(d), unit(d))), box(680, 770), first=1)
    letter = cell_glyphs(page(lambda d: (two(d), p(d))), box(680, 770), first=1)
    assert (lost.glyphs, plain.glyphs, letter.glyphs) == (2, 1, 1)


def test_the_bar_of_a_broken_five_stays_with_it() -> None:
    def draw(d: ImageDraw.ImageDraw) -> None:
        d.rectangle((700, TOP + 1, 711, TOP + 2), fill=0)  # the bar, broken off the body
        d.arc((700, TOP + 4, 712, BOTTOM), 200, 160, fill=0, width=2)  # the body
    cell = cell_glyphs(page(draw), box(680, 740))
    assert cell.glyphs == 1 and cell.image is not None
    assert cell.image.height > 2 * BORDER + TARGET_HEIGHT  # the bar drawn above the body


def test_a_ragged_rule_beside_the_digit_leaves_no_stroke() -> None:
    # A faxed rule wanders by a pixel: the column beside its straight run is too short to be
    # a run of its own, and left in it stands as a 1 ('2|' read as 21).
    def draw(d: ImageDraw.ImageDraw) -> None:
        zero(d, 700)
        d.rectangle((720, TOP - 30, 722, BOTTOM + 30), fill=0)  # the rule
        d.rectangle((719, TOP - 4, 719, TOP + 14), fill=0)  # its ragged edge, on the line
        d.rectangle((723, TOP + 4, 723, BOTTOM + 2), fill=0)  # and on its other side
    assert cell_glyphs(page(draw), box(680, 740)).glyphs == 1


def test_the_next_cell_beyond_a_rule_is_not_the_number() -> None:
    # '2 | 袋': the unit column's glyph stands beyond the rule right of the count.
    def draw(d: ImageDraw.ImageDraw) -> None:
        one(d, 700)
        d.rectangle((712, TOP - 30, 713, BOTTOM + 30), fill=0)  # the column's rule
        d.rectangle((720, TOP, 736, BOTTOM), outline=0, width=2)  # the unit's glyph
    assert cell_glyphs(page(draw), box(680, 745)).glyphs == 1


def test_glyphs_of_the_rows_above_and_below_a_rule_are_not_the_cells() -> None:
    # A row box taller than its text reaches over the rules into the rows around it.
    def draw(d: ImageDraw.ImageDraw) -> None:
        one(d, 700)
        d.line((600, TOP - 12, 800, TOP - 12), fill=0, width=2)  # rule above
        d.line((600, BOTTOM + 12, 800, BOTTOM + 12), fill=0, width=2)  # rule below
        d.ellipse((703, TOP - 34, 714, TOP - 16), outline=0, width=2)  # the row above's 0
        d.ellipse((703, BOTTOM + 16, 714, BOTTOM + 34), outline=0, width=2)  # below's
    tall = Box(1, 680 / W, (TOP - 20) / H, 740 / W, (BOTTOM + 20) / H)
    assert cell_glyphs(page(draw), tall).glyphs == 1


def test_the_feet_of_digits_standing_on_an_underline_stay() -> None:
    # Removing the underline cuts the digit's foot off: it is still the digit's (a 2 without
    # its foot reads as 9), so the glyph handed on reaches below its tallest part.
    def draw(d: ImageDraw.ImageDraw) -> None:
        d.ellipse((700, TOP, 711, BOTTOM + 3), outline=0, width=2)
        d.line((600, BOTTOM - 1, 800, BOTTOM - 1), fill=0, width=2)
    cell = cell_glyphs(page(draw), box(680, 740))
    assert cell.glyphs == 1 and cell.image is not None
    assert cell.image.height > TARGET_HEIGHT + 2 * BORDER + 2


def test_digits_wrapped_one_above_the_other_are_set_side_by_side() -> None:
    # '24' printed as '2' over '4' in a narrow count column: two glyphs, on one line.
    def draw(d: ImageDraw.ImageDraw) -> None:
        d.ellipse((700, TOP - 13, 711, BOTTOM - 13), outline=0, width=2)
        d.ellipse((700, TOP + 13, 711, BOTTOM + 13), outline=0, width=2)
    tall = Box(1, 680 / W, (TOP - 15) / H, 740 / W, (BOTTOM + 15) / H)
    cell = cell_glyphs(page(draw), tall)
    assert cell.glyphs == 2 and cell.image is not None
    assert cell.image.width > cell.image.height  # side by side, not stacked


def test_a_one_the_fax_broke_across_stays_one_glyph() -> None:
    def draw(d: ImageDraw.ImageDraw) -> None:
        d.rectangle((700, TOP, 702, TOP + 8), fill=0)
        d.rectangle((700, TOP + 11, 702, BOTTOM), fill=0)
        zero(d, 710)
    assert cell_glyphs(page(draw), box(680, 740)).glyphs == 2
