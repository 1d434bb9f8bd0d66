"""OCR-damaged lines: size misreadings undone only toward real sizes, garbled codes and unit
prices as evidence between near neighbours."""

from __future__ import annotations

import pytest

from ordertake.config import Settings
from ordertake.domain import Product
from ordertake.matching import Catalog, Matcher
from ordertake.matching.ocrsizes import number_readings, size_readings
from ordertake.matching.products import code_resembles, zero_readings

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
    assert frozenset({("vol", 720.0)}) in size_readings("サイダー720l")  # the m of ml lost


def test_a_kilogram_read_as_a_number_with_a_four_gives_a_kilogram_reading() -> None:
    assert frozenset({("mass", 1000.0)}) in size_readings("マヨ140")  # k as 4, g as 0
    assert frozenset({("mass", 1000.0)}) in size_readings("マヨ149")
    assert frozenset({("mass", 1000.0)}) not in size_readings("マヨ1400")


def test_the_l_of_ml_read_as_a_digit_gives_a_millilitre_reading() -> None:
    assert frozenset({("vol", 500.0)}) in size_readings("ほうじ茶500m6")
    assert frozenset({("vol", 600.0)}) in size_readings("漂白剤600m2")
    assert frozenset({("vol", 2.0)}) not in size_readings("灯油2l")  # no 2ml for a 2L
    assert frozenset({("mass", 1000.0)}) in size_readings("サラダ油 1 000g")  # a space inside
    assert frozenset({("mass", 1000.0)}) in size_readings("サラダ油 7 000g")  # and a 7 for 1
    assert frozenset({("mass", 2500.0)}) in size_readings("ホールトマト2. 5kg")  # after a point


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
    # E-10693 with its letter and dash read as digits; a head shorter than ours stays at two.
    assert code_resembles("4330693", "e10693") and not code_resembles("4330683", "e10693")
    assert not code_resembles("40693", "ab10693")
    # The name reads 東洋飲料 ?? 2L: 麦茶 and 緑茶 are equally near; the code decides.
    assert top(matcher, "東洋飲料妻共2L", code="190053") == "B-10053"
    best = matcher.match_text("東洋飲料妻共2L", code="190053")[0]
    assert "コード類似" in best.reason


def test_a_code_with_a_zero_read_as_nine_is_a_hint() -> None:
    products = [
        Product("G-10342", "丘の上ファーム みかん缶 425g", "缶", 180.0, "", 24),
        Product("G-10282", "丘の上ファーム ツナ缶 オイル 70g×3缶", "パック", 298.0, "", 20),
    ]
    best = Matcher(Catalog(products=products)).match_text("(丘の上ヵ-)", code="G19282")[0]
    assert best.product_code == "G-10282" and "コード類似" in best.reason
    assert best.score < Settings().auto_accept_threshold  # the name says little: a clerk looks


def test_a_price_only_one_neighbour_has_decides(matcher: Matcher) -> None:
    assert top(matcher, "東洋飲料妻共2L", unit_price=174.0, unit="本") == "B-10053"
    assert top(matcher, "東洋飲料妻共2L", unit_price=210.0, unit="本") == "B-10026"


def test_a_size_that_agrees_ranks_a_partial_conflict_above_a_total_one() -> None:
    from ordertake.matching.sizes import compare_specs

    read = frozenset({("vol", 500.0), ("n", 44.0)})  # 500ml×24 with the 2 misread
    part = compare_specs(read, frozenset({("vol", 500.0), ("n", 24.0)}))
    none = compare_specs(read, frozenset({("vol", 350.0), ("n", 24.0)}))
    assert none.factor < part.factor < 0.5


GARBLED = [
    Product("E-10711", "さくら食品 無塩バター 200g", "個", 454.0, "", 12),
    Product("E-10719", "さくら食品 無塩バター 450g", "個", 910.0, "", 12),
    Product("H-10011", "日光化成 ゴミ袋 70L 半透明 10枚", "袋", 234.0, "", 40),
    Product("H-10013", "日光化成 ゴミ袋 70L 半透明 50枚", "袋", 942.0, "", 10),
    Product("H-10008", "日光化成 ゴミ袋 45L 半透明 50枚", "袋", 504.0, "", 10),
    Product("D-10211", "讃岐屋 薄力小麦粉 25kg", "袋", 4200.0, "", 1),
    Product("D-10176", "讃岐屋 冷凍うどん 5食", "袋", 300.0, "", 10),
    Product("D-10231", "讃岐屋 焼のり 全形 10枚", "袋", 500.0, "", 10),
    Product("A-11498", "瀬戸内食品 こいくちしょうゆ 500ml", "本", 200.0, "", 12),
    Product("A-11504", "瀬戸内食品 こいくちしょうゆ 1L", "本", 330.0, "", 6),
    Product("A-11510", "瀬戸内食品 こいくちしょうゆ 1.8L", "本", 490.0, "", 6),
    Product("C-10194", "瀬戸内酒造 本格焼酎 芋 900ml", "本", 1000.0, "", 12),
    Product("C-10197", "瀬戸内酒造 本格焼酎 芋 1.8L", "本", 1800.0, "", 6),
    Product("E-10229", "北星乳業 生クリーム 35% 200ml", "本", 300.0, "ﾎｸｾｲﾆｭｳｷﾞｮｳ ﾅﾏｸﾘｰﾑ", 12),
    Product("E-10236", "北星乳業 焼餃子 50個", "袋", 1390.0, "ﾎｸｾｲﾆｭｳｷﾞｮｳ ﾔｷｷﾞｮｳｻﾞ 50個", 8),
    Product("C-10078", "瀬戸内酒造 生ビール 500ml×6缶", "パック", 1400.0, "", 4),
    Product("C-10075", "瀬戸内酒造 生ビール 350ml×6缶", "パック", 1200.0, "", 4),
]


@pytest.fixture(scope="module")
def garbled() -> Matcher:
    return Matcher(Catalog(products=GARBLED))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("さくら食品無拘バター 4509", "E-10719"),  # a code-like word that is a garbled 450g
        ("日光化成 ごみ袋7050枚", "H-10013"),  # 70(L) glued to 50枚, hiragana for katakana
        ("瀬/内食品 こいくちしょうゆ上L", "A-11504"),  # 上 for the 1 of 1L
        ("瀬戸内酒造本格焼酎芋 1.人8", "C-10197"),  # a speck between the point and the 8
        ("瀬戸内酒造本格焼酎芋 1_.8L", "C-10197"),  # and between the 1 and the point
    ],
)
def test_garbled_sizes_outside_the_digits(garbled: Matcher, text: str, code: str) -> None:
    assert top(garbled, text) == code


def test_a_reading_spelled_with_a_long_mark_and_a_count_starting_with_zero(
    garbled: Matcher,
) -> None:
    # ギョーザ is the everyday spelling of the reading ギョウザ; no count starts with 0, so
    # '04個' says only that a count was written, not that it contradicts 50個.
    best = garbled.match_text("北里 ギョーザ04個")[0]
    assert best.product_code == "E-10236" and best.score < Settings().auto_accept_threshold


def test_a_size_one_digit_away_is_a_guess_left_for_the_clerk(garbled: Matcher) -> None:
    best = garbled.match_text("讃岐屋注力小をを粉24キロ")[0]  # 25kg, no known misreading
    assert best.product_code == "D-10211" and "推定" in best.reason
    assert best.score < Settings().auto_accept_threshold


def test_a_pack_read_as_the_case_quantity_still_contradicts_the_products_pack(
    garbled: Matcher,
) -> None:
    # ×4 is C-10078's case quantity but not its pack (×6): a guess, not an agreement.
    best = garbled.match_text("瀬戸内酒造 生ビール 500ml x4缶")[0]
    assert best.product_code == "C-10078" and best.score < Settings().auto_accept_threshold
    assert "推定" in best.reason


def test_a_length_with_one_m_lost_is_read_back_to_millimetres() -> None:
    products = [
        Product("D-10444", "越後米穀 パン粉 1kg", "袋", 498.0, "", 10),
        Product("D-10414", "越後米穀 スパゲッティ 1.8mm 1kg", "袋", 422.0, "", 12),
    ]
    # 1.8m is a length no pasta has: 1.8mm with an m lost, not a reason to pick パン粉.
    best = Matcher(Catalog(products=products)).match_text("越後米穀スパゲッティ 1.8m lkg")[0]
    assert best.product_code == "D-10414" and "読み違い" in best.reason


def test_a_code_tail_as_read_beats_one_with_a_zero_put_back() -> None:
    products = [
        Product("A-11256", "かねさ醸造 ウスターソース 1.8L", "本", 600.0, "", 6),
        Product("A-11250", "かねさ醸造 ウスターソース 500ml", "本", 250.0, "", 20),
    ]
    m = Matcher(Catalog(products=products))
    # 671256 for A-11256: its tail as read; as 671250 (the 6 a faxed zero) it is A-11250's.
    best = m.match_text("かねさ醸 造 ウスターソース", code="671256")[0]
    assert best.product_code == "A-11256"
    assert m.match_text("かねさ醸 造 ウスターソース", code="691250")[0].product_code == "A-11250"


def test_a_percent_after_a_number_no_candidate_has_is_a_garbled_unit(matcher: Matcher) -> None:
    best = matcher.match_text("瀬戸内 本格焼酎 麦 1.8%")[0]
    assert best.product_code == "C-10139" and "読み違い" in best.reason


def test_the_unit_price_tells_a_pack_that_no_candidate_has_as_read() -> None:
    products = [
        Product("C-10134", "瀬戸内酒造 生ビール 350ml×24缶", "ケース", 4980.0, "", 1),
        Product("C-10137", "瀬戸内酒造 生ビール 350ml×6缶", "パック", 1300.0, "", 4),
        Product("A-11494", "瀬戸内食品 白だし 1L", "本", 4980.0, "", 6),
    ]
    m = Matcher(Catalog(products=products))
    # ×46 is no pack of either beer; 4980 the ×24 case's price (the 白だし's too, but its name
    # is not alike): the price tells it, as a guess, for the clerk to confirm.
    best = m.match_text('瀬戸内酒造 "-M350mLx46向', unit_price=4980.0, unit="ケース")[0]
    assert best.product_code == "C-10134" and "単価から推定" in best.reason
    assert best.score < Settings().auto_accept_threshold
    assert m.match_text('瀬戸内酒造 "-M350mLx46向')[0].product_code == "C-10137"


SIBLINGS = [
    Product("A-11328", "瀬戸内食品 うすくちしょうゆ 1L", "本", 310.0, "", 6, ("SN-0043",)),
    Product("A-11336", "瀬戸内食品 うすくちしょうゆ 1.8L", "本", 468.0, "", 6, ("SN-0050",)),
    Product("A-11316", "瀬戸内食品 こいくちしょうゆ 1.8L", "本", 426.0, "", 6, ("SN-0041",)),
]


def test_a_run_of_zeros_read_as_letters_e_is_a_code_hint() -> None:
    assert "5n0043" in zero_readings("5nee43")


def test_a_written_code_of_a_sibling_keeps_the_size_as_read_from_being_sure() -> None:
    # 1000cc read as 1800cc (a faxed zero as 8) while the maker's code says the 1L bottle:
    # the size wins the ranking, but the clerk is asked.
    siblings = Matcher(Catalog(products=SIBLINGS))
    threshold = Settings().auto_accept_threshold
    with_code = siblings.match_text("瀬戸内食品うすくちしょうゆ1800cc", code="sN-ee43")[0]
    without = siblings.match_text("瀬戸内食品うすくちしょうゆ1800cc")[0]
    assert with_code.product_code == without.product_code == "A-11336"
    assert without.score >= threshold > with_code.score


BEERS = [
    Product("C-10299", "白峰酒造 生ビール 350ml×24缶", "ケース", 5230.0, "", 1),
    Product("C-10304", "白峰酒造 生ビール 500ml×24缶", "ケース", 6800.0, "", 1),
    Product("C-10312", "白峰酒造 生ビール 500ml×6缶", "パック", 1760.0, "", 4),
]


def test_a_garbled_unit_and_a_guessed_pack_in_one_line() -> None:
    # 500ml read 500m] and ×24 read ×44: the unit undone, then the pack guessed from there.
    best = Matcher(Catalog(products=BEERS)).match_text("白峰酒造生ビール 500m] X44缶")[0]
    assert best.product_code == "C-10304" and best.score < Settings().auto_accept_threshold


def test_a_misread_size_of_the_named_product_beats_another_product_in_the_size_read() -> None:
    # The ham comes in 100g and 500g; only the maker's sausage comes in 600g. The name says
    # ham: '600g' is a 500g whose 5 lost a stroke, not an order for the sausage.
    matcher = Matcher(Catalog(products=[
        Product("E-10496", "さくら食品 ロースハム スライス 100g", "パック", 352.0, "", 10),
        Product("E-10499", "さくら食品 ロースハム スライス 500g", "パック", 1390.0, "", 10),
        Product("E-10520", "さくら食品 あらびきウインナー 600g", "袋", 980.0, "", 10),
    ]))
    best = matcher.match_text("さくら食品ロースハム スライス 600g")[0]
    assert best.product_code == "E-10499" and "読み違い" in best.reason
    assert top(matcher, "さくら食品 あらびきウインナー 600g") == "E-10520"


# Two products named alike, and how each is written: a garbled or shortened line must name the
# product it means, and each name written in full its own product.
NAMED_ALIKE = [
    # 清酒 read 消油: the written run is longer than 瀬戸内酒造 梅酒, whose name fits its first
    # five characters; 上撰, found only in the other name, must still count.
    (("C-10114", "瀬戸内酒造 清酒 上撰 720ml"), "瀬戸内酒造消油上撰720ml",
     ("C-10163", "瀬戸内酒造 梅酒 720ml"), "瀬戸内酒造梅酒720ml"),
    # みなとハンバーグ: the maker みなと冷食 shortened and glued to the item; the other maker's
    # name (高原ミート ハンバーグ) is closer character by character but is not what was written.
    (("E-10049", "みなと冷食 ハンバーグ 80g×10個"), "みなとハンバーグ80g×10個",
     ("E-10422", "高原ミート ハンバーグ 80g×10個"), "高原ミートハンバーグ80g×10個"),
]


@pytest.mark.parametrize(("meant", "written", "other", "other_written"), NAMED_ALIKE)
def test_a_garbled_or_shortened_name_finds_the_product_it_means(
        meant: tuple[str, str], written: str, other: tuple[str, str], other_written: str,
) -> None:
    matcher = Matcher(Catalog(products=[Product(code, name, "本", 100.0, "", 12)
                                        for code, name in (meant, other)]))
    assert top(matcher, written) == meant[0]
    assert top(matcher, other_written) == other[0]


def test_a_size_read_as_written_is_not_reread_for_a_product_the_name_does_not_say() -> None:
    # 削り節 is no word of the master (it sells 花かつお), so no name is clearly found: the
    # rice's 10kg is no reading of the '100g' that 花かつお 100g has, at the written price.
    matcher = Matcher(Catalog(products=[
        Product("D-10162", "信州製麺 花かつお 100g", "袋", 548.0, "", 20),
        Product("D-10116", "信州製麺 コシヒカリ 10kg", "袋", 4770.0, "", 2),
    ]))
    assert matcher.match_text("信州 削り節100g", unit_price=10960, unit="ケース")[0].product_code \
        == "D-10162"
    # A size misread makes only the best-named candidates' sizes readings, not another's.
    matcher = Matcher(Catalog(products=[
        Product("A-11170", "かねさ醸造 純米酢 500ml", "本", 217.0, "", 12),
        Product("A-11193", "かねさ醸造 ぽん酢しょうゆ 360ml", "本", 295.0, "", 12),
        Product("A-11235", "かねさ醸造 濃口ソース 300ml", "本", 200.0, "", 20),
    ]))
    assert matcher.match_text("かねさ玄造 純米 酢300ml", code="121170", unit_price=2604,
                              unit="ケース")[0].product_code == "A-11170"
