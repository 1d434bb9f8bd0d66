"""ingest.mime: format=flowed bodies have their soft line breaks undone (pure, no I/O)."""

from __future__ import annotations

from ordertake.domain import SourceMeta
from ordertake.ingest.mime import unflow, unpack
from ordertake.ocr.textpages import text_pages
from ordertake.parse.order import parse_pages


def _mail(body: str, params: str) -> bytes:
    return (f"Subject: order\r\nContent-Type: text/plain; charset=utf-8; {params}\r\n\r\n"
            f"{body}").encode()


def test_order_line_wrapped_before_its_count_is_one_line_again():
    body = ("お世話になっております。\r\n"
            "・日之出醸造 こいくち醤油 特選丸大豆 1.8L ペットボトル \r\n"
            "6本\r\n\r\n-- \r\n山田\r\n")
    text = unpack(_mail(body, "format=flowed")).body_text
    assert "・日之出醸造 こいくち醤油 特選丸大豆 1.8L ペットボトル 6本" in text.splitlines()
    assert "-- " in text.splitlines()  # the signature separator stays a hard break
    [draft] = parse_pages(text_pages(text), SourceMeta(filename="m.eml"))
    assert [(ln.quantity, ln.unit) for ln in draft.lines] == [(6, "本")]


def test_delsp_drops_the_writers_space_and_quotes_join_by_depth():
    assert unflow("麦茶 2L \r\n×3本", delsp=True) == "麦茶 2L×3本"
    assert unflow("> quoted long \r\n> line\r\n>> deeper") == "> quoted long line\n>> deeper"


def test_fixed_text_keeps_its_line_breaks():
    body = "緑茶 350ml \r\n6本\r\n"
    assert unpack(_mail(body, "format=fixed")).body_text == "緑茶 350ml \n6本"
