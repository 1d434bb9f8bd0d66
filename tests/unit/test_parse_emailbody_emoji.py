"""parse.emailbody: pictographs in typed order lines carry no order (pure, no I/O)."""

from __future__ import annotations

import pytest

from ordertake.domain import SourceMeta
from ordertake.ingest.mime import unpack
from ordertake.ocr.textpages import text_pages
from ordertake.parse.emailbody import parse_item_line
from ordertake.parse.order import parse_pages


@pytest.mark.parametrize(("text", "description", "quantity", "unit"), [
    ("緑茶 350ml 6本🙏", "緑茶 350ml", 6, "本"),
    ("緑茶 350ml 6本 🙇\u200d♂️", "緑茶 350ml", 6, "本"),
    ("緑茶 350ml 2ケース\ue63e", "緑茶 350ml", 2, "ケース"),  # docomo emoji (private use)
    ("麦茶 2L 3本〓", "麦茶 2L", 3, "本"),  # an emoji ISO-2022-JP had no code for
    ("🍵緑茶 350ml 6本", "緑茶 350ml", 6, "本"),
    ("1️⃣ 緑茶 350ml 2ケース", "緑茶 350ml", 2, "ケース"),  # keycap digit as a bullet
    ("緑茶 350ml 2ケース❤️", "緑茶 350ml", 2, "ケース"),
])
def test_pictographs_are_left_out(text: str, description: str, quantity: float,
                                  unit: str) -> None:
    item = parse_item_line(text)
    assert item is not None
    assert (item.description, item.quantity, item.unit) == (description, quantity, unit)


def test_au_emoji_after_the_count_keeps_the_line() -> None:
    # ISO-2022-JP from an au phone: 緑茶 6本 followed by an emoji (JIS 0x764F).
    raw = (b"Subject: order\nContent-Type: text/plain; charset=iso-2022-jp\n\n"
           + "緑茶 350ml 6本".encode("iso-2022-jp")[:-3] + b"vO\x1b(B\n")
    body = unpack(raw).body_text
    [draft] = parse_pages(text_pages(body), SourceMeta(filename="m.eml"))
    assert [(ln.description, ln.quantity, ln.unit) for ln in draft.lines] == [
        ("緑茶 350ml", 6, "本")]
