"""Order lines typed into e-mail bodies."""

from __future__ import annotations

import pytest

from ordertake.parse.emailbody import parse_item_line


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
