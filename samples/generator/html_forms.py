"""Orders printed by Chromium from HTML forms, as born-digital PDFs and as faxes.

`python -m samples.generator.html_forms --seed N --out DIR` writes DIR/master and
DIR/documents/{pdf-text,fax-fine,fax-standard} with a .truth.json beside each document, like
the generator, for `ordertake eval DIR`. Everything else the generator draws with its own
canvas and IPA or Noto rasterising; here another program lays the forms out and draws them:
Chromium's HTML tables, CSS borders and shading, its font hinting and its PDF writer (whose
text layer maps some kanji to radical code points). The forms below were written for this
set, unlike the generator's layouts; the orders (customers, products, sloppy names, quantities,
dates) come from the generator's own order model, and the faxes go through its scanner.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image
from playwright.sync_api import Page, sync_playwright

from samples.generator.catalog import customer_rows, make_customers, make_products, product_rows
from samples.generator.fax import FAX_WIDTH_PX, X_DPI, fax_grays, save_image_pdf, save_tiff
from samples.generator.orders import WHOLESALER, Order, Style, WrittenLine, make_order
from samples.generator.writing import Writer

FONTS = ("Noto Sans CJK JP", "Noto Serif CJK JP", "IPAGothic", "IPAMincho")
CHROMIUM_ARGS = ["--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
KINDS = {"pdf-text": 8, "fax-fine": 10, "fax-standard": 10}


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


def _money(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _page(font: str, size: float, body: str, extra_css: str = "") -> str:
    return (f"<html><head><meta charset='utf-8'><style>body{{font-family:'{font}';"
            f"font-size:{size}pt;margin:16mm 14mm}} table{{border-collapse:collapse;width:100%}}"
            f"{extra_css}</style></head><body>{body}</body></html>")


def _rows(order: Order, cells: Callable[[WrittenLine], list[str]]) -> str:
    """The table's rows, one per order line: `cells` gives each line's <td> cells."""
    return "".join(f"<tr>{''.join(cells(ln))}</tr>" for ln in order.lines)


def _td(text: object, right: bool = False) -> str:
    return f"<td class=r>{_e(text)}</td>" if right else f"<td>{_e(text)}</td>"


def _header_block(order: Order, number_label: str, date_label: str, due_label: str) -> str:
    number = (f"{number_label} {_e(order.order_number)}<br>" if order.order_number else "")
    return (f"<div style='text-align:right'>{number}{date_label} {_e(order.order_date_text)}<br>"
            f"{_e(order.customer.name)}<br>TEL {_e(order.customer.tel)}"
            f" FAX {_e(order.fax_number)}</div>"
            f"<p>{due_label} {_e(order.delivery_date_text)}</p>")


def ruled(order: Order, font: str, size: float) -> str:
    """A ruled table: No / 品番 / 品名・規格 / 数量 / 単位 / 単価 / 金額, totals at the foot."""
    numbers = {id(ln): i for i, ln in enumerate(order.lines, 1)}
    rows = _rows(order, lambda ln: [
        _td(numbers[id(ln)]), _td(ln.code), _td(ln.description), _td(ln.quantity_text, True),
        _td(ln.unit_text), _td(_money(ln.unit_price), True), _td(_money(ln.amount), True)])
    total = sum(ln.amount or 0 for ln in order.lines)
    body = (f"<h1 style='text-align:center;letter-spacing:.5em'>御注文書</h1>"
            f"<p>{WHOLESALER} 御中</p>{_header_block(order, '発注No.', '発注日：', '納品希望日：')}"
            "<table><tr><th>No</th><th>品番</th><th>品名・規格</th><th>数量</th><th>単位</th>"
            f"<th>単価</th><th>金額</th></tr>{rows}<tr><td colspan=6 class=r>合計</td>"
            f"<td class=r>{_money(total)}</td></tr></table><p>備考：{_e(order.notes)}</p>")
    return _page(font, size, body,
                 "td,th{border:1px solid #222;padding:3px 5px}.r{text-align:right}")


def underlined(order: Order, font: str, size: float) -> str:
    """No vertical rules: a line under the header row; 入数 beside the ordered count."""
    rows = _rows(order, lambda ln: [
        _td(ln.description), _td(ln.product.size.case_qty, True), _td(ln.quantity_text, True),
        _td(ln.unit_text), _td(ln.note)])
    number = f"注文番号 {_e(order.order_number)}　" if order.order_number else ""
    body = (f"<div style='font-size:1.6em'>発注書</div><div>{number}注文日 "
            f"{_e(order.order_date_text)}</div><div>{_e(order.customer.name)}　"
            f"FAX {_e(order.fax_number)}</div><div>お届け日 {_e(order.delivery_date_text)}</div>"
            "<br><table><tr class=h><td>商品名</td><td class=r>入数</td><td class=r>発注数</td>"
            f"<td>単位</td><td>備考</td></tr>{rows}</table>")
    return _page(font, size, body, "td{padding:3px 8px}.r{text-align:right}"
                 "tr.h td{border-bottom:1.5px solid #000}")


def striped(order: Order, font: str, size: float) -> str:
    """Shaded rows (gray that a fax turns into dots), the count and unit in one cell."""
    rows = _rows(order, lambda ln: [
        _td(ln.code), _td(ln.description), _td(f"{ln.quantity_text}{ln.unit_text}", True)])
    body = (f"<h2>FAX 注文票</h2><p>送信先：{WHOLESALER} 受注センター</p>"
            f"{_header_block(order, '伝票番号', '注文日', 'お届け希望日')}"
            "<table><tr class=h><td>コード</td><td>商品名</td><td class=r>ご注文数</td></tr>"
            f"{rows}</table><p>{_e(order.notes)}</p>")
    return _page(font, size, body, "td{padding:4px 6px;border-bottom:1px solid #888}"
                 ".r{text-align:right}tr:nth-child(even){background:#e4e4e4}"
                 "tr.h{background:#bbb;font-weight:bold}")


def count_first(order: Order, font: str, size: float) -> str:
    """The count and unit left of the item; no prices."""
    rows = _rows(order, lambda ln: [
        _td(ln.quantity_text, True), _td(ln.unit_text), _td(ln.code), _td(ln.description),
        _td(ln.note)])
    body = (f"<p style='font-size:1.4em;text-align:center'>注 文 書</p>"
            f"{_header_block(order, '注文No', '注文日', '納期')}"
            "<table><tr><th>数量</th><th>単位</th><th>品番</th><th>品名</th><th>備考</th></tr>"
            f"{rows}</table><p>以上、よろしくお願いします。</p>")
    return _page(font, size, body, "td,th{border:1px solid #444;padding:3px 6px}"
                 ".r{text-align:right}th{background:#ddd}")


def english(order: Order, font: str, size: float) -> str:
    """An English purchase order: Item Code / Description / Qty / UOM / Unit Price / Ext."""
    rows = _rows(order, lambda ln: [
        _td(ln.code), _td(ln.description), _td(ln.quantity_text, True), _td(ln.unit_text),
        _td(_money(ln.unit_price), True), _td(_money(ln.amount), True)])
    number = f"PO No. {_e(order.order_number)}<br>" if order.order_number else ""
    body = (f"<h1>PURCHASE ORDER</h1><p>To: {WHOLESALER}</p><p>{number}"
            f"Order Date: {_e(order.order_date_text)}<br>Delivery Date: "
            f"{_e(order.delivery_date_text)}<br>From: {_e(order.customer.name)}"
            f" FAX {_e(order.fax_number)}</p><table><tr><th>Item Code</th><th>Description</th>"
            "<th>Qty</th><th>UOM</th><th>Unit Price</th><th>Ext. Price</th></tr>"
            f"{rows}</table>")
    return _page(font, size, body, "td,th{border:1px solid #000;padding:3px 5px}"
                 ".r{text-align:right}")


FORMS: dict[str, Callable[[Order, str, float], str]] = {
    "ruled": ruled, "underlined": underlined, "striped": striped, "count-first": count_first,
    "english": english,
}


def _grays(pdf: bytes) -> list[Image.Image]:
    """The PDF's pages as gray images 204 dpi wide, FAX_WIDTH_PX wide (a fax line)."""
    document = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in document:
            image = page.render(scale=X_DPI / 72).to_pil().convert("L")
            out.append(image.resize((FAX_WIDTH_PX, round(image.height * FAX_WIDTH_PX
                                                          / image.width))))
        return out
    finally:
        document.close()


def _write(out: Path, kind: str, index: int, name: str, order: Order, data: bytes,
           suffix: str) -> None:
    folder = out / "documents" / kind
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{kind}-{index:03d}"
    stem.with_suffix(suffix).write_bytes(data)
    truth = {"kind": kind, **order.truth(), "generator": {"layout": f"html-{name}",
                                                          "renderer": "chromium"}}
    stem.with_name(stem.name + ".truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _document(page: Page, order: Order, kind: str, name: str, rng: random.Random) -> tuple[
        bytes, str]:
    page.set_content(FORMS[name](order, rng.choice(FONTS), rng.choice((9.5, 10.5, 11.5))))
    pdf = page.pdf(format="A4")
    if kind == "pdf-text":
        return pdf, ".pdf"
    resolution = "fine" if kind == "fax-fine" else "standard"
    header = (rng.randrange(3), order.sent_at, order.fax_number, order.customer.name,
              rng.randrange(1, 9999))
    images = fax_grays(_grays(pdf), resolution, rng, header)
    delivery = rng.choice(("pdf", "tiff-g3", "tiff-g4"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("fax.pdf" if delivery == "pdf" else "fax.tif")
        if delivery == "pdf":
            save_image_pdf(images, path, resolution, order.sent_at)
        else:
            save_tiff(images, path, resolution, "group3" if delivery == "tiff-g3" else "group4")
        return path.read_bytes(), path.suffix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, required=True)
    args = parser.parse_args()
    products = make_products(random.Random(args.seed))
    customers = make_customers(random.Random(args.seed + 1))
    master = args.out / "master"
    master.mkdir(parents=True, exist_ok=True)
    for filename, rows in (("products.csv", product_rows(products)),
                           ("customers.csv", customer_rows(customers))):
        with (master / filename).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    rng = random.Random(args.seed + 5)
    writer_ = Writer(products)
    names = list(FORMS)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        for kind, count in KINDS.items():
            for index in range(1, count + 1):
                name = names[(index - 1) % len(names)]
                style = Style(code_column=rng.choice(("ours", "maker", "mixed", "none")),
                              date_styles=("slash", "iso") if name == "english" else
                              Style().date_styles, with_prices=name in ("ruled", "english"))
                order = make_order(rng.choice(customers), products, writer_, rng,
                                   rng.randint(2, 12), style)
                data, suffix = _document(page, order, kind, name, rng)
                _write(args.out, kind, index, name, order, data, suffix)
        browser.close()
    print(f"{sum(KINDS.values())} documents in {args.out / 'documents'}")


if __name__ == "__main__":
    main()
