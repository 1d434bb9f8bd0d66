"""Weekly order sheets (one count column per delivery day) are read as one order per day."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook

from ordertake.config import Settings
from ordertake.domain import SourceMeta
from ordertake.ocr.load import read_document
from ordertake.ocr.weekly import day_orders
from ordertake.pipeline import read_and_parse

TITLES = ["商品コード", "商品名", "規格"]
ITEMS = [["KT-0451", "特選 丸大豆しょうゆ", "1.8L"],
         ["AB-1001", "伊右衛門 緑茶", "525ml"],
         ["MG-2002", "健康ミネラル麦茶", "2L"]]


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _parse(data: bytes, filename: str, received: dt.datetime | None = None) -> list:  # type: ignore[type-arg]
    meta = SourceMeta(filename=filename, received_at=received)
    return read_and_parse(data, meta, Settings()).drafts


def _orders(drafts: list) -> list[tuple[dt.date | None, list[tuple[str | None, float | None]]]]:  # type: ignore[type-arg]
    return [(d.delivery_date, [(x.code, x.quantity) for x in d.lines]) for d in drafts]


WEEK_BY_WEEKDAY = [
    ["週間発注表"],
    ["発注日", dt.datetime(2026, 11, 26)],
    ["店舗名", "山田商店 駅前店"],
    ["2026年11月30日週"],
    [],
    [*TITLES, "月", "火", "水", "木", "金", "土", "合計"],
    [*ITEMS[0], 6, None, 3, 0, None, None, 9],
    [*ITEMS[1], None, 24, None, None, None, None, 24],
    [*ITEMS[2], None, None, None, None, None, None, 0],
    ["合計", None, None, 6, 24, 3, 0, None, None, 33],
    [],
    ["備考", "午前中にお願いします"],
]


def test_each_weekday_with_a_count_is_an_order_on_its_day_of_the_week_named_above() -> None:
    drafts = _parse(_xlsx(WEEK_BY_WEEKDAY), "週間発注表.xlsx")
    # The week starts Monday 11/30: 火 is 12/01 across the month's end. 木 holds a 0 and
    # 金/土 nothing: no order; the 合計 column is no day and no count.
    assert _orders(drafts) == [
        (dt.date(2026, 11, 30), [("KT-0451", 6)]),
        (dt.date(2026, 12, 1), [("AB-1001", 24)]),
        (dt.date(2026, 12, 2), [("KT-0451", 3)])]
    for draft in drafts:
        assert (draft.customer_name, draft.order_date) == ("山田商店 駅前店", dt.date(2026, 11, 26))
        assert draft.notes == "午前中にお願いします"
        assert draft.warnings == []


def test_dated_columns_are_their_own_days_and_the_week_amount_is_left_out() -> None:
    rows = [["発注書"], ["発注番号", "W-4471"], ["発注日", "2026/11/26"], [],
            [*TITLES, "11/30(月)", "12/1(火)", "12/2(水)", "週計", "単価", "金額"],
            [*ITEMS[0], "2", "", "4", "6", "470", "2820"],
            [*ITEMS[1], "", "", "", "0", "120", "0"],
            [*ITEMS[2], "5", "-", "", "5", "180", "900"]]
    first, second = day_orders([[str(c) for c in row] for row in rows])
    assert first[:6] == [["発注書"], ["発注番号", "W-4471"], ["発注日", "2026/11/26"], [],
                         ["納品日", "2026/11/30"], []]
    # The day's count stands where the day columns stood; the week's 週計 and 金額 go, 単価
    # stays;
    # a row counted on no day stays (parse reads no line from it).
    assert first[6:] == [[*TITLES, "数量", "単価"], [*ITEMS[0], "2", "470"],
                         [*ITEMS[1], "", "120"], [*ITEMS[2], "5", "180"]]
    assert second[4] == ["納品日", "2026/12/02"]
    assert second[7:] == [[*ITEMS[0], "4", "470"], [*ITEMS[1], "", "120"]]


def test_a_csv_with_dates_but_no_year_takes_it_from_the_receive_date() -> None:
    text = "\r\n".join([
        "週間発注書,,,,,",
        "得意先名,株式会社山田商店,,,,",
        ",,,,,",
        "商品コード,商品名,規格,12/28(月),12/29(火),1/4(月)",
        "KT-0451,特選 丸大豆しょうゆ,1.8L,6,,3",
        "AB-1001,伊右衛門 緑茶,525ml,,12,",
    ]) + "\r\n"
    pages = read_document(text.encode("cp932"), "weekly.csv", Settings())
    assert [p.part for p in pages] == [0, 1, 2]
    drafts = _parse(text.encode("cp932"), "weekly.csv", dt.datetime(2026, 12, 24, 10))
    assert _orders(drafts) == [
        (dt.date(2026, 12, 28), [("KT-0451", 6)]),
        (dt.date(2026, 12, 29), [("AB-1001", 12)]),
        (dt.date(2027, 1, 4), [("KT-0451", 3)])]  # the new year after the old one


def test_weekdays_follow_a_week_written_without_its_year_and_the_order_date() -> None:
    rows = [["発注日", "2026/11/26"], ["納品週: 11/30～12/5"], [],
            [*TITLES, "月曜", "火曜", "水曜"], [*ITEMS[0], "", "1", "2"]]
    assert [order[3] for order in day_orders(rows)] == [["納品日", "2026/12/01"],
                                                        ["納品日", "2026/12/02"]]
    # Without a week, weekdays follow the order date: an order is delivered after it.
    rows = [["発注日", "2026/11/26"], [], [*TITLES, "金", "土", "月"], [*ITEMS[0], "1", "2", "3"]]
    assert [order[2] for order in day_orders(rows)] == [
        ["納品日", "2026/11/27"], ["納品日", "2026/11/28"], ["納品日", "2026/11/30"]]


def test_days_of_the_month_and_a_period_resolve_against_the_period() -> None:
    rows = [["対象期間", "2026/11/24-2026/11/30"], [], [*TITLES, "24日", "25日", "1日"],
            [*ITEMS[0], "1", "", "2"]]
    # 1日 after 25日 is the next month's first day.
    assert [order[2] for order in day_orders(rows)] == [["納品日", "2026/11/24"],
                                                        ["納品日", "2026/12/01"]]


def test_dates_in_a_second_title_row_over_the_weekdays() -> None:
    rows = [["発注日", "2026/11/26"], [],
            ["", "", "", "11/30", "12/1", "12/2"],
            [*TITLES, "月", "火", "水"],
            [*ITEMS[0], "2", "", "1"]]
    first, second = day_orders(rows)
    assert first == [["発注日", "2026/11/26"], [], ["納品日", "2026/11/30"], [],
                     [*TITLES, "数量"], [*ITEMS[0], "2"]]
    assert second[2] == ["納品日", "2026/12/02"]
    # ... or under them.
    rows = [[*TITLES, "月", "火"], ["", "", "", "2026/11/30", "2026/12/1"], [*ITEMS[0], "", "7"]]
    (only,) = day_orders(rows)
    assert only == [["納品日", "2026/12/01"], [], [*TITLES, "数量"], [*ITEMS[0], "7"]]


def test_weekdays_without_any_date_still_part_the_days() -> None:
    rows = [[*TITLES, "月", "火"], [*ITEMS[0], "1", "2"]]
    # No date to go by: each day its own order, its 納品日 the weekday for a clerk to date.
    assert [order[0] for order in day_orders(rows)] == [["納品日", "月"], ["納品日", "火"]]


def test_a_count_that_is_no_number_is_a_line_with_a_warning_not_dropped() -> None:
    rows = [["発注日", dt.datetime(2026, 11, 26)], [], [*TITLES, "月", "火"],
            [*ITEMS[0], 6, "abc"], [*ITEMS[1], None, 12]]
    tuesday = _parse(_xlsx([["2026年11月30日週"], *rows]), "週間.xlsx")[1]
    assert tuesday.delivery_date == dt.date(2026, 12, 1)
    assert [(x.code, x.quantity) for x in tuesday.lines] == [("KT-0451", None), ("AB-1001", 12)]
    assert tuesday.warnings == ["line 1: qty_unreadable:abc"]


def test_ordinary_sheets_are_read_exactly_as_before() -> None:
    form = [["発注書"], ["発注日", "2026/11/20"], ["納品日", "2026/11/24"], [],
            ["商品コード", "商品名", "数量", "単位"], ["KT-0451", "しょうゆ 1.8L", "6", "本"]]
    assert day_orders(form) == [form]
    # A line's month and day in columns of their own, beside its count: no weekly table.
    dated_lines = [["月", "日", "商品名", "数量"], ["11", "24", "特選しょうゆ", "6"],
                   ["11", "25", "伊右衛門 緑茶", "2"]]
    assert day_orders(dated_lines) == [dated_lines]
    # One dated column is a table's date, not a week.
    one_day = [["商品名", "11/24", "備考"], ["特選しょうゆ", "6", ""]]
    assert day_orders(one_day) == [one_day]
    pages = read_document(_xlsx([[c or None for c in row] for row in form]), "注文書.xlsx",
                          Settings())
    assert {p.part for p in pages} == {0}
