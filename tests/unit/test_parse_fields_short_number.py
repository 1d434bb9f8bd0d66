"""Header fields: an order number read too short to be sure."""

from __future__ import annotations

from parse_words import line, make_page

from ordertake.domain import OrderDraft, PageSource, SourceMeta
from ordertake.parse.order import parse_pages

META = SourceMeta(filename="order.pdf")
ITEM = line(0.40, (0.1, "醤油 6本"))


def parse(*lines: list) -> OrderDraft:
    return parse_pages([make_page(*lines, ITEM, source=PageSource.OCR)], META)[0]


def test_an_order_number_of_one_character_is_never_sure() -> None:
    # The rest of the number (A2609-34) was read apart from its label.
    draft = parse(line(0.17, (0.05, "注文番号0"), (0.2, "09-"), (0.25, "34")))
    assert draft.order_number == "0"
    assert draft.evidence["order_number"].confidence <= 0.6
    sure = parse(line(0.17, (0.05, "注文番号 A2609-34")))
    assert sure.order_number == "A2609-34"
    assert sure.evidence["order_number"].confidence > 0.6
