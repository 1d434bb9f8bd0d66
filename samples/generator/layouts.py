"""Order-form layouts as data: header labels, columns, ruling, rows per page, totals.

`FormLayout.pages(order)` returns drawing operations per page; any layout renders to a fax
image or a text-layer PDF. Tables continue on the next page with their header repeated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from samples.generator.canvas import Line, Op, Text, text_width_mm
from samples.generator.orders import WHOLESALER, WHOLESALER_FAX, Order, WrittenLine
from samples.generator.writing import ENGLISH_UNITS


def yen(value: int | None, mark: bool = False) -> str:
    if value is None:
        return ""
    return ("¥" if mark else "") + f"{value:,}"


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    value: Callable[[int, WrittenLine], str]
    align: str = "left"


COLUMNS: dict[str, Callable[[str, float], Column]] = {
    "no": lambda h, w: Column(h, w, lambda i, line: str(i), "center"),
    "code": lambda h, w: Column(h, w, lambda i, line: line.code),
    "name": lambda h, w: Column(h, w, lambda i, line: line.description),
    "case_qty": lambda h, w: Column(h, w, lambda i, line: str(line.product.size.case_qty), "right"),
    "qty": lambda h, w: Column(h, w, lambda i, line: line.quantity_text, "right"),
    "qty_unit": lambda h, w: Column(
        h, w, lambda i, line: f"{line.quantity_text}{line.unit_text}", "right"
    ),
    "unit": lambda h, w: Column(h, w, lambda i, line: line.unit_text, "center"),
    "unit_en": lambda h, w: Column(
        h, w, lambda i, line: ENGLISH_UNITS.get(line.unit, line.unit), "center"
    ),
    "price": lambda h, w: Column(h, w, lambda i, line: yen(line.unit_price), "right"),
    "amount": lambda h, w: Column(h, w, lambda i, line: yen(line.amount), "right"),
    "note": lambda h, w: Column(h, w, lambda i, line: line.note),
}


@dataclass(frozen=True)
class FormLayout:
    name: str
    title: str
    columns: tuple[tuple[str, str, float], ...]
    """(kind in COLUMNS, header text, width mm); widths add up to the table width."""
    labels: dict[str, str]
    """order_date, delivery_date, order_number, to, tel, fax, total, subtotal, notes, continued."""
    ruled: str = "grid"
    """grid (boxes), rows (horizontal rules only) or none."""
    rows_per_page: int = 15
    fill_blank_rows: bool = True
    font: str = "gothic"
    size: float = 11.0
    row_height: float = 8.5
    left: float = 15.0
    with_total: bool = True
    extras: dict[str, str] = field(default_factory=dict)

    def built_columns(self) -> list[Column]:
        return [COLUMNS[kind](header, width) for kind, header, width in self.columns]

    def page_count(self, order: Order) -> int:
        return max(1, -(-len(order.lines) // self.rows_per_page))

    def pages(self, order: Order) -> list[list[Op]]:
        count = self.page_count(order)
        out = []
        for page in range(count):
            chunk = order.lines[page * self.rows_per_page : (page + 1) * self.rows_per_page]
            ops = self._header(order, page + 1, count)
            ops += self._table(order, chunk, page * self.rows_per_page, page + 1 == count)
            out.append(ops)
        return out

    # ── pieces ─────────────────────────────────────────────────────────────────────
    def _header(self, order: Order, page: int, count: int) -> list[Op]:
        lab, f, s = self.labels, self.font, self.size
        customer = order.customer
        ops: list[Op] = [Text(105, 28, self.title, s + 8, "center", f)]
        if count > 1:
            ops.append(Text(195, 28, f"{page}/{count}", s, "right", f))
        if page > 1:
            ops.append(
                Text(
                    self.left,
                    40,
                    f"{customer.name}  {lab['order_number']} {order.order_number or ''}",
                    s,
                    font=f,
                )
            )
            return ops
        ops += [
            Text(self.left, 40, f"{WHOLESALER} {lab['to']}", s + 2, font=f),
            Text(self.left, 46, f"FAX {WHOLESALER_FAX}", s - 1, font=f),
            Text(self.left, 56, f"{lab['order_date']} {order.order_date_text}", s, font=f),
            Text(self.left, 63, f"{lab['delivery_date']} {order.delivery_date_text}", s, font=f),
        ]
        if order.order_number:
            ops.append(
                Text(self.left, 70, f"{lab['order_number']} {order.order_number}", s, font=f)
            )
        x = 120.0
        ops += [
            Text(x, 40, customer.name, s + 1, font=f),
            Text(x, 46, customer.address, s - 2, font=f),
            Text(x, 51, f"{lab['tel']} {customer.tel}", s - 2, font=f),
            Text(x, 56, f"{lab['fax']} {order.fax_number}", s - 2, font=f),
            Text(x, 61, f"{lab['person']} {customer.person}", s - 2, font=f),
        ]
        if order.ship_to:
            ops.append(Text(x, 68, f"{lab['ship_to']} {order.ship_to}", s - 2, font=f))
        return ops

    def _table(self, order: Order, chunk: list[WrittenLine], first: int, last: bool) -> list[Op]:
        cols = self.built_columns()
        width = sum(c.width for c in cols)
        top, h, f, s = 80.0, self.row_height, self.font, self.size
        rows = self.rows_per_page if self.fill_blank_rows and self.ruled == "grid" else len(chunk)
        ops: list[Op] = []
        xs = [self.left]
        for col in cols:
            xs.append(xs[-1] + col.width)
        for col, x0, x1 in zip(cols, xs, xs[1:], strict=False):
            ops.append(self._cell(col.header, x0, x1, top + h - 2.5, "center"))
        for r in range(rows):
            y = top + h * (r + 2) - 2.5
            if r < len(chunk):
                line = chunk[r]
                for col, x0, x1 in zip(cols, xs, xs[1:], strict=False):
                    ops.append(self._cell(col.value(first + r + 1, line), x0, x1, y, col.align))
        bottom = top + h * (rows + 1)
        footer_y = bottom + h - 2.5
        kinds = [kind for kind, _, _ in self.columns]
        at = kinds.index("amount") if "amount" in kinds else len(kinds) - 1
        if last and self.with_total:
            total = sum(line.amount or 0 for line in order.lines)
            ops.append(Text(xs[at] - 2, footer_y, self.labels["total"], s, "right", f))
            ops.append(Text(xs[at + 1] - 1.5, footer_y, yen(total, mark=True), s, "right", f))
        elif not last:
            subtotal = sum(line.amount or 0 for line in chunk)
            if self.with_total:
                ops.append(Text(xs[at] - 2, footer_y, self.labels["subtotal"], s, "right", f))
                ops.append(
                    Text(xs[at + 1] - 1.5, footer_y, yen(subtotal, mark=True), s, "right", f)
                )
            ops.append(Text(self.left, footer_y + h, self.labels["continued"], s - 1, font=f))
        if last and order.notes:
            ops.append(
                Text(
                    self.left,
                    footer_y + h * 1.6,
                    f"{self.labels['notes']} {order.notes}",
                    s,
                    font=f,
                )
            )
        ops += self._rules(xs, top, h, rows, width)
        return [op for op in ops if not (isinstance(op, Text) and not op.text)]

    def _cell(self, text: str, x0: float, x1: float, y: float, align: str) -> Text:
        x = {"left": x0 + 1.5, "right": x1 - 1.5, "center": (x0 + x1) / 2}[align]
        # Like a spreadsheet's "shrink to fit": a long name gets smaller, never spills over.
        width = text_width_mm(text, self.size, self.font)
        size = self.size if width <= x1 - x0 - 3 else max(6.0, self.size * (x1 - x0 - 3) / width)
        return Text(x, y, text, size, align, self.font)

    def _rules(self, xs: list[float], top: float, h: float, rows: int, width: float) -> list[Op]:
        if self.ruled == "none":
            return []
        right = self.left + width
        bottom = top + h * (rows + 1)
        ops: list[Op] = []
        for r in range(rows + 2):
            y = top + h * r
            heavy = r in (0, 1, rows + 1)
            if self.ruled == "grid" or heavy:
                ops.append(Line(self.left, y, right, y, 0.45 if heavy else 0.25))
        if self.ruled == "grid":
            for x in xs:
                ops.append(Line(x, top, x, bottom, 0.3))
        return ops


LAYOUTS: dict[str, FormLayout] = {
    layout.name: layout
    for layout in (
        FormLayout(
            name="ruled",
            title="注 文 書",
            columns=(
                ("no", "No.", 10),
                ("name", "商品名", 72),
                ("qty", "数量", 16),
                ("unit", "単位", 14),
                ("price", "単価", 20),
                ("amount", "金額", 24),
                ("note", "備考", 24),
            ),
            labels={
                "to": "御中",
                "order_date": "発注日：",
                "delivery_date": "納品日：",
                "order_number": "発注番号：",
                "tel": "TEL",
                "fax": "FAX",
                "person": "担当：",
                "ship_to": "納品先：",
                "total": "合計",
                "subtotal": "小計",
                "notes": "備考：",
                "continued": "（次頁に続く）",
            },
            ruled="grid",
            rows_per_page=15,
            fill_blank_rows=True,
        ),
        FormLayout(
            name="plain",
            title="発注書",
            columns=(
                ("name", "品名", 92),
                ("qty", "数量", 18),
                ("unit", "単位", 16),
                ("note", "備考", 44),
            ),
            labels={
                "to": "様",
                "order_date": "注文日",
                "delivery_date": "お届け日",
                "order_number": "注文No.",
                "tel": "電話",
                "fax": "FAX",
                "person": "ご担当",
                "ship_to": "届け先",
                "total": "",
                "subtotal": "",
                "notes": "連絡事項",
                "continued": "次ページへ続きます",
            },
            ruled="none",
            rows_per_page=20,
            fill_blank_rows=False,
            font="mincho",
            with_total=False,
            row_height=7.5,
        ),
        FormLayout(
            name="code-first",
            title="ＦＡＸ発注書",
            columns=(
                ("code", "商品コード", 28),
                ("name", "品名", 76),
                ("case_qty", "入数", 14),
                ("qty", "数量", 16),
                ("unit", "単位", 14),
                ("amount", "金額", 32),
            ),
            labels={
                "to": "御中",
                "order_date": "発注日",
                "delivery_date": "納期",
                "order_number": "注文No.",
                "tel": "TEL:",
                "fax": "FAX:",
                "person": "発注者",
                "ship_to": "納品場所",
                "total": "合計金額",
                "subtotal": "小計",
                "notes": "備考",
                "continued": "－ 続く －",
            },
            ruled="rows",
            rows_per_page=18,
            fill_blank_rows=False,
            row_height=8.0,
        ),
        FormLayout(
            name="english",
            title="PURCHASE ORDER",
            columns=(
                ("code", "Item No.", 26),
                ("name", "Description", 80),
                ("qty", "Qty", 16),
                ("unit_en", "Unit", 14),
                ("price", "Unit Price", 22),
                ("amount", "Amount", 22),
            ),
            labels={
                "to": "(Vendor)",
                "order_date": "Order Date:",
                "delivery_date": "Delivery Date:",
                "order_number": "PO No.:",
                "tel": "Tel:",
                "fax": "Fax:",
                "person": "Attn:",
                "ship_to": "Ship To:",
                "total": "Total",
                "subtotal": "Subtotal",
                "notes": "Remarks:",
                "continued": "continued on next page",
            },
            ruled="grid",
            rows_per_page=16,
            fill_blank_rows=False,
            size=10.5,
        ),
        FormLayout(
            name="qty-with-unit",
            title="御 注 文 書",
            columns=(
                ("no", "行", 10),
                ("code", "品番", 24),
                ("name", "品目", 86),
                ("qty_unit", "注文数", 26),
                ("note", "摘要", 34),
            ),
            labels={
                "to": "御中",
                "order_date": "注文日",
                "delivery_date": "希望納品日",
                "order_number": "伝票No.",
                "tel": "TEL",
                "fax": "FAX",
                "person": "担当",
                "ship_to": "納入先",
                "total": "",
                "subtotal": "",
                "notes": "備考",
                "continued": "（裏面・次頁あり）",
            },
            ruled="grid",
            rows_per_page=20,
            fill_blank_rows=True,
            with_total=False,
            row_height=7.5,
            size=10.5,
        ),
    )
}


def _labels(**labels: str) -> dict[str, str]:
    return labels


OTHER_LAYOUTS: dict[str, FormLayout] = {
    layout.name: layout
    for layout in (
        FormLayout(
            name="dense",
            title="発 注 書",
            columns=(
                ("no", "No", 8),
                ("code", "品番", 22),
                ("name", "商品名・規格", 66),
                ("case_qty", "ケース入数", 18),
                ("qty", "発注数量", 18),
                ("unit", "単位", 12),
                ("price", "単価", 18),
                ("amount", "金額", 24),
            ),
            labels=_labels(to="御中", order_date="発注日", delivery_date="納品希望日",
                           order_number="発注番号", tel="TEL", fax="FAX", person="担当者",
                           ship_to="納品先", total="合 計", subtotal="小 計", notes="通信欄",
                           continued="次葉へ"),
            ruled="rows",
            rows_per_page=24,
            fill_blank_rows=False,
            font="mincho",
            size=9.5,
            row_height=6.8,
            left=10.0,
        ),
        FormLayout(
            name="qty-left",
            title="ご注文票",
            columns=(
                ("code", "コード", 24),
                ("qty", "数", 12),
                ("unit", "単位", 12),
                ("name", "品名", 88),
                ("price", "単価", 20),
                ("note", "備考", 24),
            ),
            labels=_labels(to="様", order_date="ご注文日", delivery_date="お届け希望日",
                           order_number="注文番号", tel="TEL", fax="FAX", person="ご担当",
                           ship_to="お届け先", total="", subtotal="", notes="備考欄",
                           continued="つづく"),
            ruled="grid",
            rows_per_page=16,
            fill_blank_rows=True,
            with_total=False,
        ),
        FormLayout(
            name="english-rate",
            title="ORDER FORM",
            columns=(
                ("no", "#", 8),
                ("name", "Item", 86),
                ("qty", "Quantity", 20),
                ("unit_en", "UOM", 14),
                ("price", "Rate", 20),
                ("amount", "Amount", 24),
            ),
            labels=_labels(to="(Supplier)", order_date="Date:", delivery_date="Deliver by:",
                           order_number="Order #", tel="Phone:", fax="Fax:", person="Contact:",
                           ship_to="Deliver to:", total="TOTAL", subtotal="Page total",
                           notes="Notes:", continued="(continued)"),
            ruled="rows",
            rows_per_page=16,
            fill_blank_rows=False,
            size=10.0,
        ),
        FormLayout(
            name="large",
            title="注文書（ＦＡＸ）",
            columns=(
                ("name", "ご注文商品", 96),
                ("qty_unit", "ご注文数", 30),
                ("note", "お届けについて", 54),
            ),
            labels=_labels(to="行", order_date="記入日", delivery_date="納品日",
                           order_number="No.", tel="電話番号", fax="ＦＡＸ番号",
                           person="ご記入者", ship_to="送り先", total="", subtotal="",
                           notes="その他ご要望", continued="２枚目へ"),
            ruled="grid",
            rows_per_page=12,
            fill_blank_rows=True,
            with_total=False,
            size=12.0,
            row_height=10.0,
        ),
    )
}
"""Forms the reader was never tuned on (`python -m samples.generator --layouts other`):
other titles and labels, quantity left of the name, dense Mincho rows, an English form
with Rate/UOM, large print. The committed samples use LAYOUTS only."""
