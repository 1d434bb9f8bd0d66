"""Faxed misreadings the matcher undoes: a 3 and a 9, a 9 and a 5 read for each other in sizes,
a counter read as another kanji after its count, and a kanji spelling of a kana word with one of
its two kanji misread (味酔 for 味醂, みりん)."""

from __future__ import annotations

import pytest

from ordertake.config import Settings
from ordertake.domain import Product
from ordertake.matching import Catalog, Matcher
from ordertake.matching.normalize import half_variants
from ordertake.matching.ocrsizes import counted_number_readings, glyph_readings, number_readings

PRODUCTS = [
    Product("C-1", "瀬戸内酒造 生ビール 350ml×6缶", "パック", 1280.0, "", 4),
    Product("C-2", "瀬戸内酒造 生ビール 500ml×6缶", "パック", 1680.0, "", 4),
    Product("C-3", "瀬戸内酒造 本格焼酎 麦 900ml", "本", 980.0, "", 12),
    Product("A-1", "瀬戸内食品 純米酢 900ml", "本", 368.0, "", 12),
    Product("A-2", "瀬戸内食品 中濃ソース 300ml", "本", 198.0, "", 12),
    Product("A-3", "かねさ醸造 本みりん 1.8L", "本", 880.0, "", 6),
    Product("A-4", "かねさ醸造 穀物酢 1.8L", "本", 420.0, "", 6),
    Product("A-5", "かねさ醸造 料理酒 1.8L", "本", 520.0, "", 6),
    Product("E-1", "さくら食品 えび天ぷら 10尾", "パック", 980.0, "", 6),
    Product("E-2", "さくら食品 えび天ぷら 20尾", "パック", 1880.0, "", 6),
]
THRESHOLD = Settings().auto_accept_threshold


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(Catalog(products=PRODUCTS))


def test_a_three_and_a_nine_and_a_nine_and_a_five_are_read_for_each_other() -> None:
    assert "900" in number_readings("300")
    assert "500" in number_readings("900")
    # Only as the one misreading: 599 is 500 (a run of zeros), never 550 as well.
    assert "550" not in [reading for reading, _ in counted_number_readings("599")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("瀬戸内酒造 生ビール900ml x6缶", "C-2"),  # not the shochu that is 900ml as read
        ("瀬戸内食品 純米酢300ml", "A-1"),  # not the sauce that is 300ml as read
    ],
)
def test_a_size_misread_into_another_products_size_goes_with_the_name(
        matcher: Matcher, text: str, code: str) -> None:
    assert matcher.match_text(text)[0].product_code == code


def test_a_counter_read_as_another_kanji_after_its_count_is_a_count(matcher: Matcher) -> None:
    assert glyph_readings("えび天ポら20寿") == ["えび天ポら20個"]
    assert glyph_readings("えび天ぷら20尾") == []  # a counter as read is no misreading
    assert glyph_readings("20寿司") == []  # a word goes on after it
    assert matcher.match_text("さくら食品えび天ポら20寿")[0].product_code == "E-2"


def test_a_kanji_spelling_with_one_kanji_misread_is_the_kana_word(matcher: Matcher) -> None:
    assert ("味酔", "ミリン") in half_variants("カネサ 味酔", {"味", "酔"})
    assert half_variants("カネサ 味酔", set()) == []  # both read right: some product's words
    best = matcher.match_text("かねさ 味酔1.8L")[0]
    assert best.product_code == "A-3"
    assert best.score < THRESHOLD  # a misread taken back: the clerk confirms it
