"""A faxed quantity cell read through OCR damage: specks, split digits, a garbled unit (pure).

'。・ 5' is 5; '3 0pk' is 30 パック (a gap inside a number); '30狼' is 30 with its unit
unreadable; '500ml*24缶 1' is 1, the size beside it having spilled over from the description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ordertake.parse.numbers import nfkc, read_lookalikes
from ordertake.parse.units import is_size_unit, split_quantity, to_unit
from ordertake.units import MEASURED

LEADING_NOISE = "-−—–~ー.,'`_\"“”′・:;。、"
"""Specks and rules OCR puts before a quantity (an order never asks for a negative one)."""

_ZERO_AS_NO = re.compile(r"(?<=\d)の")
"""A slashed zero (ø) the Japanese model read as の; no quantity or unit is written with の."""
_DOUBLED_LONG_MARK = re.compile(r"(?<=[ァ-ヺ])ー[-−—–~‐]+")
"""A long vowel mark OCR read twice, as ー and a dash ('1ケー-ス')."""
_DOLLAR_BESIDE_S = re.compile(r"([CcGg(<]/?)\$([Ss5])")
"""A faxed S with a speck on its bar read twice, as $ and S ('10C/$S' is 10 c/s): no order
unit holds a $."""
_SPLIT_DIGITS = re.compile(r"^(\d{1,3}) (\d)(?=\D|$)")
_TRAILING_NUMBER = re.compile(r"^(.*\S)\s+(\d{1,4})$")
_SIZE_INSIDE = re.compile(r"(?i)\d(?:ml|l|g|kg|cc|mm|cm)\b|[x×*]\s?\d")
_GARBLED_UNIT = re.compile(r"^(\d{1,4})\s?([^\d\s]{1,3})$")
# ケース with its ケ read as a digit: '14-メ' is 1 ケース, '104-ヵ' 10; in '7-ス' the quantity
# itself was lost.
_CASE_KE_AS_DIGIT = re.compile(r"^(\d*)[457][-ー一—‐−~]\S$")
# Digits and a dash, nothing after ('14-'): a unit whose ケ was read as a digit and whose ース
# as a dash (1ケース), or a speck; either way the unit is unreadable and the count doubtful.
_DASH_AFTER_DIGITS = re.compile(r"^(\d{1,4})[-ー一—‐−~]$")
# The same with ケ read as 4, 5 or 7 ('14-' for 1ｹｰｽ, ス lost), or as another digit before a
# garbled ス ('49-ヵ' for 4ｹｰｽ): read as ケース, flagged, where the form writes its units in
# the quantity cells.
_CASE_HEAD_AFTER_DIGITS = re.compile(
    r"^(\d{1,3})(?:[457][-ー一—‐−~]|\d[-ー一—‐−~][^\d\s\-ー一—‐−~])$")
_POINT_INSIDE = re.compile(r"^(\d{1,3})\.(\d)\s?\D")
_TRAILING_MARKS = re.compile(r"(?<=\S)[|\]\[】【」「』『'`\"“”.,。、・:;_]$")
"""A table rule or a speck closing the cell ('1ケース]', '54-2.'): the cell's right edge."""
_TRAILING_RULE = re.compile(r"(?<=[^\d\s])[lI1|!]$")
"""A rule read as a letter or a digit after a unit ('1csl'); tried only when the cell does not
read with it."""
_GLUED_LOOKALIKE = re.compile(r"^([ilI!Zz]{1,2})(\D+)$")
"""A faxed 1 read as a letter right before its unit ('ics' is 1cs, 'lケース')."""
# The tail of a unit whose head was misread as a digit ('7-ス' is ケース, the quantity lost).
_UNIT_TAIL = re.compile(r"^(?:[-ー]?ス|[-ー]ル|ック|ース)$")


@dataclass(frozen=True)
class QuantityCell:
    quantity: float | None
    unit: str | None
    spilled: str = ""
    """Text that belongs to the description (a size written across the column edge)."""
    unit_unreadable: bool = False
    point_dropped: bool = False
    """A point between the digits of a count of whole pieces ('4.8袋'), taken for the speck it
    is (48): the line is flagged."""


def clean_quantity_text(text: str) -> str:
    """The cell without leading specks; a lone look-alike ('」 ケース') as its digit; a の
    right after a digit as the slashed zero it is ('2の' is 20)."""
    text = _ZERO_AS_NO.sub("0", text.lstrip(LEADING_NOISE + " "))
    text = _DOUBLED_LONG_MARK.sub("ー", text)
    text = _DOLLAR_BESIDE_S.sub(r"\1\2", text)
    head, _, rest = text.partition(" ")
    fixed = read_lookalikes(head)
    glued = _GLUED_LOOKALIKE.match(head)
    if fixed == head and glued and to_unit(glued.group(2)) is not None:
        fixed = read_lookalikes(glued.group(1)) + glued.group(2)
    return f"{fixed} {rest}".strip() if fixed != head else text


def read_quantity_cell(text: str, units_in_cells: bool = False) -> QuantityCell:
    """What a quantity cell says, as far as OCR left it readable. `units_in_cells`: the form
    writes its units in the quantity cells ('12袋'), so a cell's tail is a unit's glyphs
    rather than a speck ('14-' is 1ケース there, flagged)."""
    cleaned = clean_quantity_text(nfkc(text).strip())
    read = _read_cleaned(cleaned, units_in_cells)
    if read.unit is not None:
        return _whole_pieces(read, cleaned)
    # Without the rules and specks at the cell's right edge ('1ケース]', '54-2.', '1csl'),
    # one at a time: a bracket may be a garbled ス itself ('45-】|').
    shorter = cleaned
    while _TRAILING_MARKS.search(shorter) or _TRAILING_RULE.search(shorter):
        shorter = shorter[:-1]
        again = _read_cleaned(clean_quantity_text(shorter), units_in_cells)
        if again.unit is not None:
            return again
    head = count_and_unit_head(cleaned)
    return _read_cleaned(head, units_in_cells) if head else read


def count_and_unit_head(text: str) -> str:
    """The longest start of a cell that reads as a count and a named unit, where what follows
    holds no digit: the next column's remark run into the cell ('2袋至急', '1ケース 至急').
    '' when there is none."""
    text = text.strip()
    for end in range(len(text) - 1, 1, -1):
        if any(c.isdigit() for c in text[end:]):
            break
        quantity, unit = split_quantity(text[:end])
        if quantity is not None and unit is not None:
            return text[:end].strip()
    return ""


def _whole_pieces(read: QuantityCell, cleaned: str) -> QuantityCell:
    """A count of whole pieces read with a point inside ('4.8袋'): no order asks for 4.8 bags,
    a speck between two digits reads as a point. Units that measure (kg, L) keep it."""
    m = _POINT_INSIDE.match(cleaned)
    if (m is None or read.quantity is None or read.quantity.is_integer()
            or read.unit in MEASURED):
        return read
    return replace(read, quantity=float(m.group(1) + m.group(2)), point_dropped=True)


def _read_cleaned(cleaned: str, units_in_cells: bool) -> QuantityCell:
    m = _CASE_KE_AS_DIGIT.match(cleaned)
    if m:
        return QuantityCell(float(m.group(1)) if m.group(1) else None, "ケース")
    m = _CASE_HEAD_AFTER_DIGITS.match(cleaned)
    if m and units_in_cells:
        return QuantityCell(float(m.group(1)), "ケース", unit_unreadable=True)
    m = _DASH_AFTER_DIGITS.match(cleaned)
    if m:
        return QuantityCell(float(m.group(1)), None, unit_unreadable=True)
    quantity, unit = split_quantity(cleaned)
    if quantity is not None:
        return QuantityCell(quantity, unit)
    joined = _SPLIT_DIGITS.sub(r"\1\2", cleaned)
    if joined != cleaned:
        quantity, unit = split_quantity(joined)
        if quantity is not None:
            return QuantityCell(quantity, unit)
    m = _TRAILING_NUMBER.match(cleaned)
    if m and _SIZE_INSIDE.search(m.group(1)):
        return QuantityCell(float(m.group(2)), None, spilled=m.group(1))
    m = _GARBLED_UNIT.match(joined)
    if m and not is_size_unit(m.group(2)) and not _UNIT_TAIL.match(m.group(2)):
        return QuantityCell(float(m.group(1)), None, unit_unreadable=True)
    if not any(c.isdigit() for c in cleaned):
        return QuantityCell(None, to_unit(cleaned))  # the unit alone, its number lost
    return QuantityCell(None, None)


def has_unit(cell_text: str) -> bool:
    """Anything but the number itself in the cell (specks at its start aside)."""
    return bool(re.search(r"[^\d\s]", clean_quantity_text(nfkc(cell_text).strip())))


def written_digits(cell_text: str) -> str:
    """The digits the cell starts with, as written ('08袋': '08', '1 2本': '12')."""
    m = re.match(r"\d[\d ]*", clean_quantity_text(nfkc(cell_text).strip()))
    return m.group().replace(" ", "") if m else ""
