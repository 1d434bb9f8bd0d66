"""CJK word merging, text-layer triage, PDF char grouping and text pages (pure)."""

from __future__ import annotations

from ordertake.domain import PageSource
from ordertake.ocr.charwords import Char, group_words
from ordertake.ocr.textpages import text_pages
from ordertake.ocr.triage import text_layer_problem
from ordertake.ocr.words import RawWord, merge_cjk, to_words


def _row(text: str, left: int, width: int, line: int = 1, conf: float = 90) -> RawWord:
    return RawWord(text, left, 100 * line, width, 40, conf, (1, 1, line))


def test_spurious_spaces_between_cjk_characters_are_removed() -> None:
    rows = [_row("特", 0, 40), _row("選", 45, 40), _row("丸大豆", 90, 120), _row("1.8L", 215, 60)]
    merged = merge_cjk(rows)
    assert [r.text for r in merged] == ["特選丸大豆1.8L"]
    assert (merged[0].left, merged[0].width) == (0, 275)


def test_table_cells_and_latin_words_stay_apart() -> None:
    rows = [_row("商品名", 0, 120), _row("数量", 400, 80), _row("TEL", 600, 60),
            _row("03-1234", 672, 140)]
    assert [r.text for r in merge_cjk(rows)] == ["商品名", "数量", "TEL", "03-1234"]


def test_words_on_different_lines_never_merge_and_numbers_rejoin() -> None:
    rows = [_row("醤油", 0, 80, line=1), _row("本", 82, 40, line=2), _row("5,", 300, 30),
            _row("880", 335, 60)]
    assert sorted(r.text for r in merge_cjk(rows)) == ["5,880", "本", "醤油"]


def test_boxes_are_fractions_and_confidence_is_0_to_1() -> None:
    words = to_words([_row("数量", 100, 80, conf=87.5)], page=2, width=1000, height=2000)
    word = words[0]
    assert word.box.page == 2
    assert (word.box.x0, word.box.y0, word.box.x1, word.box.y1) == (0.1, 0.05, 0.18, 0.07)
    assert word.confidence == 0.875


def test_text_layer_triage() -> None:
    assert text_layer_problem(["発注書", "数量", "10"], 0.05, 0.0) == ""
    assert "no text layer" in text_layer_problem([], 0.0, 0.9)
    assert "cid" in text_layer_problem(["(cid:12)(cid:13)(cid:14)", "ab"], 0.05, 0.0)
    assert "garbled" in text_layer_problem(["ƒ¼ƒ‹Ã¤Ã¶ÂÂ"], 0.05, 0.0)
    assert "scanned" in text_layer_problem(["pdf.js"], 0.001, 0.95)


def test_pdf_chars_group_into_words_by_line_and_gap() -> None:
    chars = [Char("数", 10, 20, 100, 110), Char("量", 20, 30, 100.5, 110),
             Char("1", 80, 85, 100, 110), Char("0", 85, 90, 100, 110),
             Char("品", 10, 20, 130, 140)]
    words = group_words(chars)
    assert [w.text for w in words] == ["数量", "10", "品"]


def test_text_pages_give_positioned_tokens() -> None:
    pages = text_pages("ご注文\n・緑茶525ml ×2ケース\tKT-0451 10\n\n")
    assert len(pages) == 1 and pages[0].source == PageSource.TEXT
    assert pages[0].image_png is None
    texts = [w.text for w in pages[0].words]
    assert texts == ["ご注文", "・緑茶525ml", "×2ケース", "KT-0451", "10"]
    first, second = pages[0].words[1], pages[0].words[2]
    assert first.box.y0 == second.box.y0 and first.box.x1 < second.box.x0
    assert len(text_pages("行\n" * 130)) == 3
    assert text_pages("  \n") == []


def test_tab_separated_cells_stand_in_columns_whatever_their_width() -> None:
    # A spreadsheet or HTML table pasted into a mail: CJK cells are two columns a character,
    # so tab stops would put the quantities of these rows in different places.
    body = "品番\t商品名\t数量\nA-1\t丸正醤油 白だし 1L\t6\nB-22\t中濃ソース 500ml\t12"
    page = text_pages(body)[0]
    x0 = {w.text: w.box.x0 for w in page.words}
    assert x0["数量"] == x0["6"] == x0["12"]
    assert x0["商品名"] == x0["丸正醤油"] == x0["中濃ソース"]
    assert x0["丸正醤油"] > max(w.box.x1 for w in page.words if w.text in ("A-1", "B-22"))
