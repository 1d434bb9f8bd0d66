"""Text pages (mail bodies, spreadsheets) show on the review screen as the lines they were."""

from __future__ import annotations

import unicodedata

from ordertake.ocr.textpages import text_pages
from ordertake.review_ui.views import text_page


def _stored(text: str) -> tuple[list[list[object]], float, float]:
    """The page as the worker stores it: [text, x0, y0, x1, y1, conf] per word, rounded."""
    page = text_pages(text)[0]
    words = [[w.text, round(w.box.x0, 5), round(w.box.y0, 5), round(w.box.x1, 5),
              round(w.box.y1, 5), w.confidence] for w in page.words]
    return words, page.width, page.height


def test_a_sheet_shows_in_its_columns_with_its_blank_line() -> None:
    sheet = ("発注書\n発注日\t2026/11/20\n\n商品名\t数量\t単位\n"
             "特選 丸大豆しょうゆ 1.8L\t6\t本\n麦茶\t12\tケース")
    words, width, height = _stored(sheet)
    lines = text_page(words, width, height)
    assert lines[0] == "発注書"
    assert lines[2] == ""
    header, first, second = lines[3:6]
    assert header.split() == ["商品名", "数量", "単位"]
    assert first.split() == ["特選", "丸大豆しょうゆ", "1.8L", "6", "本"]
    # Columns start at the same character cell on every row (CJK counted as two cells).
    assert _cell(header, "数量") == _cell(first, "6") == _cell(second, "12") == 27
    assert _cell(header, "単位") == _cell(first, "本") == _cell(second, "ケース")


def _cell(line: str, text: str) -> int:
    before = line[: line.index(text)]
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in before)


def test_a_mail_body_keeps_its_line_breaks_and_an_empty_page_is_empty() -> None:
    words, width, height = _stored("いつもお世話になっております。\n\n・緑茶525ml ×2ケース\n以上")
    assert text_page(words, width, height) == [
        "いつもお世話になっております。", "", "・緑茶525ml ×2ケース", "以上"]
    assert text_page([], 80, 60) == []
