"""Rows OCR cut into pieces on one visual line: the pieces read back as one row."""

from __future__ import annotations

from parse_words import line

from ordertake.domain import Box, Word
from ordertake.parse.lines import TextLine, line_of
from ordertake.parse.rows import table_lines
from ordertake.parse.table import find_table

ASPECT = 3508 / 2480
NAME, QTY, NOTE = 0.10, 0.55, 0.72
TITLES = ((0.25, "ご注文商品"), (QTY, "ご注文数"), (NOTE, "お届けについて"))


def text_line(words: list[Word]) -> TextLine:
    return line_of(1, words, ASPECT)


def test_a_name_set_a_little_above_its_row_joins_that_row_not_the_row_above() -> None:
    # '富士山麓ウォーター オレンジジュース 100% 200ml | 12本': OCR read the name's start as
    # a line of its own, a little higher than the rest of the row (overlapping it by more
    # than half its height); it was taken for the row above's wrapped name, and the row
    # below kept only '200ml'.
    start = [Word("富士山麓ウォーターオレンジジュース100%", Box(1, NAME, 0.433, 0.40, 0.466), 0.9)]
    lines = [
        text_line(line(0.30, *TITLES)),
        text_line(line(0.33, (NAME, "みなと缶詰 ツナ缶 70g"), (QTY + 0.05, "4缶"),
                       (NOTE, "至急"))),
        text_line(start),
        text_line(line(0.452, (0.41, "200ml"), (QTY + 0.05, "12本"), (NOTE, "前回同様"))),
    ]
    table = find_table([lines])
    assert table is not None
    assert [(x.description, x.quantity) for x in table_lines(table)] == [
        ("みなと缶詰 ツナ缶 70g", 4), ("富士山麓ウォーターオレンジジュース100% 200ml", 12)]


def test_a_wrapped_name_below_its_row_still_joins_it() -> None:
    # The second line of a name under its row, the next row well below: a wrap as before.
    lines = [
        text_line(line(0.30, *TITLES)),
        text_line(line(0.33, (NAME, "みなと缶詰 ツナ缶"), (QTY + 0.05, "4缶"))),
        text_line(line(0.345, (NAME, "ノンオイル 70g"))),
        text_line(line(0.37, (NAME, "北星飲料 コーラ 500ml"), (QTY + 0.05, "12本"))),
    ]
    table = find_table([lines])
    assert table is not None
    assert [(x.description, x.quantity) for x in table_lines(table)] == [
        ("みなと缶詰 ツナ缶ノンオイル 70g", 4), ("北星飲料 コーラ 500ml", 12)]
