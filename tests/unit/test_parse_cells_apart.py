"""A quantity cell holding two columns' figures: the one under the quantity title is the count
(a header whose titles OCR ran together gives two columns to one)."""

from __future__ import annotations

from ordertake.domain import Box, Word
from ordertake.parse.layout import Column, split_cells
from ordertake.parse.lines import line_of

ASPECT = 1.41  # an A4 page: height / width


def _word(text: str, x0: float, x1: float) -> Word:
    return Word(text, Box(1, x0, 0.320, x1, 0.332), 0.9)


# 'ケース入数 発注数量' read as one header cell: the quantity column spans both.
COLUMNS = [Column("description", 0.18, 0.53, "商品名", 0.30, 0.40),
           Column("quantity", 0.53, 0.676, "ケース入数 発注数量", 0.60, 0.671),
           Column("unit", 0.676, 0.735, "単位", 0.686, 0.714)]


def _quantity(*words: Word) -> str:
    line = line_of(1, [_word("高原ミート牛乳", 0.21, 0.32), *words, _word("本", 0.69, 0.71)],
                   ASPECT)
    return split_cells(line, COLUMNS)["quantity"].text


def test_the_pack_size_beside_the_count_is_left_out() -> None:
    assert _quantity(_word("12", 0.569, 0.580), _word("10", 0.652, 0.664)) == "10"
    assert _quantity(_word("48", 0.566, 0.580), _word("2", 0.655, 0.664)) == "2"


def test_figures_close_together_stay_one_reading() -> None:
    # OCR split one number: the gap is well under a character.
    assert _quantity(_word("1", 0.640, 0.648), _word("0", 0.650, 0.658)) == "10"


def test_a_size_run_in_from_the_name_stays_for_the_reading() -> None:
    assert _quantity(_word("500ml×24缶", 0.54, 0.59), _word("1", 0.655, 0.664)) == "500ml×24缶 1"


def test_without_one_group_under_the_title_the_cell_is_kept_whole() -> None:
    assert _quantity(_word("12", 0.540, 0.550), _word("10", 0.575, 0.590)) == "12 10"
