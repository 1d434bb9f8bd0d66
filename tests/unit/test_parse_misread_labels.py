"""Header labels OCR misread beyond their patterns, and dates whose label was lost."""

from __future__ import annotations

import datetime as dt

import pytest
from parse_words import line, make_page

from ordertake.domain import OrderDraft, PageSource, SourceMeta
from ordertake.parse.dates import read_field_date
from ordertake.parse.order import parse_pages

D = dt.date
META = SourceMeta(filename="order.tif")
ITEM = line(0.40, (0.1, "醤油 6本"))


def parse(fax_day: str, *texts: str) -> OrderDraft:
    header = line(0.01, (0.02, f"{fax_day} 09:41 FROM:03-1234-5679 山田商店 P.001/001"))
    rows = [line(0.17 + 0.03 * i, (0.05, text)) for i, text in enumerate(texts)]
    page = make_page(header, *rows, ITEM, source=PageSource.OCR)
    return parse_pages([page], META)[0]


def confidence(draft: OrderDraft, field: str) -> float:
    return draft.evidence[field].confidence


def test_labels_a_character_or_two_from_a_known_label_name_their_fields() -> None:
    # 発 read as 人, 希望 as 布也, 番号 as 益り: each value goes to its field, for a clerk.
    draft = parse("2026/12/28", "人注日2926/12/28", "納品布也日2026/ 12/29", "発注 益り26122864")
    assert draft.order_date == D(2026, 12, 28)
    assert draft.delivery_date == D(2026, 12, 29)
    assert draft.order_number == "26122864"
    for field in ("order_date", "delivery_date", "order_number"):
        assert confidence(draft, field) <= 0.6


def test_a_delivery_whose_label_is_misread_is_not_taken_for_the_order_date() -> None:
    # The order date's line was lost; 納品希望日 read 納品大望日, 発注番号 read 発汗番号.
    draft = parse("2027/02/11", "納品大望日2027年2月13日", "発汗番号27021109")
    assert draft.delivery_date == D(2027, 2, 13)
    assert draft.order_date == D(2027, 2, 11)  # the fax date stands in
    assert draft.order_number == "27021109"
    assert confidence(draft, "order_date") <= 0.5
    assert confidence(draft, "delivery_date") <= 0.6
    assert confidence(draft, "order_number") <= 0.6


def test_an_unlabelled_date_after_the_fax_date_is_the_delivery() -> None:
    # 納品希望日 read 稚品大望日 (too far from any label to name it): still a delivery's label
    # by its characters, and an order is not dated after it is faxed.
    draft = parse("2026/07/28", "稚品大望日2026年7月29日")
    assert draft.delivery_date == D(2026, 7, 29)
    assert draft.order_date == D(2026, 7, 28)
    assert confidence(draft, "delivery_date") <= 0.5


def test_an_unlabelled_date_before_the_fax_date_is_the_order_date() -> None:
    # 送信日 names no field (送 is no delivery's: the fax is sent): its date, the day before
    # the fax date, is the order's for a clerk to confirm.
    draft = parse("2026/12/28", "送信日 2026/12/27")
    assert draft.order_date == D(2026, 12, 27)
    assert draft.delivery_date is None
    assert confidence(draft, "order_date") <= 0.5


@pytest.mark.parametrize("text", ["注文Mo. 26122864", "PO Wo.: 26122864"])
def test_a_no_read_as_another_letter_still_labels_the_order_number(text: str) -> None:
    draft = parse("2026/12/28", text)
    assert draft.order_number == "26122864"
    assert confidence(draft, "order_number") <= 0.6


@pytest.mark.parametrize("text", ["郵便番号 1234567", "商品No. 26122864", "会員No. 26122864",
                                  "会員番号 12345678", "受注番号 26122864", "生年月日 1990/1/1"])
def test_other_labels_near_a_known_one_are_not_read_as_it(text: str) -> None:
    draft = parse("2026/12/28", text)
    assert draft.order_number is None
    assert draft.order_date == D(2026, 12, 28)  # the fax date: nothing read
    assert draft.delivery_date is None


@pytest.mark.parametrize(("raw", "expected"), [
    ("202670417", D(2026, 4, 17)),  # one slash read as 7, the other lost
    ("令和8年4月115", D(2026, 4, 15)),  # 日 read as a digit: no day 11 as read
])
def test_a_delivery_date_with_a_separator_misread_is_repaired(raw: str,
                                                               expected: dt.date) -> None:
    read = read_field_date(raw, D(2026, 4, 11), (0, 62), guess=True, later=True)
    assert read is not None and read.value == expected and not read.checked


def test_without_an_order_date_the_fax_date_gives_the_number_its_date_stamp() -> None:
    # The order date's slash read as 人: unreadable, the fax date stands in; the number's
    # 26 read as 25 no longer carries the order's year-month (2602), one look-alike does.
    draft = parse("2026/02/12", "ご注文日2人12(木)", "注文番号25021226")
    assert draft.order_date == D(2026, 2, 12)
    assert draft.order_number == "26021226"
    assert confidence(draft, "order_number") <= 0.6


def test_typed_numbers_are_not_repaired_by_the_receive_date() -> None:
    page = make_page(line(0.17, (0.05, "注文番号25021226")), ITEM, source=PageSource.TEXT)
    meta = SourceMeta(filename="mail.eml", received_at=dt.datetime(2026, 2, 12, 9, 0))
    draft = parse_pages([page], meta)[0]
    assert draft.order_number == "25021226"


def test_a_misread_label_after_another_cell_on_its_line_still_labels_its_value() -> None:
    # お届け先 and お届け日 on one line, both garbled: the delivery date after the second.
    draft = parse("2026/11/24", "注文日 2026/11/24",
                  "お避け 先:みどり食堂 本店 お屈け日 11/30(月)")
    assert draft.delivery_date == D(2026, 11, 30)
    assert confidence(draft, "delivery_date") <= 0.6


def test_a_number_label_keeping_its_field_character_and_its_last_is_read() -> None:
    # 注文番号 read 文秋号: 文 of 注文, 号 of 番号.
    draft = parse("2026/11/18", "文秋号 P0-2026-2343")
    assert draft.order_number == "PO-2026-2343"
    assert confidence(draft, "order_number") <= 0.6


@pytest.mark.parametrize("text", ["商品番号 A-10085", "会員番号 12345678", "品名 A-10085"])
def test_other_words_before_a_number_still_label_nothing(text: str) -> None:
    draft = parse("2026/11/18", text)
    assert draft.order_number is None


def test_an_order_date_no_date_as_written_is_the_fax_date() -> None:
    # 1月27日 read 1月71日: no day 71; 7 for 2 would give 1/21, but the fax date is likelier.
    draft = parse("2027/01/27", "注文日 令和9年1月71日")
    assert draft.order_date == D(2027, 1, 27)
    assert confidence(draft, "order_date") <= 0.6


@pytest.mark.parametrize(("delivery", "expected", "sure"), [
    ("令和8年3月31日", D(2026, 3, 31), False),  # 19 days on: 3月13日 read 3月31日?
    ("令和8年3月20日", D(2026, 3, 20), True),
    ("3/31(火)", D(2026, 3, 31), True),  # the weekday bears it out
])
def test_a_delivery_two_weeks_out_or_more_is_not_sure(delivery: str, expected: dt.date,
                                                      sure: bool) -> None:
    draft = parse("2026/03/12", "注文日 2026/03/12", f"お届け日 {delivery}")
    assert draft.delivery_date == expected
    assert (confidence(draft, "delivery_date") > 0.8) == sure


def test_a_company_guessed_from_a_line_of_garbled_labels_is_the_name_alone() -> None:
    draft = parse("2026/11/24", "お避け 先:みどり食堂 本店 お屈け日 11/30(月)")
    assert draft.customer_name == "みどり食堂本店"
