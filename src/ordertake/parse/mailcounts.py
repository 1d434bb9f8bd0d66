"""Where the count of a typed order line stands and which unit it names (pure, no I/O).

The count is the last number of the line when the words after it are a unit and politeness
(「6本ずつでお願いします」「2ケース分」「5袋ほど手配いただけますか」) or none; a size (1.8L,
500ml, ×24 right after a size) belongs to the item. Also: a count written first (「2ケース
麦茶 2L」), in brackets (「トマト缶 400g（2ケース）」), after a pack size (「12本入×2」), with
its unit before × (「ケース×1」), in kanji (「三ケース」), and a note after it (「12本（なければ
1Lで可）」「10袋 ←特売用」) left out.
"""

from __future__ import annotations

import re

from ordertake.parse.numbers import nfkc
from ordertake.parse.units import is_size_unit, to_unit

# Trailing quantity: optional ×/x/*, a number (1,200 too), then text without digits that must
# be nothing but a unit and politeness (checked by tail_unit).
_QTY_TAIL = re.compile(
    r"(?P<sep>^|\s|[×xX*＊:：=を、(（]|(?<![ぁ-ゖ])[はも](?=\d)|数量|発注数|注文数|個数|(?<=\s)数|"
    r"(?<=[)）])|(?<=[^\d\s])[/／](?=\d))"
    r"\s*(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<rest>\D*)$"
)
# A quantity with its unit written before the item: 「2ケース　東洋飲料 麦茶 2L」.
_QTY_HEAD = re.compile(r"^(?P<num>\d{1,3}(?:,\d{3})+|\d+)\s*(?P<unit>[^\d\s]+)\s+(?P<rest>\S.*)$")
# What may follow the unit: politeness and particles (「6本ずつ」「2ケースでお願いします」).
_POLITE_END = re.compile(
    r"(?:\s|[、。,.!！?？]|ずつ|づつ|で|を|と|にて|追加|分|ほど|程度|程|くらい|ぐらい|よろしく.*|"
    r"(?:送って|お送り|納品して|ご?手配|用意して|ご用意|発送して|出荷して|届けて|お届け|"
    r"(?:追加|発注|注文)して)?"
    r"(?:お願い.*|願います.*|願えますか.*|下さい.*|ください.*|(?:いただ|頂)(?:け|き).*)|"
    r"(?:で|にて)?(?:大丈夫|結構|構いません|かまいません|いいです|良いです|OK|ok)[^\d]*)$"
)
# A note after the count that may hold digits of its own: in brackets (「12本（なければ1Lで可）」)
# or after an arrow or ※ (「10袋 ←特売用」「6本 ※2本は別便で」).
_NOTE_AFTER = re.compile(r"\s*(?:[(（][^()（）]*[)）]|(?:※|←|⇐|<-|＜－).*)$")
# What a count comes to, after it: 「2ケース＝48本」「1c/s=24本」.
_RESTATED = re.compile(r"\s*[=＝]\s*\d[\d,]*(?:\.\d+)?\s*\D*$")
# A count that only says what is counted, not in which unit (「3点」 three items).
_UNITLESS_COUNT = ("点", "品", "品目")
# Spellings of typed orders beyond the shared unit vocabulary: 「鶏卵 10P」 is ten packs.
_MAIL_UNITS = {"P": "パック", "p": "パック"}
# A short note after the unit (「6本（急ぎ）」「6本 ※在庫確認」); digits in it would be a size.
_NOTE_END = re.compile(r"[(（][^()（）\d]*[)）]$|※[^\d]*$")
_SIZE_BEFORE = re.compile(r"(?i)(\d+(?:\.\d+)?\s*(?:ml|l|ℓ|g|kg|cc|mm|cm|m|入|枚入|本入|個入))\s*$")
# A count written in kanji numerals before its unit at the end of a line (「麦茶 2L 十二本」).
_KANJI_NUMERALS = "〇一二三四五六七八九十百"
_KANJI_COUNT = re.compile(rf"(?:^|[\s×xX*＊:：=を])(?P<num>[{_KANJI_NUMERALS}]+)"
                          rf"(?P<rest>[^\d{_KANJI_NUMERALS}]*)$")
_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_KANJI_POWERS = {"十": 10, "百": 100}

# A delivery day after the count (「4袋 11/26着」「1袋 12月1日(火)着」「2ケース 28日まで」).
DATE_AFTER = re.compile(
    r"\s*[(（]?\s*(?:\d{1,2}\s*[/月]\s*)?\d{1,2}\s*日?\s*(?:[(（][^)）]{1,3}[)）])?\s*"
    r"(?:着|必着|納品|納め|まで|迄|希望|指定|分|配送|お届け)+\s*[)）]?$")
# Units that are also sizes: 「片栗粉 1kg」 names a bag of 1kg unless a count stands beside it.
_MEASURES = ("kg",)
# A pack size before a count of packs: 「12本入×2」「（6本入）×2」 orders two cases of 12.
_PACK_BEFORE = re.compile(r"\d+\s*(?:本|個|袋|缶|枚|パック|食)?\s*入り?\s*[)）]?\s*$")
_TIMES = ("×", "x", "X", "*", "＊")
# Units that say what one pack holds when written in brackets after a size (「80g(10個)」).
_PACK_CONTENT = ("個", "枚", "食", "尾", "粒", "切")
# A unit written before × and the count: 「中濃ソース 1.8L ケース×1」「本×10」「袋x2」.
_UNIT_BEFORE = re.compile(r"(?:^|\s)(ケース|c/s|cs|本|袋|箱|缶|個|パック|pk)\s*$", re.IGNORECASE)


def tail_unit(rest: str) -> tuple[bool, str | None]:
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
    if not text or text in _UNITLESS_COUNT:
        return True, None
    unit = _MAIL_UNITS.get(text) or to_unit(text)
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


# Half a dozen as the count at the end of a line (「クッキー 12枚　半ダース」): six pieces.
_HALF_DOZEN = re.compile(r"(?:^|(?<=[\s×xX*＊:：=を]))半ダース(?P<rest>\D*)$")


def arabic_count(line: str) -> str:
    """The line with a kanji count before its unit at the end written in digits, and 半ダース
    there as 6 (pieces, no unit: a dozen is a pack, half of one is not); a kanji numeral
    elsewhere (一番搾り, 五目) is left as it is."""
    if (half := _HALF_DOZEN.search(line)) and tail_unit(half.group("rest")) == (True, None):
        return f"{line[: half.start()]}6{half.group('rest')}"
    m = _KANJI_COUNT.search(line)
    if m is None or (number := kanji_number(m.group("num"))) is None:
        return line
    is_quantity, unit = tail_unit(m.group("rest"))
    if not is_quantity or unit is None:
        return line
    return f"{line[: m.start('num')]}{number}{line[m.end('num'):]}"


def split_quantity(line: str) -> tuple[str, float, str | None] | None:
    """(the item, its quantity, the unit) of a line: the last count in the line, or else a
    count with its unit written first (「2ケース　麦茶 2L」); None when it orders nothing.
    A note after a count and its unit (「12本（なければ1Lで可）」「10袋 ←特売用」) is left out
    when the count is found only without it."""
    found = last_count(line)
    if (again := _RESTATED.search(line)) and (before := last_count(line[: again.start()])) and (
            before[2] is not None):
        found = before  # 「2ケース＝48本」: what two cases come to
    if found is None and (note := _NOTE_AFTER.search(line)) is not None and note.start():
        found = last_count(line[: note.start()])
        if found is not None and found[2] is None:
            found = None  # a note needs a unit before it: 「打合せ 3 (本社)」 orders nothing
    first = _QTY_HEAD.match(line)
    if first and (unit := to_unit(first.group("unit"))) and not is_size_unit(unit) and (
            found is None or (found[2] in _MEASURES and unit not in _MEASURES)):
        # 「5袋　片栗粉 1kg」: the 1kg after the name is its size.
        return first.group("rest"), float(first.group("num").replace(",", "")), unit
    return found


def last_count(line: str) -> tuple[str, float, str | None] | None:
    """(the item, its quantity, the unit) from the last count in the line, None when the
    words after it are no unit and no politeness."""
    m = _QTY_TAIL.search(line)
    if m is None:
        return None
    head, rest = line[: m.start()].rstrip(), m.group("rest")
    if m.group("sep") in ("(", "（"):
        rest = _bracketed_count(head, rest) or ""
        if not rest:
            return None
    is_quantity, unit = tail_unit(rest)
    if not is_quantity or (m.group("sep") in ("/", "／") and unit is None):
        return None  # 「525ml/2ケース」 orders; a bare number after a slash may be a date
    if m.group("sep") in _TIMES and unit is None and (before := _UNIT_BEFORE.search(head)):
        unit, head = to_unit(before.group(1)), head[: before.start()].rstrip()  # 「ケース×2」
    if unit is None and _PACK_BEFORE.search(head) and (
            m.group("sep") in _TIMES or not m.group("sep").strip()):
        unit = "ケース"  # 「12本入×2」「15本入　2」: two packs of that size
    if m.group("sep") in _TIMES and unit is None and _SIZE_BEFORE.search(head) and (
            not line[m.start() - 1 : m.start()].isspace()):
        # '500ml×24' is a pack size, not an order of 24, unless a unit says otherwise or a
        # space sets the × apart from the size (「バター 200g ×3」).
        return None
    return head, float(m.group("num").replace(",", "")), unit


def _bracketed_count(head: str, rest: str) -> str | None:
    """The words after a count written in brackets (「トマト缶 400g（2ケース）」) without the
    closing bracket, when that count is the order; None when the bracket restates a count
    before it (「麦茶 2L 2ケース（12本）」) or counts what one pack holds (「80g(10個)」)."""
    close = re.match(r"^([^()（）]*)[)）]", rest)
    own = last_count(head)
    if close is None or (own is not None and own[2] is not None and own[2] not in _MEASURES):
        return None
    rest = close.group(1) + rest[close.end():]
    unit = tail_unit(rest)[1]
    return rest if unit is not None and unit not in _PACK_CONTENT else None


# A line that is nothing but a count and its unit (「　5袋」「3ケース」「6個お願いします」).
_COUNT_LINE = re.compile(r"^(?:[×xX*＊]\s*)?(?P<num>\d+(?:\.\d+)?)\s*(?P<rest>\D+)$")


def is_count_line(text: str) -> bool:
    """True for a line that is nothing but a count and its unit (「　5袋」「3ケース」)."""
    m = _COUNT_LINE.match(nfkc(text).strip())
    if m is None:
        return False
    is_quantity, unit = tail_unit(m.group("rest"))
    return is_quantity and unit is not None


