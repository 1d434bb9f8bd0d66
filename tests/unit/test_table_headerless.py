"""A line-item table whose header row is missing or unreadable: columns from the rows."""

from __future__ import annotations

from parse_words import line, make_page

from ordertake.domain import Box, SourceMeta, Word
from ordertake.ocr.textpages import text_pages
from ordertake.parse.lines import group_lines
from ordertake.parse.order import parse_pages
from ordertake.parse.table import find_table

META = SourceMeta(filename="fax.tif")
CODE, NAME, PACK, QTY, UNIT, PRICE, AMOUNT = 0.08, 0.20, 0.52, 0.60, 0.66, 0.74, 0.85
ITEMS = (("A-1021", "サラダ油 1000g", "12", "3", "本", "420", "1,260"),
         ("B-2203", "マヨネーズ 350g", "20", "10", "本", "380", "3,800"),
         ("C-3310", "北星乳業 油揚げ 10枚", "10", "2", "袋", "150", "300"))


def page_lines(*lines: list[Word]) -> list[tuple[str, float, str | None]]:
    draft = parse_pages([make_page(*lines)], META)[0]
    return [(x.description, x.quantity, x.unit) for x in draft.lines]


def test_rows_without_a_header_row_are_read_by_their_columns() -> None:
    # The shaded title row came out of the fax unreadable: pack, quantity and unit still
    # stand one under the other, and the count just before the unit is the quantity.
    rows = [line(0.30 + 0.03 * k, (CODE, c), (NAME, n), (PACK, p), (QTY, q), (UNIT, u),
                 (PRICE, pr), (AMOUNT, a))
            for k, (c, n, p, q, u, pr, a) in enumerate(ITEMS)]
    header = line(0.15, (0.10, "株式会社東都フードサービス 御中"))
    assert page_lines(header, *rows) == [
        ("サラダ油 1000g", 3, "本"), ("マヨネーズ 350g", 10, "本"),
        ("北星乳業 油揚げ 10枚", 2, "袋")]
    table = find_table([group_lines(make_page(header, *rows))])
    assert table is not None
    assert [c.role for c in table.columns] == [
        "code", "description", "pack", "quantity", "unit", "unit_price", "amount"]


def test_quantity_times_price_tells_the_quantity_among_bare_figures() -> None:
    # No unit column: of pack, quantity, price and amount, quantity × price = amount.
    rows = [line(0.30 + 0.03 * k, (CODE, c), (NAME, n), (PACK, p), (QTY, q), (PRICE, pr),
                 (AMOUNT, a))
            for k, (c, n, p, q, _, pr, a) in enumerate(ITEMS)]
    assert [q for _, q, _ in page_lines(*rows)] == [3, 10, 2]


def test_a_typed_list_that_sets_some_counts_apart_is_no_table() -> None:
    # An e-mail's list: two lines with the count far right, the others typed close.
    lines = [
        line(0.30, (0.05, "1."), (0.08, "さくら食品 ヨーグルト 400g"), (0.70, "10CS")),
        line(0.33, (0.05, "・朝霧ビバレッジ オレンジジュース 200ml ×10本")),
        line(0.36, (0.05, "・花かつお 100g(信州製麺) ×2袋")),
        line(0.39, (0.05, "6."), (0.08, "ポテトチップス うすしお 135g"), (0.70, "48袋")),
        line(0.42, (0.05, "越後米穀 片栗粉 250g 2袋")),
    ]
    assert [q for _, q, _ in page_lines(*lines)] == [10, 10, 2, 48, 2]


def test_a_count_its_unit_and_a_remark_read_as_one_cell_stand_in_three_columns() -> None:
    # '5ケース 在庫確認' came out as one cell; the nine other rows show the columns apart.
    names = ("ベーコン スライス 500g", "スパゲッティ 1.8mm", "フライドポテト 2.5kg",
             "ハンバーグ 80g×10個", "食塩 1kg", "とんかつソース 500ml", "本みりん 1.8L",
             "冷凍うどん 5食", "ほうじ茶 2L", "えび天ぷら 10尾")
    counts = (5, 4, 12, 48, 6, 2, 48, 3, 2, 4)
    units = ("ケース", "袋", "袋", "袋", "本", "パック", "本", "ケース", "本", "パック")
    rows = [line(0.30 + 0.03 * k, (NAME, n), (QTY, str(q)), (UNIT, u), (PRICE, "至急"))
            for k, (n, q, u) in enumerate(zip(names, counts, units, strict=True))]
    rows[0] = line(0.30, (NAME, names[0]), (QTY, "5ケース 在庫確認"))
    assert [(q, u) for _, q, u in page_lines(*rows)] == list(zip(counts, units, strict=True))


def test_counts_ocr_lost_leave_their_column_open_and_the_prices_tell_them() -> None:
    # Every thin '1' and '2' lost: units, prices and amounts remain. The count is never the
    # price after the unit; amount ÷ unit price gives it.
    rows = [line(0.30 + 0.03 * k, (CODE, c), (NAME, n), (UNIT, u), (PRICE, p), (AMOUNT, a))
            for k, (c, n, u, p, a) in enumerate((
                ("290736", "北星 炭酸水 500ml", "cs", "1,776", "1,776"),
                ("290039", "信州製麺 スパゲティ 1.4mm", "bag", "208", "208"),
                ("290431", "高原ミート 無塩バター 200g", "pc", "523", "1,046")))]
    assert [(q, u) for _, q, u in page_lines(*rows)] == [(1, "ケース"), (1, "袋"), (2, "個")]


def test_a_totals_line_is_no_row_of_the_table() -> None:
    from ordertake.parse.headerless import is_row_like

    (total,) = group_lines(make_page(line(0.5, (0.66, "合計金額"), (0.82, "148,182"))))
    (row,) = group_lines(make_page(line(0.4, (NAME, "胡麻油 1650g"), (QTY, "6"))))
    assert not is_row_like(total)
    assert is_row_like(row)


def test_a_typed_list_whose_lines_happen_to_line_up_is_no_table() -> None:
    # An e-mail body: a few lines put the quantity after an ideographic space, so their
    # characters stand in columns; each line is still an order line of its own.
    body = "\n".join([
        "下記の通り発注いたします。",
        "",
        "・金印食品 うすくちしょうゆ 1.8L ×2本",
        "2. 海幸水産 みかん缶 3kg\u300048缶",
        "ミドリ産業 食器洗いスポンジ 3個\u30002 C/S",
        "瀬戸内酒造 純米酒 720ml\u3000５ 本",
        "D-10386 日東 焼のり 全形10枚 6袋",
        "海幸水産 パスタ1.8 500g\u30006 袋",
    ])
    draft = parse_pages(text_pages(body), SourceMeta(filename="mail.eml"))[0]
    assert [(x.quantity, x.unit) for x in draft.lines] == [
        (2, "本"), (48, "缶"), (2, "ケース"), (5, "本"), (6, "袋"), (6, "袋")]
    assert draft.lines[4].code == "D-10386"


def test_rows_whose_counts_ocr_lost_between_rows_stay_in_the_table() -> None:
    # Two rows in the middle came out with no count OCR could read ('ーー', '0'); the rows
    # below them are rows of the same table, and the two are read again from the picture.
    names = ("ウスターソース 500ml", "パン粉 2kg", "えび天 10尾", "コーン缶 425g",
             "だし昆布 100g", "ツナ缶 70g", "ポテトチップス 85g")
    counts = ("2", "1", "10", "ーー", "0", "5", "24")
    units = ("本", "袋", "パック", "缶", "袋", "缶", "袋")
    rows = [line(0.30 + 0.03 * k, (NAME, n), (QTY, q), (UNIT, u))
            for k, (n, q, u) in enumerate(zip(names, counts, units, strict=True))]
    pages = [group_lines(make_page(*rows))]
    table = find_table(pages)
    assert table is not None and len(table.rows) == 7
    asked: list[float] = []

    def read_cell(box: Box) -> str:
        asked.append(round(box.y0, 2))
        return {0.39: "12", 0.42: "20"}.get(round(box.y0, 2), "")

    draft = parse_pages([make_page(*rows)], META, read_cell)[0]
    assert [x.quantity for x in draft.lines] == [2, 1, 10, 12, 20, 5, 24]


def test_a_unit_column_half_misread_is_still_the_unit_column() -> None:
    # A poor fax: half the units come out as other characters ('代' for 袋, '傘' for 缶).
    names = ("ウスターソース 500ml", "ポテトチップス 85g", "パン粉 2kg", "えび天 10尾",
             "だし昆布 100g", "ツナ缶 70g")
    units = ("本", "喪", "代", "袋", "パック", "傘")
    rows = [line(0.30 + 0.03 * k, (NAME, n), (QTY, str(k + 2)), (UNIT, u))
            for k, (n, u) in enumerate(zip(names, units, strict=True))]
    table = find_table([group_lines(make_page(*rows))])
    assert table is not None
    assert [c.role for c in table.columns] == ["description", "quantity", "unit"]
