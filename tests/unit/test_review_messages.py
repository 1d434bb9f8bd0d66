"""Warnings shown in the UI language: known patterns translated, everything else as written."""

from __future__ import annotations

from ordertake.review_ui.messages import reason_label, warning_text


def test_known_english_warnings_read_japanese() -> None:
    text = "line 2: quantity read as 19, taken as 10 (amount 31740 ÷ unit price 3174)"
    assert warning_text(text, "ja") == (
        "2行目: 数量を 19 と読みましたが、金額 31740 ÷ 単価 3174 から 10 としました")
    assert warning_text("line 7: amount 4720 ≠ quantity 4 × unit price 1189", "ja") == (
        "7行目: 金額 4720 が 数量 4 × 単価 1189 と合いません")
    assert warning_text("the fax header says 3 pages but 2 arrived", "ja").startswith(
        "FAXヘッダーでは 3 枚ですが、届いたのは 2 枚です")
    assert warning_text("possible duplicate of order 12 (same order number, marked 再送); "
                        "approving it needs a confirmation", "ja") == (
        "注文 #12 と重複の可能性（同じ注文番号、「再送」の記載あり）: 承認には確認が必要です")
    assert warning_text("6行の商品は確認が必要です", "ja") == "6行の商品は確認が必要です"


def test_japanese_warnings_read_english_and_unknown_text_stays_as_written() -> None:
    assert warning_text("6行の商品は確認が必要です", "en") == "6 line(s) need a product check"
    assert warning_text("line 2: amount 1 ≠ quantity 2 × unit price 3", "en") == (
        "line 2: amount 1 ≠ quantity 2 × unit price 3")
    assert warning_text("something new <script>", "ja") == "something new <script>"  # Jinja escapes
    assert reason_label("corrupt", "ja") == "ファイルが壊れています"
    assert reason_label("??", "ja") == ""


def test_typed_dates_in_japanese_forms() -> None:
    import datetime as dt

    import pytest

    from ordertake.review_ui.schemas import parse_date_text

    day = dt.date(2026, 11, 20)
    typed = ("2026/11/20", "2026-11-20", "２０２６／１１／２０", "2026年11月20日", " 2026/11/20 ")
    for text in typed:
        assert parse_date_text(text) == day, text
    assert parse_date_text("2026/1/5") == dt.date(2026, 1, 5)
    assert parse_date_text("") is None
    for bad in ("11/20/2026", "2026/13/01", "20261120"):
        with pytest.raises(ValueError, match="2026/11/20 の形で"):
            parse_date_text(bad)


def test_unsure_quantity_key_reads_in_both_languages() -> None:
    assert warning_text("line 3: qty_unsure:read=35,picture=48", "ja") == (
        "3行目: 数量 35 は不確かです（画像からは 48 と読めます）: 確認してください")
    assert warning_text("line 3: qty_unsure:read=35,picture=48", "en") == (
        "line 3: quantity 35 is unsure (the picture reads 48): please check")
    assert warning_text("qty_unsure:read=8,picture=", "en") == (
        "quantity 8 is unsure (the picture is unreadable): please check")
    assert warning_text("line 1: quantity read as 31, read again from the page picture: 3",
                        "ja") == "1行目: 数量を 31 と読みましたが、画像から読み直して 3 としました"


def test_unreadable_quantity_key_reads_in_both_languages() -> None:
    assert warning_text("qty_unreadable:19C/$S", "ja") == (
        "数量欄「19C/$S」を数量として読めません: 入力してください")
    assert warning_text("line 2: qty_unreadable:1 7-ス", "en") == (
        "line 2: the quantity cell '1 7-ス' does not read as a number: please enter it")


def test_fraction_warnings_read_english() -> None:
    # Written by the matcher itself, so the text is the one it stores.
    from ordertake.domain import Product
    from ordertake.matching.units import reconcile_units

    bags = reconcile_units(4.8, "袋", Product("A-1", "焼のり 全形 10枚", "袋", 500.0))
    assert warning_text(bags.warnings[0], "en") == (
        "quantity 4.8袋 is not a whole number: please check it")
    green_tea = Product("B-1", "緑茶 525ml", "ケース", 2400.0, case_qty=24)
    cases = reconcile_units(30, "本", green_tea)
    assert warning_text(cases.warnings[0], "en") == (
        "30本 is not a whole number of cases (24 a case): check whether cases were meant")


def test_a_change_request_reads_japanese() -> None:
    assert warning_text("the mail asks to change or cancel an order: '麦茶 2ケース → 取消'",
                        "ja") == ("注文の変更・取消の依頼があります:「麦茶 2ケース → 取消」 "
                                  "元の注文と合わせて確認してください")


def test_quantity_repair_warnings_read_japanese() -> None:
    cases = {
        "unit read from the page picture: 48本": "単位を画像から読み直しました:「48本」",
        "quantity read as 6, read again from the page picture with its unit: 1ケース":
            "数量を 6 と読みましたが、画像から単位ごと読み直しました:「1ケース」",
        "quantity read again from the page picture: 12": "数量を画像から読み直して 12 としました",
        "quantity read as '4.8': the point taken for a speck, 48":
            "数量欄「4.8」の点を汚れとみなして 48 としました",
        "quantity unreadable, taken as 3 (amount 600 ÷ unit price 200)":
            "数量を読めないため、金額 600 ÷ 単価 200 から 3 としました",
    }
    for english, japanese in cases.items():
        assert warning_text(english, "ja").startswith(japanese), english
