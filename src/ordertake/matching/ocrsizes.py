"""Sizes an OCR misreading could have come from (pure): '590ml' may be 500ml, '1.82' 1.8L.

Faxed digits lose and gain strokes: a zero comes back as 9, 6 or 8, a speck becomes an extra
digit (4509g), and a unit L read as a digit leaves a bare number (1.82, 19, 22). These readings
are only offered to the product matcher, which accepts one when a candidate product really has
that size: a size is never invented, and what was clearly read is never rewritten (1L stays 1L,
it is never read as 1.8L: no reading adds a digit or a decimal point, and decimals keep
their digits).
"""

from __future__ import annotations

import re
from itertools import combinations

from ordertake.matching.sizes import Spec, split_specs

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


def size_readings(norm: str) -> list[frozenset[Spec]]:
    """Size sets the text may really have meant, besides the one read; at most MAX_READINGS."""
    read = split_specs(norm).specs
    found: list[frozenset[Spec]] = []
    for text in text_readings(norm):
        specs = split_specs(text).specs
        if specs and specs != read and specs not in found:
            found.append(specs)
            if len(found) >= MAX_READINGS:
                break
    return found
