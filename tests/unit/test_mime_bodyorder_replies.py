"""ingest.bodyorder: a reply that orders leaves the mail it quotes out (pure)."""

from __future__ import annotations

import pytest

from ordertake.ingest.bodyorder import order_text

REPLY = "お世話になっております。\n追加で下記お願いします。\n\n緑茶 350ml 2ケース\n\n"
EARLIER = "\nいつもお世話になっております。\n麦茶 2L 3本\n"


@pytest.mark.parametrize("header", [
    # Outlook for Mac / Outlook's HTML reply as text: the header block, no separator line
    "差出人: 山田 太郎 <yamada@example.jp>\n送信日時: 2026年1月10日 10:00\n"
    "宛先: orders@example.jp\n件名: 注文\n",
    "From: Yamada <yamada@example.jp>\nSent: Saturday, January 10, 2026 10:00 AM\n"
    "To: orders@example.jp\nSubject: order\n",
    "From: Yamada <yamada@example.jp>\n\nDate: 2026/01/10\n",
])
def test_earlier_mail_after_a_header_block_is_left_out(header: str):
    text = order_text(REPLY + header + EARLIER)
    assert "緑茶 350ml 2ケース" in text and "麦茶" not in text


def test_a_lone_from_line_starts_no_earlier_mail():
    body = REPLY + "From: 本店 仕入担当\n\n麦茶 2L 3本\n"
    assert "麦茶 2L 3本" in order_text(body)

