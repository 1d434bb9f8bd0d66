"""Tables typed into mail bodies: which lines are a header row, where the rows end (pure)."""

from __future__ import annotations

import pytest

from ordertake.domain import SourceMeta
from ordertake.ocr.textpages import text_pages
from ordertake.parse.lines import group_lines
from ordertake.parse.order import parse_pages
from ordertake.parse.typedtable import labels_values


def _read(body: str) -> list[tuple[str, str | None, float | None, str | None]]:
    draft = parse_pages(text_pages(body), SourceMeta(filename="mail.eml"))[0]
    return [(ln.description, ln.code, ln.quantity, ln.unit) for ln in draft.lines]


def _line(text: str):  # noqa: ANN202
    return group_lines(text_pages(text)[0])[0]


@pytest.mark.parametrize("text", [
    "品名：緑茶 2L　　数量：６本",
    "・品名：ほうじ茶 500ml　単価：90円　数量：24本",
    "品名：麦茶 1L ／ 数量：10袋",
    "商品CD：AB-0101　数量：5袋",
])
def test_a_line_of_labelled_fields_is_no_header_row(text: str) -> None:
    assert labels_values(_line(text))


@pytest.mark.parametrize("text", [
    "品名　　　　　　数量　　単位",
    "品番　　品名　　　　　数量（単位：ケース）",
    "品名：　　　　　数量：",
])
def test_a_row_of_titles_sets_no_value_after_a_label(text: str) -> None:
    assert not labels_values(_line(text))


def test_items_typed_as_labelled_fields_one_a_line_are_each_an_order_line() -> None:
    body = ("下記お願いします。\n\n"
            "　品名：東洋飲料 緑茶 2L　　数量：６本\n"
            "　品名：東洋飲料 麦茶 1L　数量：１２本\n"
            "品番：AB-0101 ／ 数量：3\n\n"
            "以上、よろしくお願いします。\n")
    assert _read(body) == [("東洋飲料 緑茶 2L", None, 6, "本"),
                           ("東洋飲料 麦茶 1L", None, 12, "本"),
                           ("", "AB-0101", 3, None)]


_CODE_TABLE = ("品番　　　品名　　　　　　　　　　数量\n"
               "AB-0101　　東洋飲料 緑茶 2L　　　　　６\n"
               "AB-0102　　東洋飲料 麦茶 2L　　　　　４\n")


def test_the_sentence_after_a_blank_line_below_a_typed_table_is_no_wrapped_name() -> None:
    body = _CODE_TABLE + "\nよろしくお願いします。\n東洋商店　TEL 03-1234-5678\n"
    draft = parse_pages(text_pages(body), SourceMeta(filename="mail.eml"))[0]
    assert [(ln.description, ln.code, ln.quantity) for ln in draft.lines] == [
        ("東洋飲料 緑茶 2L", "AB-0101", 6), ("東洋飲料 麦茶 2L", "AB-0102", 4)]
    # the signature below is the mail's, not a row's
    assert draft.customer_tel == "03-1234-5678"


def test_a_sentence_right_below_the_rows_ends_them() -> None:
    body = _CODE_TABLE + "※数量はケース単位です。\n"
    assert [line[0] for line in _read(body)] == ["東洋飲料 緑茶 2L", "東洋飲料 麦茶 2L"]


def test_a_name_wrapped_right_below_its_row_and_rows_after_a_blank_line_are_kept() -> None:
    body = _CODE_TABLE + "　　　　　 ペットボトル\n\nAB-0103　　東洋飲料 紅茶 2L　　　　　３\n"
    assert _read(body) == [("東洋飲料 緑茶 2L", "AB-0101", 6, None),
                           ("東洋飲料 麦茶 2L ペットボトル", "AB-0102", 4, None),
                           ("東洋飲料 紅茶 2L", "AB-0103", 3, None)]


def test_a_second_table_typed_below_the_first_is_read_in_its_own_columns() -> None:
    body = ("品名　　　　　　　　　　数量\n"
            "東洋飲料 緑茶 2L　　　　6本\n\n"
            "品番　　　　品名　　　　　　　　入数　　数量\n"
            "AB-0101　　 東洋飲料 麦茶 2L　　6　　　 3\n"
            "AB-0102　　 東洋飲料 紅茶 2L　　6　　　 12\n")
    assert _read(body) == [("東洋飲料 緑茶 2L", None, 6, "本"),
                           ("東洋飲料 麦茶 2L", "AB-0101", 3, None),
                           ("東洋飲料 紅茶 2L", "AB-0102", 12, None)]


def test_cells_typed_between_bars_that_do_not_line_up_are_read_in_order() -> None:
    body = ("| 品名 | 数量 |\n"
            "| 東洋飲料 緑茶 2L | 6本 |\n"
            "| 東洋飲料 麦茶 500ml | 12本 |\n\n"
            "よろしくお願いします。\n")
    assert _read(body) == [("東洋飲料 緑茶 2L", None, 6, "本"),
                           ("東洋飲料 麦茶 500ml", None, 12, "本")]


def test_a_row_without_its_count_is_not_read_in_order_into_a_size() -> None:
    # three runs under three titles, but the third is the name's size, not a count
    body = ("品番　　　品名　　　　　　　　数量\n"
            "AB-0101　東洋飲料 緑茶　2L\n"
            "AB-0102　東洋飲料 麦茶　　　　 4本\n")
    assert _read(body) == [("東洋飲料 麦茶", "AB-0102", 4, "本")]
