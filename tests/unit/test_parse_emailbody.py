"""Order lines typed into e-mail bodies."""

from __future__ import annotations

import pytest

from ordertake.domain import SourceMeta
from ordertake.ocr.textpages import text_pages
from ordertake.parse.emailbody import join_labelled_items, parse_item_line, parse_item_lines
from ordertake.parse.order import parse_pages


@pytest.mark.parametrize(
    ("text", "description", "code", "quantity", "unit"),
    [
        ("醤油 特選丸大豆1.8L 6本", "醤油 特選丸大豆1.8L", None, 6, "本"),
        ("・緑茶525ml ×2ケース", "緑茶525ml", None, 2, "ケース"),
        ("KT-0451 10", "", "KT-0451", 10, None),
        ("1. みりん 1L x 3 c/s", "みりん 1L", None, 3, "ケース"),
        ("コーラ500ml×24 3", "コーラ500ml×24", None, 3, None),
        ("サラダ油1500g 10", "サラダ油1500g", None, 10, None),
        ("KT-0451 醤油 1.8L 6本 @420", "醤油 1.8L", "KT-0451", 6, "本"),
        ("鶏もも 2kg", "鶏もも", None, 2, "kg"),
        ("とんかつソース1.8L を 2本", "とんかつソース1.8L", None, 2, "本"),
        ("白だし 1L → 6本", "白だし 1L", None, 6, "本"),
        ("緑茶 525ml（24本入）2cs", "緑茶 525ml(24本入)", None, 2, "ケース"),
        ("緑茶525ml を2ケース", "緑茶525ml", None, 2, "ケース"),
        ("JAN 4901234567894 2ケース", "", "4901234567894", 2, "ケース"),
        ("計量カップ 3個", "計量カップ", None, 3, "個"),
        ("醤油 1.8L 6本お願いします", "醤油 1.8L", None, 6, "本"),
        ("4901234567890 2", "", "4901234567890", 2, None),
        ("①　米酢　５００ｍｌ　１０本", "米酢 500ml", None, 10, "本"),
        # Any spelling of the unit vocabulary, not only the canonical names.
        ("カフェオレ 1L：4pk", "カフェオレ 1L", None, 4, "パック"),
        ("・ハム 500g（山田食品） ×4pk", "ハム 500g(山田食品)", None, 4, "パック"),
        ("紙皿 20cm 5 box", "紙皿 20cm", None, 5, "箱"),
        ("トレー 2 ctn", "トレー", None, 2, "ケース"),
        # A count inside the name gives way to the quantity written after it.
        ("食器用スポンジ 3個　6 pk", "食器用スポンジ 3個", None, 6, "パック"),
        ("ビール350mlx6缶　６ pk", "ビール350mlx6缶", None, 6, "パック"),
        # Thousands, politeness after the unit, a note after the unit, the word 数量.
        ("紙コップ 1,000個", "紙コップ", None, 1000, "個"),
        ("醤油 1.8L 2ケースでお願いします", "醤油 1.8L", None, 2, "ケース"),
        ("醤油 1.8L 6本（至急）", "醤油 1.8L", None, 6, "本"),
        ("醤油 1.8L 6本 ※在庫確認", "醤油 1.8L", None, 6, "本"),
        ("醤油 1.8L 数量：6本", "醤油 1.8L", None, 6, "本"),
    ],
)
def test_item_lines(text: str, description: str, code: str | None, quantity: float,
                    unit: str | None) -> None:
    item = parse_item_line(text)
    assert item is not None
    assert (item.description, item.code, item.quantity, item.unit) == (
        description, code, quantity, unit)


def test_unit_price_is_not_the_quantity() -> None:
    item = parse_item_line("KT-0451 醤油 1.8L 6本 @420")
    assert item is not None and item.unit_price == 420 and item.quantity == 6


@pytest.mark.parametrize(
    "text",
    [
        "いつもお世話になっております。",
        "以下の通り注文します。",
        "コーラ500ml×24",
        "TEL 03-1234-5678",
        "〒100-0001 東京都千代田区 1-2-3",
        "納品日：11月25日",
        "よろしくお願いいたします。",
        "株式会社 山田商店 購買部",
        "ラップ 30cm×100m",      # sizes only: 100m is a length
        "ゴミ袋 45L",
        "生クリーム 47%",
        "打合せ 3 (本社)",       # a note needs a unit before it
        "",
    ],
)
def test_lines_that_order_nothing(text: str) -> None:
    assert parse_item_line(text) is None


def test_an_item_set_out_one_field_a_line_is_one_order_line() -> None:
    body = "\n".join([
        "以下注文お願いします。",
        "【1】",
        "商品名：丸正醤油 白だし 1L",
        "数量：6本",
        "",
        "【2】",
        "品番：A-10152",
        "品名：トマトケチャップ 1kg",
        "入数：12",
        "数量：3",
        "単位：ケース",
        "商品名：中濃ソース 500ml",   # no separator: a second name starts the next item
        "数量：12本",
        "納品希望日：12月3日",
    ])
    draft = parse_pages(text_pages(body), SourceMeta(filename="mail.eml"))[0]
    assert [(x.code, x.description, x.quantity, x.unit) for x in draft.lines] == [
        (None, "丸正醤油 白だし 1L", 6, "本"),
        ("A-10152", "トマトケチャップ 1kg 12入", 3, "ケース"),
        (None, "中濃ソース 500ml", 12, "本"),
    ]
    # The item fields are used up; the delivery line is left for the header fields.
    assert draft.header_texts == ["以下注文お願いします。", "【1】", "【2】", "納品希望日：12月3日"]


def test_labelled_fields_without_a_quantity_or_a_name_order_nothing() -> None:
    assert join_labelled_items(["商品名：緑茶", "備考：至急"]) == []
    assert join_labelled_items(["数量：3", "単位：本"]) == []
    assert parse_item_line("商品名：緑茶 525ml 数量：2ケース").description == "緑茶 525ml"


@pytest.mark.parametrize("text", ["計 21本", "1ケース=24本", "2ケース"])
def test_totals_and_pack_notes_order_nothing(text: str) -> None:
    assert parse_item_lines(text) == []


def test_items_listed_on_one_line_are_each_an_order_line() -> None:
    items = parse_item_lines("緑茶 2c/s、ほうじ茶 3c/s")
    assert [(x.description, x.quantity, x.unit) for x in items] == [
        ("緑茶", 2, "ケース"), ("ほうじ茶", 3, "ケース")]
    # A thousands comma and a size after a comma are no list.
    assert len(parse_item_lines("醤油 1,200ml 3本")) == 1
    assert len(parse_item_lines("サラダ油 1000g, 3本")) == 1


@pytest.mark.parametrize(("text", "description", "quantity", "unit"), [
    # A count in kanji numerals before its unit.
    ("・緑茶 525ml　二ケース", "緑茶 525ml", 2, "ケース"),
    ("麦茶 2L 十二本", "麦茶 2L", 12, "本"),
    ("五目ごはんの素 三袋", "五目ごはんの素", 3, "袋"),  # 五 inside the name stays
    ("麦茶 2L を 二十ケースお願いします", "麦茶 2L", 20, "ケース"),
    ("一番搾り 350ml 6缶", "一番搾り 350ml", 6, "缶"),
    # A count with its unit written before the item.
    ("2ケース　東洋飲料 麦茶 2L", "東洋飲料 麦茶 2L", 2, "ケース"),
    ("6本 丸正醤油 料理酒 1.8L", "丸正醤油 料理酒 1.8L", 6, "本"),
])
def test_counts_in_kanji_or_before_the_item(text: str, description: str, quantity: float,
                                            unit: str) -> None:
    item = parse_item_line(text)
    assert item is not None
    assert (item.description, item.quantity, item.unit) == (description, quantity, unit)


@pytest.mark.parametrize("text", [
    "十勝あずき", "麦茶 二", "二二本",  # kanji numerals without a unit, or no number
    "500ml 麦茶", "10時 着でお願いします", "3F 倉庫",  # a size or other number first
])
def test_numbers_that_are_no_count_order_nothing(text: str) -> None:
    assert parse_item_line(text) is None


def test_a_mail_changing_or_cancelling_an_order_warns_the_clerk() -> None:
    body = ("先日の注文の変更をお願いします。\n東洋飲料 麦茶 2L 2ケース → キャンセル\n"
            "丸正醤油 料理酒 1.8L 6本\n")
    draft = parse_pages(text_pages(body), SourceMeta(filename="mail.eml"))[0]
    assert "the mail asks to change or cancel an order: '先日の注文の変更をお願いします。'" in (
        draft.warnings)
    plain = parse_pages(text_pages("丸正醤油 料理酒 1.8L 6本\n"), SourceMeta(filename="m.eml"))[0]
    assert not any("change or cancel" in w for w in plain.warnings)
