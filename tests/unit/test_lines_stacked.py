"""Words OCR boxed into the wrong line: a word standing over another is on another line."""

from __future__ import annotations

from parse_words import line, make_page

from ordertake.domain import Box, Word
from ordertake.parse.lines import group_lines


def test_a_word_boxed_down_into_the_next_line_stays_on_its_own_line() -> None:
    # '太陽食品' boxed from its own line's top to the middle of the next line, as tall as
    # '12ロール' of the next line, which bridged the two: it went to the next line, over
    # 'ミドリ' under it, and its row lost the maker's name.
    words = [Word(text, Box(1, x0, y0, x1, y1), conf) for text, x0, x1, y0, y1, conf in (
        ("太陽食品", 0.072, 0.154, 0.3100, 0.3375, 0.21),
        ("ミートソース260g", 0.172, 0.337, 0.3097, 0.3242, 0.79),
        ("30", 0.618, 0.636, 0.3091, 0.3203, 0.90),
        ("2", 0.716, 0.724, 0.3091, 0.3194, 0.90),
        ("袋", 0.747, 0.764, 0.3083, 0.3211, 0.90),
        ("ミドリ産業", 0.081, 0.200, 0.3294, 0.3434, 0.92),
        ("トイレットペーパー", 0.211, 0.437, 0.3275, 0.3478, 0.90),
        ("12ロール", 0.452, 0.528, 0.3175, 0.3461, 0.92),
        ("8", 0.628, 0.636, 0.3286, 0.3400, 0.96),
        ("5", 0.716, 0.724, 0.3286, 0.3400, 0.95),
        ("パック", 0.748, 0.803, 0.3233, 0.3436, 0.91))]
    lines = group_lines(make_page(words))
    assert [ln.text for ln in lines] == [
        "太陽食品 ミートソース260g 30 2 袋", "ミドリ産業 トイレットペーパー 12ロール 8 5 パック"]


def test_words_side_by_side_of_different_heights_stay_one_line() -> None:
    # A name boxed taller than the figures beside it: one line, nothing moved.
    words = [Word("8", Box(1, 0.100, 0.5093, 0.109, 0.5264), 0.95),
             Word("東海フーズ", Box(1, 0.119, 0.5067, 0.232, 0.5275), 0.92),
             *line(0.5087, (0.39, "1L"), (0.52, "2"), (0.56, "本"), (0.66, "341"))]
    (only,) = group_lines(make_page(words))
    assert only.text == "8 東海フーズ 1L 2 本 341"
