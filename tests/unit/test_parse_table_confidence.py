"""A table OCR read too poorly has no sure line (parse/rows.py: UNREADABLE_TABLE)."""

from __future__ import annotations

from dataclasses import replace

from parse_words import make_page
from test_parse_layout import META, header, row

from ordertake.domain import Word
from ordertake.parse.order import parse_pages
from ordertake.review_ui.messages import warning_text


def _read_at(words: list[Word], confidence: float) -> list[Word]:
    return [replace(w, confidence=confidence) for w in words]


def _rows(confidence: float) -> list[list[Word]]:
    return [_read_at(row(0.33, "1", "A-1", "醤油 1L", "6", "本"), confidence),
            _read_at(row(0.36, "2", "A-2", "酢 1L", "12", "本"), confidence)]


def test_every_line_of_a_table_read_below_half_confidence_goes_to_the_clerk() -> None:
    draft = parse_pages([make_page(header(0.30), *_rows(0.45))], META)[0]
    assert [x.quantity for x in draft.lines] == [6, 12]  # read as before, flagged
    assert all(x.warnings == ["table_unsure:ocr=45%"] for x in draft.lines)


def test_a_table_read_well_enough_is_not_flagged() -> None:
    draft = parse_pages([make_page(header(0.30), *_rows(0.6))], META)[0]
    assert [x.quantity for x in draft.lines] == [6, 12]
    assert not any(x.warnings for x in draft.lines)


def test_only_the_page_of_the_table_read_poorly_is_flagged() -> None:
    first = make_page(header(0.30), *_rows(0.9))
    second = make_page(header(0.30, page=2),
                       _read_at(row(0.33, "3", "A-3", "みりん 1L", "4", "本", page=2), 0.3),
                       number=2)
    lines = parse_pages([first, second], META)[0].lines
    assert [bool(x.warnings) for x in lines] == [False, False, True]


def test_the_warning_key_reads_in_both_languages() -> None:
    assert warning_text("table_unsure:ocr=45%", "ja") == (
        "この表は読み取りが不確かです（OCR の確からしさ 45%）: 確認してください")
    assert warning_text("table_unsure:ocr=45%", "en") == (
        "this table reads poorly (OCR confidence 45%): please check")
