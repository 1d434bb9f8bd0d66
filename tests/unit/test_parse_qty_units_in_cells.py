"""Forms writing the unit in the quantity cell ('12袋', '1ケース', '1cs'), read through fax
damage: a rule or a speck closing the cell, a 1 read as a letter, ケース in half-width kana
garbled, a count run into the next column or set on a line of its own."""

from __future__ import annotations

import pytest
from parse_words import line, make_page

from ordertake.domain import Box, SourceMeta, Word
from ordertake.parse.order import parse_pages
from ordertake.parse.qtycell import QuantityCell, read_quantity_cell


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1ケース]", QuantityCell(1, "ケース")),  # the column's rule after the unit
        ("54-2.", QuantityCell(5, "ケース")),  # ｹｰｽ read as 4-2, a speck after it
        ("45-】|", QuantityCell(4, "ケース")),  # the bracket is the ス, the bar a rule
        ("ics", QuantityCell(1, "ケース")),  # 1cs with its 1 read as i
        ("icsl", QuantityCell(1, "ケース")),  # ... and the rule after it as l
        ("lケース", QuantityCell(1, "ケース")),
        ("2本1", QuantityCell(2, "本")),
        ("4りース", QuantityCell(4, "ケース")),  # ース after one garbled glyph: ケース
        ("本", QuantityCell(None, "本")),  # the unit alone: its number lost
        ("ic", QuantityCell(None, None)),  # letters alone name no unit
        ("3|", QuantityCell(3, None)),
    ],
)
def test_cell_edges_and_look_alikes(text: str, expected: QuantityCell) -> None:
    assert read_quantity_cell(text) == expected


def test_a_case_head_read_as_a_digit_is_a_case_only_where_cells_carry_units() -> None:
    # '14-' is 1ｹｰｽ with ｹ read as 4 and ｽ lost on a form writing units in its cells; on a
    # form of bare numbers it is 14 and a speck. Either way the unit is flagged.
    assert read_quantity_cell("14-", units_in_cells=True) == QuantityCell(
        1, "ケース", unit_unreadable=True)
    assert read_quantity_cell("14-") == QuantityCell(14, None, unit_unreadable=True)
    assert read_quantity_cell("16-", units_in_cells=True) == QuantityCell(
        16, None, unit_unreadable=True)
    assert read_quantity_cell("49-ヵ", units_in_cells=True) == QuantityCell(
        4, "ケース", unit_unreadable=True)  # ケ read as 9, ス as ヵ
    assert read_quantity_cell("49-ヵ") == QuantityCell(49, None, unit_unreadable=True)


TITLES = line(0.28, (0.10, "ご注文商品"), (0.55, "ご注文数"), (0.72, "お届けについて"))


def _read(*rows: list[Word]) -> list[tuple[str, float | None, str | None, bool]]:
    lines = parse_pages([make_page(TITLES, *rows)], SourceMeta(filename="form.pdf"))[0].lines
    return [(x.description, x.quantity, x.unit, x.confidence < 0.8) for x in lines]


def test_a_count_run_into_the_next_column_is_cut_at_its_unit() -> None:
    got = _read(line(0.31, (0.10, "かねさ醸造 料理酒 1.8L"), (0.60, "10本")),
                line(0.34, (0.10, "北星乳業 油揚げ 3枚"), (0.640, "2袋至急")),
                line(0.37, (0.10, "朝霧 コーラ 350ml"), (0.60, "2cs")))
    assert [(q, u) for _, q, u, _ in got] == [(10, "本"), (2, "袋"), (2, "ケース")]


@pytest.mark.parametrize("unit_x", [0.60, 0.62])  # in the quantity cell; a column of its own
def test_a_count_set_on_a_line_of_its_own_joins_the_unit_beside_it(unit_x: float) -> None:
    number = [Word("6", Box(1, 0.610, 0.343, 0.619, 0.3432), 0.4)]
    got = _read(line(0.31, (0.10, "かねさ醸造 料理酒 1.8L"), (0.60, "10本")),
                number,
                line(0.345, (0.10, "菱屋本店 サラダオイル 1500g"), (unit_x, "本"),
                     (0.72, "至急")),
                line(0.38, (0.10, "朝霧 コーラ 350ml"), (0.60, "2cs")))
    assert [(d, q, u) for d, q, u, _ in got] == [
        ("かねさ醸造 料理酒 1.8L", 10, "本"), ("菱屋本店 サラダオイル 1500g", 6, "本"),
        ("朝霧 コーラ 350ml", 2, "ケース")]
    assert got[1][3]  # OCR was unsure of the number: so is the line


def test_a_garbled_case_on_a_form_writing_units_is_read_as_cases_and_flagged() -> None:
    got = _read(line(0.31, (0.10, "かねさ醸造 料理酒 1.8L"), (0.60, "10本")),
                line(0.34, (0.10, "朝霧 コーラ 350ml"), (0.60, "14-")),
                line(0.37, (0.10, "北星乳業 油揚げ 3枚"), (0.60, "2袋")))
    assert [(q, u, unsure) for _, q, u, unsure in got] == [
        (10, "本", False), (1, "ケース", True), (2, "袋", False)]


def test_a_point_inside_a_count_of_whole_pieces_is_a_speck_and_the_line_is_flagged() -> None:
    assert read_quantity_cell("4.8袋") == QuantityCell(48, "袋", point_dropped=True)
    assert read_quantity_cell("1.5kg") == QuantityCell(1.5, "kg")  # a unit that measures
    got = _read(line(0.31, (0.10, "かねさ醸造 料理酒 1.8L"), (0.60, "10本")),
                line(0.34, (0.10, "菱屋本店 上白糖 1kg"), (0.60, "4.8袋")))
    assert [(q, u, unsure) for _, q, u, unsure in got] == [(10, "本", False), (48, "袋", True)]
