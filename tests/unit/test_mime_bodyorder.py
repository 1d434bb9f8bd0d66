"""The rule for a mail with an attachment: its body is an order only with its own order lines."""

from __future__ import annotations

import pytest

from ordertake.ingest.bodyorder import body_only_message, body_order_lines, order_text
from ordertake.ingest.mime import unpack


@pytest.mark.parametrize("body", [
    "FAXを転送します",
    "お世話になっております。\n添付の通り発注いたします。\nよろしくお願いいたします。",
    "受信日時: 2026/11/20 09:30\nページ数: 2\n送信元FAX: 03-1234-5678",
    "注文書 2枚 送付します\n全2枚",
    "FAX 3枚",
    "添付ファイル 1件",
    "> 醤油 特選丸大豆1.8L 6本\n> KT-0451 10",   # quoted from the earlier mail
    "よろしく\n-- \n山田商店 営業部\n醤油 1本から承ります 3本",  # signature
    "緑茶525ml ×24",                               # a pack size, no quantity ordered
])
def test_covering_notes_are_not_orders(body):
    assert body_order_lines(body) == []


@pytest.mark.parametrize(("body", "lines"), [
    ("追加でお願いします。\n醤油 特選丸大豆1.8L 6本\nKT-0451 10\n以上", 2),
    ("・緑茶525ml ×2ケース", 1),
    ("コピー用紙 A4 5箱", 1),  # paper as goods, not paperwork
    ("ベーコン 500g ×4pk\nスポンジ 3個　6 pk", 2),  # any spelling of a unit
    ("【1】\n商品名：緑茶 525ml\n数量：2ケース\n\n【2】\n品番：KT-0451\n数量：10", 2),
])
def test_typed_order_lines_count(body, lines):
    assert len(body_order_lines(body)) == lines


def test_body_only_message_keeps_text_and_drops_attachments():
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = "山田 <yamada@example.co.jp>"
    msg["Subject"] = "追加注文"
    msg["Message-ID"] = "<a1@example.co.jp>"
    msg["Date"] = "Fri, 20 Nov 2026 09:30:00 +0900"
    msg.set_content("醤油 特選丸大豆1.8L 6本")
    msg.add_attachment(b"%PDF-1.4\n" + b"0" * 2000, maintype="application", subtype="pdf",
                       filename="注文書.pdf")
    mail = unpack(msg.as_bytes())
    assert len(mail.attachments) == 1

    again = unpack(body_only_message(mail))

    assert again.attachments == () and again.body_text.strip() == "醤油 特選丸大豆1.8L 6本"
    assert (again.headers.sender, again.headers.subject, again.headers.message_id) == (
        "yamada@example.co.jp", "追加注文", "<a1@example.co.jp>")
    assert again.headers.date == mail.headers.date


REPLY = ("追加で下記お願いします。\n麦茶 2L 2本\n\n山田商店\n-- \nTEL 03-1234-5678\n\n"
         "2026年11月20日(金) 10:02 山田商店 <order@yamada.example.jp>:\n"
         "> 下記注文お願いします。\n> こいくちしょうゆ 1L 6本\n")
OUTLOOK = ("追加です\n麦茶 2L 2本\n\n-----Original Message-----\nFrom: 山田商店\n"
           "こいくちしょうゆ 1L 6本\n")
FORWARD = ("お客様からのメール注文を転送します\n\n---------- Forwarded message ---------\n"
           "From: 山田商店\nこいくちしょうゆ 1L 6本\n")


def test_a_reply_is_read_from_its_own_lines_with_the_signature_not_the_mail_quoted() -> None:
    text = order_text(REPLY)
    assert "麦茶 2L 2本" in text and "TEL 03-1234-5678" in text
    assert "こいくちしょうゆ" not in text
    assert "こいくちしょうゆ" not in order_text(OUTLOOK) and "麦茶" in order_text(OUTLOOK)


def test_a_forwarded_or_quoted_order_without_lines_of_its_own_is_read_whole() -> None:
    assert order_text(FORWARD) == FORWARD
    quoted_only = "再度お願いします\n> こいくちしょうゆ 1L 6本\n"
    assert order_text(quoted_only) == quoted_only
