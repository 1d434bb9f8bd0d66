"""Order forms that count in whole cases and loose pieces (ケース / バラ columns)."""

from __future__ import annotations

from parse_words import line, make_page

from ordertake.domain import Product, SourceMeta
from ordertake.matching.units import check_price, reconcile_units
from ordertake.parse.order import parse_pages

X = {"code": 0.06, "name": 0.18, "pack": 0.50, "cases": 0.58, "loose": 0.65, "price": 0.73,
     "amount": 0.84}


def _row(y: float, code: str, name: str, pack: str, cases: str, loose: str, price: str,
         amount: str) -> list:
    cells = zip(X.values(), (code, name, pack, cases, loose, price, amount), strict=True)
    return line(y, *((x, text) for x, text in cells if text))


def test_cases_loose_pieces_and_both_make_one_quantity_each() -> None:
    page = make_page(
        line(0.28, *zip(X.values(), ("品番", "商品名", "入数", "ケース", "バラ", "単価", "金額"),
                        strict=True)),
        _row(0.31, "A-1", "白だし 1L", "12", "2", "", "733", "17,592"),
        _row(0.34, "A-2", "中濃ソース 500ml", "20", "", "5", "284", "1,420"),
        _row(0.37, "A-3", "とんかつソース 1.8L", "6", "1", "3", "728", "6,552"),
        _row(0.40, "A-4", "ウスターソース 300ml", "20", "", "", "207", ""),
    )
    draft = parse_pages([page], SourceMeta(filename="form.pdf"))[0]
    assert [(x.code, x.quantity, x.unit) for x in draft.lines] == [
        ("A-1", 2, "ケース"), ("A-2", 5, "バラ"), ("A-3", 9, "バラ")]
    # Two cases priced by the piece agree with their amount: 2 × 12 × 733.
    assert draft.lines[0].warnings == [] and draft.lines[2].warnings == []


def test_cases_and_pieces_without_a_pack_leave_the_pieces_to_the_clerk() -> None:
    names = ("品番", "商品名", "ケース数", "バラ数")
    page = make_page(line(0.28, *zip((0.06, 0.18, 0.58, 0.65), names, strict=True)),
                     line(0.31, (0.06, "A-3"), (0.18, "とんかつソース 1.8L"), (0.58, "1"),
                          (0.65, "3")))
    [only] = parse_pages([page], SourceMeta(filename="form.pdf"))[0].lines
    assert (only.quantity, only.unit) == (1, "ケース")
    assert only.warnings == ["バラ 3 も記入されています: 数量を確認してください"]


def test_loose_pieces_are_the_products_own_unit_and_a_piece_price_fits_a_case() -> None:
    by_bottle = Product("A-1", "白だし 1L", "本", 733.0, case_qty=12)
    assert reconcile_units(9, "バラ", by_bottle).base_quantity == 9
    by_case = Product("B-1", "缶ビール 350ml×24", "ケース", 4800.0, case_qty=24)
    assert reconcile_units(48, "バラ", by_case).base_quantity == 2
    assert check_price(733.0, by_bottle, "ケース", None) == []
    assert check_price(500.0, by_bottle, "ケース", None) != []
