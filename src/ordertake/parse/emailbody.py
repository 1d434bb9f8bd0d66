"""Free-text order lines as typed in e-mails.

Examples: 「醤油 特選丸大豆1.8L 6本」「・緑茶525ml ×2ケース」「KT-0451 10」; several on one
line (「緑茶 2c/s、ほうじ茶 3c/s」「緑茶 500ml 2ケース　麦茶 500ml 1ケース」「緑茶、麦茶 各1c/s」);
and items that take more than one line, joined into one such line first: set out one field a
line (「商品名：緑茶525ml」「数量：2ケース」), a list counted once (「下記3点を各2ケースずつ」),
a count wrapped to the line below its item.

Pure, no I/O. Where the count stands and which unit it names is parse.mailcounts: a count
inside the name (スポンジ 3個, 350ml×6缶) gives way to the quantity after it. Bullets and list
numbers, prices, labels, particles and the mail's own paperwork (TEL, 〒, 顧客番号, dates) are
no part of the item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ordertake.parse.mailcounts import (
    DATE_AFTER,
    arabic_count,
    is_count_line,
    kanji_number,
    last_count,
    split_quantity,
    tail_unit,
)
from ordertake.parse.numbers import nfkc, parse_number
from ordertake.parse.rows import clean_code
from ordertake.parse.units import is_size_unit, to_unit

__all__ = ["ItemGuess", "change_request", "is_field_label", "join_labelled_items", "kanji_number",
           "labelled_field", "parse_item_line", "parse_item_lines"]

_BULLET = re.compile(
    r"^\s*(?:[>＞]\s*)*(?:[・\-\*•●○◎■□◆◇▪►>＞※＊－＋+〇]|[0-9０-９]{1,2}[.)）．](?![0-9０-９])"
    r"|[(（【\[][0-9０-９]{1,2}[)）】\]]|[①-⑳]|[a-z][.)]|[一二三四五六七八九十]{1,3}[、.．](?!\d)"
    r"|(?:No|NO|no|Ｎｏ)[.．]?\s*[0-9０-９]{1,2}(?=[\s\u3000]))?\s*"
)
"""A bullet or list number (・ - * ① 1. (1) 【1】 a) 一、 No.1), after the quote marks of a
quoted mail."""
# A unit price (「@198」「単価980円」「¥1,080」「205円/本」); the unit it is per is part of it.
_PRICE = re.compile(r"(?:(?:@|＠|単価[:：]?\s*|[¥￥]\s*)(\d[\d,]*)\s*円?|(\d[\d,]*)\s*円)"
                    r"(?:\s*[/／]\s*[^\d\s/／]{1,4})?")
_COUNT_ONLY = re.compile(r"\d+(?:\.\d+)?\s*(\D+)")
_JAN_LABEL = re.compile(r"(?i)^jan(?:コード)?[:\s]*(?=\d{8}(?:\d{5})?(?:\s|$))")
# Items listed on one line: 「緑茶 2c/s、ほうじ茶 3c/s」 (a comma between digits is 1,200).
_ITEM_SEPARATOR = re.compile(r"[、，;；]|,(?!\d{3})|\s/\s")
_NOT_ITEM = re.compile(
    r"(?i)(tel|fax|電話|〒|http|www\.|@\S+\.|納品日|納期|お届け|発注日|注文日|発注番号|注文番号|"
    r"注文no|po\s*no|様|御中|お世話|よろしく|宜しく|以上|合計|小計|total|date|subject|件名|"
    r"住所|担当|部$|〒|ページ|page|枚数|件数|受信|送信|^計(?![ぁ-ヿ一-鿿a-z])|"
    r"\d{1,2}[:：]\d{2}|月\s*\d{1,2}\s*日|\d+/\d+\s*\(|"
    r"(?:顧客|得意先|取引先|お客様|会員|伝票|受注|見積|請求|口座|登録|店舗)(?:番号|コード|no|id)|"
    r"返品|返却)"
)

# What may stand between the item and its count: a label, a particle, an arrow.
_HEAD_END = re.compile(
    r"(?:[\s、,:：=/／\-–—→⇒]|(?i:qty|q'ty|quantity)|数量|発注数|注文数|個数|を|(?<=[^\sぁ-ゖ])[はもが])+$")

# Words that open a sentence before the items it lists or link a line to the one before
# (「つきましては、緑茶 2本と、…」「あと、緑茶 2ケース」「それと麦茶も…」).
_OPENER = re.compile(r"(?:つきましては|それでは|では|今回は|今週は|今週分は|本日は|今日は|明日は|"
                     r"なお|あと|それと|それから|また|さらに|加えて|追加で|ほかに|他に|以下|下記)"
                     r"(?:は)?")

# The count an order had before a change, before the arrow to the new one (「12袋 → 20袋」).
_CHANGED_FROM = re.compile(r"\s\d+(?:\.\d+)?\s*([^\d\s→⇒]*)\s*[→⇒]\s*$")
# A product code in brackets beside the name: 「[MS-0016]」「(KT-0451)」「【4901234567894】」.
_CODE_IN_BRACKETS = re.compile(
    r"\s*[\[(（【]\s*([A-Za-z]{1,4}-?\d{2,6}(?:-\d{1,4})?|\d{8}|\d{13})\s*[\])）】]")

# Leader dots between an item and its count (「緑茶 525ml……2ケース」「麦茶・・・・1ケース」).
_LEADERS = re.compile(r"\.{2,}|・{2,}|‥+|…+|_{3,}|-{3,}")
# A list number before the item, set apart by a space only (「1　ツナ缶 …　10パック」).
_ROW_NUMBER = re.compile(r"^\d{1,2} (?=\D)")

_LEAD_IN = re.compile(rf"^(?:{_OPENER.pattern}[、,\s]+|(?:それと|それから|あと)(?=[^\sぁ-ゖ]))")

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
    "code": ("品番", "商品コード", "商品番号", "コード", "型番", "jan", "code", "商品cd", "cd"),
    "spec": ("規格", "容量", "サイズ", "入数", "荷姿"),
    "quantity": ("数量", "発注数", "注文数", "発注数量", "注文数量", "個数", "数", "qty"),
    "unit": ("単位",),
}
_ROLE_OF_LABEL = {label: role for role, labels in _LABEL_ROLES.items() for label in labels}


def is_field_label(label: str) -> bool:
    """True for a label an item's field is typed after (品名, 数量, 商品CD, ...)."""
    return label.lower() in _ROLE_OF_LABEL


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
    text = _DECORATION.sub(" ", text).strip()
    line = re.sub(r"\s+", " ", _LEADERS.sub(" ", nfkc(_BULLET.sub("", text)))).strip()
    if (date := DATE_AFTER.search(line)) and (found := last_count(line[: date.start()])) and (
            found[2] is not None):
        line = line[: date.start()]  # 「4袋 11/26着」: the day it is wanted, a header matter
    if not line or _NOT_ITEM.search(line) or _MAIL_HEADER.match(line):
        return None
    line = _LEAD_IN.sub("", arabic_count(line))
    unit_price = None
    price = _PRICE.search(line)
    if price:
        unit_price = parse_number(price.group(1) or price.group(2))
        line = (line[: price.start()] + " " + line[price.end():]).strip()
    found = split_quantity(line)
    if found is None:
        return None
    head, quantity, unit = found
    if not head:
        return None
    if (before := _CHANGED_FROM.search(head)) and tail_unit(before.group(1)) == (True, unit):
        head = head[: before.start()]  # 「12袋 → 20袋」: the count it was before a change
    head = _HEAD_END.sub("", head)  # 「…1.8L を 2本」「…500ml qty 48」
    if (number := _ROW_NUMBER.match(head)) and to_unit(head[number.end():].split(" ")[0]) is None:
        head = head[number.end():]  # 「1　ツナ缶 70g×3缶　10パック」: the list's own number
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
    if code is None and (inner := _CODE_IN_BRACKETS.search(head)) and (
            maybe := clean_code(inner.group(1))):
        code = maybe  # 「こいくちしょうゆ 1.8L [MS-0016]」
        head = f"{head[: inner.start()]} {head[inner.end():]}".strip()
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


# One count for several items: 「緑茶 525ml、ほうじ茶 2L 各2ケース」「上記、各3袋でお願いします」.
_EACH = re.compile(r"(?:各|それぞれ)\s*(?P<count>\d+(?:\.\d+)?)(?P<rest>\D*)$")
# Words by which a line points at the list above or below it instead of naming items.
_LIST_ABOVE = re.compile(r"上記|以上|右記|前記|上の")
_LIST_BELOW = re.compile(r"下記|以下|次の|下の")
_LIST_SIZE = re.compile(r"(?<!\d)(\d{1,2})\s*(?:点|品目|品|種類|種|アイテム)")


def _each_count(text: str) -> tuple[str, str] | None:
    """(the text before 各, the count written after it, as 「2ケース」) of a line that gives
    one count for several items, None for any other line."""
    line = arabic_count(nfkc(_BULLET.sub("", _DECORATION.sub(" ", text))).strip())
    m = _EACH.search(line)
    if m is None:
        return None
    is_quantity, unit = tail_unit(m.group("rest"))
    if not is_quantity:
        return None
    return _LEAD_IN.sub("", line[: m.start()].strip()), m.group("count") + (unit or "")


def _points_at_list(before: str) -> bool:
    """True when the words before 各 name no item: 「上記、」「下記3点を」「以上、」「全て」."""
    rest = _LIST_SIZE.sub("", _LIST_BELOW.sub("", _LIST_ABOVE.sub("", before)))
    return bool(_LIST_ABOVE.search(before) or _LIST_BELOW.search(before)) or not re.sub(
        r"[\s、,。.:をはもの]|全て|すべて|いずれも|どれも|それぞれ|とも", "", rest)


# Where a sentence ends inside a line (not at its end).
_SENTENCE_END = re.compile(r"(?<=[。！？])\s*(?=\S)")
# と joining a count to the next item's name: 「ジャスミン茶 2L 6本と烏龍茶 2L 6本を」.
_AND_AFTER_COUNT = re.compile(r"(\d[^\d\sと]{1,4}と)(?=[^\sぁ-ゖ\d])")
# A clause before the items that names none (「明日の朝までに、」「急ぎですが、」).
_CLAUSE = re.compile(r"[^\d]*(?:までに|まで|ので|けど|けれど|ですが|ため|には|では)")


def _runs(text: str) -> list[str]:
    """A line cut after every count with its unit that more words follow (「緑茶 500ml
    2ケース　麦茶 500ml 1ケース」 typed on one line); [text] when there is none."""
    tokens = _AND_AFTER_COUNT.sub(r"\1 ", nfkc(text)).split()
    parts: list[str] = []
    start = 0
    for i, token in enumerate(tokens[:-1]):
        count = re.fullmatch(r"\d+(?:\.\d+)?(\D+?)と?", token)
        if count is None or (unit := to_unit(count.group(1))) is None or is_size_unit(unit):
            continue
        following = tokens[i + 1]
        if to_unit(following) is not None or not re.match(r"[^\d\sぁ-ゖ入(（]{2}", following):
            continue  # the rest of this item (「10個 入り」), not the name of the next
        parts.append(" ".join(tokens[start : i + 1]))
        start = i + 1
    return [*parts, " ".join(tokens[start:])] if parts else [text]


def parse_item_lines(text: str) -> list[ItemGuess]:
    """The order lines of one typed line: usually one, several when items are listed one
    after another, each with its own quantity and unit, or with one count for all of them
    (「緑茶 525ml、ほうじ茶 2L 各2ケース」). A line of several sentences is read sentence by
    sentence (「はい、1Lで結構です。こいくちしょうゆ 1L 12本でお願いします。」)."""
    sentences = [part for part in _SENTENCE_END.split(text) if part.strip()]
    if len(sentences) > 1 and (
            read := [item for sentence in sentences for item in parse_item_lines(sentence)]):
        return read
    if (each := _each_count(text)) is not None:
        before, count = each
        parts = [part for part in _ITEM_SEPARATOR.split(before) if part.strip()]
        if _points_at_list(before) or not parts:
            return []  # the count of a list on other lines (join_labelled_items)
        items = [parse_item_line(f"{part} {count}") for part in parts]
        if all(item is not None for item in items):
            return [item for item in items if item is not None]
    parts = [part for part in _ITEM_SEPARATOR.split(text)
             if part.strip() and not _OPENER.fullmatch(part.strip())]
    while len(parts) > 1 and _CLAUSE.fullmatch(parts[0].strip()):
        parts = parts[1:]
    whole = text
    if len(parts) == 1:
        text = parts[0]
        parts = _runs(text)
    if len(parts) > 1:
        items = [parse_item_line(part) for part in parts]
        if all(item is not None and item.unit is not None for item in items):
            return [item for item in items if item is not None]
    item = parse_item_line(text) or parse_item_line(whole)
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
    joined = {i for _, indexes in items for i in indexes}
    items += _each_items(texts, joined)
    items += _wrapped_counts(texts, joined)
    items += _declared_unit(texts, joined)
    return sorted(items, key=lambda item: item[1][0])


# The unit said once for a whole list: 「（単位：ケース）」「※数量はケース単位です」.
_UNIT_DECLARED = re.compile(
    r"単位\s*[:：は]\s*(?P<a>[^\s)）、。]+)|(?P<b>[^\s\d、。:：はを()（）]+)単位")


def _declared_unit(texts: list[str], taken: set[int]) -> list[tuple[str, list[int]]]:
    """Lines with a bare count in a mail that says once which unit its counts are in (one
    such line, naming one order unit): each with that unit, and the indexes of both lines."""
    found = [(i, m) for i, text in enumerate(texts)
             if (m := _UNIT_DECLARED.search(nfkc(text))) and labelled_field(text) is None]
    if len(found) != 1:
        return []
    index, m = found[0]
    unit = to_unit(m.group("a") or m.group("b"))
    if unit is None or is_size_unit(unit):
        return []
    items = []
    for k, text in enumerate(texts):
        if k in taken or k == index:
            continue
        guesses = parse_item_lines(text)
        if len(guesses) == 1 and guesses[0].unit is None and (
                guesses[0].description or guesses[0].code):
            items.append((f"{text.strip()}{unit}", [k, index]))
    return items


def _wrapped_counts(texts: list[str], taken: set[int]) -> list[tuple[str, list[int]]]:
    """Items whose count went down to a line of its own under them (a phone wraps
    「・しょうゆせんべい 20枚」 and 「　3袋」): the item with that count, as one order line, and
    the indexes of both lines. The count below wins over one inside the name (20枚)."""
    items: list[tuple[str, list[int]]] = []
    for index in range(1, len(texts)):
        above = index - 1
        below, item = (_DECORATION.sub(" ", texts[i]) for i in (index, above))
        if index in taken or above in taken or not is_count_line(below):
            continue
        if not _is_list_line(texts[above]) or is_count_line(item):
            continue
        items.append((f"{texts[above].strip()} {texts[index].strip()}", [above, index]))
        taken |= {above, index}
    return items


def _is_list_line(text: str) -> bool:
    """A line of a list of items without counts of their own: a bullet or a size shows it
    names a product, and it is no field, no note and no line of its own 各 count."""
    line = nfkc(text).strip()
    if not line or _NOT_ITEM.search(line) or labelled_field(text) is not None:
        return False
    if _each_count(text) is not None or not any(ch.isalpha() for ch in line):
        return False
    bullet = _BULLET.match(line)
    return bool(bullet and bullet.group().strip()) or bool(
        re.search(r"(?i)\d\s*(?:ml|l|g|kg|cc|mm|cm)(?![a-z])", line))


def _each_items(texts: list[str], taken: set[int]) -> list[tuple[str, list[int]]]:
    """Items of a list whose count is given once for all on a line above or below it
    (「下記3点を各2ケースずつお願いします。」 over three lines, 「上記、各3袋で」 under them):
    each list line with that count, as one order line, and the indexes of both lines."""
    items: list[tuple[str, list[int]]] = []
    for index, text in enumerate(texts):
        each = _each_count(text)
        if index in taken or each is None or not _points_at_list(each[0]):
            continue
        before, count = each
        size = _LIST_SIZE.search(before)
        below = bool(_LIST_BELOW.search(before)) or not _LIST_ABOVE.search(before) and (
            index + 1 < len(texts) and _is_list_line(texts[index + 1]))
        step = 1 if below else -1
        group: list[int] = []
        k = index + step
        while 0 <= k < len(texts) and k not in taken and _is_list_line(texts[k]) and (
                size is None or len(group) < int(size.group(1))):
            group.append(k)
            k += step
        for k in sorted(group):
            items.append((f"{texts[k].strip()} {count}", [k, index]))
            taken.add(k)
    return items
