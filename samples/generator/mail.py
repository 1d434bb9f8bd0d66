"""E-mails: orders typed in the body, and fax-gateway mails forwarded as message/rfc822."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import unicodedata
from email.header import Header, decode_header, make_header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr

from samples.generator.orders import WHOLESALER, Order, WrittenLine
from samples.generator.writing import write_date

ORDERS_ADDRESS = "juchu@tohto-foods.co.jp"
GATEWAY_ADDRESS = "fax-gateway@tohto-foods.co.jp"
JST = dt.timezone(dt.timedelta(hours=9))


def _encodable(text: str, charset: str) -> str:
    """ISO-2022-JP has no half-width katakana or ℓ: mailers send the NFKC form instead."""
    try:
        text.encode(charset)
        return text
    except UnicodeEncodeError:
        return unicodedata.normalize("NFKC", text)


def body_line(index: int, line: WrittenLine, rng: random.Random) -> str:
    """One free-text order line, the ways people type them into a mail."""
    qty = f"{line.quantity_text}{line.unit_text}"
    style = rng.randrange(7)
    if style == 0:
        return f"{line.description} {qty}"
    if style == 1:
        return f"・{line.description} ×{qty}"
    if style == 2:
        return f"{index}. {line.description}　{qty}"
    if style == 3 and line.unit == line.product.unit:
        return f"{line.product.maker_no} {line.quantity_text}"
    if style == 4:
        return f"{line.product.code} {line.description} {qty}"
    if style == 5:
        return f"{line.description}：{qty}"
    return f"{line.description}　{line.quantity_text} {line.unit_text}"


def order_body(order: Order, rng: random.Random) -> str:
    customer = order.customer
    parts = [
        f"{WHOLESALER}",
        "受注センター 御中",
        "",
        "いつもお世話になっております。",
        f"{customer.name}の{customer.person}です。",
        "下記の通り発注いたします。",
        "",
    ]
    if order.order_date_written:
        parts.append(f"発注日：{order.order_date_text}")
    if order.order_number:
        parts.append(f"{rng.choice(['発注番号', '注文番号', '注文No.'])}：{order.order_number}")
    label = rng.choice(["納品日", "納品希望日", "お届け日", "納期"])
    parts += [f"{label}：{order.delivery_date_text}", ""]
    parts += [body_line(i, line, rng) for i, line in enumerate(order.lines, start=1)]
    parts += ["", "以上、よろしくお願いいたします。", ""]
    if order.notes:
        parts.insert(-2, f"※{order.notes}")
    parts += ["--", customer.name, customer.person, f"TEL {customer.tel} / FAX {order.fax_number}"]
    return "\n".join(parts) + "\n"


def _headers(
    msg: Message, sender: tuple[str, str], to: str, subject: str, when: dt.datetime, charset: str
) -> None:
    msg["From"] = formataddr(sender, charset=charset)
    msg["To"] = to
    msg["Subject"] = Header(subject, charset).encode()
    msg["Date"] = format_datetime(when.replace(tzinfo=JST))
    # Derived from the content so regenerating gives the same bytes.
    digest = hashlib.sha1(f"{sender}{subject}{when}".encode()).hexdigest()[:20]
    msg["Message-ID"] = f"<{digest}@sample.ordertake.invalid>"


def body_mail(order: Order, rng: random.Random, charset: str, html: bool) -> bytes:
    """An order typed into the body, as ISO-2022-JP or UTF-8 (optionally with an HTML part)."""
    body = "\n".join(_encodable(line, charset) for line in order_body(order, rng).split("\n"))
    plain = MIMEText(body, "plain", charset)
    msg: Message
    if html:
        msg = MIMEMultipart("alternative")
        msg.attach(plain)
        rows = "".join(f"<p>{line or '&nbsp;'}</p>" for line in body.split("\n"))
        msg.attach(MIMEText(f"<html><body>{rows}</body></html>", "html", charset))
    else:
        msg = plain
    sender = (order.customer.person, rng.choice(order.customer.emails))
    subject = (
        rng.choice(["発注のお願い", "【発注】", "注文書送付の件", "追加注文"])
        + f"（{order.customer.name}）"
    )
    _headers(msg, sender, ORDERS_ADDRESS, _encodable(subject, charset), order.sent_at, charset)
    return msg.as_bytes()


def gateway_subject(fax: str, pages: int, rng: random.Random) -> str:
    return rng.choice(
        [
            f"FAX受信 {fax}",
            f"FAX受信 {fax} ({pages}枚)",
            f"[FAX] {fax.replace('-', '')} から受信",
            f"FAX受信のお知らせ 送信元:{fax}",
        ]
    )


def gateway_mail(
    order: Order, data: bytes, filename: str, pages: int, rng: random.Random
) -> Message:
    """The fax server's own mail: a short text and the received fax as PDF or TIFF."""
    msg = MIMEMultipart()
    received = order.sent_at + dt.timedelta(seconds=rng.randrange(20, 90))
    text = (
        f"FAXを受信しました。\n送信元: {order.fax_number}\nページ数: {pages}\n"
        f"受信日時: {write_date(received.date(), 'slash')} {received:%H:%M}\n"
    )
    msg.attach(MIMEText(text, "plain", "iso-2022-jp"))
    if filename.endswith(".pdf"):
        part: Message = MIMEApplication(data, "pdf")
    else:
        part = MIMEImage(data, "tiff")
    part.add_header("Content-Disposition", "attachment", filename=filename)
    msg.attach(part)
    _headers(
        msg,
        ("FAX受信", GATEWAY_ADDRESS),
        ORDERS_ADDRESS,
        gateway_subject(order.fax_number, pages, rng),
        received,
        "iso-2022-jp",
    )
    return msg


def forward_mail(inner: list[Message], when: dt.datetime, rng: random.Random) -> bytes:
    """A clerk forwards gateway mails as attachments (message/rfc822) to the order mailbox."""
    msg = MIMEMultipart()
    note = "FAXを転送します。" if len(inner) == 1 else f"FAX {len(inner)}件を転送します。"
    msg.attach(MIMEText(note + "\n", "plain", "utf-8"))
    for message in inner:
        msg.attach(MIMEMessage(message))
    first = str(make_header(decode_header(str(inner[0]["Subject"]))))
    subject = "Fwd: " + first if len(inner) == 1 else f"Fwd: FAX {len(inner)}件"
    _headers(
        msg,
        ("受注担当", "eigyo@tohto-foods.co.jp"),
        "orders@tohto-foods.co.jp",
        subject,
        when + dt.timedelta(minutes=rng.randrange(3, 40)),
        "utf-8",
    )
    return msg.as_bytes()
