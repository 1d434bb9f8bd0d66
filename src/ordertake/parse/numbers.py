"""Numbers as customers write them: full-width digits, commas, ¥ and 円 (pure, no I/O)."""

from __future__ import annotations

import re
import unicodedata

# OCR confusions that only make sense inside a cell known to hold a number.
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1",
                             "S": "5", "B": "8", "Z": "2"})
_NUMBER = re.compile(r"[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-−]?\d+(?:\.\d+)?")
_STRIP = re.compile(r"[¥\\$円,\s@＠]|税込|税抜|JPY|yen", re.IGNORECASE)


def nfkc(text: str) -> str:
    """Full-width letters/digits to half-width, half-width katakana to full-width."""
    return unicodedata.normalize("NFKC", text)


def parse_number(text: str, *, lenient: bool = False) -> float | None:
    """The number a cell holds ('１,２００円' → 1200.0), None when it holds none or several.

    `lenient` also repairs OCR letter/digit confusions (O→0, l→1) for cells known to be numeric.
    """
    raw = _STRIP.sub("", nfkc(text))
    if lenient and any(c.isdigit() for c in raw):
        raw = raw.translate(_OCR_DIGITS)
    raw = raw.replace("−", "-").rstrip(".")
    if not raw or not re.fullmatch(r"-?\d+(?:\.\d+)?", raw):
        return None
    return float(raw)


def find_numbers(text: str) -> list[tuple[float, int, int]]:
    """Every number in a text with its span: (value, start, end), commas understood."""
    norm = nfkc(text)
    out = []
    for m in _NUMBER.finditer(norm):
        value = float(m.group().replace(",", "").replace("−", "-"))
        out.append((value, m.start(), m.end()))
    return out


def as_plain(value: float | None) -> float | int | None:
    """6.0 → 6 for JSON; other values unchanged."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
