"""Free-text order lines as typed in e-mails.

Examples: 「醤油 特選丸大豆1.8L 6本」「・緑茶525ml ×2ケース」「KT-0451 10」, and an item set out
one field a line (「商品名：緑茶525ml」「数量：2ケース」), joined into one such line first.

Pure, no I/O. A size (1.8L, 500ml, ×24 right after a size) belongs to the description; the
quantity is the last count in the line, with its unit if it has one: any spelling of the shared
unit vocabulary (本, ケース, c/s, pk, box), so a count inside the name (スポンジ 3個, 350ml×6缶)
gives way to the quantity after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ordertake.parse.numbers import nfkc, parse_number
from ordertake.parse.rows import clean_code
from ordertake.parse.units import is_size_unit, to_unit

_BULLET = re.compile(
    r"^\s*(?:[・\-\*•●○◎■□◆◇▪►>＞※]|[0-9０-９]{1,2}[.)）．](?![0-9０-９])"
    r"|[(（][0-9０-９]{1,2}[)）]|[①-⑳]|[a-z][.)])\s*"
)
# Trailing quantity: optional ×/x/*, a number (1,200 too), then text without digits that must
# be nothing but a unit and politeness (checked by _tail_unit).
_QTY_TAIL = re.compile(
    r"(?P<sep>^|\s|[×xX*＊:：=を]|数量|(?<=[)）]))\s*(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<rest>\D*)$"
)
# A quantity with its unit written before the item: 「2ケース　東洋飲料 麦茶 2L」.
_QTY_HEAD = re.compile(r"^(?P<num>\d{1,3}(?:,\d{3})+|\d+)\s*(?P<unit>[^\d\s]+)\s+(?P<rest>\S.*)$")
# What may follow the unit: politeness and particles (「6本ずつ」「2ケースでお願いします」).
_POLITE_END = re.compile(
    r"(?:\s|[、。,.!！]|ずつ|づつ|で|を|にて|お願い.*|願います.*|下さい|ください|よろしく.*)$"
)
# A short note after the unit (「6本（急ぎ）」「6本 ※在庫確認」); digits in it would be a size.
_NOTE_END = re.compile(r"[(（][^()（）\d]*[)）]$|※[^\d]*$")
_PRICE = re.compile(r"(?:@|＠|単価[:：]?\s*)(\d[\d,]*)\s*円?|(\d[\d,]*)\s*円")
_SIZE_BEFORE = re.compile(r"(?i)(\d+(?:\.\d+)?\s*(?:ml|l|ℓ|g|kg|cc|mm|cm|m|入|枚入|本入|個入))\s*$")
_COUNT_ONLY = re.compile(r"\d+(?:\.\d+)?\s*(\D+)")
# A count written in kanji numerals before its unit at the end of a line (「麦茶 2L 十二本」).
_KANJI_NUMERALS = "〇一二三四五六七八九十百"
_KANJI_COUNT = re.compile(rf"(?:^|[\s×xX*＊:：=を])(?P<num>[{_KANJI_NUMERALS}]+)"
                          rf"(?P<rest>[^\d{_KANJI_NUMERALS}]*)$")
_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_KANJI_POWERS = {"十": 10, "百": 100}
_JAN_LABEL = re.compile(r"(?i)^jan(?:コード)?[:\s]*(?=\d{8}(?:\d{5})?(?:\s|$))")
# Items listed on one line: 「緑茶 2c/s、ほうじ茶 3c/s」 (a comma between digits is 1,200).
_ITEM_SEPARATOR = re.compile(r"[、，;；]|,(?!\d{3})|\s/\s")
_NOT_ITEM = re.compile(
    r"(?i)(tel|fax|電話|〒|http|www\.|@\S+\.|納品日|納期|お届け|発注日|注文日|発注番号|注文番号|"
    r"注文no|po\s*no|様|御中|お世話|よろしく|宜しく|以上|合計|小計|total|date|subject|件名|"
    r"住所|担当|部$|〒|ページ|page|枚数|件数|受信|送信|^計(?![ぁ-ヿ一-鿿a-z])|"
    r"\d{1,2}[:：]\d{2}|月\s*\d{1,2}\s*日|\d+/\d+\s*\()"
)

# A line of a mail's own header block, shown by a forward or a bounce that quotes the raw
# message ('MIME-Version: 1.0' read as an order of 1 of some product at 0 % confidence).
_MAIL_HEADER = re.compile(
    r"(?i)^(?:mime-version|message-id|content-[a-z-]+|x-[a-z0-9-]+|received|return-path|"
    r"in-reply-to|references|reply-to|delivered-to|dkim-signature|authentication-results)\s*:"
)


# Pictographs carry no order information: emoji (with their variation selectors, joiners and
# tags), phones' own emoji decoded into the private use area (docomo/au/SoftBank mail, see
# ingest.charsets), dingbats, keycap digits (1️⃣ as a bullet) and 〓/� where a charset had no
# character. After the count one hid the unit (「緑茶 6本🙏」 ordered nothing); in a name it
# only stands in the matcher's way.
_DECORATION = re.compile(
    "[0-9#*]\uFE0F?\u20E3|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uE000-\uF8FF\uFE00-\uFE0F"
    "\u200D\u20E3\u3013\uFFFD\U000E0020-\U000E007F]+"
)


# A field label at the start of a line: 「品名：緑茶」「数量: 2ケース」 (NFKC makes ： a colon).
_LABEL = re.compile(r"^\s*(?P<label>[^\s:]{1,6}?)\s*:\s*(?P<value>\S.*)$")
_LABEL_ROLES = {
    "name": ("商品名", "品名", "品目", "商品", "銘柄", "item", "description"),
    "code": ("品番", "商品コード", "商品番号", "コード", "型番", "jan", "code"),
    "spec": ("規格", "容量", "サイズ", "入数", "荷姿"),
    "quantity": ("数量", "発注数", "注文数", "発注数量", "注文数量", "個数", "数", "qty"),
    "unit": ("単位",),
}
_ROLE_OF_LABEL = {label: role for role, labels in _LABEL_ROLES.items() for label in labels}


@dataclass
class ItemGuess:
    description: str
    code: str | None
    quantity: float
    unit: str | None
    unit_price: float | None


def _tail_unit(rest: str) -> tuple[bool, str | None]:
    """Whether `rest`, the text after a line's last number, makes that number a quantity, and
    the unit it names (None when there is none).

    Any spelling of the shared unit vocabulary counts (本, ケース, c/s, pk, box, ...), followed
    by politeness or a short note; a size unit (1.8L, 500g) makes the number part of the
    description, and other words make it no quantity at all.
    """
    text = rest.strip()
    while (end := _POLITE_END.search(text)) is not None:
        text = text[: end.start()].rstrip()
    note = _NOTE_END.search(text)
    if note is not None and text[: note.start()].strip():
        text = text[: note.start()].strip()
        while (end := _POLITE_END.search(text)) is not None:
            text = text[: end.start()].rstrip()
    if not text:
        return True, None
    unit = to_unit(text)
    if unit is None or is_size_unit(unit):
        return False, None
    return True, unit


def kanji_number(text: str) -> int | None:
    """十二 → 12, 二十 → 20, 百五 → 105, 三 → 3; None for what is no number (十十, 二二)."""
    total, digit = 0, None
    for ch in text:
        if ch in _KANJI_POWERS:
            power = _KANJI_POWERS[ch]
            if total % (power * 10) or digit == 0:
                return None  # a power after a smaller one (十百) or after 〇
            total += (1 if digit is None else digit) * power
            digit = None
        elif digit is not None:
            return None  # two digits in a row: a name, not a count
        else:
            digit = _KANJI_DIGITS[ch]
    total += digit or 0
    return total or None


def _arabic_count(line: str) -> str:
    """The line with a kanji count before its unit at the end written in digits; a kanji
    numeral elsewhere (一番搾り, 五目) is left as it is."""
    m = _KANJI_COUNT.search(line)
    if m is None or (number := kanji_number(m.group("num"))) is None:
        return line
    is_quantity, unit = _tail_unit(m.group("rest"))
    if not is_quantity or unit is None:
        return line
    return f"{line[: m.start('num')]}{number}{line[m.end('num'):]}"


def _split_quantity(line: str) -> tuple[str, float, str | None] | None:
    """(the item, its quantity, the unit) of a line: the last count in the line, or else a
    count with its unit written first (「2ケース　麦茶 2L」); None when it orders nothing."""
    m = _QTY_TAIL.search(line)
    if m is not None:
        is_quantity, unit = _tail_unit(m.group("rest"))
        if is_quantity:
            head = line[: m.start()].rstrip()
            # '500ml×24' is a pack size, not an order of 24, unless a unit says otherwise.
            if m.group("sep") in ("×", "x", "X", "*", "＊") and _SIZE_BEFORE.search(head) and (
                    unit is None):
                return None
            return head, float(m.group("num").replace(",", "")), unit
    first = _QTY_HEAD.match(line)
    if first and (unit := to_unit(first.group("unit"))) and not is_size_unit(unit):
        return first.group("rest"), float(first.group("num").replace(",", "")), unit
    return None


def parse_item_line(text: str) -> ItemGuess | None:
    """An order line read from free text, None when the line orders nothing."""
    # Bullets first: NFKC would turn ① into a bare 1 that reads like a number.
    text = _DECORATION.sub(" ", text).strip()
    line = re.sub(r"\s+", " ", nfkc(_BULLET.sub("", text))).strip()
    if not line or _NOT_ITEM.search(line) or _MAIL_HEADER.match(line):
        return None
    line = _arabic_count(line)
    unit_price = None
    price = _PRICE.search(line)
    if price:
        unit_price = parse_number(price.group(1) or price.group(2))
        line = (line[: price.start()] + " " + line[price.end():]).strip()
    found = _split_quantity(line)
    if found is None:
        return None
    head, quantity, unit = found
    if not head:
        return None
    head = re.sub(r"(?:[\s、,:：\-–—→⇒]|数量|を)+$", "", head)  # 「…1.8L を 2本」
    head = _JAN_LABEL.sub("", head)
    if (field := labelled_field(head)) is not None and field[0] in ("name", "code"):
        head = field[1]  # 「商品名：緑茶 数量：2ケース」 on one line
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
    if (count := _COUNT_ONLY.fullmatch(head)) and to_unit(count.group(1).strip()):
        return None  # only a count or size is left: 「1ケース=24本」 says what a case holds
    return ItemGuess(
        description=head,
        code=code,
        quantity=quantity,
        unit=unit,
        unit_price=unit_price,
    )


def parse_item_lines(text: str) -> list[ItemGuess]:
    """The order lines of one typed line: usually one, several when items are listed one
    after another, each with its own quantity and unit."""
    parts = [part for part in _ITEM_SEPARATOR.split(text) if part.strip()]
    if len(parts) > 1:
        items = [parse_item_line(part) for part in parts]
        if all(item is not None and item.unit is not None for item in items):
            return [item for item in items if item is not None]
    item = parse_item_line(text)
    return [item] if item is not None else []


# A mail that changes or cancels an order rather than placing one (「…2ケース → キャンセル」).
_CHANGE_REQUEST = re.compile(r"キャンセル|取り?消し?|取りやめ|変更|訂正|中止|cancel", re.IGNORECASE)


def change_request(texts: list[str]) -> str | None:
    """The first typed line that asks to change or cancel an order, None when none does: such
    a mail is the clerk's to handle, whatever lines it also holds."""
    return next((t.strip() for t in texts if _CHANGE_REQUEST.search(nfkc(t))), None)


def labelled_field(text: str) -> tuple[str, str] | None:
    """(role, value) of a line that is one labelled field of an item (「数量：2ケース」)."""
    m = _LABEL.match(nfkc(_BULLET.sub("", text.strip())))
    if m is None:
        return None
    role = _ROLE_OF_LABEL.get(m.group("label").lower())
    return (role, m.group("value").strip()) if role else None


def join_labelled_items(texts: list[str]) -> list[tuple[str, list[int]]]:
    """Items set out one field a line, each as one order line `parse_item_line` reads
    (「品番：A-1」「商品名：緑茶」「数量：2」「単位：ケース」 → 「A-1 緑茶 2ケース」), with the
    indexes of the lines it was joined from. A line that is no field, or a field the item
    already has, starts the next item; an item needs a name or code and a quantity."""
    items: list[tuple[str, list[int]]] = []
    fields: dict[str, str] = {}
    used: list[int] = []

    def finish() -> None:
        if "quantity" in fields and ("name" in fields or "code" in fields):
            quantity = fields["quantity"]
            if quantity[-1:].isdigit():
                quantity += fields.get("unit", "")
            spec = fields.get("spec", "")
            if spec.isdigit():  # 入数：24
                spec += "入"
            head = " ".join(v for v in (fields.get("code"), fields.get("name"), spec) if v)
            items.append((f"{head} {quantity}", list(used)))
        fields.clear()
        used.clear()

    for index, text in enumerate(texts):
        field = labelled_field(text)
        if field is None or field[0] in fields:
            finish()
        if field is not None:
            fields[field[0]] = field[1]
            used.append(index)
    finish()
    return items
