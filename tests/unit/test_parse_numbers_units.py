"""Numbers and units as customers write them."""

from __future__ import annotations

import pytest

from ordertake.parse.numbers import as_plain, find_numbers, near_reading, parse_number
from ordertake.parse.units import spelled_unit, split_quantity, to_unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,200", 1200), ("１，２００円", 1200), ("¥2,520", 2520), ("￥420", 420), ("1.5", 1.5),
     ("12", 12), (" 6 ", 6)],
)
def test_numbers(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "-", "abc", "1/2", "6本"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_lenient_repairs_ocr_letters_in_numeric_cells() -> None:
    assert parse_number("1O", lenient=True) == 10
    assert parse_number("l2", lenient=True) == 12
    assert parse_number("1O") is None


def test_find_numbers_and_plain() -> None:
    assert [n for n, _, _ in find_numbers("醤油 1.8L 6本 2,520円")] == [1.8, 6, 2520]
    assert as_plain(6.0) == 6 and isinstance(as_plain(6.0), int)
    assert as_plain(1.5) == 1.5 and as_plain(None) is None


@pytest.mark.parametrize(
    ("written", "unit"),
    [("ケース", "ケース"), ("cs", "ケース"), ("CS", "ケース"), ("c/s", "ケース"), ("C/S", "ケース"),
     ("C / S", "ケース"), ("ｹｰｽ", "ケース"), ("本", "本"), ("個", "個"), ("箱", "箱"), ("袋", "袋"),
     ("パック", "パック"), ("kg", "kg"), ("ＫＧ", "kg"), ("バラ", "バラ"), ("ボール", "ボール"),
     # ケース as faxes come out of OCR; かん stays 缶, a lone ケ stays 個
     ("5-メ", "ケース"), ("ち-ス", "ケース"), ("か2", "ケース"), ("。がス", "ケース"),
     ("GS", "ケース"), ("(S", "ケース"), ("<s", "ケース"), ("ケー", "ケース"),
     ("かん", "缶"), ("ケ", "個"), ("-2", None), ("氏", None), ("カー", None)],
)
def test_units(written: str, unit: str) -> None:
    assert to_unit(written) == unit


@pytest.mark.parametrize(
    ("written", "unit"),
    [("ケース", "ケース"), ("C / S", "ケース"), ("btl", "本"), ("か-ス", None), ("ケー", None)],
)
def test_spelled_units_are_units_as_written_not_as_ocr_garbles_them(written: str,
                                                                    unit: str) -> None:
    assert spelled_unit(written) == unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [("6", (6, None)), ("６本", (6, "本")), ("2 c/s", (2, "ケース")), ("10cs", (10, "ケース")),
     ("1.5kg", (1.5, "kg")), ("", (None, None)), ("abc", (None, None)), ("3点", (None, None))],
)
def test_split_quantity(text: str, expected: tuple) -> None:
    assert split_quantity(text) == expected


def test_lenient_numbers_from_faxed_cells() -> None:
    assert parse_number("'598 ・", lenient=True) == 598
    assert parse_number("1.520", lenient=True) == 1520  # a thousands comma read as a point
    assert parse_number("1.5", lenient=True) == 1.5
    assert parse_number("1.520") == 1.52


@pytest.mark.parametrize(
    ("cell", "value"),
    [(".56, 200", 56200), ("2: 810", 2810), ("88..800", 88800), ("「134,999", 134999),
     ("5.880]", 5880), ("-268", 268), ("1:2", None), ("sze8", None)],
)
def test_lenient_reads_faxed_separators_and_edge_marks(cell: str, value: float | None) -> None:
    assert parse_number(cell, lenient=True) == value


@pytest.mark.parametrize(
    ("read", "real", "near"),
    [(19, 10, True), (241, 24, True), (2, 20, True), (12, 12, False), (7, 2, True),
     (60, 10, True), (36, 10, False), (3600, 6, False)],
)
def test_near_reading(read: float, real: float, near: bool) -> None:
    assert near_reading(read, real) is near
