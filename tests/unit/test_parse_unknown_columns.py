"""A column whose title names no role still bounds its neighbours' cells."""

from __future__ import annotations

from parse_words import line, make_page

from ordertake.domain import SourceMeta
from ordertake.parse.layout import header_columns
from ordertake.parse.lines import group_lines
from ordertake.parse.order import parse_pages

NAME, QTY, WHEN = 0.10, 0.50, 0.66


def test_a_title_no_keyword_names_keeps_its_cells_out_of_the_quantity() -> None:
    page = make_page(
        line(0.28, (NAME, "ご注文商品"), (QTY, "ご注文数"), (WHEN, "お届けについて")),
        line(0.31, (NAME, "かねさ醸造 料理酒 1.8L"), (QTY, "10本"), (WHEN, "在庫確認")),
        line(0.34, (NAME, "菱屋本店 穀物酢 500ml"), (QTY, "4本")),
    )
    draft = parse_pages([page], SourceMeta(filename="form.pdf"))[0]
    assert [(x.description, x.quantity, x.unit) for x in draft.lines] == [
        ("かねさ醸造 料理酒 1.8L", 10, "本"), ("菱屋本店 穀物酢 500ml", 4, "本")]


def test_a_rule_or_speck_among_the_titles_is_no_column() -> None:
    titles = line(0.28, (0.08, "品番"), (0.20, "ーー"), (0.30, "品目"), (QTY, "注文数"),
                  (WHEN, "摘要"))
    lines = group_lines(make_page(titles))
    columns = header_columns(lines[0])
    assert columns is not None
    assert [c.role for c in columns] == ["code", "description", "quantity", "note"]


def test_an_english_form_prices_in_a_rate_column() -> None:
    titles = line(0.28, (0.05, "#"), (0.10, "Item"), (0.50, "Quantity"), (0.60, "UOM"),
                  (0.68, "Rate"), (0.80, "Amount"))
    columns = header_columns(group_lines(make_page(titles))[0])
    assert columns is not None
    assert [c.role for c in columns] == [
        "line_no", "description", "quantity", "unit", "unit_price", "amount"]


def test_a_header_field_below_a_mailed_table_ends_it() -> None:
    from ordertake.ocr.textpages import text_pages

    body = ("下記発注します。\n\n品番\t商品名\t数量\t単位\nA-10092\t白だし 1L\t6\t本\n"
            "A-10108\t中濃ソース 500ml\t12\t本\n\n納品日：11月25日\n")
    draft = parse_pages(text_pages(body), SourceMeta(filename="mail.eml"))[0]
    assert [(x.code, x.quantity) for x in draft.lines] == [("A-10092", 6), ("A-10108", 12)]
    assert "納品日：11月25日" in draft.header_texts


def test_a_total_in_capitals_bounds_the_rows_the_columns_are_fitted_to() -> None:
    # Page 2 of an English form with two rows: the TOTAL and Notes lines below them must not
    # move the edge between the line number and the description into a name.
    titles = line(0.28, (0.09, "#"), (0.30, "Item"), (0.53, "Quantity"), (0.64, "UOM"),
                  (0.71, "Rate"), (0.81, "Amount"))
    rows = [line(0.31, (0.082, "17"), (0.117, "三和ボトリング"), (0.243, "天然水"),
                 (0.301, "500ML"), (0.599, "5"), (0.639, "cs"), (0.727, "1,392"),
                 (0.841, "6,960")),
            line(0.34, (0.082, "18"), (0.117, "海幸水産"), (0.192, "だし昆布1kg"),
                 (0.599, "2"), (0.635, "bag"), (0.727, "4,730"), (0.841, "9,460"))]
    below = [line(0.37, (0.58, "TOTAL"), (0.84, "¥16,420")),
             line(0.41, (0.07, "Notes: 請求書同封願います"))]
    draft = parse_pages([make_page(titles, *rows, *below)], SourceMeta(filename="po.pdf"))[0]
    assert [x.description for x in draft.lines] == [
        "三和ボトリング 天然水 500ML", "海幸水産 だし昆布1kg"]
