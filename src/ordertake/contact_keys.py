"""Lookup keys for contact details, shared by import, matching and learning (pure).

Phone numbers compare as Japanese domestic digits (+81 3-1234-5678 = 03(1234)5678 = full-width);
e-mail addresses compare lower-cased and trimmed.
"""

from __future__ import annotations

import re
import unicodedata

_NON_DIGIT = re.compile(r"\D")


def phone_key(text: str) -> str:
    """Domestic digits of a phone/fax number, '' when there are too few digits to mean one."""
    raw = unicodedata.normalize("NFKC", text).strip()
    digits = _NON_DIGIT.sub("", raw)
    if raw.startswith("+81") or (digits.startswith("81") and len(digits) in (11, 12)):
        digits = "0" + digits[2:]
    elif digits.startswith("0081"):
        digits = "0" + digits[4:]
    return digits if len(digits) >= 9 else ""


def email_key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().strip("<>").lower()
