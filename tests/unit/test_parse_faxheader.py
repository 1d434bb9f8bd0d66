"""The line a fax machine prints at the top of each page."""

from __future__ import annotations

import datetime as dt

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
