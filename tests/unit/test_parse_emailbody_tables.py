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
