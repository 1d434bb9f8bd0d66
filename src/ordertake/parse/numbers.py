"""Numbers as customers write them: full-width digits, commas, ¥ and 円 (pure, no I/O)."""

from __future__ import annotations

import re
import unicodedata

LETTER_DIGITS = {"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "S": "5", "B": "8",
                 "Z": "2", "z": "2"}
"""Letters OCR reads for digits: a confusion that only makes sense inside a text known to
hold a number."""
_OCR_DIGITS = str.maketrans(LETTER_DIGITS)
# What a faxed 1 or 2 alone in a cell is read as ('」' for 1, 'iz' for 12).
_LONE_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "i": "1",
                              "|": "1", "]": "1", "」": "1", "!": "1", "Z": "2", "z": "2"})
ZERO_LOOKALIKES = "968"
"""What a faxed slashed or dotted 0 comes out as in Japanese OCR: 10 read as 19, 500 as 590."""
_SPECKS = "'`\"“”′・:;_~"
"""Marks a fax speck or a table rule leaves at the edge of a number cell."""
_EDGE_MARKS = ".[]「」()|-ー"
"""Brackets, rules, dashes and a stray point at either end of a cell known to hold one number
(an order line is never negative: a dash there is a speck or a rule)."""
_SEPARATOR_MISREAD = re.compile(r"(?<=\d)[:;](?=\d{3}(?!\d))")
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
        raw = raw.strip(_SPECKS + _EDGE_MARKS).translate(_OCR_DIGITS)
        # A faxed thousands comma also reads as a colon, or as a point doubled by a speck.
        raw = _SEPARATOR_MISREAD.sub("", raw).replace("..", ".")
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
            raw = raw.replace(".", "")  # '1.520': a faxed thousands comma reads as a point
    raw = raw.replace("−", "-").rstrip(".")
    if not raw or not re.fullmatch(r"-?\d+(?:\.\d+)?", raw):
        return None
    return float(raw)


def read_lookalikes(text: str) -> str:
    """A short token made only of digit look-alikes ('」', 'iz', 'lO') as the digits it
    stands for; any other text unchanged. Only for cells known to hold a number."""
    token = text.strip()
    if not token or len(token) > 3 or any(c.isdigit() for c in token):
        return text
    translated = token.translate(_LONE_DIGITS)
    return translated if translated.isdigit() else text


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


def whole_quotient(amount: float | None, unit_price: float | None) -> float | None:
    """amount ÷ unit price when both are positive and it comes out a whole number."""
    if amount is None or unit_price is None or amount <= 0 or unit_price <= 0:
        return None
    value = amount / unit_price
    return float(round(value)) if abs(value - round(value)) < 1e-6 and value < 100_000 else None


def near_reading(read: float, real: float) -> bool:
    """Could OCR have read the number `real` as `read`? One digit changed (0 read as 9), or one
    digit more or fewer (a table rule read as 1 in 241, a digit lost in 2 for 20)."""
    a, b = f"{read:g}", f"{real:g}"
    if a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return len(longer) == len(shorter) + 1 and any(
        longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))
