"""Unread ink: where the first OCR pass read nothing, and which words of a second pass to keep."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from ordertake.ocr.unread import (
    CELL_PX,
    SPAN_MARGIN_PX,
    Region,
    Unread,
    find_unread,
    graft,
    shifted,
)
from ordertake.ocr.words import RawWord


def _word(text: str, left: int, top: int, width: int = 60, height: int = 40,
          line: tuple[int, int, int] = (1, 1, 1)) -> RawWord:
    return RawWord(text, left, top, width, height, 90.0, line)


def _glyphs(draw: ImageDraw.ImageDraw, left: int, top: int, count: int) -> None:
    """`count` character-sized blobs of ink in a row (40 px high, like 10 pt at 300 dpi)."""
    for k in range(count):
        x = left + k * 50
        draw.rectangle([x, top, x + 8, top + 40], fill=0)
        draw.rectangle([x + 24, top, x + 32, top + 40], fill=0)
        draw.rectangle([x, top + 16, x + 32, top + 24], fill=0)


def test_text_left_unread_is_found_and_rules_and_read_words_are_not() -> None:
    page = Image.new("L", (1200, 800), 255)
    draw = ImageDraw.Draw(page)
    _glyphs(draw, 100, 100, 4)             # read by the first pass
    _glyphs(draw, 700, 100, 2)             # left unread
    _glyphs(draw, 700, 300, 3)             # left unread
    draw.line([(50, 500), (1150, 500)], fill=0, width=3)   # a table rule
    draw.line([(600, 50), (600, 700)], fill=0, width=3)
    read = [_word("商品名", 96, 96, 200, 50)]

    unread = find_unread(page, read)

    tops = sorted((g.top, g.left) for g in unread.regions)
    assert len(tops) == 2
    assert all(abs(top - want) <= CELL_PX for (top, _), want in zip(tops, (100, 300), strict=True))
    assert all(left >= 680 for _, left in tops)
    assert not unread.holds(_word("x", 100, 480, 1000, 40))  # the rule is not text
    assert unread.holds(_word("12", 700, 300, 140, 40))


def test_a_fax_speck_is_not_unread_text() -> None:
    page = Image.new("L", (600, 400), 255)
    ImageDraw.Draw(page).rectangle([300, 200, 303, 203], fill=0)
    assert find_unread(page, []).regions == []


def test_graft_keeps_only_new_words_over_unread_ink_on_their_own_lines() -> None:
    page = Image.new("L", (1200, 400), 255)
    draw = ImageDraw.Draw(page)
    _glyphs(draw, 100, 100, 4)
    _glyphs(draw, 700, 100, 2)
    first = [_word("品名", 96, 96, 200, 50, line=(3, 1, 1))]
    unread = find_unread(page, first)
    second = [
        _word("品名", 98, 98, 190, 48, line=(1, 1, 1)),    # read already
        _word("48", 700, 100, 90, 42, line=(1, 1, 1)),     # the lost cell
        _word("・", 400, 300, 20, 20, line=(2, 1, 1)),     # nothing there on the page
    ]

    rows = graft(first, second, unread)

    assert [r.text for r in rows] == ["品名", "48"]
    assert rows[1].line[0] > max(r.line[0] for r in first)


def test_span_takes_in_every_region_with_a_margin_inside_the_page() -> None:
    page = Image.new("L", (1200, 800), 255)
    draw = ImageDraw.Draw(page)
    _glyphs(draw, 700, 100, 2)
    _glyphs(draw, 20, 600, 3)
    unread = find_unread(page, [])
    left, top, right, bottom = unread.span(1200, 800)
    assert left == 0  # the margin stops at the page's edge
    assert top <= 100 - SPAN_MARGIN_PX and top >= 100 - SPAN_MARGIN_PX - CELL_PX
    assert right >= 700 + 2 * 50 and right <= 1200
    assert bottom >= 640 and bottom <= 800
    assert (right - left) * (bottom - top) < 1200 * 800


def test_a_word_read_from_a_cut_out_part_is_moved_to_page_pixels() -> None:
    word = _word("48", 10, 20, 90, 42, line=(2, 1, 1))
    moved = shifted(word, 700, 300)
    assert (moved.left, moved.top, moved.width, moved.height) == (710, 320, 90, 42)
    assert (moved.text, moved.line) == ("48", (2, 1, 1))


def test_a_page_is_read_again_for_many_small_regions_or_a_few_large_ones() -> None:
    def unread(*cells: int) -> Unread:
        return Unread(np.zeros((1, 1), bool), [Region(0, 0, 32, 32, n) for n in cells])

    assert not unread(10, 12, 8).worth_reading()  # a title or a stamp
    assert unread(6, 6, 6, 6, 6).worth_reading()  # lost characters all over the page
    assert unread(48, 59, 16, 19).worth_reading()  # whole columns left unread
