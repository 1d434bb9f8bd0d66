"""Digits of the Japanese pass repaired from the Latin digit pass (ocr/digits.py)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ordertake.ocr.digits import (
    DIGIT_PASS_MARGIN_PX,
    digit_pass_image,
    reconcile_digits,
    repaired,
    spare_digits,
    split_passes,
)
from ordertake.ocr.words import RawWord


@pytest.mark.parametrize(
    ("main", "seen", "expected"),
    [
        ("19", "104", "10"),  # slashed zero read as 9; 本 read by eng as 4
        ("36本", "304", "30本"),
        ("2本", "20a", "20本"),  # a zero the Japanese pass lost
        ("池袋2-46-11", "th2-40-11", "池袋2-40-11"),  # kanji stay as the main pass read them
        ("2926年", "2026%", "2026年"),
        ("999ML:", "900ML", "900ML:"),
        ("1.88", "1.8L", "1.8L"),  # a final L or g read as a digit
        ("5909", "500g", "500g"),
        ("166枚", "100K", "100枚"),
        ("2本", "24", "2本"),  # a kanji read as a digit is not a lost digit
        ("119", "11", "119"),  # digits the digit pass lacks are kept
        ("MS-9314", "MS-@314", "MS-9314"),  # a look-alike in the digit pass changes nothing
        ("PO0-2026-1486", "PO-2026-1486", "PO-2026-1486"),  # one round O read twice
        ("PO0-2026-1486", "P0-2026-1486", "PO0-2026-1486"),  # the digit pass saw a zero
        ("注文番号PO0-2926-6174", "PQ-2026-6174", "注文番号PO-2026-6174"),  # its O read as Q
    ],
)
def test_repaired(main: str, seen: str, expected: str) -> None:
    assert repaired(main, seen) == expected


def _word(text: str, left: int, top: int = 100, width: int = 80, conf: float = 90) -> RawWord:
    return RawWord(text, left, top, width, 30, conf, (1, 1, 1))


def test_reconcile_uses_the_digit_pass_word_on_the_same_place() -> None:
    main = [_word("醤油", 100), _word("19", 400), _word("36", 400, top=200)]
    digit_pass = [_word("104", 400), _word("30", 400, top=200), _word("99", 900)]
    out = reconcile_digits(main, digit_pass)
    assert [w.text for w in out] == ["醤油", "10", "30"]
    assert out[1].left == 400 and out[1].confidence == 90


def test_reconcile_keeps_words_without_a_digit_pass_reading() -> None:
    main = [_word("19", 400)]
    assert reconcile_digits(main, [_word("10", 900)]) == main
    assert reconcile_digits(main, [_word("10", 400, top=300)]) == main


def test_split_passes() -> None:
    assert split_passes("jpn+eng") == ("jpn", "eng")
    assert split_passes("jpn") == ("jpn", "")
    assert split_passes("eng") == ("eng", "")
    assert split_passes("jpn+jpn_vert+eng") == ("jpn+jpn_vert", "eng")


def test_digit_pass_image_is_the_part_holding_the_words_with_a_digit_and_nothing_else() -> None:
    page = Image.new("L", (1200, 900), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle([100, 100, 179, 129], fill=0)  # 醤油: no digit, blanked
    draw.rectangle([400, 100, 479, 129], fill=0)  # 19: kept
    draw.rectangle([700, 600, 759, 629], fill=0)  # 6本: kept
    part, (left, top) = digit_pass_image(page, [_word("醤油", 100), _word("19", 400),
                                                _word("6本", 700, top=600, width=60)])
    # Cut from the first digit word's padded box less the margin to the last one's plus it.
    assert (left, top) == (400 - 15 - DIGIT_PASS_MARGIN_PX, 100 - 8 - DIGIT_PASS_MARGIN_PX)
    assert part.size == (760 + 15 + DIGIT_PASS_MARGIN_PX - left,
                         630 + 8 + DIGIT_PASS_MARGIN_PX - top)
    ink = np.asarray(part) < 128
    assert ink[100 - top:130 - top, 400 - left:480 - left].all()
    assert ink[600 - top:630 - top, 700 - left:760 - left].all()
    assert ink.sum() == 80 * 30 + 60 * 30  # 醤油 is not in it, nor anything between
    assert digit_pass_image(page, [_word("醤油", 100)])[0].size == (1, 1)


@pytest.mark.parametrize(
    ("main", "seen", "room", "expected"),
    [
        ("6袋", "68|", 0.5, "6袋"),  # the unit read as a digit: no room for one in the box
        ("2個", "28|", 0.5, "2個"),
        ("6袋", "68|", float("inf"), "68袋"),  # (what the string alone would give)
        ("2本", "20a", 1.0, "20本"),  # a digit lost before the unit, where the box holds it
        ("14052", "140502", 0.0, "140502"),  # between digits the digit pass is trusted
    ],
)
def test_repaired_puts_a_lost_digit_before_a_kanji_only_where_there_is_room(
        main: str, seen: str, room: float, expected: str) -> None:
    assert repaired(main, seen, room) == expected


def test_spare_digits_from_the_box_width() -> None:
    # 30 px characters: '2本' needs 15 + 30 = 45 px; '20本' (a digit lost) is 60 px wide.
    assert spare_digits(RawWord("2本", 0, 0, 60, 30, 90, (1, 1, 1))) >= 1
    assert spare_digits(RawWord("6袋", 0, 0, 45, 30, 90, (1, 1, 1))) < 1
    assert spare_digits(RawWord("48本", 0, 0, 62, 30, 90, (1, 1, 1))) < 1


def test_reconcile_does_not_read_a_unit_as_a_lost_digit() -> None:
    main = [RawWord("6袋", 400, 100, 46, 30, 90, (1, 1, 1)),
            RawWord("2本", 600, 100, 62, 30, 90, (1, 1, 1))]
    digit_pass = [RawWord("68|", 400, 100, 50, 30, 60, (1, 1, 1)),
                  RawWord("20a", 600, 100, 62, 30, 60, (1, 1, 1))]
    assert [w.text for w in reconcile_digits(main, digit_pass)] == ["6袋", "20本"]
