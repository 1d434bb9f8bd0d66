"""Which pages of a document hold which order (parse.split)."""

from __future__ import annotations

import datetime as dt

from ordertake.domain import DraftLine, OrderDraft, Page, PageSource
from ordertake.parse.split import split_orders


def _pages(n: int) -> list[Page]:
    return [Page(i + 1, 100, 100, PageSource.OCR, []) for i in range(n)]


def _order(number: str | None = None, ship_to: str | None = None,
           delivery: dt.date | None = None, lines: int = 2, customer: str | None = None
           ) -> OrderDraft:
    return OrderDraft(source="fax.tif", order_number=number, ship_to=ship_to,
                      delivery_date=delivery, customer_name=customer,
                      lines=[DraftLine(description="醤油", quantity=1) for _ in range(lines)])


def _split(*drafts: OrderDraft) -> list[list[int]]:
    pages = _pages(len(drafts))
    read = dict(zip((p.number for p in pages), drafts, strict=True))
    return [[p.number for p in group]
            for group in split_orders(pages, lambda page: read[page.number])]


def test_pages_with_other_order_numbers_are_other_orders() -> None:
    assert _split(_order("PO-1182"), _order("PO-2250"), _order("PO-3311")) == [[1], [2], [3]]


def test_a_number_read_with_a_look_alike_letter_is_the_same_order() -> None:
    assert _split(_order("PO-2026-3338"), _order("P0-2026-3338")) == [[1, 2]]


def test_consecutive_numbers_are_told_apart_by_the_ship_to_or_the_day() -> None:
    # One order per store, numbered in a series: one character apart, like an OCR slip.
    assert _split(_order("26123096", "渋谷店"), _order("26123097", "新宿店")) == [[1], [2]]
    assert _split(_order("26123096", delivery=dt.date(2026, 12, 1)),
                  _order("26123097", delivery=dt.date(2026, 12, 2))) == [[1], [2]]
    assert _split(_order("26123096"), _order("26123097")) == [[1, 2]]  # nothing says two


def test_without_numbers_the_ship_to_or_customer_decides_and_a_date_alone_does_not() -> None:
    assert _split(_order(ship_to="横浜市中区 本町店"),
                  _order(ship_to="川崎市 駅前店")) == [[1], [2]]
    assert _split(_order(ship_to="横浜市中区本町1-2 本町店"),
                  _order(ship_to="横浜市中区本町1-2　本町店")) == [[1, 2]]
    assert _split(_order(customer="株式会社ホテル港屋"),
                  _order(customer="有限会社洋食キッチン大島")) == [[1], [2]]
    assert _split(_order(customer="株式会社ホテル港屋"),
                  _order(customer="株式会社ホテル港星")) == [[1, 2]]  # one name read twice
    # A continuation page's "2/2" reads as 2 February as easily as a date does.
    assert _split(_order(delivery=dt.date(2026, 12, 21)),
                  _order(delivery=dt.date(2027, 2, 2))) == [[1, 2]]


def test_a_continuation_page_that_repeats_no_header_goes_on_with_the_order() -> None:
    assert _split(_order("PO-1182", "本町店"), _order(), _order()) == [[1, 2, 3]]


def test_a_page_without_lines_never_starts_or_ends_an_order() -> None:
    cover = _order("FAX送信票-12", lines=0)  # a fax cover sheet before the order form
    assert _split(cover, _order("PO-1182")) == [[1, 2]]
    notes = _order("PO-9999", lines=0)
    assert _split(_order("PO-1182"), notes, _order("PO-1182")) == [[1, 2, 3]]


def test_what_a_continuation_page_adds_is_known_for_the_next_page() -> None:
    # Page 1 shows no number; page 2 (same order) shows it; page 3 shows another.
    assert _split(_order(), _order("PO-1182"), _order("PO-2250")) == [[1, 2], [3]]


def test_one_page_or_none() -> None:
    assert _split(_order("PO-1")) == [[1]]
    assert split_orders([], lambda page: _order()) == []
