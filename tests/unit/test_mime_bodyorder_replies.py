"""ingest.bodyorder / ingest.htmltext: a reply that orders leaves the mail it quotes out (pure)."""

from __future__ import annotations

import pytest

from ordertake.ingest.bodyorder import order_text
from ordertake.ingest.htmltext import html_to_text

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


def test_html_blockquote_lines_are_quoted():
    html = ("<div>追加で下記お願いします。</div><div>緑茶 350ml 2ケース</div>"
            "<div class='gmail_quote'>2026年1月10日(土) 山田 &lt;y@example.jp&gt;:<br>"
            "<blockquote class='gmail_quote'><div>麦茶 2L 3本</div></blockquote></div>"
            "<p>after</p>")
    text = html_to_text(html)
    assert "> 麦茶 2L 3本" in text.splitlines()
    assert "after" in text.splitlines()
    assert "麦茶" not in order_text(text)
    # a re-order by quote (nothing ordered above it) still reads the quoted order
    assert "麦茶 2L 3本" in order_text(html_to_text(html.replace("緑茶 350ml 2ケース", "")))
