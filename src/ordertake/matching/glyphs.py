"""Characters printed alike, which OCR reads one for another (表 for 麦, 本 for 木) (pure).

The table (`glyph_data.py`) is knowledge of print, made from the typefaces order forms are
printed in (bench/glyph_lookalikes.py), never from a master or a document. The matcher uses it
only for characters of a written line that no candidate product has: the product master is the
dictionary that says a character was misread, the pictures say what it may have been.
"""

from __future__ import annotations

from functools import cache

from ordertake.matching.glyph_data import LOOKALIKES

FLOOR = 0.72
STEP = 0.03


@cache
def _table() -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    for line in LOOKALIKES.splitlines():
        char, rest = line[0], line[1:]
        table[char] = {rest[k]: FLOOR + STEP * int(rest[k + 1]) for k in range(0, len(rest), 2)}
    return table


def likeness(read: str, printed: str) -> float:
    """How alike two characters print (0 when not among each other's nearest look-alikes)."""
    table = _table()
    return max(table.get(read, {}).get(printed, 0.0), table.get(printed, {}).get(read, 0.0))


def is_kanji(char: str) -> bool:
    return "一" <= char <= "龯"
