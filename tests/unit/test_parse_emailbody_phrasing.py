"""Order lines typed the ways customers write them: counts, notes, 各, particles (pure)."""

from __future__ import annotations

import pytest

from ordertake.ingest.bodyorder import order_text
from ordertake.parse.emailbody import join_labelled_items, parse_item_line, parse_item_lines


@pytest.mark.parametrize(
    ("text", "description", "quantity", "unit"),
    [
        # × set apart from the size by a space orders; attached it is the pack size
        ("みなと冷食 有塩バター 200g ×3", "みなと冷食 有塩バター 200g", 3, None),
        ("ポテトチップス うすしお 135g x 3", "ポテトチップス うすしお 135g", 3, None),
        # a pack size then the number of packs
        ("純米酢 500ml 12本入×2", "純米酢 500ml 12本入", 2, "ケース"),
        ("こいくちしょうゆ 1.8L（6本入）×2", "こいくちしょうゆ 1.8L(6本入)", 2, "ケース"),
        # 点 counts items without naming a unit
        ("レトルトカレー 中辛 200g　3点", "レトルトカレー 中辛 200g", 3, None),
        # a note with digits after the count and its unit
        ("白だし 500ml　12本（なければ1Lで可）", "白だし 500ml", 12, "本"),
        ("コロッケ 80g×10個　10袋　←特売用 2日分", "コロッケ 80g×10個", 10, "袋"),
        # labels, particles and link words around the count
        ("炭酸水 500ml  qty 48 btl", "炭酸水 500ml", 48, "本"),
        ("あと、梅酒 720mlは6本ずつで大丈夫です。", "梅酒 720ml", 6, "本"),
        ("チューハイ 350ml×24缶も2ケース追加でお願いできますか。", "チューハイ 350ml×24缶", 2,
         "ケース"),
        ("鶏もも 2kg", "鶏もも", 2, "kg"),
        # the count first, a weight after the name is its size
        ("5袋　片栗粉 1kg", "片栗粉 1kg", 5, "袋"),
        # yen after the count, kanji list numbers, quoted lines
        ("・緑茶 2L　6本　¥1,080", "緑茶 2L", 6, "本"),
        ("一、純米酒 720ml　三本", "純米酒 720ml", 3, "本"),
        ("> ・炭酸水 1L　2ケース", "炭酸水 1L", 2, "ケース"),
        ("＊ウスターソース 1.8L　ｘ4本", "ウスターソース 1.8L", 4, "本"),
        ("【2】食器用洗剤 4L　2本", "食器用洗剤 4L", 2, "本"),
        ("No.4 キッチンペーパー 4ロール　5パック", "キッチンペーパー 4ロール", 5, "パック"),
        ("鶏卵 Mサイズ 6個　10P", "鶏卵 Mサイズ 6個", 10, "パック"),
        ("品名：乾麺 うどん 250g ／ 数量：20袋", "乾麺 うどん 250g", 20, "袋"),
        # leader dots, a list number set apart by a space only
        ("緑茶 525ml……………2ケース", "緑茶 525ml", 2, "ケース"),
        ("スポーツドリンク 500ml・・・・1ケース", "スポーツドリンク 500ml", 1, "ケース"),
        ("ほうじ茶 2L ........ 3ケース", "ほうじ茶 2L", 3, "ケース"),
        ("1 ツナ缶 オイル 70g×3缶 10パック", "ツナ缶 オイル 70g×3缶", 10, "パック"),
        ("2 ケース 麦茶 2L", "麦茶 2L", 2, "ケース"),
        # a delivery day after the count, 〇 as a bullet
        ("・信州製麺 コシヒカリ 5kg　4袋　11/26着", "信州製麺 コシヒカリ 5kg", 4, "袋"),
        ("日東製粉 コシヒカリ 10kg　1袋 12月1日着", "日東製粉 コシヒカリ 10kg", 1, "袋"),
        ("〇生クリーム 35% 1000ml　6本", "生クリーム 35% 1000ml", 6, "本"),
        # the count in brackets, the unit before ×, verbs and hedges after the count
        ("ホールトマト缶 400g（2ケース）", "ホールトマト缶 400g", 2, "ケース"),
        ("みかん缶 3kg（6缶）", "みかん缶 3kg", 6, "缶"),
        ("麦茶 2L　2ケース（12本）", "麦茶 2L", 2, "ケース"),
        ("中濃ソース 1.8L　ケース×1", "中濃ソース 1.8L", 1, "ケース"),
        ("上白糖 20kg　袋x2", "上白糖 20kg", 2, "袋"),
        ("ヨーグルト 1kg、6個送ってください。", "ヨーグルト 1kg", 6, "個"),
        ("それと唐揚げ 1kgを2ケース分お願いします。", "唐揚げ 1kg", 2, "ケース"),
        ("ウインナー 1kgは5袋ほど手配いただけますか。", "ウインナー 1kg", 5, "袋"),
        ("緑茶 525ml　2ケース＝48本", "緑茶 525ml", 2, "ケース"),
        ("炭酸水 1L 15本入　2", "炭酸水 1L 15本入", 2, "ケース"),
        ("焼餃子 50個　発注数2", "焼餃子 50個", 2, None),
        ("えび天ぷら 20尾　数 4", "えび天ぷら 20尾", 4, None),
        ("・油揚げ 3枚　12袋 → 20袋", "油揚げ 3枚", 20, "袋"),
        # して between the verb and ください
        ("麦茶 2L を6本追加してください。", "麦茶 2L", 6, "本"),
        ("ほうじ茶 500ml 2ケース発注してください", "ほうじ茶 500ml", 2, "ケース"),
        # half a dozen: six pieces
        ("バタークッキー 12枚　半ダース", "バタークッキー 12枚", 6, None),
        ("ガム ミント ボトル×半ダースでお願いします", "ガム ミント ボトル", 6, None),
    ],
)
def test_item_lines(text: str, description: str, quantity: float, unit: str | None) -> None:
    item = parse_item_line(text)
    assert item is not None
    assert (item.description, item.quantity, item.unit) == (description, quantity, unit)


@pytest.mark.parametrize("text", ["緑茶 2L　6本　¥180", "緑茶 2L　6本　@180円/本",
                                  "緑茶 2L　6本 180円／本"])
def test_a_unit_price_after_the_count_is_the_price(text: str) -> None:
    item = parse_item_line(text)
    assert item is not None and (item.unit_price, item.quantity, item.unit) == (180, 6, "本")


def test_a_code_in_brackets_beside_the_name() -> None:
    item = parse_item_line("こいくちしょうゆ 1.8L [MS-0016]　6本")
    assert item is not None
    assert (item.code, item.description) == ("MS-0016", "こいくちしょうゆ 1.8L")
    item = parse_item_line("商品CD：MS-0314　数量：5袋")
    assert item is not None and (item.code, item.quantity, item.unit) == ("MS-0314", 5, "袋")


def test_a_unit_said_once_for_the_list_goes_to_its_bare_counts() -> None:
    texts = ["以下お願いします。（単位：ケース）", "ほうじ茶 2L：2", "天然水 500ml 6本",
             "KT-0451 3"]
    joined = join_labelled_items(texts)
    assert joined == [("ほうじ茶 2L：2ケース", [1, 0]), ("KT-0451 3ケース", [3, 0])]


def test_a_count_in_brackets_of_what_a_pack_holds_orders_nothing() -> None:
    assert parse_item_line("ハンバーグ 80g(10個)") is None


def test_items_one_after_another_on_a_line_without_separators() -> None:
    items = parse_item_lines("緑茶 500ml 2ケース 麦茶 500ml 1ケース")
    assert [(i.description, i.quantity, i.unit) for i in items] == [
        ("緑茶 500ml", 2, "ケース"), ("麦茶 500ml", 1, "ケース")]
    item, = parse_item_lines("鶏卵 Mサイズ 10個 入り 5パック")
    assert (item.description, item.quantity, item.unit) == ("鶏卵 Mサイズ 10個 入り", 5, "パック")


@pytest.mark.parametrize("text", ["顧客番号 10234", "得意先コード 2231", "伝票No 558213",
                                  "12月1日 10時 打合せ"])
def test_numbers_of_the_paperwork_order_nothing(text: str) -> None:
    assert parse_item_line(text) is None


@pytest.mark.parametrize("text", ["緑茶 600ml 1ケース、返品させてください。",
                                  "・緑茶 600ml 1ケース（返品）"])
def test_a_return_is_no_order(text: str) -> None:
    assert parse_item_lines(text) == []


def test_two_items_in_one_sentence() -> None:
    items = parse_item_lines("つきましては、醤油 1.8Lを6本と、白だし 1Lを3本お願いしたく存じます。")
    assert [(i.description, i.quantity, i.unit) for i in items] == [
        ("醤油 1.8L", 6, "本"), ("白だし 1L", 3, "本")]


def test_items_joined_by_to_after_a_clause() -> None:
    items = parse_item_lines("明日の朝までに、ジャスミン茶 2L 6本とウーロン茶 2L 6本を下さい。")
    assert [(i.description, i.quantity, i.unit) for i in items] == [
        ("ジャスミン茶 2L", 6, "本"), ("ウーロン茶 2L", 6, "本")]
    item, = parse_item_lines("東洋飲料の緑茶ですが、2ケースでお願いします")
    assert (item.description, item.quantity) == ("東洋飲料の緑茶ですが", 2)


@pytest.mark.parametrize(("text", "quantity"), [("1.緑茶 525ml/2ケース", 2),
                                                ("麦茶 2L／1ケース", 1)])
def test_a_slash_straight_before_a_count_and_unit(text: str, quantity: float) -> None:
    item = parse_item_line(text)
    assert item is not None and (item.quantity, item.unit) == (quantity, "ケース")


def test_a_date_after_a_slash_is_no_count() -> None:
    assert parse_item_line("納品 11/26") is None


def test_a_line_of_sentences_is_read_sentence_by_sentence() -> None:
    item, = parse_item_lines("はい、1Lで結構です。こいくちしょうゆ 1L 12本でお願いします。")
    assert (item.description, item.quantity, item.unit) == ("こいくちしょうゆ 1L", 12, "本")


def test_one_count_for_items_on_one_line() -> None:
    items = parse_item_lines("あと、緑茶 600ml、天然水 550ml　各1c/s")
    assert [(i.description, i.quantity, i.unit) for i in items] == [
        ("緑茶 600ml", 1, "ケース"), ("天然水 550ml", 1, "ケース")]


@pytest.mark.parametrize("text", [
    "上記、各3袋でお願いします。", "下記3点を各2ケースずつお願いします。", "以上、各2ケースずつ",
    "いずれも各5本"])
def test_a_line_that_counts_a_list_orders_nothing_by_itself(text: str) -> None:
    assert parse_item_lines(text) == []


def test_one_count_below_a_list_applies_to_each_line_of_it() -> None:
    texts = ["居酒屋ごん太です。", "・ゴミ袋 90L 10枚", "・紙コップ 7オンス 100個",
             "上記、各3袋でお願いします。", "・食器用洗剤 4L 4本"]
    joined = join_labelled_items(texts)
    assert joined == [("・ゴミ袋 90L 10枚 3袋", [1, 3]), ("・紙コップ 7オンス 100個 3袋", [2, 3])]
    item = parse_item_line(joined[0][0])
    assert item is not None and (item.description, item.quantity, item.unit) == (
        "ゴミ袋 90L 10枚", 3, "袋")


def test_one_count_above_a_list_takes_as_many_lines_as_it_says() -> None:
    texts = ["下記2点を各2ケースずつお願いします。", "・緑茶 525ml", "・ほうじ茶 2L",
             "・ウーロン茶 500ml"]
    assert [indexes for _, indexes in join_labelled_items(texts)] == [[1, 0], [2, 0]]


def test_a_count_on_the_line_below_its_item_is_its_count() -> None:
    texts = ["明日の分です", "・ポテトチップス コンソメ 85g", "5袋", "・しょうゆせんべい 20枚",
             "3袋", "お願いします"]
    joined = join_labelled_items(texts)
    assert [indexes for _, indexes in joined] == [[1, 2], [3, 4]]
    item = parse_item_line(joined[1][0])
    assert item is not None and (item.description, item.quantity, item.unit) == (
        "しょうゆせんべい 20枚", 3, "袋")


def test_a_count_line_under_a_line_that_names_no_product_joins_nothing() -> None:
    assert join_labelled_items(["明日の分です", "5袋", "よろしく"]) == []


@pytest.mark.parametrize("own", [
    "ご連絡ありがとうございます。\n下記のご注文、承知いたしました。",
    "早速のご手配ありがとうございました。\n本日午前中に無事届きました。",
])
def test_an_answer_to_a_quoted_order_does_not_order_it_again(own: str) -> None:
    body = f"{own}\n\n> ・こいくちしょうゆ 1.8L　6本\n> ・上白糖 3kg　2袋\n"
    assert "こいくちしょうゆ" not in order_text(body)


@pytest.mark.parametrize("own", [
    "いつもありがとうございます。\n前回と同じ内容でお願いします。",
    "いつもありがとうございます。",
    "お客様から承りました注文です。入力をお願いします。",
])
def test_a_re_order_or_a_forward_by_quote_is_read_whole(own: str) -> None:
    body = f"{own}\n\n> ・こいくちしょうゆ 1.8L　6本\n"
    assert order_text(body) == body
