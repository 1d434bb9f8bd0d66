"""Header fields read from faxed order forms: labels OCR garbled, dates and numbers it misread."""

from __future__ import annotations

import datetime as dt

import pytest
from parse_words import line, make_page, word

from ordertake.domain import OrderDraft, PageSource, SourceMeta, Word
from ordertake.parse.dates import read_field_date
from ordertake.parse.fields import read_fields
from ordertake.parse.lines import TextLine, group_lines
from ordertake.parse.order import parse_pages

D = dt.date
META = SourceMeta(filename="order.pdf")
ITEM = line(0.40, (0.1, "醤油 6本"))


def fax_header(day: str) -> list:
    return line(0.01, (0.02, f"{day} 09:41 FROM:03-1234-5679 山田商店 P.001/001"))


def parse(*lines: list, source: PageSource = PageSource.OCR, meta: SourceMeta = META) -> OrderDraft:
    return parse_pages([make_page(*lines, ITEM, source=source)], meta)[0]


# ── dates one faxed misreading away ──────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("raw", "reference", "window", "expected"),
    [
        ("令和8年3月8日", D(2026, 3, 13), (0, 62), D(2026, 3, 18)),  # a thin 1 lost
        ("令和8年1月17日", D(2026, 11, 12), (0, 62), D(2026, 11, 17)),  # 11月 lost a 1
        ("2026/02725", D(2026, 2, 25), (-30, 3), D(2026, 2, 25)),  # the slash read as 7
        ("2026-08-091", D(2026, 8, 1), (-30, 3), D(2026, 8, 1)),  # a speck read as a digit
        ("RS.9.22", D(2026, 9, 22), (-30, 3), D(2026, 9, 22)),  # 8 read as S
        ("10722(木)", D(2026, 10, 20), (0, 62), D(2026, 10, 22)),  # the weekday confirms
        ("令和8年1月5日", D(2026, 9, 28), (0, 62), D(2026, 10, 5)),  # 10月 lost its 0
    ],
)
def test_a_date_outside_its_window_is_repaired_and_marked_for_the_clerk(
    raw: str, reference: dt.date, window: tuple[int, int], expected: dt.date
) -> None:
    read = read_field_date(raw, reference, window)
    assert read is not None and read.value == expected and not read.checked


@pytest.mark.parametrize(("written", "fax_day"), [("発注日2026年5月3日", "2026/05/30"),
                                                  ("注文日2026年3月2日", "2026/03/22")])
def test_an_order_date_a_lost_digit_away_from_the_fax_date_is_that_date(
    written: str, fax_day: str
) -> None:
    draft = parse(fax_header(fax_day), line(0.18, (0.05, written)))
    assert draft.order_date == D(*map(int, fax_day.split("/")))
    assert draft.evidence["order_date"].confidence <= 0.6


def test_an_order_date_a_look_alike_away_from_the_fax_date_is_kept_for_the_clerk() -> None:
    # Ordered on the 28th and faxed on the 29th, or a 9 read as 8: the clerk decides.
    draft = parse(fax_header("2026/05/29"), line(0.18, (0.05, "発注日2026年5月28日")))
    assert draft.order_date == D(2026, 5, 28)
    assert draft.evidence["order_date"].confidence <= 0.6
    other = parse(fax_header("2026/05/29"), line(0.18, (0.05, "発注日2026年5月25日")))
    assert other.order_date == D(2026, 5, 25)
    assert other.evidence["order_date"].confidence > 0.8


def test_a_garbled_label_and_a_letter_for_a_digit_give_a_delivery_date_to_check() -> None:
    draft = parse(fax_header("2027/02/07"), line(0.18, (0.05, "注文日2027/02/07")),
                  line(0.20, (0.05, "お大(か日2/S(月)")))
    assert draft.delivery_date == D(2027, 2, 8)
    assert draft.evidence["delivery_date"].confidence <= 0.5


def test_a_label_cut_in_two_by_a_shifted_baseline_is_joined() -> None:
    # '納品' and '日: 令和8年11月24日' stand side by side, the second a little higher: two
    # text lines. Together they are the delivery date's label and its value.
    def text_line(*words: Word) -> TextLine:
        box = words[0].box
        for w in words[1:]:
            box = box.union(w.box)
        return TextLine(1, list(words), " ".join(w.text for w in words), box, 0.95, 0.017,
                        1.414, [list(words)])

    first = text_line(word("納品", 0.081, 0.202))
    second = text_line(word("日:", 0.125, 0.200), word("令和8年11月24日", 0.16, 0.200))
    fields = read_fields([first, second], D(2026, 11, 21))
    assert fields["delivery_date"].value == D(2026, 11, 24)


@pytest.mark.parametrize(("raw", "order_day", "expected"), [
    ("令和8年2月27日", D(2026, 8, 25), D(2026, 8, 27)),  # 8月 read as 2月
    ("令和1年00月3日", D(2026, 10, 2), D(2026, 10, 3)),  # 8年 read as 1年, 10月 as 00月
])
def test_a_delivery_date_nothing_repairs_is_guessed_one_digit_away(
    raw: str, order_day: dt.date, expected: dt.date
) -> None:
    read = read_field_date(raw, order_day, (0, 62), guess=True)
    assert read is not None and read.value == expected and read.guessed
    unguessed = read_field_date(raw, order_day, (0, 62))
    assert unguessed is None or not unguessed.in_window


def test_a_guessed_delivery_date_is_left_to_the_clerk() -> None:
    draft = parse(fax_header("2026/08/25"), line(0.17, (0.05, "発注日: 2026/08/25")),
                  line(0.19, (0.05, "納品日: 令和8年2月27日")))
    assert draft.delivery_date == D(2026, 8, 27)
    assert draft.evidence["delivery_date"].confidence <= 0.5


def test_a_well_formed_date_is_not_shortened_into_the_window() -> None:
    # 2026-12-31 is four weeks after the reference: dropping a digit (12-3) is no repair.
    read = read_field_date("2026-12-31", D(2026, 12, 3), (-30, 3))
    assert read is not None and read.value == D(2026, 12, 31)
    assert not read.in_window and not read.checked


@pytest.mark.parametrize(("raw", "expected"), [
    # 2026-11-18 is a Wednesday: 水 read as 木, or 9 as 8 (11/19 is a Thursday); nothing
    # tells which.
    ("2026/11/18(木)", D(2026, 11, 18)),
    ("2026/11/15(月)", D(2026, 11, 15)),  # a Sunday: 日 read as 月, or 6 as 5
])
def test_a_weekday_that_disagrees_sends_the_date_to_the_clerk(raw: str,
                                                               expected: dt.date) -> None:
    read = read_field_date(raw, D(2026, 11, 13), (0, 62))
    assert read is not None and read.value == expected and not read.checked


@pytest.mark.parametrize(("raw", "reference", "expected"), [
    ("2026/11/16(水)", D(2026, 11, 13), D(2026, 11, 18)),  # 8 read as 6; 月 is no 水
    ("5/11(木)", D(2026, 5, 14), D(2026, 5, 14)),  # 4 read as 1
])
def test_a_date_whose_weekday_names_a_look_alike_is_that_date_for_the_clerk(
    raw: str, reference: dt.date, expected: dt.date
) -> None:
    read = read_field_date(raw, reference, (-30, 62))
    assert read is not None and read.value == expected and not read.checked


def test_of_the_repairs_the_one_with_the_written_weekday_wins() -> None:
    # Delivery read as 11/10, before the order of 11/13: 11/16, 11/18 and 11/19 are each one
    # faxed misreading away; the written Thursday names 11/19.
    read = read_field_date("11/10(木)", D(2026, 11, 13), (0, 62))
    assert read is not None and read.value == D(2026, 11, 19) and not read.checked


def test_a_date_in_its_window_is_read_as_written() -> None:
    read = read_field_date("11/16(月)", D(2026, 11, 13), (0, 62))
    assert read is not None and read.value == D(2026, 11, 16) and read.checked


def test_a_year_taken_from_another_date_is_checked_only_by_a_written_weekday() -> None:
    other_date = D(2026, 2, 12)
    confirmed = read_field_date("2/10(火)", other_date)  # 2026-02-10 is a Tuesday
    unconfirmed = read_field_date("2/10", other_date)
    assert confirmed is not None and confirmed.value == D(2026, 2, 10) and confirmed.checked
    assert unconfirmed is not None and unconfirmed.value == D(2026, 2, 10)
    assert not unconfirmed.checked


# ── dates on the page ────────────────────────────────────────────────────────────────────


def test_without_a_fax_date_a_full_date_on_the_form_gives_a_month_day_its_year() -> None:
    draft = parse(line(0.17, (0.05, "発注日: 2/10(火)")),
                  line(0.20, (0.05, "納品日: 2026年2月12日")))
    assert draft.order_date == D(2026, 2, 10) and draft.delivery_date == D(2026, 2, 12)
    assert draft.evidence["order_date"].confidence > 0.8  # the weekday confirms the year


def test_a_year_from_another_date_without_a_weekday_goes_to_the_clerk() -> None:
    draft = parse(line(0.17, (0.05, "発注日: 2/10")), line(0.20, (0.05, "納品日: 2026年2月12日")))
    assert draft.order_date == D(2026, 2, 10)
    assert draft.evidence["order_date"].confidence <= 0.6


def test_an_unreadable_order_date_is_the_fax_date_for_the_clerk_to_confirm() -> None:
    draft = parse(fax_header("2026/11/12"), line(0.17, (0.05, "日02611")),
                  line(0.20, (0.05, "お届け日11/19(木)")))
    assert draft.order_date == D(2026, 11, 12) and draft.delivery_date == D(2026, 11, 19)
    assert draft.evidence["order_date"].confidence == 0.5
    assert draft.evidence["order_date"].box is not None  # points at the fax header


def test_an_order_date_months_from_the_fax_date_with_no_repair_is_the_fax_date() -> None:
    draft = parse(fax_header("2026/07/03"), line(0.17, (0.05, "発注日2026年4月3日")))
    assert draft.order_date == D(2026, 7, 3)
    assert draft.evidence["order_date"].confidence == 0.5


def test_a_repaired_date_keeps_a_low_confidence() -> None:
    draft = parse(fax_header("2026/03/13"), line(0.17, (0.05, "発注日: 令和8年3月13日")),
                  line(0.20, (0.05, "納品日: 令和8年3月8日")))
    assert draft.delivery_date == D(2026, 3, 18)
    assert draft.evidence["delivery_date"].confidence <= 0.6
    assert draft.evidence["order_date"].confidence > 0.9


def test_typed_text_is_never_repaired() -> None:
    # An e-mail is typed, not faxed: a date two months before the receive date is as written
    # (on a fax, 7 would be a misread 9).
    meta = SourceMeta(filename="m.eml", received_at=dt.datetime(2026, 9, 9, 9, 0))
    draft = parse(line(0.01, (0, "発注日 2026/7/9")), source=PageSource.TEXT, meta=meta)
    assert draft.order_date == D(2026, 7, 9)


def test_a_delivery_date_before_the_order_date_sends_both_to_the_clerk() -> None:
    draft = parse(line(0.17, (0.05, "発注日: R8.10.19")),
                  line(0.20, (0.05, "納品日: 2026年1月20日")))
    assert draft.evidence["order_date"].confidence <= 0.6
    assert draft.evidence["delivery_date"].confidence <= 0.6


@pytest.mark.parametrize("label", ["届け日", "納品目", "お届け日"])
def test_delivery_labels_as_a_fax_leaves_them(label: str) -> None:
    draft = parse(fax_header("2026/10/20"), line(0.20, (0.05, f"{label} 10/22(木)")))
    assert draft.delivery_date == D(2026, 10, 22)


# ── order numbers ────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(("text", "number"), [("伝杯No. P0-2026-4732", "PO-2026-4732"),
                                              ("年文No。26092202", "26092202"),
                                              ("注文 Ne。A2607-43", "A2607-43")])
def test_a_number_under_a_garbled_label_is_read_for_the_clerk(text: str, number: str) -> None:
    draft = parse(line(0.22, (0.05, text)))
    assert draft.order_number == number
    assert draft.evidence["order_number"].confidence <= 0.5


def test_no_read_with_an_r_inside_is_still_the_label() -> None:
    # A table, so that the free-text item reader does not take the line for an item.
    draft = parse(line(0.22, (0.05, "注文NRo. 085343")),
                  line(0.35, (0.1, "品名"), (0.5, "数量"), (0.6, "単位")),
                  line(0.38, (0.1, "醤油"), (0.5, "6"), (0.6, "本")))
    assert draft.order_number == "085343"
    assert draft.evidence["order_number"].confidence > 0.6


def test_a_hyphen_read_as_a_quote_mark_is_put_back_for_the_clerk() -> None:
    draft = parse(line(0.22, (0.05, "注文 No、A2702'35")))
    assert draft.order_number == "A2702-35"
    assert draft.evidence["order_number"].confidence <= 0.6


def test_an_order_number_ocr_doubted_is_not_vouched_for_by_its_label() -> None:
    words = line(0.22, (0.05, "注文No."), conf=0.9) + line(0.22, (0.13, "PO-2026-2506"),
                                                          conf=0.7)
    draft = parse(words)
    assert draft.order_number == "PO-2026-2506"
    assert draft.evidence["order_number"].confidence == pytest.approx(0.75)  # was 0.8


def test_another_labels_number_is_not_the_order_number() -> None:
    draft = parse(line(0.22, (0.05, "得意先No. 123456")), line(0.25, (0.05, "店舗No. 5501")))
    assert draft.order_number is None


def test_a_labelled_order_number_wins_over_a_garbled_one() -> None:
    draft = parse(line(0.19, (0.05, "伝杯No. 11111")), line(0.22, (0.05, "注文番号: 26092202")))
    assert draft.order_number == "26092202"


def test_a_letter_read_where_the_order_month_stamp_goes_is_a_digit() -> None:
    draft = parse(line(0.17, (0.05, "注文日2026年4月8日")), line(0.22, (0.05, "伝票No. AZ604-35")))
    assert draft.order_number == "A2604-35"
    assert draft.evidence["order_number"].confidence <= 0.6


def test_a_digit_misread_where_the_order_month_stamp_goes_is_put_back() -> None:
    draft = parse(line(0.17, (0.05, "注文日2027/01/29")), line(0.22, (0.05, "伝票No. A2791-55")))
    assert draft.order_number == "A2701-55"
    assert draft.evidence["order_number"].confidence <= 0.6
    # No look-alike puts this month's stamp at the head: the number stays as read.
    other = parse(line(0.17, (0.05, "注文日2027/05/29")), line(0.22, (0.05, "伝票No. A2791-55")))
    assert other.order_number == "A2791-55"


def test_an_o_read_twice_and_a_speck_in_the_year_stamp_are_put_back() -> None:
    draft = parse(line(0.17, (0.05, "発注日: 2026/02/15")),
                  line(0.22, (0.05, "発注番号: PO0-20926-8771")))
    assert draft.order_number == "PO-2026-8771"
    assert draft.evidence["order_number"].confidence <= 0.6


def test_a_doubled_o_stays_when_the_date_stamp_shows_nothing_misread() -> None:
    draft = parse(line(0.17, (0.05, "発注日: 2026/02/15")),
                  line(0.22, (0.05, "発注番号: PO0-2026-5665")))
    assert draft.order_number == "PO0-2026-5665"


def test_a_delivery_date_far_after_the_order_is_kept_as_written() -> None:
    # 12/24 after an order of 9/9 may be a real date: no guess replaces it.
    read = read_field_date("2026/12/24", D(2026, 9, 9), (0, 62), guess=True)
    assert read is not None and read.value == D(2026, 12, 24) and not read.guessed


def test_a_number_without_the_order_month_keeps_its_letters() -> None:
    draft = parse(line(0.17, (0.05, "注文日2026年4月8日")), line(0.22, (0.05, "伝票No. AZ711-35")))
    assert draft.order_number == "AZ711-35"


def test_a_value_beside_its_label_wins_over_the_next_column() -> None:
    # The value sits a little lower than its label, beside it; the next cell on the label's
    # text line is the other column's address, its label garbled (納品先 read as 納品完).
    draft = parse(
        line(0.214, (0.081, "発注番号:")), line(0.211, (0.569, "納品完: 東京都板橋区大山町33-2")),
        line(0.221, (0.179, "A2603-49")),
    )
    assert draft.order_number == "A2603-49"


# ── the addressee and the sender ─────────────────────────────────────────────────────────


def _two_column_header(addressee: list, sender: str = "株式会社ダイニング和楽") -> OrderDraft:
    return parse(addressee + line(0.12, (0.57, sender)),
                 line(0.15, (0.05, "FAX 03-5678-9012"), (0.57, "FAX 042-799-7496")),
                 line(0.35, (0.1, "品名"), (0.5, "数量"), (0.6, "単位")),
                 line(0.38, (0.1, "醤油"), (0.5, "6"), (0.6, "本")))


@pytest.mark.parametrize("addressee", [
    line(0.12, (0.05, "株式会社東都フードサービス"), (0.37, "様")),  # 様 in a cell of its own
    line(0.12, (0.05, "株式会社東都フードサービス"), (0.35, "(Vendor)")),
    line(0.12, (0.05, "株式 会社東都フードサービス"), (0.37, "御中")),  # a space in 株式会社
    line(0.12, (0.05, "株式会社東都フードサービス"), conf=0.95)
    + line(0.12, (0.32, "個中"), conf=0.3),  # 御中 garbled, and OCR doubted it
])
def test_the_addressees_fax_is_not_the_customers(addressee: list) -> None:
    draft = _two_column_header(addressee)
    assert draft.customer_fax == "042-799-7496"
    assert draft.customer_name == "株式会社ダイニング和楽"


def test_a_name_read_well_after_the_company_is_no_garbled_honorific() -> None:
    # 田中 is a person at the customer, not 御中: the FAX under it is the customer's.
    draft = parse(line(0.12, (0.05, "有限会社さくら食堂 田中")),
                  line(0.15, (0.05, "FAX 045-371-9001")),
                  line(0.35, (0.1, "品名"), (0.5, "数量"), (0.6, "単位")),
                  line(0.38, (0.1, "醤油"), (0.5, "6"), (0.6, "本")))
    assert draft.customer_fax == "045-371-9001"


def test_a_guessed_name_loses_ocr_spaces_and_a_fax_page_mark() -> None:
    draft = parse(line(0.01, (0.3, "株式会社マルエー商事P.001/001")),
                  line(0.12, (0.57, "株 式会社ダイニング和楽")),
                  line(0.35, (0.1, "品名"), (0.5, "数量"), (0.6, "単位")),
                  line(0.38, (0.1, "醤油"), (0.5, "6"), (0.6, "本")))
    assert draft.customer_name == "株式会社マルエー商事"


def test_a_slip_number_after_the_guessed_name_is_not_part_of_it() -> None:
    # A continuation page's header: the company and the slip's number on one line, read
    # without a space ('店No.' is not taken for a label: it numbers a store).
    draft = parse(line(0.12, (0.05, "株式会社山田商店No. 26041277")),
                  line(0.35, (0.1, "品名"), (0.5, "数量"), (0.6, "単位")),
                  line(0.38, (0.1, "醤油"), (0.5, "6"), (0.6, "本")))
    assert draft.customer_name == "株式会社山田商店"


def test_a_welfare_corporation_is_a_company_and_attn_is_a_person() -> None:
    draft = parse(line(0.12, (0.05, "株式会社東都フードサービス 御中"),
                       (0.57, "社会福祉法人ひまわり会")),
                  line(0.20, (0.57, "Attn: 給食係小林")),
                  line(0.35, (0.1, "品名"), (0.5, "数量"), (0.6, "単位")),
                  line(0.38, (0.1, "醤油"), (0.5, "6"), (0.6, "本")))
    assert draft.customer_name == "社会福祉法人ひまわり会"


def test_a_company_name_says_more_than_a_labelled_department() -> None:
    # 給食 is a trade word in company names, but 給食係 小林 is a person at the customer.
    draft = parse(line(0.12, (0.05, "株式会社東都フードサービス 御中"),
                       (0.57, "社会福祉法人ひまわり会")),
                  line(0.20, (0.57, "発注者 給食係小林")),
                  line(0.35, (0.1, "品名"), (0.5, "数量"), (0.6, "単位")),
                  line(0.38, (0.1, "醤油"), (0.5, "6"), (0.6, "本")))
    assert draft.customer_name == "社会福祉法人ひまわり会"


def test_a_fax_header_read_as_two_lines_side_by_side_is_one_header() -> None:
    # OCR put the machine's date on a text line of its own beside the rest of the strip.
    from ordertake.parse.order import _fax_header

    date_piece = group_lines(make_page(line(0.007, (0.02, "2026-06-06"))))
    rest = group_lines(make_page(line(0.009, (0.2, "12:03 0451933820 (有)串カツ田所 P. 1/1"))))
    found = _fax_header(rest + date_piece)
    assert found is not None
    header, band = found
    assert header.date == D(2026, 6, 6) and header.sender_fax == "0451933820"
    assert len(band) == 2


@pytest.mark.parametrize(("order_label", "delivery_label", "number_label"), [
    ("注文昨", "お届け昌", "注文ho."),  # 日 read as a kanji holding it; N read as h
    ("発注晶", "納品曰", "注文Ko."),
])
def test_labels_whose_day_or_no_ocr_misread(order_label: str, delivery_label: str,
                                            number_label: str) -> None:
    draft = parse(fax_header("2026/04/11"), line(0.17, (0.05, f"{order_label}2026/04/11")),
                  line(0.19, (0.05, f"{delivery_label} 2026年4月15日")),
                  line(0.21, (0.05, f"{number_label} 26032264")))
    assert (draft.order_date, draft.delivery_date) == (D(2026, 4, 11), D(2026, 4, 15))
    assert draft.order_number == "26032264"
    assert draft.evidence["delivery_date"].confidence > 0.8


@pytest.mark.parametrize(("written", "read"), [
    ("A2608.43", "A2608-43"),  # the hyphen read as a dot
    ("A2701 51", "A2701-51"),  # the hyphen lost to a space
    ("PO 2026-0783", "PO-2026-0783"),
])
def test_a_faded_hyphen_in_the_order_number_is_put_back_for_a_clerk(written: str,
                                                                   read: str) -> None:
    draft = parse(line(0.17, (0.05, f"注文No. {written}")))
    assert draft.order_number == read
    assert draft.evidence["order_number"].confidence <= 0.6


def test_an_order_number_cut_in_two_by_a_space_is_not_sure() -> None:
    draft = parse(line(0.17, (0.05, "注文No. 2601 2615")))
    assert draft.evidence["order_number"].confidence <= 0.6


@pytest.mark.parametrize("written", ["2027年1月55日", "令和9年1月66日"])
def test_an_order_date_that_is_no_date_and_one_digit_from_the_fax_date_is_that_date(
        written: str) -> None:
    # 55 and 66 are no day; one deleted 5 or 6 would give 1/5 or 1/6, three weeks back.
    draft = parse(fax_header("2027/01/25" if "55" in written else "2027/01/26"),
                  line(0.17, (0.05, f"発注日{written}")))
    assert draft.order_date == (D(2027, 1, 25) if "55" in written else D(2027, 1, 26))
    assert draft.evidence["order_date"].confidence <= 0.6


def test_an_order_date_read_as_a_real_date_near_the_fax_date_keeps_its_reading() -> None:
    draft = parse(fax_header("2027/01/25"), line(0.17, (0.05, "発注日2027年1月23日")))
    assert draft.order_date == D(2027, 1, 23)


def test_a_repaired_delivery_date_after_the_order_day_ranks_before_the_order_day() -> None:
    # 10月1日 is before the order: a thin 1 lost gives 10/10 or 10/11; goods come after the order.
    read = read_field_date("2026年10月1日", D(2026, 10, 10), (0, 62), guess=True, later=True)
    assert read is not None and read.value == D(2026, 10, 11) and not read.checked


def test_a_delivery_month_that_cannot_be_is_guessed_keeping_the_day() -> None:
    # 52月 is no month: the day as read, in the month that puts it nearest after the order.
    read = read_field_date("令和1年52月24日", D(2026, 11, 21), (0, 62), guess=True, later=True)
    assert read is not None and read.value == D(2026, 11, 24) and read.guessed


@pytest.mark.parametrize(("delivery", "sure"), [
    ("令和9年2月1日", False),  # on the order day: 2月3日 with its 3 read as 1?
    ("2027年4月8日", False),  # two months on: 2月8日 with its 2 read as 4?
    ("2027年2月3日", True),
    ("2/1(月)", True),  # the weekday bears the order day out
])
def test_a_delivery_on_the_order_day_or_weeks_later_is_not_sure(delivery: str,
                                                                sure: bool) -> None:
    draft = parse(fax_header("2027/02/01"), line(0.17, (0.05, "注文日2027年2月1日")),
                  line(0.19, (0.05, f"希望納品日 {delivery}")))
    assert (draft.evidence["delivery_date"].confidence > 0.8) == sure


def test_a_damaged_fax_date_is_chosen_by_the_dates_written_on_the_page() -> None:
    # 2026/08/81 may be 08/01 or 08/31; the delivery date 2026-08-03 says 08/01, which then
    # repairs the order date's speck (2026-08-091).
    draft = parse(fax_header("2026/08/81"), line(0.17, (0.05, "Order Date: 2026-08-091")),
                  line(0.19, (0.05, "Delivery Date: 2026-08-03")))
    assert draft.order_date == D(2026, 8, 1)


def test_p0_read_for_po_is_as_sure_as_its_reading() -> None:
    draft = parse(line(0.17, (0.05, "注文No. P0-2027-3067")))
    assert draft.order_number == "PO-2027-3067"
    assert draft.evidence["order_number"].confidence > 0.8
    other = parse(line(0.17, (0.05, "注文No. A0-2027-3067")))  # A0 may be written so
    assert other.order_number == "AO-2027-3067"
    assert other.evidence["order_number"].confidence <= 0.6


def test_dates_a_second_reading_bears_out_are_sure() -> None:
    # OCR doubted the words (0.7), but the order date is the machine's fax date and the
    # delivery date's weekday is its own.
    draft = parse(fax_header("2026/11/18"),
                  line(0.17, (0.05, "発注日 2026/11/18"), conf=0.7),
                  line(0.19, (0.05, "納品日 11/20(金)"), conf=0.7))
    assert draft.evidence["order_date"].confidence >= 0.9
    assert draft.evidence["delivery_date"].confidence >= 0.9
    # Neither borne out: as sure as OCR read them.
    draft = parse(fax_header("2026/11/17"),
                  line(0.17, (0.05, "発注日 2026/11/18"), conf=0.7),
                  line(0.19, (0.05, "納品日 11/20"), conf=0.7))
    assert draft.evidence["order_date"].confidence < 0.8
    assert draft.evidence["delivery_date"].confidence < 0.8


def test_an_order_date_that_chose_a_damaged_fax_date_is_not_borne_out_by_it() -> None:
    draft = parse(fax_header("2026/08/81"), line(0.17, (0.05, "Order Date: 2026-08-01"), conf=0.7))
    assert draft.order_date == D(2026, 8, 1)
    assert draft.evidence["order_date"].confidence < 0.8


def test_an_order_number_read_the_same_on_two_pages_is_sure() -> None:
    first = make_page(line(0.17, (0.05, "注文No. A2701-28"), conf=0.6), ITEM)
    second = make_page(line(0.12, (0.05, "株式会社ミヤコ給食 注文No. A2701-28"), page=2, conf=0.7),
                       number=2)
    draft = parse_pages([first, second], META)[0]
    assert draft.order_number == "A2701-28"
    assert draft.evidence["order_number"].confidence >= 0.9
    # Read once, or read otherwise on the second page: as sure as OCR read it.
    other = make_page(line(0.12, (0.05, "注文No. A2701-26"), page=2, conf=0.7), number=2)
    draft = parse_pages([first, other], META)[0]
    assert draft.evidence["order_number"].confidence < 0.8


@pytest.mark.parametrize(("text", "number"), [
    ("No. P0-2026-4992", "PO-2026-4992"),  # a No. alone under the form's title
    ("0rder # 26042778", "26042778"),  # the O of Order read as a zero
    ("洲注番号 20122804", "20122804"),  # 発 garbled
    ("発注番号 2702]1109", "27021109"),  # a speck between the digits read as a bracket
])
def test_slip_number_labels_ocr_garbled_or_printed_alone(text: str, number: str) -> None:
    fields = read_fields(group_lines(make_page(line(0.17, (0.05, text)))))
    assert fields["order_number"].value == number


def test_a_no_alone_is_no_sure_order_number_and_gives_way_to_a_label() -> None:
    draft = parse(line(0.17, (0.05, "No. A2604-37")))
    assert draft.evidence["order_number"].confidence <= 0.6
    draft = parse(line(0.15, (0.05, "No. 12345678")), line(0.17, (0.05, "注文番号 A2604-37")))
    assert draft.order_number == "A2604-37"
    # The No. of another label is not the slip's.
    draft = parse(line(0.17, (0.05, "FAX No. 0312345678")))
    assert draft.order_number is None


def test_a_delivery_weeks_later_than_usual_is_a_look_alike_that_makes_it_usual() -> None:
    # 2月8日 read 4月8日: 60 days is inside the window but no usual delivery; 4 for 2 makes it
    # the day after the order. A written weekday that bears the reading out keeps it.
    read = read_field_date("2027年4月8日", D(2027, 2, 7), (0, 62), guess=True, later=True,
                           usual=(1, 21))
    assert read is not None and read.value == D(2027, 2, 8) and not read.checked
    kept = read_field_date("4/8(木)", D(2027, 2, 7), (0, 62), guess=True, later=True,
                           usual=(1, 21))
    assert kept is not None and kept.value == D(2027, 4, 8)


def test_both_slashes_of_a_date_read_as_seven() -> None:
    draft = parse(fax_header("2026/12/28"), line(0.17, (0.05, "納品希湖日2026712729")))
    assert draft.delivery_date == D(2026, 12, 29)  # 希望 garbled too
    assert draft.evidence["delivery_date"].confidence <= 0.6


def test_an_order_date_one_lost_digit_from_the_fax_date_is_that_date() -> None:
    # 3月15日 with its 5 lost reads 3月1日, a real date two weeks back: not sure, the fax date.
    draft = parse(fax_header("2026/03/15"), line(0.17, (0.05, "発注日2026年3月1日")))
    assert draft.order_date == D(2026, 3, 15)
    assert draft.evidence["order_date"].confidence <= 0.6


@pytest.mark.parametrize(("order", "delivery", "number"), [
    ("記入日2/7(日)", "納品日 令和1年2月9日", "発注益号PO-2027-4018"),  # 番 read as 益
    ("記入日 2027/02/07", "お届け希望日20270209", "注文番号PO-2027-4018"),  # no separators
])
def test_order_form_wordings_and_compact_dates(order: str, delivery: str, number: str) -> None:
    draft = parse(fax_header("2027/02/07"), line(0.17, (0.05, order)),
                  line(0.19, (0.05, delivery)), line(0.21, (0.05, number)))
    assert (draft.order_date, draft.delivery_date) == (D(2027, 2, 7), D(2027, 2, 9))
    assert draft.order_number == "PO-2027-4018"


def test_a_misread_year_and_a_month_later_than_usual_are_both_repaired() -> None:
    # 令和9年2月9日 read 令和1年4月9日: the year is misread, and 4/9 is two months after the
    # order; 4 for 2 makes it two days.
    read = read_field_date("令和1年4月9日", D(2027, 2, 7), (0, 62), guess=True, later=True,
                           usual=(1, 21))
    assert read is not None and read.value == D(2027, 2, 9) and not read.checked


def test_a_dot_inside_a_hyphenated_number_is_a_lost_digit_not_a_hyphen() -> None:
    draft = parse(line(0.17, (0.05, "注文番号 PO-2026-78.2")))
    assert draft.order_number == "PO-2026-78.2"
    assert draft.evidence["order_number"].confidence <= 0.6


def test_a_repaired_order_date_after_its_fax_gives_way_to_the_fax_date() -> None:
    # 12月81日: an 8 for 0 or 3 gives 12/01 or 12/31; the order is not dated after its fax.
    draft = parse(fax_header("2026/12/28"), line(0.17, (0.05, "発注日2026年12月81日")))
    assert draft.order_date == D(2026, 12, 28)
    assert draft.evidence["order_date"].confidence <= 0.6
    # Read as written a day after the fax, it stands (a pre-dated form).
    draft = parse(fax_header("2026/12/28"), line(0.17, (0.05, "発注日2026年12月29日")))
    assert draft.order_date == D(2026, 12, 29)


def test_the_suppliers_own_received_order_number_is_no_order_number() -> None:
    fields = read_fields(group_lines(make_page(line(0.17, (0.05, "受注番号 12345678")))))
    assert "order_number" not in fields
