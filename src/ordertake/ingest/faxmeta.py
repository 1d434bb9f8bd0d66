"""Sender fax numbers that fax gateways put outside the page (pure: no I/O).

Fax-to-mail gateways name the sending machine in the subject ("FAX受信 03-1234-5678"),
in the sender's local part ("0312345678@fax.example.jp") or in the file name
("fax_0312345678_20261120.pdf"). The number helps identify the customer.
"""

from __future__ import annotations

import re
import unicodedata

from ordertake.contact_keys import phone_key

# Domestic numbers are 10 digits (0 + area + local), mobile/IP 11; "+81" drops the 0.
_NUMBER = re.compile(
    r"(?<![\d])(?:\+81[-\s]?|0)\d{1,4}(?:[-\s()（）]{0,2}\d{1,4}){1,2}[-\s)）]{0,2}\d{3,4}(?![\d])"
)
_KEYWORD = re.compile(r"(?i)fax|ファクス|ファックス|ﾌｧｸｽ|送信元|発信元|発信者|tsid|csid|from")


_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−ー－"})


def _candidates(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    found = []
    for match in _NUMBER.finditer(text):
        key = phone_key(match.group(0))
        if key and key.startswith("0") and not key.startswith("00") and len(key) in (10, 11):
            found.append(key)
    return found


def fax_from_subject(subject: str) -> str:
    """The number after a FAX/送信元 keyword, or the only phone-like number in the subject."""
    text = unicodedata.normalize("NFKC", subject).translate(_DASHES)
    keyword = _KEYWORD.search(text)
    if keyword:
        after = _candidates(text[keyword.start() :])
        if after:
            return after[0]
    found = _candidates(text)
    return found[0] if len(set(found)) == 1 else ""


def fax_from_address(address: str) -> str:
    """A gateway address whose local part is the sender's number."""
    local = address.split("@", 1)[0]
    local = re.sub(r"(?i)^(fax|tel)[-_.]?", "", local)
    key = phone_key(local)
    if key and re.fullmatch(r"[\d+\-_.]+", local) and len(key) in (10, 11):
        return key
    return ""


def fax_from_filename(filename: str) -> str:
    """A number in a gateway file name; date/time stamps (8+ digits not starting 0) never count."""
    stem = filename.rsplit(".", 1)[0]
    found = _candidates(re.sub(r"[_]", " ", stem))
    return found[0] if found else ""


def fax_number(subject: str = "", sender: str = "", filename: str = "") -> str:
    """The first fax number found in the subject, the sender address, then the file name."""
    return fax_from_subject(subject) or fax_from_address(sender) or fax_from_filename(filename)
