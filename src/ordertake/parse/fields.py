"""Header fields of an order: customer, TEL/FAX, order number, dates, ship-to, notes (pure).

A field is read from its label ('発注番号：PO-1182', '納品日 11/25(水)'): the value is the text
after the label up to the next label on the line, or the line below when the label stands alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ordertake.domain import Box, Evidence
from ordertake.parse.dates import find_date, find_dates
from ordertake.parse.faxheader import find_phone
from ordertake.parse.lines import TextLine, join_words, words_box
from ordertake.parse.numbers import nfkc

LABELS: dict[str, str] = {
    # No. is often read as Ro./N0./Na. on faxes.
    "order_number": r"(?:ご?発注|ご?注文|オーダー|注文書|発注書)\s*(?:番号|[NR][oO0a]\.?|NO\.?|№|#)"
    r"|伝票\s*(?:番号|No\.?)|P\.?\s?O\.?\s*(?:No\.?|Number|#)|Order\s*(?:No\.?|Number|#)",
    "order_date": r"(?:ご?発注|ご?注文|発行|作成|依頼)\s*(?:年月日|日付|日)"
    r"|Order\s*Date|PO\s*Date"
    r"|日付|Date(?!\s*of\s*deliv)",
    "delivery_date": r"(?:ご?希望)?\s*(?:納品|納入|お届け|配達|配送|着荷)\s*(?:希望)?"
    r"\s*(?:日時|予定日|日)"
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
}
_ANY_LABEL = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in LABELS.items()))
_SEPARATORS = " \t:：.　()（）[]【】「」'\"`!|,、。・"  # specks read as punctuation too
_ORDER_NO = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_/#.]*[A-Za-z0-9]|[0-9]")
# A zero after a one-letter prefix is the letter O, read as a digit (P0-2026-1 is PO-...). After
# two letters it may be a speck as well ('PO0-'): left as read.
_PREFIX_ZERO = re.compile(r"(?<=^[A-Za-z])0(?=[-_/])")
_COMPANY = re.compile(
    r"株式会社|有限会社|合同会社|\(株\)|\(有\)|㈱|㈲|商店|食堂|ストア|スーパー|レストラン|ホテル|"
    r"酒店|青果|精肉|鮮魚|居酒屋|カフェ|料理|旅館|弁当|給食|フーズ|(?i:\binc\b|co\.|ltd|llc|corp)"
)
_RECIPIENT = re.compile(r"御中|行$|宛$|様$|\(?vendor\)?|^to[:：]", re.IGNORECASE)
_TITLE = re.compile(r"^(ご?注文書|発注書|注文票|発注票|FAX|ＦＡＸ|Purchase\s*Order|Order\s*Form)")


@dataclass
class FieldHit:
    value: object
    evidence: Evidence


def _labels(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _ANY_LABEL.finditer(text):
        name = m.lastgroup
        assert name is not None
        out.append((name, m.start(), m.end()))
    return out


def _value(name: str, raw: str, reference: dt.date | None, repair: bool = True) -> object | None:
    raw = raw.strip(_SEPARATORS)
    if not raw:
        return None
    if name == "order_number":
        raw = re.sub(r"^(No\.?|#|№)\s*", "", raw)
        m = _ORDER_NO.search(raw)
        if not m or not any(c.isdigit() for c in m.group()):
            return None
        return _PREFIX_ZERO.sub("O", m.group())
    if name in ("order_date", "delivery_date"):
        return _date_value(raw, reference, DATE_WINDOWS[name] if repair else None)
    if name in ("tel", "fax"):
        phone = find_phone(raw)
        return phone[0] if phone else None
    value = re.sub(r"\s+", " ", raw).strip()
    if name == "customer_name":
        value = re.sub(r"\s*(様|御中|殿)$", "", value)
    return value or None


@dataclass
class _Unit:
    """One cell-like run of text: a segment of a line (forms put label/value pairs side by side)."""

    text: str
    box: Box
    confidence: float
    line: int


def _units(lines: list[TextLine]) -> list[_Unit]:
    out = []
    for i, line in enumerate(lines):
        for seg in line.segments or [line.words]:
            box = words_box(seg)
            if box is None:
                continue
            text = nfkc(join_words(seg, line.em))
            conf = sum(w.confidence for w in seg) / len(seg)
            out.append(_Unit(text, box, conf, i))
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


# Faxed digits lose strokes: 0 comes back as 9 or 6 (2026 → 2926, 07 → 97).
_OCR_DATE_DIGITS = (str.maketrans("9", "0"), str.maketrans("96", "00"))
# What one faxed digit may have been when OCR read it as the key (a lost stroke or a speck).
# A space OCR put inside the last number of a date ('2026/03/1 3').
_SPLIT_DAY = re.compile(r"(?<=[/.\-年月]\d) (?=\d(?!\d))")
_DIGIT_LOOKALIKES = {"0": "986", "9": "0487", "6": "058", "8": "0369", "3": "8", "4": "98",
                     "7": "192", "1": "74", "5": "6", "2": "7"}
# Days from the reference within which a date reads as written; outside, a one-digit misreading
# that lands inside is taken instead. An order is dated on or a little before the day it is
# faxed (or mailed); delivery follows the order within weeks.
DATE_WINDOWS = {"order_date": (-30, 3), "delivery_date": (0, 62)}
_WIDE = 120


def _misreadings(text: str) -> list[str]:
    """The text with one digit replaced by each digit OCR could have misread as it."""
    return [text[:i] + other + text[i + 1:]
            for i, ch in enumerate(text) for other in _DIGIT_LOOKALIKES.get(ch, "")]


def _date_value(raw: str, reference: dt.date | None,
                window: tuple[int, int] | None) -> dt.date | None:
    """The date in a label's value; with a reference date and a window, a reading outside the
    window around it is taken as an OCR misreading and repaired when a date inside results."""
    raw = _SPLIT_DAY.sub("", raw)
    hit = find_date(raw, reference)
    if reference is None or window is None:
        return hit[0] if hit else None
    low, high = window

    def offset(day: dt.date) -> int:
        return (day - reference).days

    if hit and low <= offset(hit[0]) <= high:
        return hit[0]
    norm = nfkc(raw)
    texts = [norm.translate(table) for table in _OCR_DATE_DIGITS] + _misreadings(norm)
    repaired = {found[0] for text in texts if (found := find_date(text, reference))}
    inside = [day for day in repaired if low <= offset(day) <= high]
    if inside:
        return min(inside, key=lambda day: (abs(offset(day)), day))
    if hit and abs(offset(hit[0])) > _WIDE:
        near = find_date(f"{hit[0].month}/{hit[0].day}", reference)  # the year misread
        if near and abs(offset(near[0])) <= _WIDE:
            return near[0]
    return hit[0] if hit else None


def read_fields(
    lines: list[TextLine], reference: dt.date | None = None
) -> dict[str, FieldHit]:
    """Every labelled header field found in the lines (the first readable value wins).

    Dates are resolved after all labels are read, the order date first, so that a relative
    delivery date (明日) counts from the order date wherever it stands on the page.
    """
    units = _units(lines)
    raws: list[tuple[str, str, _Unit]] = []
    recipients: list[_Unit] = []
    for k, unit in enumerate(units):
        text = unit.text
        if _RECIPIENT.search(text):
            recipients.append(unit)
        labels = _labels(text)
        for j, (name, _, end) in enumerate(labels):
            stop = labels[j + 1][1] if j + 1 < len(labels) else len(text)
            raw, source = text[end:stop], unit
            if not raw.strip(_SEPARATORS) and j + 1 == len(labels):
                # The value stands in the next cell on the line, or under the label.
                right = units[k + 1] if k + 1 < len(units) else None
                if right is not None and right.line == unit.line and not _labels(right.text):
                    raw, source = right.text, right
                elif (beside := _beside(units, k)) is not None:
                    raw, source = beside.text, beside
                elif (below := _below(units, k)) is not None and not _labels(below.text):
                    raw, source = below.text, below
            if name in ("tel", "fax") and _under_recipient(unit, recipients):
                name = f"recipient_{name}"  # the wholesaler's own number, printed under 御中
            raws.append((name, raw, source))
    found: dict[str, FieldHit] = {}
    order_first = sorted(raws, key=lambda r: r[0] != "order_date")
    for name, raw, source in order_first:
        if name in found:
            continue
        ref = reference
        if name == "delivery_date" and "order_date" in found:
            ref = found["order_date"].value  # type: ignore[assignment]
        # Without a fax or receive date nothing anchors the order date, so the delivery date is
        # not repaired against it (a misread order date would pull a right one away).
        value = _value(name.removeprefix("recipient_"), raw, ref, repair=reference is not None)
        if value is not None:
            found[name] = FieldHit(value, Evidence(round(source.confidence, 3), source.box,
                                                   source.text))
    if reference is not None:
        _unlabelled_dates(units, found, reference)
    labelled = found.get("customer_name")
    if labelled is None or not _COMPANY.search(str(labelled.value)):
        # A labelled person (発注者: 調達課 林) says less than the company name on the form.
        guess = guess_customer_name(units)
        if guess is not None:
            found["customer_name"] = guess
    return found


UNLABELLED_CONFIDENCE = 0.5
"""Evidence confidence of a date whose label OCR garbled beyond reading: below any threshold,
so a clerk confirms it."""


def _unlabelled_dates(units: list[_Unit], found: dict[str, FieldHit],
                      reference: dt.date) -> None:
    """Order and delivery dates whose label OCR garbled ('定文日 R8.11.29'): a date in the header
    that falls in the field's window around the fax/receive date (or the order date) is taken,
    the nearest first, with low confidence."""
    used = {id(hit.evidence.box) for hit in found.values()}
    dated = [(day, unit) for unit in units if id(unit.box) not in used
             for day, _, _ in find_dates(unit.text, reference)]
    for name in ("order_date", "delivery_date"):
        if name in found:
            continue
        base = reference
        if name == "delivery_date" and isinstance(order := found.get("order_date"), FieldHit):
            base = order.value  # type: ignore[assignment]
        low, high = DATE_WINDOWS[name]
        inside = [(day, unit) for day, unit in dated
                  if low <= (day - base).days <= high
                  and all(hit.value != day for hit in found.values())]
        if inside:
            day, unit = min(inside, key=lambda du: abs((du[0] - base).days))
            found[name] = FieldHit(day, Evidence(UNLABELLED_CONFIDENCE, unit.box, unit.text))


def _under_recipient(unit: _Unit, recipients: list[_Unit]) -> bool:
    """True for a unit in the addressee's block: a few lines under 御中, in the same column."""
    for r in recipients:
        same_column = unit.box.x0 < r.box.x1 and r.box.x0 < unit.box.x1
        if 0 <= unit.line - r.line <= 3 and same_column:
            return True
    return False


def guess_customer_name(units: list[_Unit]) -> FieldHit | None:
    """An unlabelled company name in the top half that is not the addressee (御中/様)."""
    for unit in units:
        if unit.box.y0 > 0.5:
            break
        text = unit.text.strip()
        if _RECIPIENT.search(text) or _TITLE.match(text) or not _COMPANY.search(text):
            continue
        if _labels(text):
            continue
        name = re.split(r"\s{2,}|TEL|FAX|〒", text)[0].strip()
        if name:
            return FieldHit(name, Evidence(round(0.6 * unit.confidence, 3), unit.box, unit.text))
    return None
