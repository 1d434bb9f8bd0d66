"""Trade words that name one thing (削り節 for 花かつお, ソーダ for 炭酸水): a line written with one
word of a synonym group finds the product named with another, the word as written still wins,
and a product found only so is never surer than the same line written with the master's word."""

from __future__ import annotations

import pytest

from ordertake.config import Settings
from ordertake.domain import Product
from ordertake.matching import Catalog, Matcher
from ordertake.matching.synonyms import SYNONYM_GROUPS, fold_term, folded_groups, written_terms

THRESHOLD = Settings().auto_accept_threshold

GOODS = [
    Product("A-1", "讃岐屋 花かつお 500g", "袋", 1200.0, "ｻﾇｷﾔ ﾊﾅｶﾂｵ 500g", 10),
    Product("A-2", "讃岐屋 花かつお 100g", "袋", 300.0, "ｻﾇｷﾔ ﾊﾅｶﾂｵ 100g", 20),
    Product("A-3", "讃岐屋 焼のり 50枚", "袋", 800.0, "ｻﾇｷﾔ ﾔｷﾉﾘ 50ﾏｲ", 10),
    Product("A-4", "讃岐屋 だし昆布 500g", "袋", 900.0, "ｻﾇｷﾔ ﾀﾞｼｺﾝﾌﾞ 500g", 10),
    Product("B-1", "富士 炭酸水 500ml", "本", 90.0, "ﾌｼﾞ ﾀﾝｻﾝｽｲ 500ml", 24),
    Product("B-2", "富士 天然水 500ml", "本", 80.0, "ﾌｼﾞ ﾃﾝﾈﾝｽｲ 500ml", 24),
    Product("B-3", "富士 サイダー 500ml", "本", 100.0, "ﾌｼﾞ ｻｲﾀﾞｰ 500ml", 24),
    Product("C-1", "丸正 こいくちしょうゆ 1L", "本", 320.0, "ﾏﾙｼｮｳ ｺｲｸﾁｼｮｳﾕ 1L", 6),
    Product("C-2", "丸正 合わせみそ 1kg", "袋", 420.0, "ﾏﾙｼｮｳ ｱﾜｾﾐｿ 1kg", 6),
    Product("D-1", "白雪 ボックスティシュー 200組 5箱", "パック", 300.0, "", 12),
    Product("D-2", "白雪 トイレットペーパー 12ロール", "パック", 400.0, "", 8),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(Catalog(products=GOODS))


def best(matcher: Matcher, text: str, code: str | None = None) -> tuple[str, float, str]:
    top = matcher.match_text(text, code=code)[0]
    return top.product_code, top.score, top.reason


def test_the_dictionary_is_broad_and_each_word_is_in_one_group() -> None:
    groups = folded_groups()
    assert len(groups) >= 60
    words = [w for g in groups for w in g]
    assert len(words) == len(set(words)), "a word in two groups would join them"
    assert all(len(w) >= 1 and " " not in w for w in words)
    # Every listed group keeps at least two spellings once folded (else it is dead weight).
    assert len(groups) == len(SYNONYM_GROUPS)


def test_related_items_are_not_synonyms() -> None:
    group_of = {w: g for g in folded_groups() for w in g}
    for one, other in [("醤油", "味噌"), ("花かつお", "焼のり"), ("炭酸水", "天然水"),
                       ("トイレットペーパー", "ティッシュ"), ("サイダー", "ソーダ")]:
        assert fold_term(other) not in group_of.get(fold_term(one), ())


def test_the_longest_group_word_is_found() -> None:
    text = fold_term("除菌ウェットティッシュ 80枚")
    found = [(text[s:e], others) for s, e, others in written_terms(text)]
    assert [w for w, _ in found] == [fold_term("ウェットティッシュ")]
    assert fold_term("ウエットティッシュ") in found[0][1]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("讃岐屋 削り節 500g", "A-1"),
        ("讃岐屋 削り節100g", "A-2"),
        ("ソーダ 500ml", "B-1"),
        ("富士 ソーダ水 500ml", "B-1"),
        ("丸正 こいくちしょう油 1L", "C-1"),
        ("白雪 ボックスティッシュ 5箱", "D-1"),
    ],
)
def test_a_synonym_finds_the_product(matcher: Matcher, text: str, code: str) -> None:
    found, _, reason = best(matcher, text)
    assert found == code
    assert "同義語" in reason


def test_the_word_as_written_wins_over_a_synonym() -> None:
    both = Matcher(Catalog(products=[
        Product("K-1", "讃岐屋 花かつお 500g", "袋", 1200.0, "", 10),
        Product("K-2", "讃岐屋 削り節 500g", "袋", 1100.0, "", 10),
    ]))
    assert best(both, "讃岐屋 削り節 500g")[0] == "K-2"
    assert best(both, "讃岐屋 花かつお 500g")[0] == "K-1"
    assert "同義語" not in best(both, "讃岐屋 削り節 500g")[2]


def test_a_synonym_is_never_surer_than_the_word_as_written(matcher: Matcher) -> None:
    for written, exact in [("讃岐屋 削り節 500g", "讃岐屋 花かつお 500g"),
                           ("富士 ソーダ 500ml", "富士 炭酸水 500ml"),
                           ("富士 ソーダ", "富士 炭酸水")]:
        via_synonym, as_named = best(matcher, written), best(matcher, exact)
        assert via_synonym[0] == as_named[0]
        assert via_synonym[1] < as_named[1]


def test_a_synonym_with_nothing_else_agreeing_is_left_for_the_clerk(matcher: Matcher) -> None:
    # No size written: the word alone says 炭酸水, not which one the customer means.
    code, score, _ = best(matcher, "富士 ソーダ")
    assert code == "B-1" and score < THRESHOLD
    # The size agrees and nothing else is near: sure.
    code, score, _ = best(matcher, "富士 ソーダ 500ml")
    assert code == "B-1" and score >= THRESHOLD


def test_a_size_mismatch_still_sinks_a_synonym_match(matcher: Matcher) -> None:
    # The sibling of the size written is taken; the other size is far behind.
    ranked = matcher.match_text("讃岐屋 削り節 500g")
    assert ranked[0].product_code == "A-1"
    other = next(c for c in ranked if c.product_code == "A-2")
    assert "サイズ不一致" in other.reason and other.score < 0.5
    # Only the other size in the master: found by the synonym, sunk by the size.
    only_small = Matcher(Catalog(products=[
        Product("S-1", "讃岐屋 花かつお 100g", "袋", 300.0, "", 20),
        Product("S-2", "讃岐屋 だし昆布 500g", "袋", 900.0, "", 10),
    ]))
    found = {c.product_code: c for c in only_small.match_text("讃岐屋 削り節 500g")}
    assert "サイズ不一致" in found["S-1"].reason and found["S-1"].score < THRESHOLD
    assert max(c.score for c in found.values()) < THRESHOLD


def test_unrelated_words_are_not_linked(matcher: Matcher) -> None:
    # 正油 is しょうゆ, never the maker's みそ; 天然水 is no 炭酸水.
    assert best(matcher, "丸正 正油 1L")[0] == "C-1"
    for text in ["丸正 みそ 1kg", "富士 天然水 500ml", "富士 サイダー 500ml", "讃岐屋 焼のり 50枚"]:
        assert "同義語" not in best(matcher, text)[2]
    assert all("同義語" not in c.reason for c in matcher.match_text("富士 天然水 500ml"))


def test_a_code_whose_product_is_named_by_a_synonym_is_not_doubted(matcher: Matcher) -> None:
    code, score, _ = best(matcher, "削り節 500g", code="A-1")
    assert code == "A-1" and score >= THRESHOLD
