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
