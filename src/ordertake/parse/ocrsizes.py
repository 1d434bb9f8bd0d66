"""Size units misread by OCR inside a description, put right (pure): '500mt' → '500ml'.

Sizes are what tell near-identical products apart (500ml / 1L / 1.8L), and a faxed unit loses
or gains a stroke: l becomes t, 1, I, | or 2; g becomes e, 9 or q; the second m of mm becomes
n; a 1 before a unit becomes ! or ]. Only a unit right after a number is touched, and only
into a unit the misreading can come from, so names and codes stay as read. Used for OCR pages
only: typed and text-layer descriptions are exact.
"""

from __future__ import annotations

import re

_NUM = r"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)"
_END = r"(?![a-zA-Z0-9])"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # 500mt, 500m1, 500mI, 500m| → 500ml
    (re.compile(_NUM + r"\s?m[tI|1]" + _END), r"\1ml"),
    # 1kq, 1ke, 1k9 → 1kg (a glyph cut off after it, such as '「', is dropped)
    (re.compile(_NUM + r"\s?k[eq9][「」|]?" + _END), r"\1kg"),
    # 1.8mn → 1.8mm
    (re.compile(_NUM + r"\s?mn" + _END), r"\1mm"),
    # !キロ, ]L, |kg → 1キロ, 1L, 1kg
    (re.compile(r"(?<![A-Za-z0-9.])[!\]|」](?=(?:キロ|kg|ml|L|l)" + _END + ")"), "1"),
)
_VOLUME_M2 = re.compile(_NUM + r"\s?m[26]" + _END)
"""'1000m2': ml read with a 2 or 6; a true area (m2) of a hundred or more is not a product."""


def repair_sizes(text: str) -> str:
    """The description with OCR-damaged size units repaired."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return _VOLUME_M2.sub(
        lambda m: f"{m.group(1)}ml" if float(m.group(1)) >= 100 else m.group(0), text)
