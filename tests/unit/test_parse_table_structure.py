"""The table's structure on faxed pages: specks, garbled titles, continued pages, fragments."""

from __future__ import annotations

from parse_words import CHAR_H, line, make_page, word

from ordertake.domain import Box, SourceMeta, Word
from ordertake.parse.layout import header_columns, names_a_product
from ordertake.parse.lines import group_lines
from ordertake.parse.order import parse_pages

META = SourceMeta(filename="fax.tif")
NAME, QTY, UNIT, NOTE = 0.10, 0.55, 0.63, 0.72
TITLES = ((0.25, "品名"), (QTY, "数量"), (UNIT, "単位"), (NOTE, "備考"))


def flat(text: str, x: float, y: float, conf: float = 0.9, page: int = 1) -> Word:
    """A word whose box OCR collapsed to a sliver (a speck, or a character read flat)."""
    return Word(text, Box(page, x, y, x + 0.002, y + 0.001), conf)


def item(y: float, name: str, qty: str, unit: str = "本", page: int = 1) -> list[Word]:
    return line(y, (NAME, name), (QTY + 0.01, qty), (UNIT, unit), page=page)


def roles(cells: tuple[tuple[float, str], ...]) -> list[str] | None:
    columns = header_columns(group_lines(make_page(line(0.3, *cells)))[0])
    return None if columns is None else [c.role for c in columns]


def quantities(*lines: list[Word], read_cell=None) -> list[tuple[str, float]]:
    draft = parse_pages([make_page(*lines)], META, read_cell)[0]
    return [(x.description, x.quantity) for x in draft.lines]


def test_a_collapsed_speck_does_not_cut_a_row_in_two() -> None:
    # A speck read as a kanji with no confidence, a little lower than the row's middle: it
    # used to open a line of its own that the description then joined, away from its numbers.
    words = item(0.40, "南州酒造 生ビール", "12") + [flat("表", QTY - 0.05, 0.407, conf=0.0)]
    (row,) = group_lines(make_page(words))
    assert row.text.startswith("南州酒造 生ビール") and "表" not in row.text


def test_a_character_read_flat_joins_the_line_it_stands_on() -> None:
    # '注文数' read as '注文' and a flat '数': the title stays whole.
    words = line(0.30, (0.1, "品名"), (0.5, "注文")) + [flat("数", 0.5 + 0.034, 0.306)]
    (header,) = group_lines(make_page(words))
    assert header.text == "品名 注文数"


def test_flat_marks_and_rules_are_no_text_at_all() -> None:
    # '」' and 'ーー' under a row: no longer read as a quantity of 1, nor as a row of their own.
    draft = parse_pages([make_page(
        line(0.30, *TITLES),
        item(0.33, "朝日養鶏 牛肉コロッケ", "2", "ケース"),
        [flat("」", QTY + 0.01, 0.345), flat("ーー", NAME + 0.1, 0.346)],
        item(0.36, "朝日養鶏 若鶏唐揚げ", "4", "袋"),
    )], META)[0]
    assert [(x.description, x.quantity) for x in draft.lines] == [
        ("朝日養鶏 牛肉コロッケ", 2), ("朝日養鶏 若鶏唐揚げ", 4)]


def test_a_row_of_titles_with_one_readable_title_is_a_header() -> None:
    # 数量 and 単位 garbled, 備考 down to one character: short words apart, no figures.
    assert roles(((0.25, "品名"), (QTY, "才嘆"), (UNIT, "\"測位."), (NOTE, "備"))) == [
        "description", "quantity", "unit"]
    # 単位 cut into its characters, 備考 read as '"人 考-': each segment read whole.
    assert roles(((0.25, "品名"), (QTY, "教量"), (UNIT, "準"), (UNIT + 0.018, "位"),
                  (NOTE, "\"人"), (NOTE + 0.03, "考-"))) == [
        "description", "quantity", "unit", "note"]


def test_lines_that_are_not_rows_of_titles_need_readable_titles() -> None:
    # Figures, long words or too few cells: the loose reading is not allowed.
    assert roles(((0.25, "品名"), (QTY, "才嘆 2026"), (UNIT, "測位"), (NOTE, "備"))) is None
    assert roles(((0.25, "品名"), (QTY, "才嘆"), (UNIT, "測位してお届けください"))) is None
    assert roles(((0.25, "品名"), (QTY, "才嘆"))) is None


def test_a_garbled_repeated_header_continues_the_table_below_the_page_head() -> None:
    # Page 2: the fax header and the sender's name above the table, the header row reading
    # only 品名 and 備者, and OCR lost every quantity; the columns of page 1 still hold and the
    # quantities are read again from the picture.
    page1 = make_page(line(0.30, *TITLES), item(0.33, "丸正醤油 こいくちしょうゆ 1L", "6"))
    page2 = make_page(
        line(0.08, (0.45, "発注書"), page=2),
        line(0.12, (0.08, "医療法人社団緑風会 注文No."), page=2),
        line(0.27, (0.25, "品名"), (NOTE + 0.01, "備者"), page=2),
        line(0.30, (NAME, "北陸製菓 ミルクチョコレート120g"), page=2),
        line(0.33, (NAME, "日光化成 食品用ラップ 22cmX50m"), page=2),
        number=2)
    asked: list[tuple[int, float]] = []

    def read_cell(box: Box) -> str:
        asked.append((box.page, box.x0))
        return "48" if len(asked) == 1 else "3"

    draft = parse_pages([page1, page2], META, read_cell)[0]
    assert [(x.description, x.quantity) for x in draft.lines] == [
        ("丸正醤油 こいくちしょうゆ 1L", 6), ("北陸製菓 ミルクチョコレート120g", 48),
        ("日光化成 食品用ラップ 22cmX50m", 3)]
    assert [page for page, _ in asked] == [2, 2]


def test_a_speck_beside_a_title_does_not_widen_its_column() -> None:
    # 'No. ・': the description starting just right of the line numbers stays whole.
    titles = line(0.30, (0.08, "No."), (0.12, "・"), (0.26, "商品名"), (QTY, "数量"),
                  (UNIT, "単位"))
    body = [line(0.33 + 0.03 * i, (0.085, str(i + 1)), (0.11, name), (QTY + 0.01, "2"),
                 (UNIT, "袋")) for i, name in enumerate(["讃岐屋 焼海苔 全形", "越後 乾麺 うどん"])]
    assert quantities(titles, *body) == [("讃岐屋 焼海苔 全形", 2), ("越後 乾麺 うどん", 2)]


def test_column_edges_are_fitted_to_the_rows_not_to_the_remarks_below() -> None:
    # The remarks line under the table crosses the gutter between code and description.
    titles = line(0.30, (0.08, "行"), (0.15, "品番"), (0.42, "品目"), (QTY + 0.1, "注文数"))
    written = [("TY-0241", "東洋飲料 缶コーヒー 275g", "20缶"),
               ("HS-0229", "北星飲料 カフェオレ 1L", "2ケース")]
    rows = [line(0.33 + 0.03 * i, (0.085, str(i + 1)), (0.13, code), (0.22, name),
                 (QTY + 0.12, qty)) for i, (code, name, qty) in enumerate(written)]
    remarks = line(0.85, (0.08, "備考"), (0.14, "請求書を同封してください"))
    draft = parse_pages([make_page(titles, *rows, remarks)], META)[0]
    assert [(x.code, x.description, x.quantity) for x in draft.lines] == [
        ("TY-0241", "東洋飲料 缶コーヒー 275g", 20), ("HS-0229", "北星飲料 カフェオレ 1L", 2)]


def test_a_speck_line_does_not_glue_the_next_row_to_the_one_above() -> None:
    # '.' just under a row whose quantity OCR lost once became that row's last line, and the
    # next row, a little below the speck, was taken for the rest of it.
    rows = [item(0.33, "日之出醸造 こいくちしょうゆ 1.8L", "1"),
            item(0.36, "日之出醸造 こいくちしょうゆ 500ml", "20"),
            item(0.39, "金印食品 うすくちしょうゆ 1L", "ユー"),
            [Word(".", Box(1, 0.35, 0.405, 0.353, 0.41), 0.9)],
            item(0.41, "金印食品 サラダ油 16.5kg", "10", "缶")]
    page = make_page(line(0.30, *TITLES), *rows)
    draft = parse_pages([page], META, lambda box: "1")[0]
    assert [(x.description, x.quantity) for x in draft.lines][2:] == [
        ("金印食品 うすくちしょうゆ 1L", 1), ("金印食品 サラダ油 16.5kg", 10)]


def test_figures_set_apart_on_a_rows_visual_line_join_that_row() -> None:
    # '10 btl' read a little above its row; a speck read as '1' beside a row that has its 1.
    above = [word("10", QTY + 0.01, 0.3285), word("btl", UNIT, 0.3285)]
    row = line(0.330, (NAME, "東海フーズ 本みりん 1L"))
    speck = [Word("1", Box(1, QTY - 0.01, 0.3585, QTY - 0.005, 0.3585 + 0.6 * CHAR_H), 0.0)]
    draft = parse_pages([make_page(line(0.30, *TITLES), above, row, speck,
                                   item(0.36, "丸正醤油 上白糖 1kg", "1", "ケース"))], META)[0]
    assert [(x.description, x.quantity) for x in draft.lines] == [
        ("東海フーズ 本みりん 1L", 10), ("丸正醤油 上白糖 1kg", 1)]


def test_dashes_do_not_name_a_product() -> None:
    assert not names_a_product("ーー ーー")
    assert names_a_product("コーヒー")


def test_a_figure_whose_box_ocr_collapsed_is_still_read() -> None:
    # A faint '3' read with no confidence and a sliver of a box beside its unit: a figure is
    # kept (it joins its row), where a letter read so is a speck.
    words = line(0.33, (NAME, "海幸水産 レトルトカレー 辛口1kg"), (QTY + 0.04, "ケース"))
    (row,) = group_lines(make_page(words + [flat("3", QTY + 0.02, 0.338, conf=0.0)]))
    assert row.text.endswith("3 ケース")


def test_japanese_titles_standing_close_are_separate_titles() -> None:
    # 数量 read as '生' and 単価 as '間価', close enough to 単位 to make one segment: a gap
    # beside Japanese text ends a title. Latin words stay one title ('Unit Price').
    assert roles(((0.08, "No"), (0.25, "商品名"), (0.48, "生"), (0.505, "単位"),
                  (0.547, "間価"))) == ["line_no", "description", "quantity", "unit", "unit_price"]
    assert roles(((0.08, "Item No."), (0.25, "Description"), (0.50, "Qty"), (0.56, "Unit"),
                  (0.62, "Unit Price"))) == ["code", "description", "quantity", "unit",
                                             "unit_price"]


def test_a_name_whose_count_ocr_set_apart_beside_it_is_a_row_not_a_wrap() -> None:
    # Rows packed tight: '白峰酒造 焼酎 1.8L' just under a row with its count, and its own
    # '1 CS' read as a line of its own a little higher. The name was taken for the wrapped
    # rest of the row above, and its count dropped as one that row already had.
    tall = [Word(t, Box(1, x, 0.342, x + 0.08, 0.366), 0.9)
            for x, t in ((NAME, "白峰酒造"), (NAME + 0.09, "本格焼酎"), (NAME + 0.18, "1.8L"))]
    fragment = [word("1", QTY + 0.01, 0.341), word("CS", UNIT, 0.341)]
    lines = quantities(line(0.30, *TITLES), item(0.33, "丸正醤油 濃口醤油 18L", "30", "缶"),
                       fragment, tall, item(0.372, "高原ミート 無塩バター 200g", "4", "個"))
    assert lines == [("丸正醤油 濃口醤油 18L", 30), ("白峰酒造本格焼酎1.8L", 1),
                     ("高原ミート 無塩バター 200g", 4)]
