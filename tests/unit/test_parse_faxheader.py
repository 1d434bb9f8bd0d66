"""The line a fax machine prints at the top of each page."""

from __future__ import annotations

import datetime as dt

import pytest

from ordertake.parse.faxheader import find_phone, parse_fax_header


def test_japanese_machine_header() -> None:
    h = parse_fax_header("2026/11/20 09:41  FROM:03-1234-5679  山田商店  P.001/002")
    assert h is not None
    assert h.date == dt.date(2026, 11, 20)
    assert h.sender_fax == "03-1234-5679"
    assert h.sender_name == "山田商店"
    assert (h.page, h.pages) == (1, 2)


def test_english_machine_header_without_total() -> None:
    h = parse_fax_header("NOV-20-2026 09:41AM FAX 0312345679 YAMADA SHOTEN P. 1")
    assert h is not None
    assert h.date == dt.date(2026, 11, 20)
    assert h.sender_fax is not None and h.sender_fax.replace("-", "") == "0312345679"
    assert (h.page, h.pages) == (1, None)


def test_full_width_header() -> None:
    h = parse_fax_header(
        "２０２６年１１月２０日　１０：１５　ＦＡＸ　０６－６１２３－４５６７　Ｐ．２／２"
    )
    assert h is not None and h.sender_fax == "06-6123-4567" and (h.page, h.pages) == (2, 2)


def test_ordinary_lines_are_not_fax_headers() -> None:
    assert parse_fax_header("発注番号: PO-2026-1182") is None
    assert parse_fax_header("TEL 03-1234-5678 FAX 03-1234-5679") is None
    assert parse_fax_header("納品時間 10:00 まで") is None


def test_header_without_from_label_keeps_the_whole_number() -> None:
    h = parse_fax_header("2027-02-18 13:09 0489782060 有限会社洋食ネッ大島 P. 1/1")
    assert h is not None and h.sender_fax == "0489782060"
    assert h.sender_name == "有限会社洋食ネッ大島" and (h.page, h.pages) == (1, 1)


def test_find_phone() -> None:
    assert find_phone("TEL：０３（１２３４）５６７８")[0] == "03-1234-5678"  # type: ignore[index]
    assert find_phone("PO-2026-1182") is None


def test_page_mark_glued_to_the_senders_name() -> None:
    for text in ("2026-11-13 14:36 0473801722 (株)給食サービス東都P. 1/1",
                 "2026-06-12 07:50 0460918148 株式会社ビストロ青山 _P. 1/2"):
        h = parse_fax_header(text)
        assert h is not None and h.page == 1 and h.date is not None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026/87/09 09:36 FROM:045-362-5777 山田商店 P.001/001", dt.date(2026, 7, 9)),
        ("2027-81-01 10:19 0328803738 (株)リゾート P. 1/1", dt.date(2027, 1, 1)),
        ("2026/190/20 13:59 FAX 0557-20-9445 株式会社ビストロ P.1", dt.date(2026, 10, 20)),
        ("2026-12-3] 12:56 0459976130 (株)こだま弁当 P. 1/1", dt.date(2026, 12, 31)),
    ],
)
def test_a_machine_date_that_cannot_exist_is_repaired(text: str, day: dt.date) -> None:
    h = parse_fax_header(text)
    assert h is not None and h.date == day
    assert h.sender_name is not None and "/" not in h.sender_name


def test_a_damaged_date_with_two_possible_repairs_is_left_unknown() -> None:
    # Month 17: 11 and 12 are both one faxed misreading away.
    h = parse_fax_header("2026/17/05 09:36 FROM:045-362-5777 山田商店 P.001/001")
    assert h is not None and h.date is None


def test_a_speck_before_the_hour_is_set_aside() -> None:
    h = parse_fax_header("2026/02/16 908:31 FROM:0557-97-3480 株式会社マルエー商事P.001/001")
    assert h is not None and h.date == dt.date(2026, 2, 16)
    assert h.sender_fax == "0557-97-3480" and h.sender_name == "株式会社マルエー商事"
    assert parse_fax_header("受付 1234:56 P.1") is None  # four digits are no hour


def test_a_misread_minute_does_not_hide_the_header() -> None:
    # A faxed 0 read as 8: the time only marks the line; the date and FROM number still count.
    h = parse_fax_header("2026-01-26 13:81 0422953569 (有)そば処長寿庵 P. 1/1")
    assert h is not None and h.date == dt.date(2026, 1, 26)
    assert h.sender_fax == "0422953569" and (h.page, h.pages) == (1, 1)


def test_a_faxed_eleven_read_as_brackets_between_the_date_separators() -> None:
    h = parse_fax_header("2026/]]/04 17:50 FAX 044-596-5512 (株)はなまる保育園 P.1")
    assert h is not None and h.date == dt.date(2026, 11, 4)


def test_a_space_inside_the_day_before_the_time_is_taken_out() -> None:
    h = parse_fax_header("2026/04/1 1 09:49 FROM:03-4302-5843 緑風会 P001/001")
    assert h is not None and h.date == dt.date(2026, 4, 11)
    # A one-digit hour after a one-digit day stays apart.
    h = parse_fax_header("2026/04/1 9:49 FAX 0312345678 P.1")
    assert h is not None and h.date == dt.date(2026, 4, 1)


def test_a_damaged_fax_date_keeps_the_dates_it_may_have_been() -> None:
    h = parse_fax_header("2026/08/81 11:31 FROM:048-627-7073 株式会社やまびこ物産P.001/002")
    assert h is not None and h.date is None
    assert h.date_options == (dt.date(2026, 8, 1), dt.date(2026, 8, 31))  # 8 for 0 or 3
    h = parse_fax_header("2027-82-062 15:37 0449268576 株式会社千住P. 1/1")
    assert h is not None and h.date_options == (dt.date(2027, 2, 2), dt.date(2027, 2, 6))
