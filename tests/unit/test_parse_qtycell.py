"""Faxed quantity cells read through specks, split digits, garbled units and spilled sizes."""

from __future__ import annotations

import pytest
from parse_words import make_page
from test_parse_layout import header, parse

from ordertake.parse.layout import header_columns
from ordertake.parse.lines import group_lines
from ordertake.parse.qtycell import QuantityCell, read_quantity_cell


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6本", QuantityCell(6, "本")),
        ("。・ 5", QuantityCell(5, None)),  # specks before the number
        ("3 0pk", QuantityCell(30, "パック")),  # a gap inside the number
        ("30狼", QuantityCell(30, None, unit_unreadable=True)),  # 袋 misread
        ("500ml*24缶 1", QuantityCell(1, None, spilled="500ml*24缶")),
        ("7-ス", QuantityCell(None, "ケース")),  # ケース with its head misread: quantity lost
        ("14-メ", QuantityCell(1, "ケース")),  # ケ read as 4, ス as メ
        ("104-ヵ", QuantityCell(10, "ケース")),
        ("54-A", QuantityCell(5, "ケース")),
        ("4 8袋", QuantityCell(48, "袋")),
        ("2の", QuantityCell(20, None)),  # a slashed zero read as の
        ("2の袋", QuantityCell(20, "袋")),
        ("10C/$S", QuantityCell(10, "ケース")),  # S read twice, as $ and S
        ("4C$S", QuantityCell(4, "ケース")),
        ("", QuantityCell(None, None)),
    ],
)
def test_read_quantity_cell(text: str, expected: QuantityCell) -> None:
    assert read_quantity_cell(text) == expected


def test_garbled_unit_gives_a_warned_line() -> None:
    from test_parse_layout import row

    (line,) = parse(header(0.30), row(0.33, "1", "A-1", "小麦粉 25kg", "30狼", "", "", "")).lines
    assert (line.quantity, line.unit) == (30, None)
    assert any("unit unreadable" in w for w in line.warnings) and line.confidence < 0.8


def test_header_cell_with_a_speck_is_read_fuzzily() -> None:
    names = ("No", "商品コード", "晶名。", "数量", "単位", "単価", "金額")
    columns = header_columns(group_lines(make_page(header(0.3, names=names)))[0])
    assert columns is not None
    assert "description" in [c.role for c in columns]


def test_a_lost_quantity_cell_is_read_again_through_the_callback() -> None:
    from parse_words import make_page
    from test_parse_layout import META, row

    from ordertake.parse.order import parse_pages

    asked = []

    def read_cell(box):  # type: ignore[no-untyped-def]
        asked.append(box)
        return "12"

    page = make_page(header(0.30), row(0.33, "1", "A-1", "無洗米 10kg", "", "", "", ""),
                     row(0.36, "2", "A-2", "醤油 1L", "6", "本", "", ""))
    first, second = parse_pages([page], META, read_cell)[0].lines
    assert (first.quantity, second.quantity) == (12, 6)
    assert len(asked) == 1 and asked[0].page == 1  # only the row that lost its quantity
    assert "read again" in first.warnings[0] and first.confidence < 0.8
    without = parse_pages([page], META)[0].lines
    assert [x.quantity for x in without] == [6]


@pytest.mark.parametrize(
    ("text", "unit", "digits"),
    [("12", False, "12"), ("・24", False, "24"), ("12袋", True, "12"), ("08袋", True, "08"),
     ("1 2パック", True, "12"), ("30狼", True, "30"), ("ケース", True, "")],
)
def test_what_a_cell_holds_besides_its_number(text: str, unit: bool, digits: str) -> None:
    from ordertake.parse.qtycell import has_unit, written_digits

    assert (has_unit(text), written_digits(text)) == (unit, digits)


def test_digits_and_a_dash_are_a_count_with_its_unit_unreadable() -> None:
    # '14-' was 1ケース with ケ read as 4 and ース as a dash; or 14 and a speck. The clerk checks.
    assert read_quantity_cell("14-") == QuantityCell(14.0, None, unit_unreadable=True)
    assert read_quantity_cell("14") == QuantityCell(14.0, None)


def test_a_long_vowel_mark_read_twice_still_spells_the_unit() -> None:
    assert read_quantity_cell("1ケー-ス") == QuantityCell(1.0, "ケース")


def test_a_cell_that_lost_its_unit_on_a_form_writing_units_in_the_cell_is_flagged() -> None:
    from parse_words import line

    from ordertake.domain import SourceMeta
    from ordertake.parse.order import parse_pages

    page = make_page(
        line(0.28, (0.10, "ご注文商品"), (0.55, "ご注文数"), (0.70, "お届けについて")),
        line(0.31, (0.10, "かねさ醸造 料理酒 1.8L"), (0.55, "10本")),
        line(0.34, (0.10, "菱屋本店 穀物酢 500ml"), (0.55, "4本")),
        line(0.37, (0.10, "かねさ醸造 白みそ 500g"), (0.55, "248")),
        line(0.40, (0.10, "朝霧 コーラ 350ml"), (0.55, "2cs")),
    )
    lines = parse_pages([page], SourceMeta(filename="form.pdf"))[0].lines
    assert [x.warnings for x in lines] == [[], [], ["unit unreadable in quantity '248'"], []]
