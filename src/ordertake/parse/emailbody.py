"""Free-text order lines as typed in e-mails.

Examples: 「醤油 特選丸大豆1.8L 6本」「・緑茶525ml ×2ケース」「KT-0451 10」.

Pure, no I/O. A size (1.8L, 500ml, ×24 right after a size) belongs to the description; the
quantity is the last count in the line, with its unit if it has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ordertake.parse.numbers import nfkc, parse_number
from ordertake.parse.rows import clean_code
from ordertake.parse.units import to_unit
from ordertake.units import UNITS

_BULLET = re.compile(
    r"^\s*(?:[・\-\*•●○◎■□◆◇▪►>＞※]|[0-9０-９]{1,2}[.)）．](?![0-9０-９])"
    r"|[(（][0-9０-９]{1,2}[)）]|[①-⑳]|[a-z][.)])\s*"
)
_COUNT_UNITS = sorted(
    [u for u in UNITS if u not in ("g", "L", "ml", "m")]
    + ["c/s", "C/S", "cs", "CS", "ケース", "ｹｰｽ", "case", "cases", "pcs", "pc", "bt", "btl", "kg",
       "ヶ", "ヵ", "箇"],
    key=len, reverse=True,
)
_UNIT_ALT = "|".join(re.escape(u) for u in _COUNT_UNITS)
# Trailing quantity: optional ×/x/*, a number, an optional unit, then optional politeness.
_QTY_TAIL = re.compile(
    rf"(?P<sep>^|\s|[×xX*＊:：=]|数量)\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT_ALT})?\s*"
    r"(?:ずつ|づつ|で|を|お願い.*|願います.*|下さい|ください|よろしく.*|、|。|\.|!|！)?\s*$",
    re.IGNORECASE,
)
_PRICE = re.compile(r"(?:@|＠|単価[:：]?\s*)(\d[\d,]*)\s*円?|(\d[\d,]*)\s*円")
_SIZE_BEFORE = re.compile(r"(?i)(\d+(?:\.\d+)?\s*(?:ml|l|ℓ|g|kg|cc|mm|cm|m|入|枚入|本入|個入))\s*$")
_NOT_ITEM = re.compile(
    r"(?i)(tel|fax|電話|〒|http|www\.|@\S+\.|納品日|納期|お届け|発注日|注文日|発注番号|注文番号|"
    r"注文no|po\s*no|様|御中|お世話|よろしく|宜しく|以上|合計|小計|total|date|subject|件名|"
    r"住所|担当|部$|〒|ページ|page|枚数|件数|受信|送信|"
    r"\d{1,2}[:：]\d{2}|月\s*\d{1,2}\s*日|\d+/\d+\s*\()"
)


@dataclass
class ItemGuess:
    description: str
    code: str | None
    quantity: float
    unit: str | None
    unit_price: float | None


def parse_item_line(text: str) -> ItemGuess | None:
    """An order line read from free text, None when the line orders nothing."""
    # Bullets first: NFKC would turn ① into a bare 1 that reads like a number.
    line = re.sub(r"\s+", " ", nfkc(_BULLET.sub("", text.strip()))).strip()
    if not line or _NOT_ITEM.search(line):
        return None
    unit_price = None
    price = _PRICE.search(line)
    if price:
        unit_price = parse_number(price.group(1) or price.group(2))
        line = (line[: price.start()] + " " + line[price.end():]).strip()
    m = _QTY_TAIL.search(line)
    if m is None:
        return None
    head = line[: m.start()].rstrip()
    sep = m.group("sep")
    unit_text = m.group("unit")
    # '500ml×24' is a pack size, not an order of 24, unless a unit says otherwise.
    if sep in ("×", "x", "X", "*", "＊") and _SIZE_BEFORE.search(head) and not unit_text:
        return None
    quantity = float(m.group("num"))
    if not head:
        return None
    head = re.sub(r"[\s、,:：\-–—]+$", "", head)
    code = None
    first, _, rest = head.partition(" ")
    maybe = clean_code(first)
    if maybe and not re.fullmatch(r"(?i)\d+(\.\d+)?(ml|l|g|kg|cc)", maybe) and (
        len(maybe) >= 4 or "-" in maybe
    ):
        code, head = maybe, rest.strip()
    if not head and code is None:
        return None
    if not any(ch.isalpha() for ch in head) and code is None:
        return None
    return ItemGuess(
        description=head,
        code=code,
        quantity=quantity,
        unit=to_unit(unit_text) if unit_text else None,
        unit_price=unit_price,
    )
