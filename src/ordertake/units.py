"""The unit vocabulary shared by master data, parsing, matching and export (pure).

Units are written in the product master's words (ケース, 本, 個, ...). Customers write the same
unit many ways (cs, C/S, ｹｰｽ, 箱入り, and in kana as legacy systems print them: ﾎﾝ, ﾌｸﾛ, ｺ);
`canonical_unit` maps a written unit to the vocabulary.
"""

from __future__ import annotations

import unicodedata

# Canonical unit → spellings customers and masters use (compared after NFKC + lower-case).
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ケース": (
        "ケース",
        "けーす",
        "cs",
        "c/s",
        "case",
        "cases",
        "ｹｰｽ",
        "ｹｽ",
        "ct",
        "ctn",
        "carton",
    ),
    "本": ("本", "ほん", "ホン", "btl", "bt", "bottle", "bottles"),
    "個": ("個", "こ", "ケ", "コ", "pc", "pcs", "piece", "pieces", "ea", "each"),
    "箱": ("箱", "はこ", "ハコ", "box", "bx"),
    "袋": ("袋", "ふくろ", "フクロ", "bag", "bags"),
    "パック": ("パック", "pk", "pack", "packs"),
    "kg": ("kg", "キロ", "キログラム", "kilo"),
    "g": ("g", "グラム"),
    "L": ("l", "ℓ", "リットル"),
    "ml": ("ml", "ミリリットル"),
    "バラ": ("バラ", "ばら", "ﾊﾞﾗ"),
    "ボール": ("ボール", "bl"),
    "缶": ("缶", "かん", "カン", "can", "cans"),
    "枚": ("枚", "まい", "マイ", "sheet", "sheets"),
    "束": ("束", "たば", "タバ"),
    "玉": ("玉", "たま", "タマ"),
    "丁": ("丁",),
    "尾": ("尾",),
    "匹": ("匹",),
    "巻": ("巻", "roll", "rolls"),
    "組": ("組",),
    "セット": ("セット", "set", "sets"),
    "瓶": ("瓶", "びん", "ビン"),
    "樽": ("樽",),
    "台": ("台",),
    "足": ("足",),
    "食": ("食",),
    "包": ("包",),
    "函": ("函",),
    "甲": ("甲",),
    "m": ("m", "メートル"),
}

_LOOKUP: dict[str, str] = {
    unicodedata.normalize("NFKC", spelling).lower(): unit
    for unit, spellings in _SPELLINGS.items()
    for spelling in spellings
}

UNITS: tuple[str, ...] = tuple(_SPELLINGS)
"""Every canonical unit."""
MEASURED = frozenset({"kg", "g", "L", "ml", "m"})
"""Units a quantity may be a fraction of (1.5kg); every other unit counts whole pieces."""


def canonical_unit(written: str) -> str | None:
    """The canonical unit for a written one (ｹｰｽ, C/S, cs → ケース), or None if unknown."""
    key = unicodedata.normalize("NFKC", written).strip().lower().replace(" ", "")
    return _LOOKUP.get(key)
