"""Numbers written without their unit, glued together or with the unit read as a digit: the
sizes they may stand for find and tell apart products whose names the line does not share."""

from __future__ import annotations

import pytest

from ordertake.config import Settings
from ordertake.domain import Product
from ordertake.matching import Catalog, Matcher
from ordertake.matching.index import ProductIndex, match_key
from ordertake.matching.ocrsizes import glued_readings, possible_sizes

PRODUCTS = [
    Product("D-10236", "讃岐屋 スパゲッティ 1.8mm 1kg", "袋", 340.0, "", 12),
    Product("D-10211", "讃岐屋 スパゲッティ 1.6mm 1kg", "袋", 340.0, "", 12),
    Product("D-10196", "讃岐屋 スパゲッティ 1.4mm 500g", "袋", 188.0, "", 20),
    Product("D-10200", "讃岐屋 スパゲッティ 1.4mm 1kg", "袋", 340.0, "", 12),
    Product("D-10258", "讃岐屋 片栗粉 1kg", "袋", 504.0, "", 10),
    Product("D-10692", "讃岐屋 焼のり 全形 100枚", "袋", 2400.0, "", 10),
    Product("B-10705", "北星飲料 ジャスミン茶 500ml", "本", 100.0, "", 24),
    Product("B-10711", "北星飲料 ジャスミン茶 2L", "本", 220.0, "", 6),
    Product("B-10285", "朝霧ビバレッジ スポーツドリンク 500ml", "本", 113.0, "", 24),
    Product("B-10294", "朝霧ビバレッジ スポーツドリンク 900ml", "本", 166.0, "", 12),
    Product("B-10299", "朝霧ビバレッジ スポーツドリンク 2L", "本", 271.0, "", 6),
    Product("E-10144", "みなと冷食 スライスチーズ 7枚", "袋", 250.0, "", 12),
    Product("E-10074", "みなと冷食 油揚げ 3枚", "袋", 120.0, "", 20),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(Catalog(products=PRODUCTS))


def top(matcher: Matcher, text: str) -> str:
    return matcher.match_text(text)[0].product_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("讃岐屋 パスタ1.8 1kg", "D-10236"),  # 1.8 is the 1.8mm only one 1kg product has
        ("讃岐屋 パスタ1.4500g", "D-10196"),  # 1.4 glued to 500g
        ("パスタ1.81キロ (讃岐屋)", "D-10236"),  # 1.8 glued to 1キロ
        ("北星飲科 ジャスミン 20", "B-10711"),  # 2L with the L read as 0
        ("腐朝邑ビバレッジ スポーツドリンク 9000", "B-10294"),  # 900ml, ml read as a digit
        ("みなと冷食 とろける1 7枚", "E-10144"),  # 7枚 as read is no guess's to change
    ],
)
def test_a_number_without_its_unit_is_evidence_for_the_size_it_names(
    matcher: Matcher, text: str, code: str
) -> None:
    assert top(matcher, text) == code


def test_a_name_unlike_the_products_is_left_for_the_clerk(matcher: Matcher) -> None:
    for text in ("讃岐屋 パスタ1.8 1kg", "北星飲科 ジャスミン 20"):
        assert matcher.match_text(text)[0].score < Settings().auto_accept_threshold


def test_a_size_as_read_still_beats_a_bare_number_reading(matcher: Matcher) -> None:
    assert top(matcher, "北星飲料 ジャスミン茶 500ml") == "B-10705"


def test_possible_sizes_are_the_sizes_a_unitless_or_glued_number_may_be() -> None:
    assert ("len", 1.8) in possible_sizes("パスタ1.8 1kg")
    assert ("vol", 1800.0) in possible_sizes("パスタ1.8 1kg")
    found = possible_sizes("パスタ1.4500g")
    assert ("len", 1.4) in found and ("mass", 500.0) in found
    assert possible_sizes("醤油 1l") == frozenset()


def test_the_index_finds_a_product_by_a_size_its_name_does_not_share() -> None:
    fillers = [
        Product(f"X-{i:05d}", f"讃岐屋 乾物{i} 1kg", "袋", 100.0, "", 10) for i in range(60)
    ]
    index = ProductIndex([*fillers, PRODUCTS[0]])
    key = match_key("讃岐屋 パスタ1.8 1kg")
    without = [i for i, _ in index.candidates(key, limit=5)]
    found = [i for i, _ in index.candidates(key, limit=5, maybe=possible_sizes("パスタ1.8 1kg"))]
    assert found[0] == len(fillers) and len(fillers) not in without


SALT = [
    Product("A-11063", "東海フーズ 食塩 1kg", "袋", 138.0, "", 20),
    Product("A-11072", "東海フーズ 食塩 5kg", "袋", 598.0, "", 4),
    Product("A-11073", "東海フーズ 食塩 25kg", "袋", 2380.0, "", 1),
    Product("A-11425", "瀬戸内食品 ぽん酢しょうゆ 360ml", "本", 268.0, "", 12),
    Product("A-11427", "瀬戸内食品 ぽん酢しょうゆ 1L", "本", 598.0, "", 6),
    Product("A-11547", "瀬戸内食品 食塩 1kg", "袋", 140.0, "", 20),
]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("東海7-X 塩 25tp", "A-11073"),  # a unit garbled into letters: the number still counts
        ("東海 食塩Sg", "A-11072"),  # 5 read as S, and the k of kg lost
        ("ぼんず.360me. (滞戸内食品)", "A-11425"),  # a speck before the number is no point
    ],
)
def test_a_size_with_a_garbled_unit_or_a_speck_before_it(text: str, code: str) -> None:
    best = Matcher(Catalog(products=SALT)).match_text(text)[0]
    assert best.product_code == code and best.score < Settings().auto_accept_threshold


SIZES_GARBLED = [
    Product("A-10191", "日之出醸造 こいくちしょうゆ 1L", "本", 298.0, "", 6),
    Product("A-10196", "日之出醸造 こいくちしょうゆ 1.8L", "本", 448.0, "", 6),
    Product("D-10329", "日東製粉 スパゲッティ 1.4mm 500g", "袋", 234.0, "", 20),
    Product("D-10342", "日東製粉 スパゲッティ 1.6mm 500g", "袋", 198.0, "", 20),
    Product("D-10214", "讃岐屋 パン粉 200g", "袋", 141.0, "", 20),
    Product("D-10220", "讃岐屋 パン粉 1kg", "袋", 473.0, "", 10),
    Product("D-10223", "讃岐屋 パン粉 2kg", "袋", 853.0, "", 6),
]


@pytest.mark.parametrize(
    ("text", "code", "sure"),
    [
        ("日之出醸造 こいくちしょうゆ j.8L", "A-10196", False),  # the 1 of 1.8L read as j
        ("日東製粉 スパゲッティ 1、6mm 500g", "D-10342", True),  # a decimal point read as 、
        ("讃岐屋パン粉kg", "D-10220", False),  # the thin 1 of 1kg lost: a guess to confirm
        ("讃岐屋 パン粉 KG", "D-10220", False),
    ],
)
def test_a_size_with_a_glyph_misread_around_its_number(text: str, code: str, sure: bool) -> None:
    best = Matcher(Catalog(products=SIZES_GARBLED)).match_text(text)[0]
    assert best.product_code == code
    assert (best.score >= Settings().auto_accept_threshold) is sure


JUICE_AND_TUNA = [
    Product("B-10685", "北星飲料 オレンジジュース 100% 200ml", "本", 68.0, "", 24),
    Product("B-10687", "北星飲料 オレンジジュース 100% 1L", "本", 281.0, "", 6),
    Product("G-10225", "みなと缶詰 ツナ缶 ノンオイル 70g", "缶", 128.0, "", 48),
    Product("G-10230", "みなと缶詰 ツナ缶 ノンオイル 70g×3缶", "パック", 348.0, "", 16),
]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The L of 1L read as 6: naming the 1L beats naming no size, though the 100% is left out.
        ("北星 オレンジ 16", "B-10687"),
        # The 缶 of ×3缶 garbled into letters, which as digits would make ×31.
        ("みなと缶詰 ツナ缶 ノンオイル 70gX3ifi", "G-10230"),
    ],
)
def test_a_reading_names_a_size_where_nothing_else_does(text: str, code: str) -> None:
    best = Matcher(Catalog(products=JUICE_AND_TUNA)).match_text(text)[0]
    assert best.product_code == code and best.score < Settings().auto_accept_threshold


def test_a_garbled_character_read_as_a_digit_before_a_glued_decimal_is_dropped() -> None:
    # パスタ1.6 1kg read 'か7がァ41.61kg': the ァ came back as a 4 glued to the 1.6.
    best = Matcher(Catalog(products=PRODUCTS)).match_text("讃岐屋 か7がァ41.61kg")[0]
    assert best.product_code == "D-10211" and best.score < Settings().auto_accept_threshold
    assert any("1.6 1kg" in text for text, _ in glued_readings("か7がァ41.61kg"))


def test_a_letter_glued_after_a_whole_size_is_a_speck() -> None:
    # 'スパゲッティ 1.6mm 1kg' with a speck read as w after the mm.
    best = Matcher(Catalog(products=PRODUCTS)).match_text("讃岐屋 パスタ 1.6mmw 1kg")[0]
    assert best.product_code == "D-10211" and best.score < Settings().auto_accept_threshold
