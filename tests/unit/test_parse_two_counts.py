"""A row showing a count in its quantity cell and another before the unit in its unit cell
goes to the clerk (parse/rows.py: qty_two_counts)."""

from __future__ import annotations

from parse_words import line, make_page
from test_parse_layout import META, X, header, row

from ordertake.parse.order import parse_pages
from ordertake.review_ui.messages import warning_text


def _row(y: float, name: str, pack: str, count: str, unit: str, priced: str = "") -> list:
    # The 入数 column taken for the quantity's: the count runs into the unit cell.
    price = [(X["price"], priced.split()[0]), (X["amount"], priced.split()[1])] if priced else []
    return line(y, (X["no"], "1"), (X["name"] - 0.05, name), (X["qty"] + 0.02, pack),
                (X["unit"], f"{count} {unit}"), *price)


def test_a_count_before_the_unit_besides_the_quantity_cells_flags_the_line() -> None:
    draft = parse_pages([make_page(header(0.30), _row(0.33, "醤油 1L", "6", "3", "本"))],
                        META)[0]
    (first,) = draft.lines
    assert first.quantity == 6 and first.warnings == ["qty_two_counts:quantity=6,unit_cell=3"]


def test_a_plain_unit_cell_or_the_same_count_is_no_second_count() -> None:
    rows = [row(0.33, "1", "A-1", "醤油 1L", "6", "本"),
            _row(0.36, "酢 1L", "12", "12", "本"),
            _row(0.39, "みりん 1L", "4", "500", "ml")]  # a size, no count
    assert not any(x.warnings for x in parse_pages([make_page(header(0.30), *rows)],
                                                    META)[0].lines)


def test_an_amount_bearing_the_quantity_cell_out_settles_it() -> None:
    draft = parse_pages([make_page(header(0.30), _row(0.33, "醤油 1L", "6", "3", "本",
                                                      "100 600"))], META)[0]
    assert draft.lines[0].quantity == 6 and not draft.lines[0].warnings


def test_the_warning_key_reads_in_both_languages() -> None:
    key = "qty_two_counts:quantity=6,unit_cell=3"
    assert warning_text(key, "ja") == (
        "数量欄は 6、単位欄には 3 と書かれています: 数量を確認してください")
    assert warning_text(key, "en") == (
        "the quantity cell reads 6, the unit cell 3: please check the quantity")
