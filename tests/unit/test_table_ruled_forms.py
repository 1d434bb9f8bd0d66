"""Ruled forms laid out by a browser: titles on two lines, cells centred in rows whose
name and count wrap (a narrow count column: '2' over '4'), and headerless rows whose count
carries its unit ('12 袋') beside prices a fax partly misread."""

from __future__ import annotations

from parse_words import line, make_page

from ordertake.domain import PageSource, SourceMeta, Word
from ordertake.parse.lines import group_lines
from ordertake.parse.order import parse_pages
from ordertake.parse.table import find_table

META = SourceMeta(filename="po.pdf")
CODE, NAME, QTY, UOM, PRICE, EXT = 0.08, 0.20, 0.60, 0.66, 0.75, 0.86


def header() -> list[list[Word]]:
    """'Item / Code', 'Unit / Price', 'Ext. / Price' on two lines; the one-line titles
    centred between them, on a line of their own."""
    return [line(0.200, (CODE, "Item"), (PRICE, "Unit"), (EXT, "Ext.")),
            line(0.211, (0.30, "Description"), (QTY, "Qty"), (UOM, "UOM")),
            line(0.222, (CODE, "Code"), (PRICE, "Price"), (EXT, "Price"))]


def row(y: float, code: str, name: str, qty: str, uom: str, price: str, ext: str
        ) -> list[Word]:
    return line(y, (CODE, code), (NAME, name), (QTY, qty), (UOM, uom), (PRICE, price),
                (EXT, ext))


def lines_of(*lines: list[Word]) -> list[tuple[str | None, float, str | None, float | None]]:
    draft = parse_pages([make_page(*lines, source=PageSource.TEXT_LAYER)], META)[0]
    return [(x.code, x.quantity, x.unit, x.amount) for x in draft.lines]


def test_titles_written_on_two_lines_name_their_columns() -> None:
    body = [row(0.26, "A-10151", "ウスター 1800cc", "12", "本", "824", "9,888")]
    table = find_table([group_lines(make_page(*header(), *body,
                                              source=PageSource.TEXT_LAYER))])
    assert table is not None
    assert [c.role for c in table.columns] == [
        "code", "description", "quantity", "unit", "unit_price", "amount"]
    assert lines_of(*header(), *body) == [("A-10151", 12, "本", 9888)]


def test_a_count_wrapped_in_a_narrow_cell_is_one_count() -> None:
    # '24' broken over two lines, the name too; code, unit and prices centred between.
    staggered = [line(0.300, (NAME, "スポーツドリンク"), (QTY, "2")),
                 line(0.311, (CODE, "B-10386"), (UOM, "本"), (PRICE, "108"), (EXT, "2,592")),
                 line(0.322, (NAME, "500ml"), (QTY, "4"))]
    wrapped_unit = [line(0.340, (UOM, "パッ")),
                    line(0.351, (CODE, "G-10008"), (NAME, "オイルツナ 70g"), (QTY, "6")),
                    line(0.362, (UOM, "ク"))]
    after = row(0.390, "C-10188", "発泡酒 500ml", "5", "ケース", "4,280", "21,400")
    assert lines_of(*header(), *staggered, *wrapped_unit, after) == [
        ("B-10386", 24, "本", 2592), ("G-10008", 6, "パック", None),
        ("C-10188", 5, "ケース", 21400)]


def test_a_code_broken_at_its_hyphen_in_a_narrow_cell_is_one_code() -> None:
    # 'F-' over '10041' and a full-width '１' over '２' in the narrow cells; the name, unit
    # and prices centred between them.
    staggered = [line(0.300, (CODE, "F-"), (QTY, "１")),
                 line(0.311, (NAME, "ポテトチップス 85g"), (UOM, "袋"), (PRICE, "152"),
                      (EXT, "1,824")),
                 line(0.322, (CODE, "10041"), (QTY, "２"))]
    after = row(0.350, "C-10188", "発泡酒 500ml", "5", "ケース", "4,280", "21,400")
    assert lines_of(*header(), *staggered, after) == [
        ("F-10041", 12, "袋", 1824), ("C-10188", 5, "ケース", 21400)]


def test_two_rows_of_a_noisy_fax_are_not_one_staggered_row() -> None:
    # A speck line between two full rows overlaps both: the rows keep their own counts.
    body = [row(0.300, "A-1", "本みりん 500ml", "1", "本", "400", "400"),
            line(0.309, (EXT, "11.RA80")),
            row(0.318, "B-2", "紙コップ 50個", "2", "袋", "300", "600")]
    assert [q for _, q, _, _ in lines_of(*header(), *body)] == [1, 2]


def test_headerless_rows_with_counts_and_units_find_their_prices() -> None:
    # The title row is unreadable; the counts carry their units; two of five rows have a
    # misread figure, three agree: quantity × unit price = amount names the columns.
    items = (("21 袋", "1,556", "3,100"), ("12 袋", "136", "1,632"),
             ("212", "7.929", "15,840"), ("20 袋", "575", "11,500"), ("6 袋", "250", "1,500"))
    rows = [line(0.30 + 0.03 * k, (NAME, f"商品{k} 200g"), (QTY, q), (PRICE, p), (EXT, a))
            for k, (q, p, a) in enumerate(items)]
    page = make_page(line(0.15, (0.1, "PURCHASE ORDER")), *rows)
    table = find_table([group_lines(page)])
    assert table is not None
    assert [c.role for c in table.columns][-2:] == ["unit_price", "amount"]
    draft = parse_pages([page], SourceMeta(filename="fax.tif"))[0]
    # 21 × 1,556 is not 3,100: the count is not trusted as read.
    assert draft.lines[0].warnings and draft.lines[0].confidence < 0.8


def test_a_last_row_whose_count_ocr_garbled_is_still_a_row() -> None:
    # No readable titles; the last row's '10ケース' came out as '1917-X', no count at all:
    # it names a product one row on, a word in the quantity column, so it is a row.
    items = (("12 袋", "136", "1,632"), ("20 袋", "575", "11,500"), ("6 袋", "250", "1,500"))
    rows = [line(0.30 + 0.03 * k, (CODE, f"E-1064{k}"), (NAME, f"商品{k} 200g"), (QTY, q),
                 (PRICE, p), (EXT, a)) for k, (q, p, a) in enumerate(items)]
    last = line(0.39, (CODE, "A-10350"), (NAME, "中濃ソース 300ML"), (QTY, "1917-X"))
    page = make_page(line(0.15, (0.1, "PURCHASE ORDER")), *rows, last)
    draft = parse_pages([page], SourceMeta(filename="fax.tif"))[0]
    assert [x.code for x in draft.lines] == ["E-10640", "E-10641", "E-10642", "A-10350"]


def test_figures_under_a_lost_title_far_from_the_quantity_are_no_part_of_it() -> None:
    # 入数 and 備考 lost from the title row: the pack counts stand in the quantity's band,
    # far left of 発注数, a gutter between them. '24' and '48' are not 2448.
    titles = line(0.20, (0.08, "商品名"), (0.63, "発注数"), (0.70, "単位"))
    body = [line(0.23, (0.08, "東洋飲料 麦茶 2L"), (0.47, "6"), (0.67, "3"), (0.70, "ケース")),
            line(0.26, (0.08, "丸正醤油 料理酒 1.8L"), (0.47, "6"), (0.66, "])"),
                 (0.70, "ケース")),
            line(0.29, (0.08, "北星飲料 炭酸水 500ml"), (0.47, "24"), (0.66, "48"), (0.70, "本"))]
    page = make_page(titles, *body)
    table = find_table([group_lines(page)])
    assert table is not None
    assert [c.role for c in table.columns] == ["description", "other", "quantity", "unit"]
    draft = parse_pages([page], SourceMeta(filename="fax.tif"))[0]
    # The second row's count is unreadable ('])' for 1): never the 入数 beside it; the
    # pipeline's picture reader then reads the cell (here there is none).
    assert [(x.quantity, x.unit) for x in draft.lines] == [(3, "ケース"), (48, "本")]


def test_a_count_column_ocr_lost_whole_is_opened_before_the_units() -> None:
    # 'Qty' and every count under it lost (digits right against the rule): the counts'
    # column is opened between the names and the units, and a row with no prices to derive
    # its count from has it read from the picture.
    titles = line(0.20, (CODE, "Item Code"), (0.30, "Description"), (UOM, "UOM"),
                  (PRICE, "Unit Price"), (EXT, "Ext. Price"))
    body = [line(0.23, (CODE, "TB-0154"), (NAME, "梅酒 1800ml"), (UOM, "CS"), (PRICE, "11,280"),
                 (EXT, "11,280")),
            line(0.26, (CODE, "SZ-0081"), (NAME, "純米酒 720ml"), (UOM, "本"))]
    page = make_page(titles, *body)
    table = find_table([group_lines(page)])
    assert table is not None
    assert [c.role for c in table.columns] == [
        "code", "description", "quantity", "unit", "unit_price", "amount"]
    asked = []

    def read_cell(box: object) -> str:
        asked.append(box)
        return "4"
    draft = parse_pages([page], SourceMeta(filename="fax.tif"), read_cell)[0]
    assert [(x.code, x.quantity, x.unit) for x in draft.lines] == [
        ("TB-0154", 1, "ケース"), ("SZ-0081", 4, "本")]
    assert len(asked) == 1 and "read again from the page picture" in draft.lines[1].warnings[0]


def test_counts_right_aligned_far_from_a_centred_title_stay_the_counts() -> None:
    # A wide 発注数 column, its title centred, its counts against the right rule; the 入数
    # figures of a lost title stand far on its other side. The run nearest the title is the
    # counts, however far: only the other is split off.
    titles = line(0.20, (0.08, "商品名"), (0.55, "発注数"), (0.72, "単位"))
    body = [line(0.23 + 0.03 * k, (0.08, f"商品{k} 2L"), (0.40, p), (0.645, q), (0.72, "本"))
            for k, (p, q) in enumerate((("6", "12"), ("24", "6"), ("12", "24")))]
    page = make_page(titles, *body)
    draft = parse_pages([page], SourceMeta(filename="fax.tif"))[0]
    assert [x.quantity for x in draft.lines] == [12, 6, 24]


def test_a_garbled_name_title_after_the_counts_still_names_the_description() -> None:
    # 数量 単位 品番 品名 with 品名 read 'ma名': no keyword names the column, yet its cells
    # name the products. As the description, a row whose count OCR lost has it read from
    # the picture rather than being dropped as a row that orders nothing.
    titles = line(0.20, (0.08, "数量"), (0.17, "単位"), (0.29, "品番"), (0.56, "ma名"),
                  (0.84, "備考"))
    body = [line(0.23, (0.10, "30"), (0.15, "本"), (0.26, "SZ-0113"), (0.37, "清酒 上撰 720ML"),
                 (0.80, "前回同様")),
            line(0.26, (0.15, "本"), (0.26, "B-10625"), (0.37, "北星飲料 サイダー 500ml")),
            line(0.29, (0.10, "24"), (0.15, "個"), (0.26, "E-10152"), (0.37, "無塩バター 200g"))]
    page = make_page(titles, *body)
    table = find_table([group_lines(page)])
    assert table is not None
    assert [c.role for c in table.columns] == ["quantity", "unit", "code", "description", "note"]
    draft = parse_pages([page], SourceMeta(filename="fax.tif"), lambda box: "4")[0]
    assert [(x.code, x.quantity, x.unit) for x in draft.lines] == [
        ("SZ-0113", 30, "本"), ("B-10625", 4, "本"), ("E-10152", 24, "個")]
    assert draft.lines[0].description == "清酒 上撰 720ML"


def test_a_title_column_of_remarks_is_not_taken_for_the_description() -> None:
    # An unnamed column whose cells name products on fewer than half the rows stays other.
    titles = line(0.20, (0.08, "数量"), (0.17, "単位"), (0.29, "品番"), (0.56, "ma名"))
    body = [line(0.23 + 0.03 * k, (0.10, "3"), (0.15, "本"), (0.26, f"SZ-011{k}"),
                 *([(0.50, "至急です")] if k == 0 else []))
            for k in range(3)]
    table = find_table([group_lines(make_page(titles, *body))])
    assert table is not None
    assert "description" not in [c.role for c in table.columns]
