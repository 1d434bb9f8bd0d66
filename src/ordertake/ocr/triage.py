"""Is a PDF text layer usable, or must the page be OCR'd? (pure, no I/O)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_CID = re.compile(r"\(cid:\d+\)")

# Characters that real Japanese/English order text almost never contains but broken font
# encodings produce in bulk: Latin-1/Latin Extended letters from cp932 bytes read as
# cp1252, box-drawing junk, private-use and unassigned code points, replacement chars.
_MOJIBAKE_RANGES = ((0x00C0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF), (0x2500, 0x257F))

MIN_CHARS = 3
"""Fewer characters than this on a page is 'no text layer'."""
MAX_BAD_SHARE = 0.10
"""More than this share of suspicious characters means the text layer is garbage."""
SCAN_IMAGE_SHARE = 0.5
"""A page whose images cover at least this share of the page is a scan."""
SCAN_MIN_TEXT_SHARE = 0.01
"""On a scan, text boxes covering less than this share are stray labels, not the content."""


def _is_suspicious(ch: str) -> bool:
    code = ord(ch)
    if ch == "\ufffd":
        return True
    if any(lo <= code <= hi for lo, hi in _MOJIBAKE_RANGES):
        return True
    return unicodedata.category(ch) in ("Co", "Cn", "Cc", "Cs")


def text_layer_problem(
    texts: Sequence[str], text_area_share: float, image_area_share: float
) -> str:
    """Why the words of a page cannot be trusted ("" when they can).

    `texts` are the page's words, `text_area_share` the share of the page their boxes cover,
    `image_area_share` the share covered by embedded images.
    """
    joined = "".join(texts)
    cid_chars = sum(len(m.group()) for m in _CID.finditer(joined))
    plain = _CID.sub("", joined)
    if len(plain) + cid_chars < MIN_CHARS:
        return "no text layer"
    total = len(plain) + cid_chars
    if cid_chars / total > MAX_BAD_SHARE:
        return "text layer has unmapped glyphs (cid:NN)"
    bad = sum(1 for ch in plain if _is_suspicious(ch))
    if bad / total > MAX_BAD_SHARE:
        return "text layer is garbled (wrong font encoding)"
    if image_area_share >= SCAN_IMAGE_SHARE and text_area_share < SCAN_MIN_TEXT_SHARE:
        return "scanned page with only a few words of text"
    return ""
