"""A born-digital PDF from another writer than ours: an order form printed by Chromium.

Chromium maps some kanji's glyphs back to CJK radical code points in its text layer (麦 as
⻨, U+2EE8), and its fonts give pdfminer no bounding boxes; the order must still read whole.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from ordertake.config import Settings
from ordertake.domain import SourceMeta
from ordertake.ocr.load import read_document
from ordertake.parse.order import parse_pages
from tests.e2e.live import CHROMIUM_ARGS

FORM = """<html><head><meta charset="utf-8"><style>
body{font-family:'Noto Sans CJK JP';font-size:11pt;margin:20mm}
table{border-collapse:collapse;width:100%} td,th{border:1px solid #333;padding:4px}
</style></head><body><h1 style="text-align:center">御 注 文 書</h1>
<p>発注日：2026年11月24日　発注No. 88123　納品希望日：2026年11月27日（金）</p>
<table><tr><th>品番</th><th>品名・規格</th><th>数量</th><th>単位</th><th>単価</th><th>金額</th></tr>
<tr><td>B-10053</td><td>東洋飲料 麦茶 2L</td><td>12</td><td>本</td><td>174</td><td>2,088</td></tr>
<tr><td></td><td>北星飲料 青汁 500ml</td><td>2</td><td>ケース</td><td>1,872</td><td>3,744</td></tr>
<tr><td colspan=5>合計</td><td>5,832</td></tr></table></body></html>"""


def test_a_chromium_printed_order_reads_with_its_kanji_and_figures(tmp_path: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content(FORM)
        data = page.pdf(format="A4")
        browser.close()
    pages = read_document(data, "order.pdf", Settings())
    text = " ".join(w.text for p in pages for w in p.words)
    assert "麦茶" in text and "青汁" in text and "発注日" in text and "品名・規格" in text
    assert not any(0x2E80 <= ord(ch) <= 0x2FDF for ch in text)  # no radical code points
    (draft,) = parse_pages(pages, SourceMeta(filename="order.pdf"))
    assert (draft.order_number, str(draft.order_date), str(draft.delivery_date)) == (
        "88123", "2026-11-24", "2026-11-27")
    assert [(ln.code, ln.quantity, ln.unit, ln.unit_price, ln.amount) for ln in draft.lines] == [
        ("B-10053", 12, "本", 174, 2088), (None, 2, "ケース", 1872, 3744)]
    assert "麦茶" in draft.lines[0].description
