"""Units in order text: ケース/cs/C/S → ケース, 本, 個, ...; split '6本' into 6 and 本 (pure)."""

from __future__ import annotations

import re

from ordertake.parse.numbers import nfkc, parse_number
from ordertake.units import canonical_unit

# Sizes describe the product (1.8L, 500ml, ×24); they are never the ordered unit in a line.
SIZE_UNITS = ("ml", "l", "cc", "g", "mg", "mm", "cm", "m", "ℓ", "リットル", "グラム")

_QTY_WITH_UNIT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([^\d\s].*?)?\s*$")


# Spellings seen on order forms beyond the shared vocabulary (small ke for 個, and so on);
# 'cs.', 'C/S' and full-width forms need no entry: to_unit strips dots and slashes, NFKC folds.
_EXTRA = {"ヶ": "個", "ヵ": "個", "箇": "個", "ケース入": "ケース",
          # OCR confusions of voiced and semi-voiced kana that leave no other reading
          "バック": "パック", "ハック": "パック", "ケ一ス": "ケース", "ケ-ス": "ケース"}

_KE, _DASH, _SU = "ケヶかがちカガ力", "-ー一—‐−~", "スメヌズA"
GARBLED_CASE = re.compile(
    rf"^(?:[{_KE}457]?[{_DASH}][{_SU}]|[{_KE}][{_DASH}]?[{_SU}2]|[{_KE}][{_DASH}].|[^\d\s]ース"
    rf"|[ケヶ][{_DASH}])$")
"""ケース as a fax comes out of OCR: ケ read as か, ち or a digit, ー as a dash, ス as メ or A
('5-メ', 'ち-ス', 'か2', '-メ', 'りース'), or lost ('ケー'). No other order unit has that
shape."""
GARBLED_CS = re.compile(r"^[cg(<][/.]?[s5]$")
"""cs and c/s with the c read as g, ( or <, the s as 5 ('GS', '(S', '<s')."""


def to_unit(written: str | None) -> str | None:
    """Canonical unit for a written unit, tolerant of spacing and OCR dots ('C / S' → ケース)."""
    if not written:
        return None
    text = re.sub(r"\s+", "", nfkc(written).strip())
    return (
        spelled_unit(text)
        or ("ケース" if GARBLED_CASE.match(text.lstrip(".。・'\",")) else None)
        or ("ケース" if GARBLED_CS.match(text.lower().strip(".,。・'\"")) else None)
    )


def spelled_unit(written: str) -> str | None:
    """Canonical unit for a unit spelled as written ('btl', 'C/S', '本'), None for one only
    OCR damage makes a unit of ('か-ス', 'カール')."""
    text = re.sub(r"\s+", "", nfkc(written).strip())
    return (_EXTRA.get(text.lower()) or canonical_unit(text.strip(".。"))
            or canonical_unit(text.strip(".。").replace("/", "")))


def split_quantity(text: str) -> tuple[float | None, str | None]:
    """'6本' → (6, '本'); '2 c/s' → (2, 'ケース'); '10' → (10, None); junk → (None, None)."""
    norm = nfkc(text).replace(",", "").strip()
    value = parse_number(norm, lenient=True)
    if value is not None:
        return value, None
    m = _QTY_WITH_UNIT.match(norm)
    if not m:
        return None, None
    unit = to_unit(m.group(2))
    if unit is None:
        return None, None
    return float(m.group(1)), unit


def is_size_unit(written: str) -> bool:
    """True for units that describe a product's size (1.8L, 500ml) rather than an order unit."""
    return nfkc(written).strip().lower() in SIZE_UNITS
