"""Header fields of an order: customer, TEL/FAX, order number, dates, ship-to, notes (pure).

A field is read from its label ('発注番号：PO-1182', '納品日 11/25(水)'): the value is the text
after the label up to the next label on the line, or the line below when the label stands alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ordertake.domain import Evidence
from ordertake.parse.dates import find_date
from ordertake.parse.faxheader import find_phone
from ordertake.parse.lines import TextLine
from ordertake.parse.numbers import nfkc

LABELS: dict[str, str] = {
    "order_number": r"(?:ご?発注|ご?注文|オーダー|注文書|発注書)\s*(?:番号|No\.?|NO\.?|№|#)"
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
    "customer_name": r"(?:貴社|御社|会社|店舗|貴店|お客様|得意先|発注者|注文者|発注元"
    r"|ご注文者|差出人)"
    r"\s*(?:名|様)?|Customer(?:\s*Name)?|Company(?:\s*Name)?|Bill\s*To|Sold\s*To|Buyer",
    "tel": r"TEL|Tel|電話(?:番号)?|☎",
    "fax": r"FAX|Fax|ファックス|ファクス",
}
_ANY_LABEL = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in LABELS.items()))
_SEPARATORS = " \t:：.　()（）[]【】「」"
_ORDER_NO = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_/#.]*[A-Za-z0-9]|[0-9]")
_COMPANY = re.compile(
    r"株式会社|有限会社|合同会社|\(株\)|\(有\)|㈱|㈲|商店|食堂|ストア|スーパー|レストラン|ホテル|"
    r"酒店|青果|精肉|鮮魚|居酒屋|カフェ|料理|旅館|弁当|給食|フーズ|(?i:\binc\b|co\.|ltd|llc|corp)"
)
_RECIPIENT = re.compile(r"御中|行$|宛$|様$")
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


def _value(name: str, raw: str, reference: dt.date | None) -> object | None:
    raw = raw.strip(_SEPARATORS)
    if not raw:
        return None
    if name == "order_number":
        raw = re.sub(r"^(No\.?|#|№)\s*", "", raw)
        m = _ORDER_NO.search(raw)
        return m.group() if m and any(c.isdigit() for c in m.group()) else None
    if name in ("order_date", "delivery_date"):
        hit = find_date(raw, reference)
        return hit[0] if hit else None
    if name in ("tel", "fax"):
        phone = find_phone(raw)
        return phone[0] if phone else None
    value = re.sub(r"\s+", " ", raw).strip()
    if name == "customer_name":
        value = re.sub(r"\s*(様|御中|殿)$", "", value)
    return value or None


def read_fields(
    lines: list[TextLine], reference: dt.date | None = None
) -> dict[str, FieldHit]:
    """Every labelled header field found in the lines (the first readable value wins).

    Dates are resolved after all labels are read, the order date first, so that a relative
    delivery date (明日) counts from the order date wherever it stands on the page.
    """
    raws: list[tuple[str, str, TextLine]] = []
    recipient_block = -10
    for i, line in enumerate(lines):
        text = nfkc(line.text)
        if _RECIPIENT.search(text):
            recipient_block = i
        labels = _labels(text)
        for k, (name, _, end) in enumerate(labels):
            stop = labels[k + 1][1] if k + 1 < len(labels) else len(text)
            raw = text[end:stop]
            if not raw.strip(_SEPARATORS) and k + 1 == len(labels) and i + 1 < len(lines):
                below = nfkc(lines[i + 1].text)
                if not _labels(below):
                    raw = below
            if name in ("tel", "fax") and i - recipient_block <= 2:
                name = f"recipient_{name}"  # the wholesaler's own number, printed under 御中
            raws.append((name, raw, line))
    found: dict[str, FieldHit] = {}
    order_first = sorted(raws, key=lambda r: r[0] != "order_date")
    for name, raw, line in order_first:
        if name in found:
            continue
        ref = reference
        if name == "delivery_date" and "order_date" in found:
            ref = found["order_date"].value  # type: ignore[assignment]
        value = _value(name.removeprefix("recipient_"), raw, ref)
        if value is not None:
            found[name] = FieldHit(value, Evidence(round(line.confidence, 3), line.box, line.text))
    if "customer_name" not in found:
        guess = guess_customer_name(lines)
        if guess is not None:
            found["customer_name"] = guess
    return found


def guess_customer_name(lines: list[TextLine]) -> FieldHit | None:
    """An unlabelled company name in the top half that is not the addressee (御中/様)."""
    for line in lines:
        if line.box.y0 > 0.5:
            break
        text = nfkc(line.text).strip()
        if _RECIPIENT.search(text) or _TITLE.match(text) or not _COMPANY.search(text):
            continue
        if _labels(text):
            continue
        name = re.split(r"\s{2,}|TEL|FAX|〒", text)[0].strip()
        if name:
            return FieldHit(name, Evidence(round(0.6 * line.confidence, 3), line.box, line.text))
    return None
