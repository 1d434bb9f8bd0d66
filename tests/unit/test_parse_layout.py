"""Words → lines → the line-item table, with hand-built words (no OCR)."""

from __future__ import annotations

import datetime as dt

import pytest
from parse_words import line, make_page

from ordertake.domain import Box, PageSource, SourceMeta
from ordertake.parse.layout import header_columns
from ordertake.parse.lines import group_lines
from ordertake.parse.order import parse_pages

X = {"no": 0.08, "code": 0.13, "name": 0.30, "qty": 0.62, "unit": 0.70, "price": 0.77,
     "amount": 0.86}
META = SourceMeta(filename="order.pdf")


def header(y: float, page: int = 1, names: tuple[str, ...] = ("No", "商品コード", "商品名", "数量",
           "単位", "単価", "金額")) -> list:
    return line(y, *zip(X.values(), names, strict=True), page=page)


def row(y: float, no: str, code: str, name: str, qty: str, unit: str, price: str = "",
        amount: str = "", page: int = 1) -> list:
    cells = [(X["no"], no), (X["code"], code), (X["name"] - 0.05, name), (X["qty"] + 0.02, qty),
             (X["unit"], unit), (X["price"], price), (X["amount"], amount)]
    return line(y, *[(x, t) for x, t in cells if t], page=page)


def parse(*lines: list, **kw) -> object:
    return parse_pages([make_page(*lines, **kw)], META)[0]


def test_words_cluster_into_lines_ordered_by_x() -> None:
    words = line(0.2, (0.5, "数量"), (0.1, "商品名")) + line(0.1, (0.3, "注文書"))
    lines = group_lines(make_page(words))
    assert [ln.text for ln in lines] == ["注文書", "商品名 数量"]


def test_single_cjk_characters_join_without_spaces() -> None:
    words = line(0.2, (0.100, "醤"), (0.117, "油"), (0.3, "6"))
    assert group_lines(make_page(words))[0].text == "醤油 6"


def test_table_rows_with_code_quantity_unit_price_amount() -> None:
    draft = parse(
        header(0.30),
        row(0.33, "1", "A-10023", "菱屋本店 醤油 特選丸大豆 1.8L", "6", "本", "420", "2,520"),
        row(0.36, "2", "B-2001", "緑茶 525ml", "2", "c/s", "2,400", "4,800"),
        line(0.40, (0.6, "合計"), (X["amount"], "7,320")),
    )
    assert [(x.code, x.description, x.quantity, x.unit, x.unit_price, x.amount)
            for x in draft.lines] == [
        ("A-10023", "菱屋本店 醤油 特選丸大豆 1.8L", 6, "本", 420, 2520),
        ("B-2001", "緑茶 525ml", 2, "ケース", 2400, 4800),
    ]
    assert all(x.box is not None and x.confidence > 0.9 for x in draft.lines)


def test_rows_without_quantity_and_totals_are_not_lines() -> None:
    draft = parse(
        header(0.30),
        row(0.33, "1", "A-1", "醤油 1.8L", "6", "本"),
        row(0.36, "2", "A-2", "みりん 1L", "", "本"),
        row(0.39, "3", "A-3", "米酢 500ml", "３", "本"),
        line(0.42, (0.5, "小計"), (X["qty"] + 0.02, "9")),
        line(0.45, (0.5, "合計"), (X["qty"] + 0.02, "9")),
    )
    assert [(x.code, x.quantity) for x in draft.lines] == [("A-1", 6), ("A-3", 3)]


def test_wrapped_description_joins_the_row_above() -> None:
    draft = parse(
        header(0.30),
        row(0.33, "1", "A-1", "業務用 特選丸大豆しょうゆ", "6", "本"),
        line(0.345, (X["name"] - 0.05, "1.8Lペットボトル")),
        row(0.37, "2", "A-2", "みりん 1L", "2", "本"),
    )
    assert [x.description for x in draft.lines] == ["業務用 特選丸大豆しょうゆ 1.8Lペットボトル",
                                                     "みりん 1L"]
    assert draft.lines[0].box is not None and draft.lines[0].box.y1 > 0.345


def test_mismatched_amount_warns_and_lowers_confidence() -> None:
    draft = parse(header(0.30), row(0.33, "1", "A-1", "醤油", "6", "本", "420", "3,000"))
    (item,) = draft.lines
    assert item.confidence < 0.6
    assert item.warnings and "3000" in item.warnings[0]
    assert any("line 1" in w for w in draft.warnings)


def test_quantity_with_unit_in_one_cell() -> None:
    names = ("No", "品番", "品名", "数量", "単位", "単価", "金額")
    draft = parse(header(0.30, names=names), row(0.33, "1", "KT-0451", "醤油", "2ケース", ""))
    assert (draft.lines[0].quantity, draft.lines[0].unit) == (2, "ケース")


def test_ocr_damaged_header_words_still_make_a_header() -> None:
    names = ("N0", "商品コ一ド", "商品名", "数畺", "単位", "単価", "金額")
    columns = header_columns(group_lines(make_page(header(0.3, names=names)))[0])
    assert columns is not None
    assert {"code", "description", "quantity", "unit"} <= {c.role for c in columns}


def test_a_garbled_title_as_near_two_keywords_takes_the_role_the_row_lacks() -> None:
    # 品名 read 本名: one character from 本数 (a count) as from 品名. Beside the row's own
    # 数量 it is the name column; taken for a second count, the rows had no names at all.
    faxed = line(0.3, (0.08, "数量"), (0.16, "単位"), (0.25, "品番"), (0.45, "本名"),
                 (0.75, "備考"))
    columns = header_columns(group_lines(make_page(faxed))[0])
    assert columns is not None
    assert [c.role for c in columns] == ["quantity", "unit", "code", "description", "note"]
    alone = line(0.3, (0.08, "品番"), (0.45, "本数"), (0.6, "単位"))  # no 数量: 本数 counts
    assert "quantity" in {c.role for c in header_columns(group_lines(make_page(alone))[0]) or []}


def test_a_product_title_that_ocr_cut_in_two_is_one_title() -> None:
    # 「ご注文商品」 read as 'ご注文' and '商品' a little apart: 'ご注文' alone was taken for a
    # second count, beside 「ご注文数」, and became the pack column holding the names.
    faxed = line(0.3, (0.26, "ご注文 商品"), (0.56, "ご注文数"), (0.73, "お届けについて"))
    columns = header_columns(group_lines(make_page(faxed))[0])
    assert columns is not None
    assert [c.role for c in columns] == ["description", "quantity", "other"]


def test_a_dotted_rule_read_as_two_letters_is_no_column() -> None:
    """OCR read a dotted rule in the title row as 'リュ', two letters stretched over six
    characters' width: no column, so the names under it stay whole. A title spaced out
    across its cell ('産　地') is a column."""
    from ordertake.domain import Word

    em = 0.012  # parse_words.CHAR_H
    titles = line(0.3, (0.07, "コード"), (0.19, "商品名"), (0.84, "ご注文数"))
    rule = Word("リュ", Box(1, 0.39, 0.3, 0.39 + 6.5 * em * 3508 / 2480, 0.3 + em), 0.3)
    columns = header_columns(group_lines(make_page(titles + [rule]))[0])
    assert columns is not None
    assert [c.role for c in columns] == ["code", "description", "quantity"]
    spaced = Word("産　地", Box(1, 0.5, 0.3, 0.5 + 3 * em * 3508 / 2480, 0.3 + em), 0.9)
    columns = header_columns(group_lines(make_page(titles + [spaced]))[0])
    assert columns is not None
    assert [c.role for c in columns] == ["code", "description", "other", "quantity"]


@pytest.mark.parametrize("cells", [
    ((0.1, "品"), (0.2, "ーー"), (0.6, "数量"), (0.7, "単位"), (0.8, "備考")),
    ((0.1, "和EE"), (0.6, "必"), (0.7, "単位"), (0.8, "備考")),
])
def test_a_header_whose_description_or_quantity_word_is_unreadable(cells: tuple) -> None:
    # Header words apart are a header; unreadable words before 単位 are quantity, description.
    faxed = line(0.3, *cells)
    columns = header_columns(group_lines(make_page(faxed))[0])
    assert columns is not None
    assert [c.role for c in columns] == ["description", "quantity", "unit", "note"]
    # One segment holding the same words is a sentence, not a header.
    note = line(0.3, (0.1, "備考：数量は単位ケースで"))
    assert header_columns(group_lines(make_page(note))[0]) is None


def test_english_header() -> None:
    names = ("No.", "Item No.", "Description", "Qty", "Unit", "Unit Price", "Amount")
    draft = parse(header(0.30, names=names), row(0.33, "1", "080087", "Tomato sauce 1kg", "10",
                                                  "bag", "160", "1,600"))
    assert [(x.code, x.quantity, x.unit, x.amount) for x in draft.lines] == [
        ("080087", 10, "袋", 1600)]


def test_table_continues_on_the_next_page_with_or_without_a_repeated_header() -> None:
    page1 = make_page(header(0.30), row(0.33, "1", "A-1", "醤油", "6", "本"),
                      line(0.9, (0.5, "小計"), (X["qty"] + 0.02, "6")))
    page2 = make_page(header(0.10, page=2), row(0.13, "2", "A-2", "みりん", "2", "本", page=2),
                      number=2)
    page3 = make_page(row(0.10, "3", "A-3", "米酢", "1", "本", page=3), number=3)
    draft = parse_pages([page1, page2, page3], META)[0]
    assert [(x.code, x.box.page if x.box else 0) for x in draft.lines] == [
        ("A-1", 1), ("A-2", 2), ("A-3", 3)]


def test_varying_row_counts_and_no_ruled_lines_need_no_grid() -> None:
    rows = [row(0.33 + 0.03 * i, str(i + 1), f"A-{i}", f"商品{i}", str(i + 1), "個")
            for i in range(12)]
    draft = parse(header(0.30), *rows)
    assert [x.quantity for x in draft.lines] == list(range(1, 13))


def test_no_header_falls_back_to_free_text_lines() -> None:
    draft = parse(
        line(0.10, (0.1, "ご注文")),
        line(0.15, (0.1, "醤油 特選丸大豆1.8L"), (0.5, "6本")),
        line(0.18, (0.1, "KT-0451"), (0.3, "10")),
        line(0.25, (0.1, "TEL 03-1234-5678")),
    )
    assert [(x.description, x.code, x.quantity, x.unit) for x in draft.lines] == [
        ("醤油 特選丸大豆1.8L", None, 6, "本"), ("", "KT-0451", 10, None)]


def test_header_fields_fax_header_and_evidence() -> None:
    draft = parse(
        line(0.02, (0.05, "2026/11/20 09:41"), (0.3, "FROM: 03-1234-5679"), (0.55, "山田商店"),
             (0.85, "P.001/001")),
        line(0.10, (0.05, "丸和食品株式会社 御中"), (0.6, "株式会社山田商店")),
        line(0.12, (0.05, "FAX 03-9999-0000"), (0.6, "TEL 03-1234-5678 FAX 03-1234-5679")),
        line(0.15, (0.05, "発注番号: PO-2026-1182"), (0.6, "納品先: 本店厨房")),
        line(0.18, (0.05, "発注日: 令和8年11月20日")),
        line(0.21, (0.05, "納品日: 11/25(水)")),
        header(0.30),
        row(0.33, "1", "A-1", "醤油", "6", "本"),
        line(0.50, (0.05, "備考: 午前中にお願いします")),
    )
    assert draft.customer_name == "株式会社山田商店"
    assert draft.order_number == "PO-2026-1182"
    assert draft.order_date == dt.date(2026, 11, 20)
    assert draft.delivery_date == dt.date(2026, 11, 25)
    assert draft.ship_to == "本店厨房"
    assert draft.notes == "午前中にお願いします"
    assert draft.customer_tel == "03-1234-5678" and draft.customer_fax == "03-1234-5679"
    assert draft.sender_fax == "03-1234-5679" and draft.fax_pages == (1, 1)
    ev = draft.evidence["order_number"]
    assert ev.box is not None and ev.box.page == 1 and 0.14 < ev.box.y0 < 0.16
    assert 0 < ev.confidence <= 1


def test_relative_delivery_date_counts_from_the_order_date() -> None:
    draft = parse(line(0.05, (0.1, "納品日: 明日")), line(0.08, (0.1, "発注日: 2026/11/20")),
                  line(0.2, (0.1, "醤油 6本")))
    assert draft.delivery_date == dt.date(2026, 11, 21)


def test_email_text_page_takes_the_receive_date_as_order_date() -> None:
    page = make_page(line(0.01, (0, "醤油 特選丸大豆1.8L 6本")), source=PageSource.TEXT)
    meta = SourceMeta(filename="m.eml", received_at=dt.datetime(2026, 11, 20, 9, 0))
    (draft,) = parse_pages([page], meta)
    assert draft.order_date == dt.date(2026, 11, 20)
    assert draft.lines[0].quantity == 6


def test_empty_pages_give_a_draft_that_says_so() -> None:
    (draft,) = parse_pages([make_page()], META)
    assert draft.lines == [] and "no order lines found" in draft.warnings


def test_misread_quantity_is_repaired_from_amount_and_unit_price() -> None:
    draft = parse(header(0.30), row(0.33, "1", "A-1", "醤油", "241", "本", "420", "10,080"),
                  row(0.36, "2", "A-2", "酢", "7", "本", "100", "1,000"),
                  row(0.39, "3", "A-3", "砂糖", "390", "袋", "658", "19,740"))
    assert [x.quantity for x in draft.lines] == [24, 7, 30]
    assert "taken as 24" in draft.lines[0].warnings[0]
    assert draft.lines[1].warnings and draft.lines[1].confidence < 0.6  # too far to repair
    assert "taken as 30" in draft.lines[2].warnings[0]  # a speck read as a digit inside


def test_free_text_line_with_a_trailing_note_cell() -> None:
    draft = parse(
        line(0.2, (0.1, "ニトリル手袋 100枚"), (0.5, "6"), (0.6, "箱"), (0.75, "在庫確認"))
    )
    assert [(x.quantity, x.unit) for x in draft.lines] == [(6, "箱")]


def test_unreadable_quantity_and_pack_headers_are_inferred_from_their_place() -> None:
    names = ("No", "商品コード", "品名", "ABR", "RH", "単位", "金額")
    columns = header_columns(group_lines(make_page(header(0.3, names=names)))[0])
    assert columns is not None
    assert [c.role for c in columns] == ["line_no", "code", "description", "pack", "quantity",
                                         "unit", "amount"]


def test_ocr_misread_dates_are_repaired_near_the_fax_header_date() -> None:
    draft = parse(
        line(0.02, (0.05, "2026/07/03 14:18"), (0.3, "FAX 045-362-5777"), (0.85, "P.1/1")),
        line(0.17, (0.05, "発注日 2926年7月3日")),
        line(0.20, (0.05, "納品日: 2926/97/08")),
        line(0.30, (0.1, "醤油 6本")),
    )
    assert (draft.order_date, draft.delivery_date) == (dt.date(2026, 7, 3), dt.date(2026, 7, 8))


@pytest.mark.parametrize(
    ("order", "delivery", "expected"),
    [
        # 9 read as 7: an order dated two months before it was faxed is a misreading.
        ("2026年7月9日", "2026年9月12日", (dt.date(2026, 9, 9), dt.date(2026, 9, 12))),
        # 8 read as 3: delivery before the order is a misreading.
        ("2026/8/20", "2026/3/25", (dt.date(2026, 8, 20), dt.date(2026, 8, 25))),
        # Outside the window with no one-digit repair inside: kept as written.
        ("2026/9/9", "2026/12/24", (dt.date(2026, 9, 9), dt.date(2026, 12, 24))),
        # A space inside the day.
        ("2026/09/0 9", "2026/9/1 2", (dt.date(2026, 9, 9), dt.date(2026, 9, 12))),
    ],
)
def test_dates_outside_their_window_are_repaired_by_one_faxed_digit(
    order: str, delivery: str, expected: tuple
) -> None:
    draft = parse(
        line(0.02, (0.05, "2026/09/09 14:18"), (0.3, "FAX 045-362-5777"), (0.85, "P.1/1")),
        line(0.17, (0.05, f"発注日 {order}")),
        line(0.20, (0.05, f"納品日 {delivery}")),
        line(0.30, (0.1, "醤油 6本")),
    )
    assert (draft.order_date, draft.delivery_date) == expected


def test_without_a_fax_or_receive_date_the_delivery_date_is_read_as_written() -> None:
    # Nothing anchors the order date (it may be the misread one): no repair against it.
    draft = parse(line(0.17, (0.05, "発注日 2026年6月2日")),
                  line(0.20, (0.05, "納品日 2026/02/10")), line(0.30, (0.1, "醤油 6本")))
    assert (draft.order_date, draft.delivery_date) == (dt.date(2026, 6, 2), dt.date(2026, 2, 10))


@pytest.mark.parametrize(("written", "read"), [("P0-2026-9631", "PO-2026-9631"),
                                               ("A2603-45", "A2603-45"), ("084291", "084291"),
                                               ("PO-2026-0949", "PO-2026-0949"),
                                               ("PO0-2026-5665", "PO0-2026-5665")])
def test_order_number_prefix_zero_is_the_letter_o(written: str, read: str) -> None:
    draft = parse(line(0.17, (0.05, f"注文番号 {written}")), line(0.30, (0.1, "醤油 6本")))
    assert draft.order_number == read


def test_faxed_quantity_cells_read_through_specks_and_look_alikes() -> None:
    draft = parse(
        header(0.30),
        row(0.33, "1", "A-1", "醤油 1L", "」", "ケース"),  # a faxed 1 read as a bracket
        row(0.36, "2", "A-2", "緑茶 2L", "iz", "本", "198", "2376"),
        row(0.39, "3", "A-3", "麦茶 2L", "\"4", "袋", "'274", "1.096"),  # specks; a point for ,
    )
    assert [(x.code, x.quantity, x.unit, x.unit_price, x.amount) for x in draft.lines] == [
        ("A-1", 1, "ケース", None, None), ("A-2", 12, "本", 198, 2376),
        ("A-3", 4, "袋", 274, 1096)]
    assert not any(x.warnings for x in draft.lines)


def test_lost_quantity_is_taken_from_amount_and_unit_price_with_a_warning() -> None:
    draft = parse(header(0.30), row(0.33, "1", "A-1", "醤油 1L", "", "本", "420", "2,520"),
                  row(0.36, "2", "A-2", "酢 1L", "", "本", "", ""))
    assert [(x.code, x.quantity) for x in draft.lines] == [("A-1", 6)]
    assert "amount 2520 ÷ unit price 420" in draft.lines[0].warnings[0]
    assert draft.lines[0].confidence < 0.9


def test_ocr_misread_labels_and_a_bare_header_number() -> None:
    # Seen on real fine faxes: no FROM label, FAX read as FAN, No. read as Ro.
    draft = parse(
        line(0.01, (0.02, "2027-02-18 13:09 0489782060 有限会社洋食ネッ大島 P. 1/1")),
        line(0.12, (0.07, "株式会社東都フードサービス 様"), (0.56, "有限会社洋食キッチン大島")),
        line(0.15, (0.07, "FAN 03-5678-9012"), (0.56, "電話 042-244-2633")),
        line(0.18, (0.56, "FAN 048-978-2060")),
        line(0.22, (0.06, "注文Ro. 27021836")),
        header(0.30),
        row(0.33, "1", "A-1", "醤油", "6", "本"),
    )
    assert draft.sender_fax == "0489782060" and draft.fax_pages == (1, 1)
    assert draft.customer_fax == "048-978-2060"
    assert draft.order_number == "27021836"


def test_value_on_a_shifted_baseline_beside_its_label() -> None:
    # The value sits a little higher than its label and comes in pieces, with a speck.
    draft = parse(
        line(0.163, (0.17, "R9.2."), (0.22, "17.")),
        line(0.170, (0.09, "発注日:'")),
        line(0.189, (0.09, "納品日:"), (0.17, "2027年2月18日")),
        header(0.30),
        row(0.33, "1", "A-1", "醤油", "6", "本"),
    )
    assert draft.order_date == dt.date(2027, 2, 17)
    assert draft.delivery_date == dt.date(2027, 2, 18)


def test_a_speck_in_the_header_row_is_not_a_column() -> None:
    # 'ー' left of a centred 品名 once passed for コード and cut every description in two.
    page = make_page(line(0.25, (0.06, "ー"), (0.24, "品名"), (0.52, "数量"), (0.60, "単位")))
    (header_line,) = group_lines(page)
    columns = header_columns(header_line)
    assert columns is not None
    assert [c.role for c in columns] == ["description", "quantity", "unit"]
    assert columns[0].x0 == 0.0


def test_tight_rows_that_all_lost_their_quantity_stay_apart_for_a_re_read() -> None:
    # A faxed page 2 where OCR dropped the whole quantity column: without a quantity or a
    # price on the row above, a description-only line is a row of its own, not a wrap.
    names = ["瀬戸内食品 本みりん 1800cc", "さくら食品 有塩バター 200g", "朝日 油あげ 3枚"]
    lines = [line(0.33 + 0.014 * i, (X["name"] - 0.05, name)) for i, name in enumerate(names)]
    asked: list[float] = []

    def read_cell(box: Box) -> str:
        asked.append(box.y0)
        return str(len(asked) + 1)

    draft = parse_pages([make_page(header(0.30), *lines)], META, read_cell)[0]
    assert [(x.description, x.quantity) for x in draft.lines] == [
        (names[0], 2), (names[1], 3), (names[2], 4)]
    assert asked == sorted(asked) and len(asked) == 3
    assert all("read again" in x.warnings[0] for x in draft.lines)


def test_a_doubtful_quantity_is_read_again_from_the_picture() -> None:
    # The Japanese model reads a faxed slashed 0 as 9, 8 or 6, and a rule beside a digit as a
    # second number; a digits-only re-read of the cell decides. Single digits and quantities
    # the amount confirms are never asked about.
    rows = [row(0.33, "1", "A-1", "醤油 1L", "19", "本"),
            row(0.36, "2", "A-2", "酢 1L", "16", "本", "100", "1,600"),
            row(0.39, "3", "A-3", "みりん 1L", "8", "本"),
            row(0.42, "4", "A-4", "ソース 1L", "38", "本"),
            row(0.45, "5", "A-5", "ごま油 600g", "4 1", "本"),  # a rule beside the 4
            row(0.48, "6", "A-6", "ラー油 30g", "1 2", "本", "328", "3,936")]  # confirmed 12
    rereads = {"19": "10", "38": "38", "4": "4"}
    asked: list[str] = []

    def read_cell(box: Box) -> str:
        written = next(r for r in rows if abs(r[0].box.y0 - box.y0) < 0.005)
        qty = next(w.text for w in written if abs(w.box.x0 - X["qty"] - 0.02) < 0.001)
        asked.append(qty)
        return rereads[qty]

    draft = parse_pages([make_page(header(0.30), *rows)], META, read_cell)[0]
    assert [x.quantity for x in draft.lines] == [10, 16, 8, 38, 4, 12]
    assert "read again from the page picture: 10" in draft.lines[0].warnings[0]
    assert not draft.lines[3].warnings and sorted(set(asked)) == ["19", "38", "4"]


def test_dates_whose_labels_ocr_garbled_are_taken_from_their_window() -> None:
    draft = parse(
        line(0.02, (0.05, "2026/11/29 08:09"), (0.3, "FAX 045-362-5777"), (0.85, "P.1/1")),
        line(0.10, (0.05, "定 文日R8.11.29")),  # 注文日 garbled
        line(0.13, (0.05, "お屈け 12/4")),  # お届け日 garbled
        line(0.16, (0.05, "創業 2001/4/1")),  # a date far outside both windows
        line(0.30, (0.1, "醤油 6本")),
    )
    assert (draft.order_date, draft.delivery_date) == (dt.date(2026, 11, 29), dt.date(2026, 12, 4))
    assert draft.evidence["delivery_date"].confidence < 0.8


def test_a_row_ocr_cut_in_two_lines_is_one_row_in_a_table_with_codes() -> None:
    draft = parse(
        header(0.30),
        row(0.33, "1", "A-1", "醤油 1L", "6", "本", "420", "2,520"),
        row(0.36, "2", "A-2", "日之出醸造ウスターソース", "", "", "4,740", "14,220"),
        line(0.368, (X["name"] - 0.05, "500ml"), (X["qty"] + 0.02, "3"), (X["unit"], "cs")),
        row(0.39, "3", "A-3", "みりん 1L", "2", "本", "300", "600"),
    )
    assert [(x.code, x.description, x.quantity, x.unit) for x in draft.lines] == [
        ("A-1", "醤油 1L", 6, "本"), ("A-2", "日之出醸造ウスターソース 500ml", 3, "ケース"),
        ("A-3", "みりん 1L", 2, "本")]
    assert not any(x.warnings for x in draft.lines)


def test_a_line_under_a_row_is_its_own_row_when_the_picture_shows_its_quantity() -> None:
    # OCR lost the quantities of two rows right under a complete one; tight rows look like
    # wrapped descriptions, the picture decides. A real wrap has nothing in the column.
    lines = [header(0.30), row(0.33, "1", "", "ゴミ袋90L 半透明50枚", "12", "袋"),
             line(0.342, (X["name"] - 0.05, "パン粉2kg (讃岐屋)")),
             line(0.354, (X["name"] - 0.05, "コロッケ 80g×10個")),
             row(0.38, "4", "", "業務用 特選丸大豆しょうゆ", "6", "本"),
             line(0.392, (X["name"] - 0.05, "1.8Lペットボトル"))]
    pictured = {0.342: "10", 0.354: "1"}

    def read_cell(box: Box) -> str:
        return next((q for y, q in pictured.items() if abs(box.y0 - y) < 0.004), "")

    draft = parse_pages([make_page(*lines)], META, read_cell)[0]
    assert [(x.description, x.quantity) for x in draft.lines] == [
        ("ゴミ袋90L 半透明50枚", 12), ("パン粉2kg (讃岐屋)", 10), ("コロッケ 80g×10個", 1),
        ("業務用 特選丸大豆しょうゆ 1.8Lペットボトル", 6)]


def test_a_row_ocr_split_side_by_side_on_one_visual_line_is_one_row() -> None:
    from ordertake.parse.layout import Row, split_cells
    from ordertake.parse.table import _completes

    columns = header_columns(group_lines(make_page(header(0.30)))[0])
    assert columns is not None
    # Two text lines OCR made of one visual line (grouped apart), and a line a row below.
    (left,) = group_lines(make_page(line(0.33, (X["name"] - 0.05, "清流化学ゴミ袋90L"))))
    (right,) = group_lines(make_page(row(0.331, "", "", "半透明 50枚", "3", "袋")))
    (below,) = group_lines(make_page(row(0.36, "", "", "みりん 1L", "2", "本")))
    above = Row(1, split_cells(left, columns), [left])
    assert _completes(right, split_cells(right, columns), above, None, code_rows=False)
    assert not _completes(below, split_cells(below, columns), above, None, code_rows=False)


def test_specks_at_the_ends_of_a_code_cell() -> None:
    draft = parse(header(0.30), row(0.33, "", "ー B-10558", "半透明 50枚", "3", "袋"),
                  row(0.36, "", "・C-10187.", "みりん 1L", "2", "本"))
    assert [x.code for x in draft.lines] == ["B-10558", "C-10187"]


def test_a_misread_pack_header_before_the_quantity_is_the_pack_column() -> None:
    # 入数 read as 人数 holds 数 like 数量: the first of two quantity columns is the pack count.
    names = ("No", "商品コード", "商品名", "人数", "数量", "単位", "金額")
    draft = parse(header(0.30, names=names),
                  row(0.33, "1", "A-1", "中濃ソース 300ml", "20", "1", "本"))
    assert [(x.code, x.quantity) for x in draft.lines] == [("A-1", 1)]
