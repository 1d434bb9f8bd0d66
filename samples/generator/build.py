"""The document plan: which kinds, layouts and deliveries to render, and the truth beside each."""

from __future__ import annotations

import datetime as dt
import json
import random
import tempfile
from dataclasses import dataclass, replace
from email.message import Message
from pathlib import Path
from typing import Any

from samples.generator.canvas import PdfDocument, RasterPage
from samples.generator.catalog import CustomerSpec, ProductSpec
from samples.generator.fax import fax_pages, save_image_pdf, save_tiff
from samples.generator.layouts import LAYOUTS, FormLayout
from samples.generator.mail import body_mail, forward_mail, gateway_mail
from samples.generator.orders import Order, Style, make_order
from samples.generator.photo import (
    PAGE_DPI,
    fax_print,
    jpeg_bytes,
    photo_mail,
    photograph,
    random_shot,
)
from samples.generator.sheets import SHEET_LAYOUTS, sheet_mail
from samples.generator.writing import Writer

FAX_DELIVERIES = ("pdf", "tiff-g3", "tiff-g4")
CODE_MODES = ("ours", "maker", "own", "mixed")
UPSIDE_DOWN_INDEX = 10


@dataclass(frozen=True)
class Plan:
    fax_fine: int = 12
    fax_standard: int = 12
    pdf_text: int = 8
    email_body: int = 8
    email_forward: int = 6
    email_sheet: int = 8
    email_photo: int = 6


class Builder:
    def __init__(
        self,
        out: Path,
        products: list[ProductSpec],
        customers: list[CustomerSpec],
        rng: random.Random,
        layouts: list[FormLayout] | None = None,
    ) -> None:
        self.layouts = layouts or list(LAYOUTS.values())
        self.out = out
        self.products = products
        self.customers = customers
        self.rng = rng
        self.writer = Writer(products)
        self.counts: dict[str, int] = {}

    # ── orders ─────────────────────────────────────────────────────────────────────
    def order(
        self,
        layout: FormLayout | None,
        style: Style,
        two_pages: bool = False,
        day: dt.date | None = None,
    ) -> Order:
        customer = self.rng.choice(self.customers)
        if layout is not None and two_pages:
            lines = self.rng.randint(layout.rows_per_page + 1, layout.rows_per_page + 8)
        else:
            lines = self.rng.randint(2, 13 if layout is None else min(13, layout.rows_per_page))
        has_code = layout is not None and any(kind == "code" for kind, _, _ in layout.columns)
        style = replace(style, code_column=self.rng.choice(CODE_MODES) if has_code else "none")
        if layout is not None and layout.name.startswith("english"):
            style = replace(style, date_styles=("slash", "iso"))
        return make_order(customer, self.products, self.writer, self.rng, lines, style, day)

    # ── output ─────────────────────────────────────────────────────────────────────
    def _name(self, kind: str) -> Path:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        folder = self.out / kind
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{kind}-{self.counts[kind]:03d}"

    def _truth(self, stem: Path, kind: str, orders: list[Order], extra: dict[str, Any]) -> None:
        if len(orders) == 1:
            truth = {"kind": kind, **orders[0].truth()}
        else:
            truth = {"kind": kind, "orders": [order.truth() for order in orders]}
        truth["generator"] = extra
        stem.with_name(stem.name + ".truth.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )

    def _fax_bytes(
        self,
        order: Order,
        layout: FormLayout,
        resolution: str,
        delivery: str,
        upside_down: bool = False,
    ) -> tuple[bytes, str, int]:
        pages = layout.pages(order)
        name = order.customer.name
        if self.rng.random() < 0.4:
            name = name.replace("株式会社", "(株)").replace("有限会社", "(有)")
        header = (
            self.rng.randrange(3),
            order.sent_at,
            order.fax_number,
            name,
            self.rng.randrange(1, 9999),
        )
        images = fax_pages(pages, resolution, self.rng, header, upside_down)
        suffix = ".pdf" if delivery == "pdf" else ".tif"
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"fax{suffix}"
            if delivery == "pdf":
                save_image_pdf(images, path, resolution, order.sent_at)
            else:
                save_tiff(images, path, resolution, "group3" if delivery == "tiff-g3" else "group4")
            return path.read_bytes(), suffix, len(pages)

    def fax(self, kind: str, resolution: str, index: int) -> None:
        layout = self.layouts[index % len(self.layouts)]
        delivery = FAX_DELIVERIES[index % len(FAX_DELIVERIES)]
        order = self.order(layout, Style(sloppiness=0.6), two_pages=index % 4 == 3)
        # One sheet per kind goes through the feeder upside down.
        upside_down = index == UPSIDE_DOWN_INDEX
        data, suffix, pages = self._fax_bytes(order, layout, resolution, delivery, upside_down)
        stem = self._name(kind)
        stem.with_suffix(suffix).write_bytes(data)
        extra = {"layout": layout.name, "delivery": delivery, "pages": pages}
        self._truth(stem, kind, [order], extra | ({"upside_down": True} if upside_down else {}))

    def pdf_text(self, index: int) -> None:
        layout = self.layouts[index % len(self.layouts)]
        style = Style(sloppiness=0.5, date_styles=("kanji", "reiwa", "r-dots", "slash", "iso"))
        order = self.order(layout, style, two_pages=index % 4 == 2)
        stem = self._name("pdf-text")
        doc = PdfDocument(stem.with_suffix(".pdf"), f"注文書 {order.customer.name}")
        pages = layout.pages(order)
        for ops in pages:
            doc.add_page(ops)
        doc.save()
        self._truth(stem, "pdf-text", [order], {"layout": layout.name, "pages": len(pages)})

    def email_body(self, index: int) -> None:
        charset = "iso-2022-jp" if index % 2 == 0 else "utf-8"
        order = self.order(None, Style(sloppiness=0.75, fullwidth_share=0.2, with_prices=False))
        order.order_date_written = self.rng.random() < 0.5
        relative = self.rng.random() < 0.25
        if relative:
            days = self.rng.choice((1, 2))
            order.delivery_date = order.order_date + dt.timedelta(days=days)
            order.delivery_date_text = {1: "明日", 2: "明後日"}[days]
        stem = self._name("email-body")
        stem.with_suffix(".eml").write_bytes(body_mail(order, self.rng, charset, html=index == 5))
        self._truth(
            stem, "email-body", [order], {"charset": charset, "relative_delivery": relative}
        )

    def email_forward(self, index: int) -> None:
        count = 2 if index == 3 else 1
        orders: list[Order] = []
        inner: list[Message] = []
        for n in range(count):
            layout = self.layouts[(index + n) % len(self.layouts)]
            resolution = ("fine", "standard")[(index + n) % 2]
            delivery = FAX_DELIVERIES[(index + n) % len(FAX_DELIVERIES)]
            # Faxes forwarded together arrived the same day.
            day = orders[0].order_date if orders else None
            order = self.order(layout, Style(sloppiness=0.6), day=day)
            data, suffix, pages = self._fax_bytes(order, layout, resolution, delivery)
            filename = f"{order.sent_at:%Y%m%d%H%M%S}_{order.fax_number.replace('-', '')}{suffix}"
            inner.append(gateway_mail(order, data, filename, pages, self.rng))
            orders.append(order)
        stem = self._name("email-forward")
        stem.with_suffix(".eml").write_bytes(forward_mail(inner, orders[-1].sent_at, self.rng))
        self._truth(stem, "email-forward", orders, {"faxes": count})

    def email_sheet(self, index: int) -> None:
        layout = SHEET_LAYOUTS[index % len(SHEET_LAYOUTS)]
        file_format = {3: "csv", 6: "csv", 5: "xls"}.get(index, "xlsx")
        customer = self.rng.choice(self.customers)
        code_column = "none" if layout == "jp-no-codes" else self.rng.choice(CODE_MODES)
        typed_dates = layout in ("jp-codes", "jp-no-codes")
        style = Style(sloppiness=0.5, code_column=code_column,
                      date_styles=Style().date_styles if typed_dates else ("slash",))
        # An ordering system's export may hold two orders of one day (two delivery dates).
        count = 2 if layout == "flat-export" and index % 8 == 3 else 1
        orders: list[Order] = []
        for _ in range(count):
            day = orders[0].order_date if orders else None
            orders.append(make_order(customer, self.products, self.writer, self.rng,
                                     self.rng.randint(2, 15), style, day))
        stem = self._name("email-sheet")
        data = sheet_mail(orders, layout, file_format, self.rng, hidden_prices=index % 4 == 1)
        stem.with_suffix(".eml").write_bytes(data)
        self._truth(stem, "email-sheet", orders, {"layout": layout, "format": file_format,
                                                   "orders": count})

    def email_photo(self, index: int) -> None:
        layout = self.layouts[index % len(self.layouts)]
        order = self.order(layout, Style(sloppiness=0.6))
        # Every third photo is of a fax the customer received and printed (a form sent to
        # them to fill in, or an order they pass on): fax pixels, header line and all.
        faxed = index % 3 == 2
        shots, photos = [], []
        for ops in layout.pages(order):
            shot = random_shot(self.rng, index)
            if faxed:
                header = (self.rng.randrange(3), order.sent_at, order.fax_number,
                          order.customer.name, self.rng.randrange(1, 9999))
                page = fax_print(fax_pages([ops], "fine", self.rng, header)[0], PAGE_DPI)
            else:
                page = RasterPage(PAGE_DPI).render(ops)
            photos.append(jpeg_bytes(photograph(page, shot, self.rng), shot, order.sent_at))
            shots.append(shot.describe() | ({"faxed": True} if faxed else {}))
        stem = self._name("email-photo")
        stem.with_suffix(".eml").write_bytes(photo_mail(order, photos, self.rng))
        self._truth(stem, "email-photo", [order], {"layout": layout.name, "photos": shots})

    def build(self, plan: Plan) -> dict[str, int]:
        for i in range(plan.fax_fine):
            self.fax("fax-fine", "fine", i)
        for i in range(plan.fax_standard):
            self.fax("fax-standard", "standard", i)
        for i in range(plan.pdf_text):
            self.pdf_text(i)
        for i in range(plan.email_body):
            self.email_body(i)
        for i in range(plan.email_forward):
            self.email_forward(i)
        for i in range(plan.email_sheet):  # last: the other kinds' documents stay as they were
            self.email_sheet(i)
        for i in range(plan.email_photo):  # after email_sheet, for the same reason
            self.email_photo(i)
        return dict(self.counts)
