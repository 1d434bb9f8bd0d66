"""Rows a faxed table must not lose: a quantity title OCR lost, a character read flat."""

from __future__ import annotations

from parse_words import line, make_page

from ordertake.domain import Box, Page, SourceMeta, Word
from ordertake.parse.layout import header_columns, recover_quantity
from ordertake.parse.lines import group_lines
from ordertake.parse.order import parse_pages
from ordertake.parse.table import find_table

META = SourceMeta(filename="fax.tif")
NO, CODE, NAME, COUNT, NOTE = 0.10, 0.14, 0.24, 0.66, 0.80


def read(page: Page) -> list[tuple[str, float, str | None]]:
    draft = parse_pages([page], META)[0]
    return [(x.description, x.quantity, x.unit) for x in draft.lines]


def lines_read(*lines: list[Word]) -> list[tuple[str, float, str | None]]:
    return read(make_page(*lines))


def test_counts_under_a_lost_title_make_the_quantity_column() -> None:
    # 行 品番 品目 [注文数 unread] 摘要: the counts stood in the 摘要 band, every row dropped.
    rows = lines_read(
        line(0.30, (NO, "行"), (CODE, "品番"), (0.40, "品目"), (NOTE + 0.02, "摘要")),
        line(0.33, (NO, "1"), (CODE, "MS-0231"), (NAME, "サラダ油 1000g"), (COUNT + 0.02, "5本")),
        line(0.36, (NO, "2"), (CODE, "TF-0283"), (NAME, "マヨネーズ 350g"), (COUNT + 0.01, "48本")),
        line(0.39, (NO, "3"), (NAME, "北星乳業 油揚げ 10枚"), (COUNT, "4ケース"),
             (NOTE, "至急")),
    )
    assert [(q, u) for _, q, u in rows] == [(5, "本"), (48, "本"), (4, "ケース")]


def test_a_header_left_without_its_quantity_title_is_still_the_header() -> None:
    # 品名 [数量 unread] 単位 備考: two titles only, no header before; bare counts beside 単位.
    page = make_page(
        line(0.30, (0.30, "品名"), (0.62, "単位"), (NOTE, "備考")),
        line(0.33, (NAME, "サラダ油 1000g"), (0.56, "12"), (0.62, "本")),
        line(0.36, (NAME, "マヨネーズ 350g"), (0.565, "4"), (0.62, "袋"), (NOTE, "至急")),
    )
    table = find_table([group_lines(page)])
    assert table is not None
    assert [c.role for c in table.columns] == ["description", "quantity", "unit", "note"]
    assert [r.cells["quantity"].text for r in table.rows] == ["12", "4"]
    assert read(page) == [("サラダ油 1000g", 12, "本"), ("マヨネーズ 350g", 4, "袋")]


def test_counts_under_the_pack_title_do_not_hide_the_lost_quantity_column() -> None:
    # 入数 holds counts under its own title; the order's counts stand beside 単位.
    rows = lines_read(
        line(0.30, (CODE, "品番"), (0.30, "品名"), (0.50, "入数"), (0.62, "単位"),
             (0.75, "金額")),
        *(line(0.33 + 0.03 * k, (CODE, f"A-{k}"), (NAME, name), (0.505, "12"), (0.565, qty),
               (0.62, "本"), (0.75, "1,200"))
          for k, (name, qty) in enumerate([("サラダ油 1000g", "3"), ("マヨネーズ 350g", "5"),
                                           ("しょうゆ 1L", "2")])),
    )
    assert [q for _, q, _ in rows] == [3, 5, 2]


def test_units_under_a_lost_title_make_the_unit_column() -> None:
    # 品名 数量 [単位 unread] 備考: units apart, alone or beside the remark, were remarks.
    rows = lines_read(
        line(0.30, (0.30, "品名"), (0.52, "数量"), (NOTE, "備考")),
        line(0.33, (NAME, "サラダ油 1000g"), (0.56, "2"), (0.62, "袋."), (0.66, "前回")),
        line(0.36, (NAME, "マヨネーズ 350g"), (0.55, "30"), (0.62, "本")),
        line(0.39, (NAME, "しょうゆ 1L"), (0.56, "4"), (0.62, "ケース"), (NOTE, "至急")),
    )
    assert [(q, u) for _, q, u in rows] == [(2, "袋"), (30, "本"), (4, "ケース")]


def test_right_aligned_counts_whose_boxes_end_a_little_apart_are_one_column() -> None:
    # OCR boxes of '6', '48', '1' end up to half a text height apart: still one column.
    names = ("サラダ油 1000g", "マヨネーズ 350g", "しょうゆ 1L", "みりん 1L")
    rows = lines_read(
        line(0.30, (CODE, "品番"), (0.30, "品名"), (0.66, "単位"), (0.75, "金額")),
        *(line(0.33 + 0.03 * k, (CODE, f"A-{k}"), (NAME, name), (0.62 - 0.004 * k, qty),
               (0.66, "本"), (0.75, "1,200"))
          for k, (name, qty) in enumerate(zip(names, ("6", "48", "1", "12"), strict=True))),
    )
    assert [q for _, q, _ in rows] == [6, 48, 1, 12]


def test_counts_under_a_column_title_are_that_column_s_own() -> None:
    # Counts right under 摘要's own title are its text, not a quantity column OCR lost.
    header, *body = group_lines(make_page(
        line(0.30, (CODE, "品番"), (NAME, "品名"), (0.55, "単価"), (NOTE, "摘要")),
        line(0.33, (CODE, "A-1"), (NAME, "サラダ油 1000g"), (0.55, "420"), (NOTE, "5本")),
        line(0.36, (CODE, "A-2"), (NAME, "マヨネーズ 350g"), (0.55, "380"), (NOTE, "4本")),
    ))
    columns = header_columns(header)
    assert columns is not None
    assert recover_quantity(columns, body) == columns


def test_sizes_are_no_counts_for_a_lost_title() -> None:
    # A size standing apart in the description ('1.8L') never makes a quantity column.
    rows = lines_read(
        line(0.30, (NO, "行"), (NAME, "品目"), (NOTE, "摘要")),
        line(0.33, (NO, "1"), (NAME, "しょうゆ"), (COUNT, "1.8L")),
        line(0.36, (NO, "2"), (NAME, "みりん"), (COUNT, "1.8L")),
    )
    assert rows == []


def _flat(text: str, x: float, y: float) -> Word:
    return Word(text, Box(1, x, y, x + 0.002, y + 0.001), 0.5)


def test_a_flat_character_fills_the_hole_in_its_own_line() -> None:
    # 腐 of 木綿豆腐 read flat at the foot of its line, between two lines: it joined the line
    # below ('腐朝霧ビバレッジ…') and left '木綿豆 400g' behind.
    upper = line(0.40, (0.10, "木綿豆"), (0.176, "400g"))
    lower = line(0.416, (0.10, "朝霧ビバレッジ"), (0.30, "コーラ"))
    (first, second) = group_lines(make_page(upper, lower, [_flat("腐", 0.161, 0.413)]))
    assert first.text == "木綿豆腐400g"
    assert second.text == "朝霧ビバレッジ コーラ"


def test_a_flat_mark_in_a_gutter_between_cells_stays_apart() -> None:
    # A speck read as 'ん' between two cells of a row, wider apart than a character.
    upper = line(0.40, (0.50, "6"), (0.55, "箱"), (0.62, "在庫確認"))
    lower = line(0.416, (0.50, "1"), (0.55, "本"))
    lines = group_lines(make_page(upper, lower, [_flat("ん", 0.59, 0.413)]))
    assert "ん" not in lines[0].text


def test_a_product_row_whose_quantity_shows_digits_no_reading_makes_a_number_is_kept() -> None:
    # The clerk must see the ordered line and fill in its quantity, not lose it; a row left
    # empty, or with a mark only, was not ordered.
    page = make_page(
        line(0.30, (CODE, "品番"), (0.40, "品名"), (COUNT, "数量"), (NOTE, "備考")),
        line(0.33, (CODE, "MS-0231"), (NAME, "サラダ油 1000g"), (COUNT, "5本")),
        line(0.36, (CODE, "PK-0010"), (NAME, "ぽん酢しょうゆ 1L"), (COUNT, "19C/$$S")),
        line(0.39, (CODE, "TF-0283"), (NAME, "マヨネーズ 350g")),
        line(0.42, (CODE, "TF-0290"), (NAME, "ケチャップ 500g"), (COUNT, "ー")),
    )
    draft = parse_pages([page], META)[0]
    assert [(x.code, x.quantity) for x in draft.lines] == [("MS-0231", 5), ("PK-0010", None)]
    kept = draft.lines[1]
    assert kept.warnings == ["qty_unreadable:19C/$$S"]
    assert kept.confidence < draft.lines[0].confidence


def test_a_count_with_a_speck_before_it_in_the_unit_column_is_the_quantity() -> None:
    # '2cs' written to the right lands under 単位, read with a speck before it ('・2.cs').
    rows = lines_read(
        line(0.30, (0.30, "品名"), (0.56, "数量"), (0.62, "単位")),
        line(0.33, (NAME, "サラダ油 1000g"), (0.565, "12"), (0.62, "本")),
        line(0.36, (NAME, "ゴミ袋 90L 50枚"), (0.625, "・2.cs")),
    )
    assert [(q, u) for _, q, u in rows] == [(12, "本"), (2, "ケース")]


def test_a_unit_cell_whose_case_head_reads_as_a_digit_is_a_case_beside_a_count() -> None:
    # 'ケース' in the unit column read '7-X' (ケ as 7, ス as X) beside the count 1: a case,
    # not the product's own unit.
    rows = lines_read(
        line(0.30, (0.30, "品名"), (0.56, "数量"), (0.62, "単位")),
        line(0.33, (NAME, "サラダ油 1000g"), (0.56, "1"), (0.62, "7-X")),
        line(0.36, (NAME, "マヨネーズ 350g"), (0.56, "4"), (0.62, "袋")),
    )
    assert [(q, u) for _, q, u in rows] == [(1, "ケース"), (4, "袋")]
