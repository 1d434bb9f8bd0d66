"""A code written at the start of the description: the code column's title lost, or none."""

from __future__ import annotations

import pytest

from ordertake.parse.rows import split_leading_code


@pytest.mark.parametrize(("text", "code", "rest"), [
    ("KT-0451 醤油 1.8L", "KT-0451", "醤油 1.8L"),
    (".KJ-0217 金印食品 めんつゆ", "KJ-0217", "金印食品 めんつゆ"),  # a speck before it
    ("SN-0362・ 瀬戸内食品 食塩 1kg", "SN-0362", "瀬戸内食品 食塩 1kg"),  # and after it
    ("_070766 菱屋 ウスター", "070766", "菱屋 ウスター"),
    ("A_10804 菱屋本店 マヨネーズ", "A-10804", "菱屋本店 マヨネーズ"),  # dash read as _
    ("6-10254 丘の上ファーム ツナ缶", "6-10254", "丘の上ファーム ツナ缶"),  # G read as 6
    ("1 C-10106 大雪麦酒 本格焼酎", "C-10106", "大雪麦酒 本格焼酎"),  # its line number
])
def test_a_code_opening_the_description_is_taken_out(text: str, code: str, rest: str) -> None:
    assert split_leading_code(text) == (code, rest)


@pytest.mark.parametrize("text", [
    "500ml 醤油", "12 本 醤油", "3 倍濃縮", "1 500ml 醤油", "24 1000 醤油", "G-iole62 みなと",
])
def test_sizes_counts_and_garble_stay_in_the_description(text: str) -> None:
    assert split_leading_code(text) == (None, text)
