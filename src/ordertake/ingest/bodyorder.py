"""Does an e-mail body order something by itself? (pure) The rule for mail with attachments.

A mail with an order attachment is read from the attachment. Its body becomes a document of its
own only when the body itself holds order lines: at least one line, outside quoted text (">")
and the signature ("-- "), that reads as an order line (`parse.emailbody.parse_item_line`) AND
names a unit (6本, 2ケース, 10個) or a product code (KT-0451 10), and whose item is not the
paperwork itself (「注文書 2枚」「FAX 3枚」「添付ファイル 1件」 count pages, not goods).
Covering notes such as 「FAXを転送します」「添付の通り発注します」 or a fax gateway's
「ページ数: 2」 therefore never become drafts. A mail without any order attachment is always
read from its body (the clerk sees "no order lines found" rather than a silently dropped mail).
"""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import format_datetime

from ordertake.ingest.mime import UnpackedMail
from ordertake.parse.emailbody import join_labelled_items, parse_item_line

# What a covering note counts: the documents sent, not goods ordered.
_PAPERWORK = re.compile(r"(?i)注文書|発注書|注文票|発注票|注文用紙|fax|ファ[ック]*ク?ス|ﾌｧｯｸｽ|添付|"
                        r"ファイル|pdf|資料|書類|メール")


# Where a mail client starts the mail replied to or forwarded (Outlook, Thunderbird, Gmail).
_EARLIER_MAIL = re.compile(
    r"(?i)^\s*(?:-{3,}|_{3,})?\s*(?:original message|元のメッセージ|forwarded message|"
    r"転送メッセージ|転送されたメッセージ)\s*(?:-{3,}|_{3,})?\s*$|^\s*_{10,}\s*$")


# Without a separator line (Outlook for Mac, Outlook's HTML replies turned into text) an earlier
# mail starts at its header block: From/差出人 with another header field right below it. A lone
# 「From: …」 (a signature, a note) starts nothing.
_FROM_FIELD = re.compile(r"(?i)^\s*(?:from|差出人|送信者|送信元)\s*[:：]")
_NEXT_FIELD = re.compile(
    r"(?i)^\s*(?:sent|date|to|cc|subject|送信日時|送信日|日時|日付|宛先|件名)\s*[:：]")
HEADER_BLOCK_LINES = 2
"""How far below From the next header field may stand (Outlook puts Sent right under it)."""


def _starts_earlier_mail(lines: list[str], index: int) -> bool:
    line = lines[index]
    if _EARLIER_MAIL.match(line):
        return True
    following = lines[index + 1 : index + 1 + HEADER_BLOCK_LINES]
    return bool(_FROM_FIELD.match(line)) and any(_NEXT_FIELD.match(ln) for ln in following)


def _unquoted_lines(text: str) -> list[str]:
    """The lines up to the start of an earlier mail, without lines quoted from one (">")."""
    all_lines = text.splitlines()
    lines = []
    for index, line in enumerate(all_lines):
        if _starts_earlier_mail(all_lines, index):
            break
        if not line.lstrip().startswith((">", "＞")):
            lines.append(line)
    return lines


def _own_lines(text: str) -> list[str]:
    """The lines the sender wrote, without the signature ("-- ") or an earlier mail."""
    lines = _unquoted_lines(text)
    ends = [i for i, line in enumerate(lines) if line.rstrip() == "--"]
    return lines[: ends[0]] if ends else lines


# A reply that answers an order rather than placing one: thanks for a delivery, an
# acknowledgement (「承知いたしました」「無事届きました」). 「いつもありがとうございます」 is a
# greeting and no answer, so thanks count only in the past tense.
_ANSWER = re.compile(r"承知(?:いた)?しました|了解(?:いた)?しました|かしこまりました|承りました|"
                     r"受け付けました|拝受|受領(?:いた)?しました|(?:届き|受け取り|到着し)ました|"
                     r"ありがとうございました")
# What makes a mail an order even so: asking for the quoted order again, or passing it on.
_ASKS_AGAIN = re.compile(r"再度|もう一度|同じ|同様|同内容|前回|再発注|転送|入力|登録|"
                         r"(?:手配|発注|注文)を?(?:お願い|願い|下さい|ください)")


def order_text(text: str) -> str:
    """The part of a mail body to read the order from. When the sender's own lines order
    something, the mail they reply to or forward is left out, so an order quoted below a
    reply (「追加で下記お願いします」 above the first order) is not ordered twice; the signature
    stays (it names the customer). So it is when they only answer the mail they quote
    (「承知いたしました」「本日届きました、ありがとうございました」): the order quoted is no
    new one. Else the whole body: a forwarded order, a re-order by quote
    (「前回と同じでお願いします」)."""
    own = _unquoted_lines(text)
    if body_order_lines(text) or _only_answers("\n".join(_own_lines(text))):
        return "\n".join(own)
    return text


def _only_answers(own: str) -> bool:
    """True for a sender's own text that answers a mail and asks for nothing again."""
    return bool(_ANSWER.search(own)) and not _ASKS_AGAIN.search(own)


def body_order_lines(text: str) -> list[str]:
    """The lines of `text` that order something (with a unit or a product code); an item set
    out one field a line (「商品名：…」「数量：…」) counts as the one line it is read as."""
    lines = [line for line in _own_lines(text) if line.strip()]
    labelled = join_labelled_items(lines)
    joined = {i for _, indexes in labelled for i in indexes}
    candidates = [text for text, _ in labelled]
    candidates += [line.strip() for i, line in enumerate(lines) if i not in joined]
    found = []
    for line in candidates:
        item = parse_item_line(line)
        if item is None or not (item.unit or item.code):
            continue
        if item.code is None and _PAPERWORK.search(item.description):
            continue
        found.append(line)
    return found


def body_only_message(mail: UnpackedMail) -> bytes:
    """A message holding only the headers and body text of `mail` (no attachments), so that
    reading it as a document never reads the attachments a second time."""
    msg = EmailMessage()
    headers = mail.headers
    if headers.sender:
        msg["From"] = headers.sender
    if headers.subject:
        msg["Subject"] = headers.subject
    if headers.message_id:
        msg["Message-ID"] = headers.message_id
    if headers.date is not None:
        msg["Date"] = format_datetime(headers.date)
    msg.set_content(mail.body_text, charset="utf-8")
    return msg.as_bytes()
