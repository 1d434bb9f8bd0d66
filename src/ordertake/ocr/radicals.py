"""Radical code points a PDF's text layer gives for whole kanji, folded to the kanji (pure).

A Japanese font draws 麦 and the radical ⻨ (U+2EE8) with one glyph, and a PDF writer that
maps the glyph back to text may pick the radical (Chromium's PDFs do: 東洋飲料⻨茶). NFKC folds
the Kangxi radicals (U+2F00-) but not these (U+2E80-), so text copied from such PDFs, and
their text layer, would show and match ⻨茶 for 麦茶. The table holds the radicals that are
whole characters in Japanese writing, each with its unified ideograph (Unicode's
EquivalentUnifiedIdeograph.txt).
"""

from __future__ import annotations

import unicodedata

_RADICALS = {
    "⺠": "民", "⺟": "母", "⺝": "月", "⺩": "王", "⺬": "示", "⺯": "糸", "⺽": "臼",
    "⻄": "西", "⻆": "角", "⻊": "足", "⻑": "長", "⻗": "雨", "⻘": "青", "⻝": "食",
    "⻣": "骨", "⻤": "鬼", "⻨": "麦", "⻩": "黄", "⻫": "斉", "⻭": "歯", "⻯": "竜",
    "⻲": "亀",
}
# The Kangxi radicals (⽇ U+2F47 for 日, ⾦ for 金) the same writers give: NFKC's own mapping,
# applied here so the text shown and exported holds the kanji, not look-alike code points.
_KANGXI = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)}
# The katakana middle dot's glyph mapped back to the hyphenation point (品名‧規格).
_OTHER = {"\u2027": "・"}
_TABLE = str.maketrans(_RADICALS | _KANGXI | _OTHER)


def fold_radicals(text: str) -> str:
    """`text` with radical code points that stand for whole kanji written as the kanji."""
    return text.translate(_TABLE)
