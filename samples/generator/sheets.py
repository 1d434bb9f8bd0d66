"""Order sheets filled in with a spreadsheet and mailed: Excel workbooks (.xlsx) and CSV exports.

Three sheet layouts a customer's own template might have: a Japanese form with codes and
prices (real date cells, an amount formula, a 合計 row), a Japanese form without codes where
the count and its unit share a cell and dates are typed as text, and an English purchase
order; and a fourth, the flat export of an ordering system: one row per line with the
order's number, dates and store repeated on every row, sometimes two orders in one file.
Some workbooks carry a hidden price-list sheet; one is an Excel 97-2003 .xls; some sheets
arrive as CSV (CP932, as Japanese Excel saves it, or UTF-8 with a BOM).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import zipfile
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from samples.generator.mail import ORDERS_ADDRESS, _encodable, _headers
from samples.generator.orders import WHOLESALER, Order

SHEET_LAYOUTS = ("jp-codes", "jp-no-codes", "english", "flat-export")
XLSX_TYPE = "vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _number(quantity: float) -> float | int:
    return int(quantity) if quantity.is_integer() else quantity


def _jp_codes(ws: Worksheet, order: Order, rng: random.Random) -> None:
    customer = order.customer
    ws.append([rng.choice(["発注書", "注文書", "御注文書"])])
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append([f"{WHOLESALER} 御中", None, None, None, None, "発注日", order.order_date])
    ws.append([customer.name, None, None, None, None,
               rng.choice(["納品日", "納品希望日", "お届け日"]), order.delivery_date])
    ws.append([f"TEL {customer.tel}", None, None, None, None,
               rng.choice(["発注番号", "注文No."]), order.order_number or ""])
    ws.append([f"FAX {order.fax_number}"])
    for row in (3, 4):
        ws.cell(row, 7).number_format = rng.choice(["yyyy/m/d", "yyyy\"年\"m\"月\"d\"日\""])
    ws.append([])
    ws.append(["No", "商品コード", "商品名", "入数", "数量", "単位", "単価", "金額"])
    first = ws.max_row + 1
    for i, line in enumerate(order.lines, start=1):
        row = ws.max_row + 1
        ws.append([i, line.code or None, line.description, line.product.size.case_qty or None,
                   _number(line.quantity), line.unit_text, line.unit_price,
                   f"=E{row}*G{row}" if line.unit_price else None])
    last = ws.max_row
    ws.append([None, None, "合計", None, None, None, None, f"=SUM(H{first}:H{last})"])
    if order.notes:
        ws.append([])
        ws.append(["備考", order.notes])


def _jp_no_codes(ws: Worksheet, order: Order, rng: random.Random) -> None:
    customer = order.customer
    ws.append([f"{WHOLESALER} 様"])
    ws.append([None, None, rng.choice(["ご注文書", "発注書"])])
    ws.append([])
    ws.append(["発注日", order.order_date_text, None, customer.name])
    ws.append([rng.choice(["納期", "納品日"]), order.delivery_date_text, None,
               f"TEL {customer.tel} FAX {order.fax_number}"])
    if order.order_number:
        ws.append(["注文番号", order.order_number])
    ws.append([])
    ws.append(["品名", "数量", "備考"])
    for line in order.lines:
        ws.append([line.description, f"{line.quantity_text}{line.unit_text}", line.note or None])
    ws.append([])
    ws.append(["以上"])


def _english(ws: Worksheet, order: Order, rng: random.Random) -> None:
    customer = order.customer
    ws.append(["PURCHASE ORDER"])
    ws.append([])
    ws.append(["To:", WHOLESALER, None, None, "PO No.", order.order_number or ""])
    ws.append(["From:", customer.name, None, None, "Order Date", order.order_date])
    ws.append(["Fax:", order.fax_number, None, None, "Delivery Date", order.delivery_date])
    for row in (4, 5):
        ws.cell(row, 6).number_format = "yyyy-mm-dd"
    ws.append([])
    ws.append(["Item No.", "Description", "Qty", "Unit", "Unit Price", "Amount"])
    for line in order.lines:
        row = ws.max_row + 1
        ws.append([line.code or None, line.description, _number(line.quantity), line.unit_text,
                   line.unit_price, f"=C{row}*E{row}" if line.unit_price else None])
    ws.append([None, "Total", None, None, None, f"=SUM(F8:F{ws.max_row})"])


def _flat_export(ws: Worksheet, orders: list[Order], rng: random.Random) -> None:
    ws.append([rng.choice(["発注番号", "伝票番号"]), "発注日",
               rng.choice(["納品日", "納品予定日"]), rng.choice(["店舗名", "発注元"]),
               "商品コード", "商品名", "入数", "数量", "単位", "単価"])
    for order in orders:
        for line in order.lines:
            ws.append([order.order_number, order.order_date, order.delivery_date,
                       order.customer.name, line.code or None, line.description,
                       line.product.size.case_qty or None, _number(line.quantity),
                       line.unit_text, line.unit_price])
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "yyyy/mm/dd"


_FILLERS = {"jp-codes": _jp_codes, "jp-no-codes": _jp_no_codes, "english": _english}


def order_workbook(orders: list[Order], layout: str, rng: random.Random, hidden_prices: bool
                   ) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = {"english": "PO", "flat-export": "発注データ"}.get(layout, "注文書")
    if layout == "flat-export":
        _flat_export(sheet, orders, rng)
    else:
        _FILLERS[layout](sheet, orders[0], rng)
    if hidden_prices:
        prices = book.create_sheet("単価表")
        prices.append(["商品コード", "商品名", "単価"])
        for line in orders[0].lines:
            prices.append([line.product.code, line.product.name, line.product.price])
        prices.sheet_state = "hidden"
    return book


def _as_csv(book: Workbook) -> str:
    """The first sheet as Excel's "Save as CSV" writes it: values, dates as y/m/d, formulas
    dropped (a workbook written here has no computed values to save)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        cells = []
        for value in row:
            if isinstance(value, dt.date):
                value = f"{value.year}/{value.month}/{value.day}"
            elif isinstance(value, str) and value.startswith("="):
                value = ""
            cells.append("" if value is None else value)
        writer.writerow(cells)
    return out.getvalue()


def _xls_bytes(book: Workbook) -> bytes:
    """The workbook as Excel 97-2003 saves it (.xls, BIFF8): values, date cells with a date
    format, formulas dropped, hidden sheets still hidden."""
    import xlwt

    old = xlwt.Workbook(encoding="utf-8")
    dates = xlwt.easyxf(num_format_str="yyyy/m/d")
    for sheet in book.worksheets:
        out = old.add_sheet(sheet.title)
        for r, row in enumerate(sheet.iter_rows(values_only=True)):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    out.write(r, c, value, dates)
                elif value is not None and not (isinstance(value, str) and value.startswith("=")):
                    out.write(r, c, value)
        out.visibility = 0 if sheet.sheet_state == "visible" else 1
    saved = io.BytesIO()
    old.save(saved)
    return saved.getvalue()


def _xlsx_bytes(book: Workbook, when: dt.datetime) -> bytes:
    """The workbook saved with `when` as its time stamps (document properties and zip
    entries; openpyxl stamps the saving time), so regenerating the samples gives the same
    bytes."""
    book.properties.created = when
    saved = io.BytesIO()
    book.save(saved)
    stamp = f"{when:%Y-%m-%dT%H:%M:%S}Z".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            dst.writestr(zipfile.ZipInfo(info.filename, when.timetuple()[:6]), data,
                         zipfile.ZIP_DEFLATED)
    return out.getvalue()


def sheet_mail(orders: list[Order], layout: str, file_format: str, rng: random.Random,
               hidden_prices: bool = False) -> bytes:
    """An e-mail from the customer with the order sheet attached."""
    order = orders[0]
    book = order_workbook(orders, layout, rng, hidden_prices)
    msg = MIMEMultipart()
    body = (f"{WHOLESALER}\nご担当者様\n\nいつもお世話になっております。\n"
            f"{order.customer.name}の{order.customer.person}です。\n"
            "添付の注文書の通り発注いたします。\nよろしくお願いいたします。\n")
    msg.attach(MIMEText(body, "plain", "utf-8"))
    stamp = f"{order.order_date:%Y%m%d}"
    if file_format == "xlsx":
        part = MIMEApplication(_xlsx_bytes(book, order.sent_at), XLSX_TYPE)
        filename = f"注文書_{stamp}.xlsx"
    elif file_format == "xls":
        part = MIMEApplication(_xls_bytes(book), "vnd.ms-excel")
        filename = f"注文書_{stamp}.xls"
    else:
        encoding = rng.choice(["cp932", "utf-8-sig"])
        text = "\n".join(_encodable(line, encoding) for line in _as_csv(book).split("\n"))
        part = MIMEApplication(text.encode(encoding), "octet-stream")
        part.replace_header("Content-Type", "text/csv")
        filename = f"order_{stamp}.csv"
    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", filename))
    msg.attach(part)
    sender = (order.customer.person, rng.choice(order.customer.emails))
    subject = rng.choice(["注文書送付の件", "発注書を送付します", "Purchase order"])
    _headers(msg, sender, ORDERS_ADDRESS, subject, order.sent_at, "utf-8")
    return msg.as_bytes()
