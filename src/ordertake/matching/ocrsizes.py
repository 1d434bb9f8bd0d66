"""Sizes an OCR misreading could have come from (pure): '590ml' may be 500ml, '1.82' 1.8L.

Faxed digits lose and gain strokes: a zero comes back as 9, 6 or 8, a speck becomes an extra
digit (4509g), and a unit L read as a digit leaves a bare number (1.82, 19, 22). These readings
are only offered to the product matcher, which accepts one when a candidate product really has
that size: a size is never invented, and what was clearly read is never rewritten (1L stays 1L,
it is never read as 1.8L: no reading adds a digit or a decimal point, and decimals keep
their digits). A lost space glues a number to the size after it (1.41kg for 1.4 1kg, 471000ml
for 47 1000ml); such a split holds only for a product that has both sizes.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import NamedTuple

from ordertake.matching.sizes import Spec, SpecText, split_specs

MAX_READINGS = 48
"""Bounds the work per query; a line has one or two sizes, each with a handful of readings."""

# One digit read as another it resembles (a faxed stroke lost or gained).
_LOOKALIKE_DIGITS = {
    "0": "968",
    "9": "0",
    "6": "05",
    "8": "03",
    "5": "6",
    "3": "8",
    "1": "7",
    "7": "1",
}
_ZERO_LOOKALIKES = "968"
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
# A number followed by no unit whose last digit is a unit L read as 2, 9, 1 or 7: '1.82', '19'.
_UNIT_AS_DIGIT = re.compile(r"(?<![\d.a-z])(\d+(?:\.\d)?)[2917](?=$|[\s(])")
# A speck between a number and its unit: '1]l', '500|ml'.
_SPECK_BEFORE_UNIT = re.compile(r"(?<=\d)[\]\[|!」「'`](?=(?:ml|l|kg|g|mm|cm)(?![a-z]))")
# 'm' alone after a number: a lost 'l' (550m → 550ml) as often as metres.
_BARE_M = re.compile(r"(?<=\d)\s?m(?![a-z])")
# A number glued to the size after it when the space between was lost: '1.41kg' for 1.4 1kg,
# '471000ml' for 47 1000ml (47% 1000ml).
_GLUED = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=\s?(?:ml|l|kg|g|mm|cm|m)(?![a-z]))")


def number_readings(digits: str) -> list[str]:
    """Numbers OCR could have misread as `digits` (not `digits` itself), most likely first."""
    if "." in digits:
        return []  # a decimal is short and deliberate: 1.8 is never taken for 1.0
    out: list[str] = []
    # Zeros read as 9/6/8, any of them (slashed or broken zeros come in runs: 599 for 500).
    spots = [i for i, c in enumerate(digits) if i > 0 and c in _ZERO_LOOKALIKES]
    for n in range(1, min(len(spots), 3) + 1):
        for chosen in combinations(spots, n):
            out.append("".join("0" if i in chosen else c for i, c in enumerate(digits)))
    # One extra digit from a speck or a table rule: 4509 → 450 (only whole numbers of 3+ digits).
    if len(digits) >= 3:
        out += [digits[:i] + digits[i + 1 :] for i in range(len(digits))]
    # One digit read as a look-alike.
    for i, c in enumerate(digits):
        for other in _LOOKALIKE_DIGITS.get(c, ""):
            out.append(digits[:i] + other + digits[i + 1 :])
    seen = {digits}
    kept = []
    for reading in out:
        if reading not in seen and not (len(reading) > 1 and reading[0] == "0"):
            seen.add(reading)
            kept.append(reading)
    return kept


def text_readings(norm: str) -> list[str]:
    """The normalised text with one size garbled back the way OCR could have garbled it."""
    out: list[str] = []
    for m in _UNIT_AS_DIGIT.finditer(norm):
        out.append(f"{norm[: m.start()]}{m.group(1)}l{norm[m.end() :]}")
    if _SPECK_BEFORE_UNIT.search(norm):
        out.append(_SPECK_BEFORE_UNIT.sub("", norm))
    if _BARE_M.search(norm):
        out.append(_BARE_M.sub("ml", norm))
    for m in _NUMBER.finditer(norm):
        for reading in number_readings(m.group(0)):
            out.append(f"{norm[: m.start()]}{reading}{norm[m.end() :]}")
    return out


class SizeReading(NamedTuple):
    key: SpecText
    """The text as it may have been meant: its sizes, and what is left (numbers without a unit
    still count for a size)."""
    split_off: float | None = None
    """A number split off a glued size: the reading holds only for a product with that size."""


def glued_readings(norm: str) -> list[tuple[str, float]]:
    """The text with one number split in two where a space may have been lost, and the number
    split off the front ('1.41kg' → '1.4 1kg', 1.4)."""
    out: list[tuple[str, float]] = []
    for m in _GLUED.finditer(norm):
        digits = m.group(1)
        point = digits.find(".")
        for cut in range(1, len(digits)):
            head, tail = digits[:cut], digits[cut:]
            if head.endswith(".") or tail.startswith((".", "0")):
                continue
            if point >= 0 and cut != point + 2:
                continue  # a decimal keeps one digit after its point: 1.41 → 1.4 1, never 1 .41
            out.append((f"{norm[: m.start()]}{head} {tail}{norm[m.end() :]}", float(head)))
    return out


def size_readings(norm: str) -> list[frozenset[Spec]]:
    """Size sets the text may really have meant, besides the one read; at most MAX_READINGS."""
    return [r.key.specs for r in reading_keys(norm)]


def reading_keys(norm: str) -> list[SizeReading]:
    """`size_readings` with the text each leaves and, for a glued size, the number split off."""
    read = split_specs(norm).specs
    found: list[SizeReading] = []
    seen: set[tuple[frozenset[Spec], float | None]] = set()
    texts: list[tuple[str, float | None]] = list(glued_readings(norm))  # few, and each gated
    texts += [(text, None) for text in text_readings(norm)]
    for text, split_off in texts:
        key = split_specs(text)
        if key.specs and key.specs != read and (key.specs, split_off) not in seen:
            seen.add((key.specs, split_off))
            found.append(SizeReading(key, split_off))
            if len(found) >= MAX_READINGS:
                break
    return found
