"""Warnings and failure reasons in the UI's language, translated at display time (pure).

Reading, matching and intake store warnings as short sentences, some English, some Japanese.
Known patterns are translated here; anything unknown is shown as written (Jinja escapes it).
New warnings should rather carry a stable key (see docs/architecture.md) so no pattern is needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def _formatter(template: str) -> Callable[[re.Match[str]], str]:
    return lambda match: template.format(*match.groups())


def _rules(table: list[tuple[str, str]]) -> list[Rule]:
    return [(re.compile(pattern), _formatter(out)) for pattern, out in table]


_DUPLICATE_WHY = {
    "same order number and lines": "同じ注文番号・同じ明細",
    "same order number": "同じ注文番号",
    "same customer and lines": "同じ得意先・同じ明細",
    ", marked 再送": "、「再送」の記載あり",
}

TO_JA = _rules([
    (r"^quantity read as (\S+), taken as (\S+) \(amount (\S+) ÷ unit price (\S+)\)$",
     "数量を {0} と読みましたが、金額 {2} ÷ 単価 {3} から {1} としました"),
    (r"^amount (\S+) ≠ quantity (\S+) × unit price (\S+)$",
     "金額 {0} が 数量 {1} × 単価 {2} と合いません"),
    (r"^quantity read as (\S+), read again from the page picture: (\S+)$",
     "数量を {0} と読みましたが、画像から読み直して {1} としました"),
    (r"^qty_unsure:read=(\S+),picture=(\S+)$",
     "数量 {0} は不確かです（画像からは {1} と読めます）: 確認してください"),
    (r"^qty_unsure:read=(\S+),picture=$",
     "数量 {0} は不確かです（画像から読めません）: 確認してください"),
    (r"^qty_unreadable:(.+)$", "数量欄「{0}」を数量として読めません: 入力してください"),
    (r"^table_unsure:ocr=(\d+)%$",
     "この表は読み取りが不確かです（OCR の確からしさ {0}%）: 確認してください"),
    (r"^qty_two_counts:quantity=(\S+),unit_cell=(\S+)$",
     "数量欄は {0}、単位欄には {1} と書かれています: 数量を確認してください"),
    (r"^qty_ink$", "数量欄に読み取れない記入があります（手書きなど）: 画像を見て入力してください"),
    (r"^unit unreadable in quantity '(.*)'$", "数量欄「{0}」の単位を読めません: 確認してください"),
    (r"^unit read from the page picture: (.*)$",
     "単位を画像から読み直しました:「{0}」 確認してください"),
    (r"^quantity read as (\S+), read again from the page picture with its unit: (.*)$",
     "数量を {0} と読みましたが、画像から単位ごと読み直しました:「{1}」 確認してください"),
    (r"^quantity read again from the page picture: (\S+)$",
     "数量を画像から読み直して {0} としました: 確認してください"),
    (r"^quantity read as '(.*)': the point taken for a speck, (\S+)$",
     "数量欄「{0}」の点を汚れとみなして {1} としました: 確認してください"),
    (r"^quantity unreadable, taken as (\S+) \(amount (\S+) ÷ unit price (\S+)\)$",
     "数量を読めないため、金額 {1} ÷ 単価 {2} から {0} としました: 確認してください"),
    (r"^no order lines found$", "注文の明細が見つかりません"),
    (r"^the mail asks to change or cancel an order: '(.*)'$",
     "注文の変更・取消の依頼があります:「{0}」 元の注文と合わせて確認してください"),
    (r"^the fax header says (\d+) pages but (\d+) arrived$",
     "FAXヘッダーでは {0} 枚ですが、届いたのは {1} 枚です（抜けたページを確認してください）"),
    (r"^attachment (.+?) skipped: (.+)$", "添付ファイル {0} は読み飛ばしました: {1}"),
    (r"^attachment (.+?): (.+)$", "添付ファイル {0} を読めませんでした: {1}"),
    (r"^no order was found in this document; enter it by hand$",
     "この書類から注文を読み取れませんでした。手入力してください"),
    (r"^manual_entry$", "手入力"),
])  # fmt: skip

TO_EN = _rules([
    (r"^得意先を特定できません: 得意先を選んでください$",
     "customer not identified: pick the customer"),
    (r"^(\d+)行の商品は確認が必要です$", "{0} line(s) need a product check"),
    (r"^該当する商品が見つかりません$", "no matching product found"),
    (r"^商品の確からしさ (\d+%): 確認してください$", "product match {0}: please check"),
    (r"^単価 ([\d,]+)円 が得意先別単価 ([\d,]+)円 と異なります$",
     "unit price {0} yen differs from this customer's price {1} yen"),
    (r"^単価 ([\d,]+)円 がマスタ単価 ([\d,]+)円 と異なります$",
     "unit price {0} yen differs from the master price {1} yen"),
    (r"^qty_unsure:read=(\S+),picture=(\S+)$",
     "quantity {0} is unsure (the picture reads {1}): please check"),
    (r"^qty_unsure:read=(\S+),picture=$",
     "quantity {0} is unsure (the picture is unreadable): please check"),
    (r"^qty_unreadable:(.+)$",
     "the quantity cell '{0}' does not read as a number: please enter it"),
    (r"^table_unsure:ocr=(\d+)%$",
     "this table reads poorly (OCR confidence {0}%): please check"),
    (r"^qty_two_counts:quantity=(\S+),unit_cell=(\S+)$",
     "the quantity cell reads {0}, the unit cell {1}: please check the quantity"),
    (r"^qty_ink$",
     "the quantity cell holds writing that does not read (by hand?): enter it from the picture"),
    (r"^数量 (\S+) は端数です: 数量を確認してください$",
     "quantity {0} is not a whole number: please check it"),
    (r"^(\S+) はケース\((\d+)入\)の端数です: ケース単位か確認してください$",
     "{0} is not a whole number of cases ({1} a case): check whether cases were meant"),
    (r"^manual_entry$", "manual entry"),
])  # fmt: skip

_LINE = re.compile(r"^line (\d+): (.+)$", re.S)
_DUPLICATE = re.compile(
    r"^possible duplicate of order (\d+) \((.+)\); approving it needs a confirmation$"
)


def warning_text(text: object, lang: str) -> str:
    """`text` in `lang` when it is a known warning, else as written."""
    raw = str(text)
    line = _LINE.match(raw)
    if line:
        label = f"{line.group(1)}行目" if lang == "ja" else f"line {line.group(1)}"
        return f"{label}: {warning_text(line.group(2), lang)}"
    if lang != "ja":
        return _apply(TO_EN, raw) or raw
    duplicate = _DUPLICATE.match(raw)
    if duplicate:
        why = duplicate.group(2)
        for en, ja in _DUPLICATE_WHY.items():
            why = why.replace(en, ja)
        return f"注文 #{duplicate.group(1)} と重複の可能性（{why}）: 承認には確認が必要です"
    return _apply(TO_JA, raw) or raw


def _apply(rules: list[Rule], text: str) -> str | None:
    for pattern, render in rules:
        match = pattern.match(text)
        if match:
            return render(match)
    return None


REASONS = {
    "empty": ("空のファイルです", "the file is empty"),
    "too_large": ("ファイルが大きすぎます", "the file is too large"),
    "unsupported_type": ("読めない形式のファイルです", "unsupported file type"),
    "encrypted": ("パスワード付きのPDFです", "the PDF is password-protected"),
    "corrupt": ("ファイルが壊れています", "the file is damaged"),
    "too_many_pages": ("ページ数が多すぎます", "too many pages"),
    "image_too_large": ("画像が大きすぎます", "the image is too large"),
    "ocr_failed": ("文字を読み取れませんでした", "OCR failed"),
    "ocr_timeout": ("読み取りに時間がかかりすぎました", "OCR took too long"),
    "gave_up": ("何度試しても処理できませんでした", "gave up after several attempts"),
    "no_order": ("注文が含まれていません", "no order in it"),
    "empty-mail": ("本文も注文の添付もないメールです", "e-mail without text or order attachment"),
    "unreadable-attachments": ("添付ファイルを読めませんでした", "attachments unreadable"),
}


def reason_label(reason: str, lang: str) -> str:
    """A failed document's reason code as a short phrase for the clerk ('' when unknown)."""
    pair = REASONS.get(reason)
    return (pair[0] if lang == "ja" else pair[1]) if pair else ""


# The queue shows its own chips for these (要確認の行 N, 得意先不明).
_QUEUE_REPEATS = re.compile(r"^(\d+行の商品は確認が必要です|得意先を特定できません: .*)$")


def repeats_queue_chip(text: object) -> bool:
    """True for a stored warning the queue already shows as its own chip."""
    return bool(_QUEUE_REPEATS.match(str(text)))
