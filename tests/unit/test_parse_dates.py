"""Dates as written on Japanese orders."""

from __future__ import annotations

import datetime as dt

import pytest

from ordertake.parse.dates import (
    find_lookalike_dates,
    misreading_of,
    parse_date,
    read_field_date,
)

D = dt.date
REF = D(2026, 11, 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026年11月20日", D(2026, 11, 20)),
        ("２０２６年１１月２０日", D(2026, 11, 20)),
        ("令和8年11月20日", D(2026, 11, 20)),
        ("令和元年5月1日", D(2019, 5, 1)),
        ("R8.11.20", D(2026, 11, 20)),
        ("H31.4.30", D(2019, 4, 30)),
        ("平成30年12月1日", D(2018, 12, 1)),
        ("2026/11/20", D(2026, 11, 20)),
        ("2026-11-20", D(2026, 11, 20)),
        ("2026.11.20", D(2026, 11, 20)),
        ("Nov 20, 2026", D(2026, 11, 20)),
        ("20 Nov 2026", D(2026, 11, 20)),
        ("納品日：2026年 11月 25日(水)", D(2026, 11, 25)),
    ],
)
def test_full_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


def test_month_day_takes_the_year_from_the_reference() -> None:
    assert parse_date("11/20(金)", REF) == D(2026, 11, 20)
    assert parse_date("11月25日", REF) == D(2026, 11, 25)


def test_month_day_across_new_year_picks_the_near_date() -> None:
    assert parse_date("1/5", D(2026, 12, 28)) == D(2027, 1, 5)
    assert parse_date("12/28", D(2027, 1, 3)) == D(2026, 12, 28)


def test_written_weekday_decides_the_year() -> None:
    # 2027-11-20 is a Saturday, 2026-11-20 a Friday.
    assert parse_date("11/20(土)", D(2026, 12, 30)) == D(2027, 11, 20)


def test_month_day_without_reference_is_unknown() -> None:
    assert parse_date("11/20") is None


def test_relative_dates() -> None:
    assert parse_date("明日", REF) == D(2026, 11, 19)
    assert parse_date("明後日の午前中", REF) == D(2026, 11, 20)


@pytest.mark.parametrize("text", ["03-1234-5678", "P.001/002", "2026/13/40", "10:15", ""])
def test_not_dates(text: str) -> None:
    assert parse_date(text, REF) is None


@pytest.mark.parametrize(("raw", "day", "kind"), [
    ("5月3日", dt.date(2026, 5, 30), "lost"),  # a faint 0
    ("3月8日", dt.date(2026, 3, 18), "lost"),  # a thin 1
    ("3月2日", dt.date(2026, 3, 22), "lost"),  # a doubled digit read once
    ("5月28日", dt.date(2026, 5, 29), "lookalike"),
    ("5月25日", dt.date(2026, 5, 29), None),
    ("5月29日", dt.date(2026, 5, 29), None),  # read as it is
])
def test_misreading_of(raw: str, day: dt.date, kind: str | None) -> None:
    assert misreading_of(raw, day, day) == kind


def test_a_digit_read_as_a_letter_is_put_back_when_the_weekday_bears_it_out() -> None:
    ref = dt.date(2027, 2, 7)
    assert find_lookalike_dates("2/S(月)", ref) == [dt.date(2027, 2, 8)]  # S: 5 or 8; 8 is 月
    assert find_lookalike_dates("2/S", ref) == []  # no weekday: nothing to tell 5 from 8
    assert find_lookalike_dates("2/8(月)", ref) == []  # a date as read is no repair


@pytest.mark.parametrize("text", ["信和9年1月26日", "飼和9年1月26日", "今和9年1月26日"])
def test_reiwa_whose_first_kanji_ocr_misread(text: str) -> None:
    assert parse_date(text) == D(2027, 1, 26)


def test_a_faxed_three_read_as_one_is_a_look_alike() -> None:
    # The digit pass writes 1 for a 3 whose curves the fax broke (10月3日 read 10月1日): a
    # delivery before the order takes the nearest look-alike after it, for a clerk.
    read = read_field_date("令和8年10月1日", D(2026, 10, 2), (0, 62), guess=True, later=True)
    assert read is not None and read.value == D(2026, 10, 3) and not read.checked
