"""Kanji OCR misread as others printed alike (表茶 for 麦茶): a character no candidate has is
taken for the candidate's kanji it prints most like; it may decide the product, never make the
line sure."""

from __future__ import annotations

import pytest

from ordertake.config import Settings
from ordertake.domain import Product
from ordertake.matching import Catalog, Matcher
from ordertake.matching import products as products_module
from ordertake.matching.glyphs import likeness

TEAS = [
    Product("B-1", "富士山麓ウォーター 緑茶 2L", "本", 210.0, "", 6),
    Product("B-2", "富士山麓ウォーター 麦茶 2L", "本", 166.0, "", 6),
    Product("B-3", "富士山麓ウォーター ほうじ茶 2L", "本", 196.0, "", 6),
    Product("B-4", "富士山麓ウォーター ウーロン茶 2L", "本", 178.0, "", 6),
    Product("E-1", "高原ミート 木綿豆腐 400g", "丁", 88.0, "", 12),
    Product("E-2", "高原ミート 絹ごし豆腐 400g", "丁", 97.0, "", 12),
]
THRESHOLD = Settings().auto_accept_threshold


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(Catalog(products=TEAS))


def test_printed_lookalikes_are_known_and_unrelated_kanji_are_not() -> None:
    assert likeness("本", "木") > 0.85 and likeness("木", "本") == likeness("本", "木")
    assert likeness("表", "麦") >= 0.75
    assert likeness("本", "茶") == 0.0


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("富士山麓ウォーター 表茶2L", "B-2"),  # 表 for 麦: no candidate has 表
        ("富士山麓ウォーター 妻茶 2L", "B-2"),  # 妻 for 麦
    ],
)
def test_a_kanji_no_candidate_has_is_read_as_the_one_it_prints_like(
        matcher: Matcher, text: str, code: str) -> None:
    best = matcher.match_text(text)[0]
    assert best.product_code == code
    assert best.score < THRESHOLD
    assert "似た字" in best.reason


def test_a_kanji_some_candidate_has_is_taken_as_written(matcher: Matcher) -> None:
    # 緑 is a candidate's kanji: it was read right, and no look-alike is tried for it.
    best = matcher.match_text("富士山麓ウォーター 緑茶 2L")[0]
    assert best.product_code == "B-1" and "似た字" not in best.reason


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("富上山麓ウォーター 麦茶 2L", "B-2"),  # 富上 for 富士
        ("本綿豆腐400g (高原ミート)", "E-1"),  # 本 for 木
    ],
)
def test_a_lookalike_never_raises_the_confidence_of_the_product_read_anyway(
        matcher: Matcher, monkeypatch: pytest.MonkeyPatch, text: str, code: str) -> None:
    # The product is found without the look-alike; taking it must not make the line surer
    # than it was as read.
    with_lookalikes = matcher.match_text(text)[0]
    monkeypatch.setattr(products_module, "likeness", lambda read, printed: 0.0)
    as_read = matcher.match_text(text)[0]
    assert with_lookalikes.product_code == as_read.product_code == code
    assert with_lookalikes.score <= as_read.score
