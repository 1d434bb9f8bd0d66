"""OCR-damaged lines: size misreadings undone only toward real sizes, garbled codes and unit
prices as evidence between near neighbours."""

from __future__ import annotations

import pytest

from ordertake.config import Settings
from ordertake.domain import Product
from ordertake.matching import Catalog, Matcher
from ordertake.matching.ocrsizes import number_readings, size_readings
from ordertake.matching.products import code_resembles

PRODUCTS = [
    Product("B-10053", "東洋飲料 麦茶 2L", "本", 174.0, "ﾄｳﾖｳｲﾝﾘｮｳ ﾑｷﾞﾁｬ 2L", 6),
    Product("B-10026", "東洋飲料 緑茶 2L", "本", 210.0, "ﾄｳﾖｳｲﾝﾘｮｳ ﾘｮｸﾁｬ 2L", 6),
    Product("B-10050", "東洋飲料 麦茶 500ml", "本", 82.0, "ﾄｳﾖｳｲﾝﾘｮｳ ﾑｷﾞﾁｬ 500ml", 24),
    Product("A-10963", "東海フーズ 特選丸大豆しょうゆ 500ml", "本", 250.0, "", 12),
    Product("A-10969", "東海フーズ 特選丸大豆しょうゆ 1L", "本", 410.0, "", 6),
    Product("A-10976", "東海フーズ 特選丸大豆しょうゆ 1.8L", "本", 600.0, "", 6),
    Product("E-10730", "さくら食品 有塩バター 450g", "個", 910.0, "", 12),
    Product("E-10724", "さくら食品 有塩バター 200g", "個", 454.0, "", 12),
    Product("H-10049", "日光化成 食品用ラップ 30cm×100m", "本", 706.0, "", 20),
    Product("H-10042", "日光化成 食品用ラップ 22cm×50m", "本", 293.0, "", 30),
    Product("C-10139", "瀬戸内酒造 本格焼酎 麦 1.8L", "本", 1730.0, "", 6),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(Catalog(products=PRODUCTS))


def top(matcher: Matcher, text: str, **kw: object) -> str:
    return matcher.match_text(text, **kw)[0].product_code  # type: ignore[arg-type]


def test_number_readings_undo_zero_and_speck_misreads_but_keep_decimals() -> None:
    assert "500" in number_readings("590") and "500" in number_readings("599")
    assert "450" in number_readings("4509") and "1000" in number_readings("1900")
    assert number_readings("1.8") == [] and number_readings("1.5") == []
    assert "1.8" not in number_readings("1") and "18" not in number_readings("1")


def test_unit_read_as_digit_gives_a_litre_reading() -> None:
    assert frozenset({("vol", 1800.0)}) in size_readings("焼酎 1.82")
    assert frozenset({("vol", 1000.0)}) in size_readings("しょうゆ19")
    assert frozenset({("vol", 1000.0)}) in size_readings("ぽん酢1]l")
    assert frozenset({("vol", 550.0)}) in size_readings("天然水550m ・")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("東洋飲料 麦茶 590ml", "B-10050"),  # slashed zero read as 9
        ("東海 特選丸大豆 醤油19", "A-10969"),  # 1L with the L read as 9
        ("瀬戸内 本格焼酎 麦 1.82", "C-10139"),
        ("さくら食品 有塩バター4509g", "E-10730"),  # a speck read as a digit
        ("食品用ラップ 30cm×100m (日光化成)", "H-10049"),  # metres are a length
    ],
)
def test_garbled_sizes_find_the_size_the_master_has(matcher: Matcher, text: str,
                                                    code: str) -> None:
    assert top(matcher, text) == code


def test_a_clearly_read_size_is_never_rewritten(matcher: Matcher) -> None:
    cands = matcher.match_text("東海フーズ 特選丸大豆しょうゆ 1L")
    assert cands[0].product_code == "A-10969"
    wrong = next(c for c in cands if c.product_code == "A-10976")
    assert wrong.score < 0.5 and "不一致" in wrong.reason
    # 1.8L with no 1.8L product of that name stays a mismatch, flagged for the clerk.
    only = Matcher(Catalog(products=[PRODUCTS[4]])).match_text("東海フーズ 特選丸大豆しょうゆ 1.8L")
    assert only[0].score < Settings().auto_accept_threshold


def test_garbled_code_tells_near_neighbours_apart(matcher: Matcher) -> None:
    assert code_resembles("190053", "810053") and not code_resembles("190053", "810026")
    assert not code_resembles("0053", "810053")  # the tail alone is not enough
    # The name reads 東洋飲料 ?? 2L: 麦茶 and 緑茶 are equally near; the code decides.
    assert top(matcher, "東洋飲料妻共2L", code="190053") == "B-10053"
    best = matcher.match_text("東洋飲料妻共2L", code="190053")[0]
    assert "コード類似" in best.reason


def test_a_price_only_one_neighbour_has_decides(matcher: Matcher) -> None:
    assert top(matcher, "東洋飲料妻共2L", unit_price=174.0, unit="本") == "B-10053"
    assert top(matcher, "東洋飲料妻共2L", unit_price=210.0, unit="本") == "B-10026"


def test_a_size_that_agrees_ranks_a_partial_conflict_above_a_total_one() -> None:
    from ordertake.matching.sizes import compare_specs

    read = frozenset({("vol", 500.0), ("n", 44.0)})  # 500ml×24 with the 2 misread
    part = compare_specs(read, frozenset({("vol", 500.0), ("n", 24.0)}))
    none = compare_specs(read, frozenset({("vol", 350.0), ("n", 24.0)}))
    assert none.factor < part.factor < 0.5
