"""Normalisation: widths, dashes, legal forms, sizes and packs as values, codes, phones."""

from __future__ import annotations

import pytest

from ordertake.matching.index import match_key
from ordertake.matching.normalize import (
    company_key,
    fold_kana,
    normalize,
    normalize_code,
    phone_key,
)
from ordertake.matching.sizes import compare_specs, split_specs


def test_widths_case_spaces_and_dashes() -> None:
    assert normalize("ＡＢＣ　１２３  ｺｰﾋｰ") == "abc 123 コ-ヒ-"
    assert normalize("A‐1０0２3") == normalize("a-10023") == normalize("Ａ－１００２３")
    assert normalize(None) == normalize("") == ""


def test_legal_forms_fold_together() -> None:
    assert normalize("㈱山田商店") == normalize("株式会社山田商店") == normalize("(株)山田商店")
    assert normalize("有限会社さくら") == normalize("(有)さくら")
    assert company_key("株式会社 山田商店 御中") == company_key("(株)山田商店") == "山田商店"


@pytest.mark.parametrize(
    "a, b",
    [
        ("1.8L", "1800ml"),
        ("1.8ℓ", "1800ML"),
        ("500g", "0.5kg"),
        ("×24", "x24"),
        ("*24", "24入"),
        ("24本入", "x24"),
    ],
)
def test_sizes_and_packs_are_values(a: str, b: str) -> None:
    assert split_specs(normalize(a)).specs == split_specs(normalize(b)).specs


def test_one_litre_never_passes_for_one_point_eight() -> None:
    check = compare_specs(split_specs("1l").specs, split_specs("1.8l").specs)
    assert check.factor < 0.5 and "不一致" in check.reason
    assert compare_specs(split_specs("1800ml").specs, split_specs("1.8l").specs).factor == 1.0


def test_a_written_size_the_product_does_not_state_costs_clearly_more_than_agreement() -> None:
    query = split_specs("削り節500g").specs
    agrees = compare_specs(query, split_specs("花かつお 500g").specs).factor
    states_nothing = compare_specs(query, split_specs("焼のり 全形").specs).factor
    assert agrees == 1.0 and states_nothing <= 0.85


def test_case_quantity_written_by_the_customer_agrees() -> None:
    assert (
        compare_specs(split_specs("500ml 24本入").specs, split_specs("500ml").specs, 24).factor
        > 0.95
    )


def test_ocr_confusions_inside_sizes_and_katakana() -> None:
    assert match_key("l.8L").specs == match_key("1.8L").specs
    assert match_key("ｺ一ﾗ").text == match_key("コーラ").text
    assert match_key("醤油").text == match_key("しょうゆ").text


def test_codes_tolerate_ocr_lookalikes() -> None:
    assert normalize_code("A-1OO23") == normalize_code("a10023")
    assert normalize_code("KT-O45l") == normalize_code("KT-0451")


def test_phone_numbers() -> None:
    assert (
        phone_key("+81 3-1234-5678")
        == phone_key("03(1234)5678")
        == phone_key("０３－１２３４－５６７８")
    )


def test_litre_followed_by_a_count_is_not_a_misread_one() -> None:
    assert match_key("ゴミ袋 45L5枚").specs == match_key("ゴミ袋 45L 5枚").specs
    assert match_key("80g l0個").specs == match_key("80g 10個").specs


def test_lone_i_or_l_before_a_unit_is_a_one() -> None:
    assert match_key("うすくちしょうゆIL").specs == match_key("うすくちしょうゆ 1L").specs
    assert match_key("ヨーグルト lkg").specs == match_key("ヨーグルト 1kg").specs


def test_fold_kana_takes_a_long_vowel_spelled_u_as_the_long_mark() -> None:
    from ordertake.matching.normalize import fold_kana

    assert fold_kana(normalize("ぎょうざ")) == fold_kana(normalize("ギョーザ")) == "ギョ-ザ"
    assert fold_kana(normalize("ぎゅうにゅう")) == "ギュ-ニュ-"
    assert fold_kana(normalize("ウイスキー")) == "ウイスキ-"  # a ウ that starts a word stays


def test_a_katakana_lookalike_beside_a_kanji_is_the_kanji() -> None:
    # OCR reads the 口 of 辛口 and the 工 of 加工 as katakana; a kana word keeps its katakana.
    assert match_key("カレー 辛ロ 1kg").text == match_key("カレー 辛口 1kg").text
    assert fold_kana("加エ品") == fold_kana("加工品")
    assert fold_kana("豚ロース") == "豚ロース"
    assert fold_kana("エビ天") == "エビ天"
    assert fold_kana("カ口") == fold_kana("カロ") == "カロ"  # a kana word, one kanji misread


def test_a_size_letter_l_read_as_a_lookalike_before_saizu_is_l() -> None:
    assert normalize("鶏卵しサイズ10個") == normalize("鶏卵Lサイズ10個")
    assert normalize("卵 レサイズ") == normalize("卵 Lサイズ")
    # A word that ends in し is left alone: only a lone letter stands before サイズ.
    assert "ましサイズ" in normalize("ましサイズ")
