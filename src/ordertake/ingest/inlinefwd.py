"""Headers of a forward pasted into the body ("-----Original Message-----") (pure: no I/O).

Staff often forward a customer's mail inline; the customer's address then only appears in
the quoted header block, which is what identifies the customer.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ordertake.ingest.mime import MailHeaders

_MARKER = re.compile(
    r"^[ >]*(?:-{3,}|_{3,}|={3,})\s*(?:original message|forwarded message|転送メッセージ"
    r"|元のメッセージ|転送済みメッセージ|begin forwarded message)\s*(?:-{3,}|_{3,}|={3,})?\s*$"
    r"|^[ >]*begin forwarded message:\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_FIELD = re.compile(
    r"^[ >]*(from|差出人|送信者|送信元|subject|件名|date|日時|送信日時)\s*[:：]\s*(.*)$",
    re.IGNORECASE,
)
_KEYS = {"from": "from", "差出人": "from", "送信者": "from", "送信元": "from",
         "subject": "subject", "件名": "subject"}


def inline_forward_headers(body: str, outer: MailHeaders) -> MailHeaders:
    """The last inline-forwarded header block's sender and subject, else `outer` unchanged."""
    markers = list(_MARKER.finditer(body))
    if not markers:
        return outer
    block = body[markers[-1].end() :].lstrip("\n").split("\n")[:12]
    found: dict[str, str] = {}
    for line in block:
        match = _FIELD.match(line)
        if match:
            key = _KEYS.get(match.group(1).lower())
            if key and key not in found:
                found[key] = match.group(2).strip()
        elif found and not line.strip():
            break
    if "from" not in found:
        return outer
    name, address = email.utils.parseaddr(found["from"])
    if "@" not in address:
        mailto = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", found["from"])
        address = mailto.group(0) if mailto else ""
    if not address:
        return outer
    return replace(outer, sender=address, sender_name=name or outer.sender_name,
                   subject=found.get("subject", outer.subject), message_id="")
