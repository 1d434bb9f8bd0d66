"""The order confirmation (注文請書) as a one-page A4 PDF, IPA Gothic embedded. No database here."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from ordertake.errors import MissingDependency

FONT_PATH = Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")
FONT = "IPAGothic"
MARGIN = 18 * mm
ROW_MAX, ROW_MIN = 7 * mm, 4.2 * mm
FOOTER = 40 * mm
"""Room below the table for the total and notes."""


@dataclass(frozen=True)
class ConfirmationLine:
    line_no: int
    product_code: str
    product_name: str
    quantity: Decimal | None
    unit: str
    unit_price: Decimal | None
    amount: Decimal | None


@dataclass(frozen=True)
class ConfirmationData:
    order_id: int
    customer_name: str
    customer_code: str
    order_number: str
    order_date: dt.date | None
    delivery_date: dt.date | None
    issued_on: dt.date
    issuer: str
    lines: tuple[ConfirmationLine, ...]
    notes: str = ""


@cache
def _register_font() -> str:
    if not FONT_PATH.is_file():
        raise MissingDependency(
            f"the IPA Gothic font is missing ({FONT_PATH})",
            hint="install the Debian package fonts-ipafont-gothic",
        )
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH)))
    return FONT


def _date(value: dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "—"


def _num(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    whole, _, frac = text.partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


def _fit(text: str, size: float, width: float) -> str:
    """`text` cut with … so it fits `width` points."""
    if pdfmetrics.stringWidth(text, FONT, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text + "…"


# Column x positions (left edges) and widths in mm; numbers are right-aligned.
COLUMNS = [("No", 0, 10), ("商品コード", 10, 28), ("商品名", 38, 66), ("数量", 104, 18),
           ("単位", 122, 14), ("単価", 136, 18), ("金額", 154, 20)]  # fmt: skip
RIGHT = {"No", "数量", "単価", "金額"}


def render_confirmation_pdf(data: ConfirmationData) -> bytes:
    """One A4 page whatever the number of lines (rows shrink, then the rest is summarised)."""
    font = _register_font()
    buffer = io.BytesIO()
    width, height = A4
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(f"注文請書 {data.order_number or data.order_id}")
    pdf.setAuthor(data.issuer or "ordertake")

    pdf.setFont(font, 20)
    pdf.drawCentredString(width / 2, height - MARGIN - 8 * mm, "注 文 請 書")
    top = height - MARGIN - 24 * mm
    pdf.setFont(font, 14)
    pdf.drawString(
        MARGIN, top, _fit(f"{data.customer_name or '(得意先未設定)'} 御中", 14, 100 * mm)
    )
    pdf.line(MARGIN, top - 2 * mm, MARGIN + 100 * mm, top - 2 * mm)
    pdf.setFont(font, 9)
    if data.customer_code:
        pdf.drawString(MARGIN, top - 7 * mm, f"得意先コード {data.customer_code}")
    right = width - MARGIN
    pdf.drawRightString(right, top + 6 * mm, f"No. {data.order_id}")
    pdf.drawRightString(right, top, f"発行日 {_date(data.issued_on)}")
    if data.issuer:
        pdf.setFont(font, 11)
        pdf.drawRightString(right, top - 7 * mm, _fit(data.issuer, 11, 70 * mm))

    pdf.setFont(font, 10)
    y = top - 18 * mm
    pdf.drawString(MARGIN, y, "下記のとおりご注文をお請けいたします。")
    y -= 8 * mm
    for label, value in (
        ("ご注文番号", data.order_number or "—"),
        ("ご注文日", _date(data.order_date)),
        ("納期", _date(data.delivery_date)),
    ):
        pdf.drawString(MARGIN, y, label)
        pdf.drawString(MARGIN + 25 * mm, y, value)
        y -= 6 * mm
    y = _table(pdf, data.lines, y - 4 * mm)
    total = sum((ln.amount for ln in data.lines if ln.amount is not None), Decimal(0))
    pdf.setFont(font, 11)
    pdf.drawString(MARGIN + 122 * mm, y - 6 * mm, "合計")
    pdf.drawRightString(MARGIN + 174 * mm, y - 6 * mm, _num(total))
    if data.notes:
        pdf.setFont(font, 9)
        pdf.drawString(
            MARGIN, y - 14 * mm, _fit(f"備考: {' '.join(data.notes.split())}", 9, 174 * mm)
        )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _table(pdf: canvas.Canvas, lines: tuple[ConfirmationLine, ...], top: float) -> float:
    """Draws the lines table from `top` down; returns the y below it."""
    available = top - MARGIN - FOOTER
    rows = len(lines) + 1  # heading row
    row_h = max(ROW_MIN, min(ROW_MAX, available / max(rows, 1)))
    capacity = int(available // row_h) - 1
    shown = lines if len(lines) <= capacity else lines[: capacity - 1]
    size = 9 if row_h >= 5.5 * mm else 7
    y = top
    pdf.setFont(FONT, size)
    pdf.line(MARGIN, y, MARGIN + 174 * mm, y)
    cells = [[name for name, _, _ in COLUMNS]]
    for ln in shown:
        cells.append([str(ln.line_no), ln.product_code, ln.product_name, _num(ln.quantity),
                      ln.unit, _num(ln.unit_price), _num(ln.amount)])  # fmt: skip
    if len(shown) < len(lines):
        cells.append(["", "", f"ほか {len(lines) - len(shown)} 行", "", "", "", ""])
    for row in cells:
        y -= row_h
        for (name, x, w), text in zip(COLUMNS, row, strict=True):
            text = _fit(text, size, w * mm - 2 * mm)
            if name in RIGHT:
                pdf.drawRightString(MARGIN + (x + w) * mm - 1 * mm, y + row_h * 0.3, text)
            else:
                pdf.drawString(MARGIN + x * mm + 1 * mm, y + row_h * 0.3, text)
        pdf.line(MARGIN, y, MARGIN + 174 * mm, y)
    return y
