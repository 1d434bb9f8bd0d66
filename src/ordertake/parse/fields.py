"""Header fields of an order: customer, TEL/FAX, order number, dates, ship-to, notes (pure).

A field is read from its label ('発注番号：PO-1182', '納品日 11/25(水)'): the value is the text
after the label up to the next label on the line, or the line below when the label stands alone.
A label OCR misread beyond the patterns is still known by its spelling (`MISREAD_LABELS`).
A value repaired from an OCR misreading, or inferred, keeps a low confidence for the clerk.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from ordertake.domain import Box, Evidence, Word
from ordertake.parse.dates import (
    LOOKALIKES,
    DateRead,
    find_date,
    find_dates,
    find_lookalike_dates,
    looks_like_date,
    misreading_of,
    one_digit_from,
    one_digit_lost_from,
    read_field_date,
    weekday_agrees,
    written_weekday,
)
from ordertake.parse.faxheader import find_phone
from ordertake.parse.lines import TextLine, join_words, words_box
from ordertake.parse.numbers import LETTER_DIGITS, nfkc

LABELS: dict[str, str] = {
    # No. is often read as Ro./N0./Na./NRo./Ko./ho. on faxes.
    # 注番号: 発注番号 whose 発 OCR garbled or lost (受注番号 is the supplier's own number).
    "order_number": r"(?<!受)注番号|(?:ご?発注|ご?注文|オーダー|注文書|発注書)"
    r"\s*(?:番号|(?:[NKHh][Rr]?|R)[oO0a]\.?|NO\.?|№|#|[\u4e00-\u9fff]号)"
    r"|伝票\s*(?:番号|No\.?)|P\.?\s?O\.?\s*(?:No\.?|Number|#)|[O0]rder\s*(?:No\.?|Number|#)",
    # 日 is often read as a kanji holding it (昨, 昌, 晶) or as 目/曰 on faxes.
    "order_date": r"(?:ご?発注|ご?注文|発行|作成|依頼|記入)\s*(?:年月日|日付|[日目曰昌晶昨](?!録))"
    r"|Order\s*Date|PO\s*Date"
    r"|日付|Date(?!\s*of\s*deliv)",
    # The お of お届け may drift to another line.
    "delivery_date": r"(?:ご?希望)?\s*(?:納品|納入|お?届け|配達|配送|着荷)\s*(?:希望|希.)?"
    r"\s*(?:日時|予定日|[日目曰昌晶昨](?!録))"
    r"|納期|Delivery\s*Date|Deliver(?:y)?\s*(?:by|on)|Required\s*(?:Date|by)|Due\s*Date",
    "ship_to": r"(?:納品|納入|お届け|配送|送付|届け)\s*先(?:住所)?|Ship\s*To|Deliver\s*To"
    r"|Delivery\s*Address",
    "notes": r"備考|特記事項|連絡事項|通信欄|Remarks|Notes?(?=\s*[:：])|Comments?(?=\s*[:：])",
    "customer_name": r"(?:貴社|御社|会社|店舗|貴店|お客様|ご?注文者|発注者|得意先)\s*名"
    r"|(?:得意先|発注者|注文者|発注元|ご注文者|差出人|店名)(?!\s*名)"
    r"|Customer(?:\s*Name)?|Company(?:\s*Name)?|Bill\s*To|Sold\s*To|Buyer",
    # OCR turns the X of FAX into N/K/H and the L of TEL into 1/I on degraded faxes.
    "tel": r"T[EF][L1I](?![A-Za-z])|Tel|電話(?:番号)?|☎",
    "fax": r"FA[XNKH](?![A-Za-z])|Fax|ファックス|ファクス",
    # Last resorts, read only when no order number label is: a No. standing alone ('No.
    # A2604-37' under the form's title), or a word whose kanji OCR garbled, then No. ('伝杯No.',
    # '年文No。'). On an order form's header either is the slip's number.
    "bare_number": r"(?<![^\s|(（\[【])No\s*[.,:：]",
    "garbled_number": r"(?<=[\u3040-\u30ff\u4e00-\u9fff])"
    r"(?<!客)(?<!員)(?<!座)(?<!録)(?<!品)(?<!先)(?<!店)(?<!舗)(?<!便)"
    r"\s?N[oOe0a]\s*[.,。、:：]",
}
_SLIP_LABELS = ("bare_number", "garbled_number")
"""Labels of a slip number that are no order number label: read only when none is."""
MISREAD_LABELS: dict[str, tuple[str, ...]] = {
    "order_number": ("発注番号", "注文番号", "伝票番号", "オーダー番号", "発注No", "注文No",
                     "伝票No", "PONo"),
    "order_date": ("発注日", "注文日", "記入日", "発行日", "作成日", "依頼日", "発注年月日",
                   "注文年月日"),
    "delivery_date": ("納品日", "納入日", "お届け日", "配達日", "配送日", "着荷日", "納品希望日",
                      "納入希望日", "お届け希望日", "希望納品日", "納品予定日"),
}
"""A header label spelled out, to recognise one whose characters OCR misread beyond the
patterns of LABELS ('発汗番号', '納品布也日', 'お大け日')."""
_MISREAD = "misread_"
"""Prefix of a label name read from a label misread (see `_misread_label`)."""
_ANY_LABEL = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in LABELS.items()))
_SEPARATORS = " \t:：.　()（）[]【】「」'\"`!|,、。・"  # specks read as punctuation too
_ORDER_NO = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_/#.]*[A-Za-z0-9]|[0-9]")
# A zero after a one-letter prefix is the letter O, read as a digit (P0-2026-1 is PO-...). After
# two letters it may be a speck as well ('PO0-'): left as read.
_PREFIX_ZERO = re.compile(r"(?<=^[A-Za-z])0(?=[-_/])")
# A letter prefix's O read twice, as the letter and as a zero ('PO0-2026-8771'), or a speck
# after it: taken out only when the order's date stamp shows the number misread.
_DOUBLED_O = re.compile(r"^([A-Za-z]*O)0(?=[-_/])")
SURE_NUMBER_LENGTH = 3
"""Characters an order number needs to be sure: one or two are a slip number cut short (注文番号0
with the rest of A2609-34 read apart), none of the tuning sets' 427 numbers is shorter than 6."""
# A faxed hyphen that lost most of its ink reads as a quote mark ('A2702'35' for A2702-35).
_BROKEN_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])['`’‘](?=[0-9])")
# ... or as a dot in a number with no other hyphen ('A2608.43'; in 'PO-2026-78.2' the dot is a
# digit lost), or is lost to a space ('A2701 51', 'PO 2026-0783') after a part holding a letter.
_DOTTED_HYPHEN = re.compile(r"^([^\-]*?[A-Za-z0-9])[.,](?=[0-9][^\-]*$)")
_SPACED_HYPHEN = re.compile(r"^([A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*) +([0-9][0-9\-]*[0-9])$")
# A rule or speck between digits read as a bracket or bar ('2702]1109' for 27021109).
_BRACKET_SPECK = re.compile(r"(?<=[0-9])[\]|](?=[0-9])")
_COMPANY = re.compile(
    r"株式会社|有限会社|合同会社|法人|協同組合|\(株\)|\(有\)|㈱|㈲|商店|食堂|ストア|スーパー|レストラン|ホテル|"
    r"酒店|青果|精肉|鮮魚|居酒屋|カフェ|料理|旅館|弁当|給食|フーズ|(?i:\binc\b|co\.|ltd|llc|corp)"
)
_LEGAL_FORM = re.compile(r"株式会社|有限会社|合同会社|法人|協同組合|\(株\)|\(有\)|㈱|㈲"
                         r"|(?i:\binc\b|co\.|ltd|llc|corp)")
_RECIPIENT = re.compile(r"御中|行$|宛$|様$|\(?vendo|^to[:：]", re.IGNORECASE)
# 御中 OCR garbled and doubted ('株式会社東都フードサービス 個中'), after a company name.
_GARBLED_ONCHU = re.compile(r"\s\S{1,2}中$")
_HONORIFIC = re.compile(r"^(?:様|御中|殿|\S中|\(?vendor?\S*)$", re.IGNORECASE)
# The person an order is for or from ('Attn: 給食係小林'), even with the label garbled ('Attmi').
_PERSON = re.compile(r"(?i)att(?:n|mi|m)\b|attention|ご?担当者?|発注者")
_SPECKS = ".・,、。'`\""
_CJK_SPACE = re.compile(r"(?<=[\u3040-\u30ff\u3400-\u9fff])\s+(?=[\u3040-\u30ff\u3400-\u9fff])")
_PAGE_MARK = re.compile(r"\s*_?P\.?\s*\d{1,3}(?:\s*/\s*\d{1,3})?$")
_LABEL_HEAD = re.compile(r"^[^:：]{1,6}[:：]\s*(?=\S)")
_AFTER_NAME = re.compile(r"\s{2,}|TEL|FAX|〒|No\s*[.,:：]\s*[A-Za-z0-9]")
_TITLE = re.compile(r"^(ご?注文書|発注書|注文票|発注票|FAX|ＦＡＸ|Purchase\s*Order|Order\s*Form)")


@dataclass
class FieldHit:
    value: object
    evidence: Evidence


def _labels(text: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for m in _ANY_LABEL.finditer(text):
        name = m.lastgroup
        assert name is not None
        if name in _SLIP_LABELS and out and not text[out[-1][2]:m.start()].strip():
            continue  # the No. of another label (得意先No., FAX No.): not the slip's number
        out.append((name, m.start(), m.end()))
    return out


# Where the value of a misread label starts: its first digit, or the era before a year.
_VALUE_START = re.compile(r"(?:令和|平成|昭和|[今合冷信飼命介]和|(?<![A-Za-z])[RHS])"
                          r"\s*\d{1,2}\s*[年./]|[A-Za-z]{0,3}[-_]?\d")


def _misread_label(text: str) -> tuple[str, int, int] | None:
    """A header label OCR misread beyond LABELS' patterns, just before the value in a text with
    no label ('人注日2926/12/28', '発注 益り26122864', or after another cell's text on the line:
    'お避け 先:みどり食堂 本店 お屈け日 11/30(月)'): (label name, where the label and where its
    value start) when the text before the value, or its last word or two, is one character
    from a label in MISREAD_LABELS, or as many as half of it while the label's first two
    characters (発注, 納品: what names the field) are read exactly, or, for a number, one of
    them is and the label's last ('文秋号' for 注文番号: 号 says a number, where 日 ends every
    date's label). The value must be of the field's kind (a date, or a number); a label one
    field fits best is taken."""
    m = _VALUE_START.search(text)
    if m is None:
        return None
    value = text[m.start():]
    names = ("order_date", "delivery_date") if looks_like_date(value) else ("order_number",)
    words = list(re.finditer(r"\S+", text[:m.start()]))
    heads = {"".join(w.group() for w in words[-n:]).strip(_SEPARATORS + _SPECKS):
             words[-n].start() if words else 0 for n in (len(words), 2, 1) if n <= len(words)}
    for head, start in heads.items():
        if not 2 <= len(head) <= 8 or head.startswith("受"):  # 受注/受信: the receiver's own
            continue
        scored = []
        for name in names:
            for label in MISREAD_LABELS[name]:
                distance = Levenshtein.distance(head, label)
                if (distance <= 1 and len(label) >= 3) or (
                        distance <= len(label) // 2 and (label[:2] in head or (
                            name == "order_number" and head[-1] == label[-1]
                            and any(c in head for c in label[:2])))):
                    scored.append((distance, name))
        if scored:
            best = min(scored)[0]
            fits = {name for distance, name in scored if distance == best}
            return (_MISREAD + fits.pop(), start, m.start()) if len(fits) == 1 else None
    return None


class _Read(NamedTuple):
    value: object
    checked: bool = True
    """False for a value repaired from a misreading or inferred: a clerk should look."""
    guessed: bool = False
    """True for a value no known misreading explains (confidence UNLABELLED_CONFIDENCE)."""


def _value(name: str, raw: str, reference: dt.date | None, repair: bool = True) -> _Read | None:
    raw = raw.strip(_SEPARATORS)
    if not raw:
        return None
    if name == "order_number":
        return _order_number(raw)
    if name in ("order_date", "delivery_date"):
        day = read_field_date(raw, reference, DATE_WINDOWS[name] if repair else None,
                              guess=name == "delivery_date", later=name == "delivery_date",
                              usual=USUAL_DELIVERY_DAYS if name == "delivery_date" else None)
        if name == "order_date" and repair and reference is not None:
            return _order_date_read(raw, day, reference)
        return _date_read(day, name)
    if name in ("tel", "fax"):
        phone = find_phone(raw)
        return _Read(phone[0]) if phone else None
    value = re.sub(r"\s+", " ", raw).strip()
    if name == "customer_name":
        value = re.sub(r"\s*(様|御中|殿)$", "", value)
    return _Read(value) if value else None


def _order_number(raw: str) -> _Read | None:
    raw = re.sub(r"^(No\.?|#|№)\s*", "", raw)
    mended = _SPACED_HYPHEN.sub(r"\1-\2", _DOTTED_HYPHEN.sub(r"\1-", _BROKEN_HYPHEN.sub("-", raw)))
    mended = _BRACKET_SPECK.sub("", mended)
    m = _ORDER_NO.search(mended)
    if not m or not any(c.isdigit() for c in m.group()):
        return None
    number = _PREFIX_ZERO.sub("O", m.group())
    # A hyphen put back, a zero read for O, or more digits after a space (a number cut in
    # two, '2601 2615'): a clerk confirms. P0- is no prefix anyone writes: PO- read with its
    # round O as a zero, as sure as the reading itself.
    cut = re.match(r"\s+[0-9]", mended[m.end():]) is not None
    as_read = m.group() if not m.group().startswith("P0") else "PO" + m.group()[2:]
    dotted = re.search(r"[.,]", number) is not None  # a digit lost to a speck ('78.2')?
    return _Read(number, checked=number == as_read and m.group() in raw and not cut
                 and not dotted and len(number) >= SURE_NUMBER_LENGTH)


def _order_date_read(raw: str, day: DateRead | None, fax_date: dt.date) -> _Read | None:
    """An order is dated the day it is faxed, nearly always: a date that a digit the fax lost
    turns into the fax date is that date ('5月3日' faxed on 5/30), for a clerk to confirm; one
    a look-alike would turn into it keeps its reading, also for a clerk (5/28 is often right).
    A text that reads as no date at all ('1月55日', '1月66日') and is the fax date with one
    digit changed is that date too: likelier than a repair landing weeks away. A repair that
    dates the order after its fax ('12月81日' faxed 12/28 → 12/31) is no likelier than the fax
    date itself, which stands in (as for an unreadable date)."""
    if day is not None and day.value == fax_date:
        return _date_read(day, "order_date")
    kind = misreading_of(raw, fax_date, fax_date)
    if kind == "lost" or one_digit_lost_from(raw, fax_date, fax_date):
        return _Read(fax_date, checked=False)
    if find_date(raw, fax_date) is None and (
            one_digit_from(raw, fax_date, fax_date) or (day is not None and not day.checked)):
        # Not a date as written: the fax date is likelier than a repair that lands elsewhere
        # ('1月71日' faxed 1/27: 1/21 takes a look-alike, 1/27 a lost 2).
        return _Read(fax_date, checked=False)
    read = _date_read(day, "order_date")
    if read is not None and not read.checked and isinstance(read.value, dt.date) and (
            read.value > fax_date):
        return None
    if read is not None and kind == "lookalike":
        return _Read(read.value, checked=False)
    return read


def _date_read(day: DateRead | None, name: str) -> _Read | None:
    if day is None:
        return None
    if name == "order_date" and not day.in_window:
        # Far from the fax/receive date and no misreading lands near it: not the order's date
        # (the fax date stands in for it, see parse.order).
        return None
    return _Read(day.value, day.checked, day.guessed)


@dataclass
class _Unit:
    """One cell-like run of text: a segment of a line (forms put label/value pairs side by side)."""

    text: str
    box: Box
    confidence: float
    line: int
    em: float = 0.01
    """Typical character width, in page-width fractions."""
    char_confidence: tuple[float | None, ...] = ()
    """The confidence of the word each character of `text` came from (None for a space)."""

    def confidence_of(self, start: int, end: int) -> float:
        """The mean confidence of the characters text[start:end] (a value after its label):
        a value OCR doubted is not vouched for by a label it read well."""
        confs = [c for c in self.char_confidence[start:end] if c is not None]
        return sum(confs) / len(confs) if confs else self.confidence


def _units(lines: list[TextLine]) -> list[_Unit]:
    out = []
    for i, line in enumerate(lines):
        for seg in line.segments or [line.words]:
            box = words_box(seg)
            if box is None:
                continue
            text = nfkc(join_words(seg, line.em))
            conf = sum(w.confidence for w in seg) / len(seg)
            out.append(_Unit(text, box, conf, i, line.em, _char_confidence(text, seg)))
    return out


def _char_confidence(text: str, words: list[Word]) -> tuple[float | None, ...]:
    """Each character's word confidence, the words found in order in their joined text."""
    out: list[float | None] = [None] * len(text)
    cursor = 0
    for w in words:
        piece = nfkc(w.text)
        at = text.find(piece, cursor) if piece else -1
        if at < 0:
            continue
        out[at:at + len(piece)] = [w.confidence] * len(piece)
        cursor = at + len(piece)
    return tuple(out)


def _join_split_labels(units: list[_Unit]) -> list[_Unit]:
    """A label a shifted baseline cut in two ('納品' | '日: R8.11.24', the second half a little
    lower and so on the next text line) is put back together with the text after it."""
    out = list(units)
    k = 0
    while k < len(out):
        unit = out[k]
        height = unit.box.y1 - unit.box.y0
        centre = (unit.box.y0 + unit.box.y1) / 2
        right = [u for u in out if u is not unit and u.line != unit.line
                 and -0.2 * unit.em <= u.box.x0 - unit.box.x1 <= 1.2 * unit.em
                 and abs((u.box.y0 + u.box.y1) / 2 - centre) <= 0.6 * height]
        if not _labels(unit.text) and right:
            other = min(right, key=lambda u: u.box.x0)
            text = unit.text + other.text
            if any(start < len(unit.text) < end for _, start, end in _labels(text)):
                out[k] = _Unit(text, unit.box.union(other.box),
                               (unit.confidence + other.confidence) / 2, unit.line, unit.em,
                               unit.char_confidence + other.char_confidence)
                j = next(i for i, u in enumerate(out) if u is other)
                del out[j]
                k -= j < k  # the merged unit moved up one place
        k += 1
    return out


def _below(units: list[_Unit], k: int) -> _Unit | None:
    """The unit on the next line that sits under unit k (a value written below its label)."""
    unit = units[k]
    for other in units[k + 1:]:
        if other.line == unit.line:
            continue
        if other.line > unit.line + 1:
            return None
        if other.box.x0 < unit.box.x1 and unit.box.x0 < other.box.x1:
            return other
    return None


def _beside(units: list[_Unit], k: int) -> _Unit | None:
    """The value printed to the right of unit k on the same visual row, even when a shifted
    baseline put it on a neighbouring text line (common on faxes); its pieces are joined."""
    label = units[k]
    height = label.box.y1 - label.box.y0
    centre = (label.box.y0 + label.box.y1) / 2
    row = sorted(
        (u for u in units
         if u is not label and u.box.x0 >= label.box.x1 - height
         and abs((u.box.y0 + u.box.y1) / 2 - centre) <= 0.6 * height),
        key=lambda u: u.box.x0,
    )
    pieces: list[_Unit] = []
    right_edge = label.box.x1
    for unit in row:
        if _labels(unit.text) or unit.box.x0 - right_edge > 0.08:
            break
        pieces.append(unit)
        right_edge = unit.box.x1
    if not pieces:
        return None
    box = pieces[0].box
    for piece in pieces[1:]:
        box = box.union(piece.box)
    confidence = sum(p.confidence for p in pieces) / len(pieces)
    return _Unit("".join(p.text for p in pieces), box, confidence, pieces[0].line)


# Days from the reference within which a date reads as written; outside, a one-digit misreading
# that lands inside is taken instead. An order is dated on or a little before the day it is
# faxed (or mailed); delivery follows the order within weeks.
DATE_WINDOWS = {"order_date": (-30, 3), "delivery_date": (0, 62)}
USUAL_DELIVERY_DAYS = (1, 21)
"""Days after the order within which goods are usually wanted. A delivery read on the order
day itself or weeks later is often a digit misread into another real date (2月3日 read 2月1日,
2月8日 read 4月8日): a look-alike that makes it usual is taken (see `read_field_date`)."""
SURE_DELIVERY_DAYS = (1, 14)
"""Days after the order within which a delivery read as written is sure. Wholesale orders are
for the days ahead; one two weeks out or more, or on the order day, is as often a day misread
into another real date (3月13日 read 3月31日, 2月3日 read 2月1日) that no look-alike undoes:
without a written weekday to bear it out, a clerk looks."""

REPAIRED_CONFIDENCE = 0.6
"""Evidence confidence cap of a value repaired from an OCR misreading (or a year taken from
another date on the page): below the auto-accept threshold, so a clerk confirms it."""
UNLABELLED_CONFIDENCE = 0.5
"""Evidence confidence of a value whose label OCR garbled beyond reading (or of the fax date
standing in for the order date): below any threshold, so a clerk confirms it."""
CONFIRMED_CONFIDENCE = 0.9
"""Evidence confidence of a date read as written that a second reading bears out: an order
date that is the fax date the machine printed, a delivery date its written weekday confirms.
OCR misreading a digit into exactly the other reading's date is rare."""


def read_fields(
    lines: list[TextLine], reference: dt.date | None = None, *, ocr: bool = True,
    reference_read: bool = True,
) -> dict[str, FieldHit]:
    """Every labelled header field found in the lines (the first readable value wins).

    `reference` is the fax or receive date. On OCR'd pages (`ocr`) dates far from it are taken
    as faxed misreadings and repaired. Without it, a date written in full on the page gives a
    month/day date its year (with lower confidence unless the written weekday confirms it).
    Dates are resolved after all labels are read, the order date first, so that a relative
    delivery date (明日) counts from the order date wherever it stands on the page.
    A date read as written that a second reading bears out is sure (`CONFIRMED_CONFIDENCE`):
    an order date that is the reference, when the reference was read as printed
    (`reference_read`, not chosen among a damaged fax date's readings by the page's own
    dates), and a delivery date its written weekday confirms.
    """
    units = _join_split_labels(_units(lines))
    raws = _raw_values(units)
    anchor = reference or _year_anchor(raws)
    # Without a fax or receive date nothing anchors the order date, so the delivery date is
    # not repaired against it (a misread order date would pull a right one away).
    repair = reference is not None and ocr
    found: dict[str, FieldHit] = {}
    in_order = sorted(raws, key=lambda r: (_field(r[0]) != "order_date",
                                           r[0].startswith(_MISREAD), r[0] == "bare_number",
                                           r[0] == "garbled_number"))
    for name, raw, source in in_order:
        field = _field(name)
        if field in found:
            continue
        ref = anchor
        if field == "delivery_date" and "order_date" in found:
            ref = found["order_date"].value  # type: ignore[assignment]
        read = _value(field.removeprefix("recipient_"), raw, ref, repair)
        if read is None or (field == "order_number" and name != field
                            and not _is_slip_number(str(read.value))):
            continue
        confidence = source.confidence if read.checked else min(source.confidence,
                                                                 REPAIRED_CONFIDENCE)
        if name == "garbled_number" or read.guessed:
            confidence = min(confidence, UNLABELLED_CONFIDENCE)
        elif name == "bare_number" or name.startswith(_MISREAD):
            # No. may number something else; a misread label may be another one.
            confidence = min(confidence, REPAIRED_CONFIDENCE)
        elif read.checked and _borne_out(field, read.value, raw, reference if reference_read
                                         else None):
            confidence = max(confidence, CONFIRMED_CONFIDENCE)
        found[field] = FieldHit(read.value, Evidence(round(confidence, 3), source.box,
                                                     source.text))
    if reference is not None:
        _unlabelled_dates(units, found, reference, ocr)
    _flag_dates_out_of_step(found)
    _flag_unusual_delivery(found)
    _date_stamped_number(found, reference if ocr else None)
    _number_read_twice(found, raws)
    labelled = found.get("customer_name")
    if labelled is None or not _LEGAL_FORM.search(str(labelled.value)):
        # A labelled person (発注者: 調達課 林, or 給食係 小林: a trade word in a department's
        # name) says less than the company name on the form.
        guess = guess_customer_name(units)
        if guess is not None and (labelled is None or not _COMPANY.search(str(labelled.value))
                                  or _LEGAL_FORM.search(str(guess.value))):
            found["customer_name"] = guess
    return found


def _field(name: str) -> str:
    """The field a label names (a slip number's or a misread label's too)."""
    return "order_number" if name in _SLIP_LABELS else name.removeprefix(_MISREAD)


def _borne_out(field: str, value: object, raw: str, reference: dt.date | None) -> bool:
    """True for a date a second reading confirms: the order date is the fax (or receive)
    date, or the delivery date's written weekday is its own."""
    if field == "order_date":
        return reference is not None and value == reference
    if field == "delivery_date" and isinstance(value, dt.date):
        return weekday_agrees(value, written_weekday(raw)) is True
    return False


def _raw_values(units: list[_Unit]) -> list[tuple[str, str, _Unit]]:
    """(label name, the text of its value, the unit it was read from) for every label."""
    raws: list[tuple[str, str, _Unit]] = []
    recipients: list[_Unit] = []
    for k, unit in enumerate(units):
        text = unit.text
        if _is_recipient(units, k):
            recipients.append(unit)
        labels = _labels(text)
        if not labels and (misread := _misread_label(text)) is not None:
            labels = [misread]
        for j, (name, _, end) in enumerate(labels):
            stop = labels[j + 1][1] if j + 1 < len(labels) else len(text)
            raw, source = text[end:stop], unit
            value_conf = unit.confidence_of(end, stop)
            if name not in DATE_WINDOWS and value_conf < unit.confidence:
                # Nothing checks a number or a name the way a date's window does: what OCR
                # made of the value itself weighs more than the label read beside it.
                source = replace(unit, confidence=(unit.confidence + value_conf) / 2)
            if not raw.strip(_SEPARATORS) and j + 1 == len(labels):
                apart = _apart_value(units, k)
                if apart is not None:
                    raw, source = apart.text, apart
            if name in ("tel", "fax") and _under_recipient(unit, recipients):
                name = f"recipient_{name}"  # the wholesaler's own number, printed under 御中
            raws.append((name, raw, source))
    return raws


def _apart_value(units: list[_Unit], k: int) -> _Unit | None:
    """The value of a label that stands alone in unit k: printed just beside it (even on a
    shifted baseline), else in the next cell on the line, else under it."""
    unit = units[k]
    if (beside := _beside(units, k)) is not None:
        return beside
    right = units[k + 1] if k + 1 < len(units) else None
    if right is not None and right.line == unit.line and not _labels(right.text):
        return right
    below = _below(units, k)
    return below if below is not None and not _labels(below.text) else None


def _year_anchor(raws: list[tuple[str, str, _Unit]]) -> dt.date | None:
    """The first order or delivery date written with its year: without a fax or receive date,
    it gives the year of the other written as month/day only (2/10(火) beside 2026年2月12日)."""
    for name, raw, _ in raws:
        if name in DATE_WINDOWS and (hit := find_date(raw)) is not None:
            return hit[0]
    return None


def _cap(hit: FieldHit, confidence: float = REPAIRED_CONFIDENCE) -> None:
    """At most `confidence`: a value a clerk should look at."""
    hit.evidence = replace(
        hit.evidence, confidence=min(hit.evidence.confidence, confidence))


def _order_and_delivery(found: dict[str, FieldHit]) -> tuple[FieldHit, FieldHit, int] | None:
    """The order and delivery dates read, and the days from one to the other."""
    order, delivery = found.get("order_date"), found.get("delivery_date")
    if order is None or delivery is None:
        return None
    assert isinstance(order.value, dt.date) and isinstance(delivery.value, dt.date)
    return order, delivery, (delivery.value - order.value).days


def _flag_dates_out_of_step(found: dict[str, FieldHit]) -> None:
    """A delivery date outside its window after the order date means one of the two is misread
    (nothing tells which when no fax date anchors them): both go to a clerk."""
    dates = _order_and_delivery(found)
    low, high = DATE_WINDOWS["delivery_date"]
    if dates is not None and not low <= dates[2] <= high:
        _cap(dates[0])
        _cap(dates[1])


def _flag_unusual_delivery(found: dict[str, FieldHit]) -> None:
    """A delivery outside the sure span after the order (SURE_DELIVERY_DAYS) goes to a clerk
    unless its written weekday bears it out."""
    dates = _order_and_delivery(found)
    low, high = SURE_DELIVERY_DAYS
    if dates is None or low <= dates[2] <= high:
        return
    delivery = dates[1]
    assert isinstance(delivery.value, dt.date)
    if not weekday_agrees(delivery.value, written_weekday(delivery.evidence.text)):
        _cap(delivery)


def _number_read_twice(found: dict[str, FieldHit], raws: list[tuple[str, str, _Unit]]) -> None:
    """An order number read the same, as written, under two labels (a second page repeats
    it under its title): two readings bear each other out, so it is sure."""
    hit = found.get("order_number")
    if hit is None or hit.evidence.confidence >= CONFIRMED_CONFIDENCE:
        return
    boxes = {(source.box.page, round(source.box.y0, 3)) for name, raw, source in raws
             if name in ("order_number", "bare_number")
             and (read := _order_number(raw.strip(_SEPARATORS)))
             and read.checked and read.value == hit.value}
    if len(boxes) >= 2:
        hit.evidence = replace(hit.evidence, confidence=CONFIRMED_CONFIDENCE)


def _is_slip_number(value: str) -> bool:
    """A value read under a garbled label that can be a slip number: four characters or more,
    mostly digits, and not a phone number."""
    digits = sum(c.isdigit() for c in value)
    return len(value) >= 4 and digits >= 3 and find_phone(value) is None


def _date_stamped_number(found: dict[str, FieldHit], fax_date: dt.date | None = None) -> None:
    """Slip numbers often carry the order's year and month (A2604-35, 26041208): a letter
    read for a digit where that stamp should be ('AZ604-35'), or a faxed digit read as a
    look-alike at the head of the number ('A2791-55' dated 2027-01), or a speck read as a
    digit there ('PO-20926-8771' dated 2026), is put back, for a clerk to confirm. Without an
    order date read, the fax date (which stands in for it) gives the stamp."""
    number, order = found.get("order_number"), found.get("order_date")
    day = order.value if order is not None else fax_date
    if number is None or not isinstance(day, dt.date):
        return
    text = str(number.value)
    stamps = (f"{day.year}", f"{day.year % 100:02d}{day.month:02d}")

    def stamped(value: str) -> bool:
        digits = re.sub(r"\D", "", value)
        return any(stamp in digits for stamp in stamps)

    def stamped_at_head(value: str) -> bool:
        head = re.search(r"\d+", value)
        return head is not None and head.group().startswith(stamps)

    def repairs(text: str) -> set[str]:
        letters = [text[:i] + digit + text[i + 1:] for i, ch in enumerate(text)
                   if (digit := LETTER_DIGITS.get(ch))]
        return {r for r in letters if stamped(r)} or {
            r for i, ch in enumerate(text) if ch.isdigit() for other in LOOKALIKES.get(ch, "")
            if other.isdigit() and stamped_at_head(r := text[:i] + other + text[i + 1:])} or {
            r for i, ch in enumerate(text)  # a speck read as a digit ('PO-20926-8771')
            if ch.isdigit() and stamped_at_head(r := text[:i] + text[i + 1:])}

    if stamped(text):
        return
    for read in dict.fromkeys((text, _DOUBLED_O.sub(r"\1", text))):
        if len(fixed := repairs(read)) == 1:
            number.value = fixed.pop()
            _cap(number)
            return


def _unlabelled_dates(units: list[_Unit], found: dict[str, FieldHit],
                      reference: dt.date, ocr: bool) -> None:
    """Order and delivery dates whose label OCR garbled ('定文日 R8.11.29'): a date in the header
    that falls in the field's window around the fax/receive date (or the order date) is taken,
    the nearest first, with low confidence. On OCR pages a date with a digit read as a letter
    counts when its written weekday bears the repair out ('お大(か日2/S(月)')."""
    used = {id(hit.evidence.box) for hit in found.values()}
    dated = [(day, unit) for unit in units if id(unit.box) not in used
             for day, _, _ in find_dates(unit.text, reference)]
    if ocr:
        dated += [(day, unit) for unit in units if id(unit.box) not in used
                  for day in find_lookalike_dates(unit.text, reference)]
    for name in ("order_date", "delivery_date"):
        if name in found:
            continue
        base = reference
        if name == "delivery_date" and isinstance(order := found.get("order_date"), FieldHit):
            base = order.value  # type: ignore[assignment]
        low, high = DATE_WINDOWS[name]
        if name == "order_date":
            # A date after the fax date, with no label to say so, is the delivery's: an
            # order is not dated after it is sent (the window's days after are for labelled
            # dates whose digits a repair moved).
            high = 0
        inside = [(day, unit) for day, unit in dated
                  if low <= (day - base).days <= high
                  and all(hit.value != day for hit in found.values())
                  and _leans_to(unit.text) in (None, name)]
        if inside:
            day, unit = min(inside, key=lambda du: abs((du[0] - base).days))
            found[name] = FieldHit(day, Evidence(UNLABELLED_CONFIDENCE, unit.box, unit.text))


# Characters that name one of the two dates in the labels of either (納品希望日, 発注日): a
# label OCR garbled beyond recognition may still keep some of them ('稚品大望日').
# (送 is left out: 送信日 dates the fax, 配送日 keeps 配.)
_DATE_LABEL_CHARS = {"delivery_date": set("納品届希望配達着荷期"),
                     "order_date": set("発注文記作成依頼")}


def _leans_to(text: str) -> str | None:
    """The date field whose label characters the text before a date holds more of, or None."""
    m = _VALUE_START.search(text)
    head = set(text[:m.start()] if m else text)
    counts = {name: len(head & chars) for name, chars in _DATE_LABEL_CHARS.items()}
    best = max(counts.values())
    leaders = [name for name, count in counts.items() if count == best]
    return leaders[0] if best and len(leaders) == 1 else None


def _under_recipient(unit: _Unit, recipients: list[_Unit]) -> bool:
    """True for a unit in the addressee's block: a few lines under 御中, in the same column."""
    for r in recipients:
        same_column = unit.box.x0 < r.box.x1 and r.box.x0 < unit.box.x1
        if 0 <= unit.line - r.line <= 3 and same_column:
            return True
    return False


def _is_recipient(units: list[_Unit], k: int) -> bool:
    """True for the addressee's name: marked 御中/様/宛 (or a garbled 御中 after a company
    name), or followed on its line by the honorific standing alone in the next cell."""
    unit = units[k]
    text = unit.text.strip()
    if _RECIPIENT.search(text):
        return True
    last = unit.char_confidence[-1] if unit.char_confidence else None
    garbled = last is not None and last < 0.5  # not a name OCR read well (田中)
    if garbled and _is_company(text) and _GARBLED_ONCHU.search(text):
        return True
    if not _is_company(text):
        return False
    # The honorific in a cell of its own just right of the name, on its line or, with a
    # shifted baseline, on the next.
    height = unit.box.y1 - unit.box.y0
    centre = (unit.box.y0 + unit.box.y1) / 2
    return any(_HONORIFIC.match(other.text.strip()) is not None
               and 0 <= other.box.x0 - unit.box.x1 <= 6 * unit.em
               and abs((other.box.y0 + other.box.y1) / 2 - centre) <= 0.6 * height
               for other in units[k + 1:k + 4])


def _is_company(text: str) -> bool:
    """A company or shop name, even with a space OCR put inside its marker ('株式 会社')."""
    return _COMPANY.search(re.sub(r"\s+", "", text)) is not None


def guess_customer_name(units: list[_Unit]) -> FieldHit | None:
    """An unlabelled company name in the top half that is not the addressee (御中/様)."""
    for k, unit in enumerate(units):
        if unit.box.y0 > 0.5:
            break
        text = unit.text.strip()
        if _is_recipient(units, k) or _TITLE.match(text) or not _is_company(text):
            continue
        if _labels(text) or _PERSON.match(text):
            continue
        if (misread := _misread_label(text)) is not None:
            text = text[:misread[1]].strip()  # a cell before a garbled label and its value
        # A garbled label before a colon ('お避け 先:' for お届け先:) names no company.
        if (head := _LABEL_HEAD.match(text)) is not None and not _is_company(head.group()):
            text = text[head.end():]
        if not _is_company(text):
            continue
        # What follows the name on its line: another field (TEL, FAX, 〒, or a number after
        # No.: '株式会社山田商店No. 26041277' on a continuation page's header).
        name = _AFTER_NAME.split(text)[0].strip()
        # A space OCR put between two Japanese characters, and a fax page mark glued on.
        name = _CJK_SPACE.sub("", _PAGE_MARK.sub("", name)).strip().rstrip(_SPECKS)
        if name:
            return FieldHit(name, Evidence(round(0.6 * unit.confidence, 3), unit.box, unit.text))
    return None
