"""Random orders: the truth (codes, quantities, units) and how the customer wrote each value."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from samples.generator.catalog import CustomerSpec, ProductSpec
from samples.generator.writing import (
    Writer,
    order_number,
    write_date,
    write_quantity,
    write_unit,
)

# Ships from this wholesaler; every order form is addressed to it.
WHOLESALER = "株式会社東都フードサービス"
WHOLESALER_FAX = "03-5678-9012"


@dataclass
class WrittenLine:
    product: ProductSpec
    quantity: float
    unit: str
    """Canonical unit (the truth)."""
    description: str
    code: str
    """What the customer wrote in a code column: ours, the maker's number, their own, or ''."""
    quantity_text: str
    unit_text: str
    unit_price: int | None
    note: str = ""

    @property
    def amount(self) -> int | None:
        if self.unit_price is None:
            return None
        return round(self.unit_price * self.quantity)


@dataclass
class Order:
    customer: CustomerSpec
    order_date: dt.date
    delivery_date: dt.date
    order_number: str | None
    order_date_text: str
    delivery_date_text: str
    lines: list[WrittenLine]
    sent_at: dt.datetime
    fax_number: str
    notes: str = ""
    ship_to: str = ""
    order_date_written: bool = True
    """False when the document carries no order date (e-mails then take their Date header)."""
    extras: dict[str, Any] = field(default_factory=dict)

    def truth(self) -> dict[str, Any]:
        return {
            "customer_code": self.customer.code,
            "order_number": self.order_number,
            "order_date": self.order_date.isoformat(),
            "delivery_date": self.delivery_date.isoformat(),
            "lines": [
                {
                    "product_code": line.product.code,
                    "quantity": int(line.quantity) if line.quantity.is_integer() else line.quantity,
                    "unit": line.unit,
                }
                for line in self.lines
            ],
        }


@dataclass(frozen=True)
class Style:
    """How carefully one document is written; layouts and kinds pick their own."""

    sloppiness: float = 0.6
    fullwidth_share: float = 0.15
    case_share: float = 0.25
    code_column: str = "none"
    """none | ours | maker | own | mixed"""
    date_styles: tuple[str, ...] = ("kanji", "reiwa", "r-dots", "slash", "md-weekday")
    with_prices: bool = True


def _pick_quantity(product: ProductSpec, by_case: bool, rng: random.Random) -> tuple[float, str]:
    if by_case:
        return float(rng.choice((1, 1, 2, 2, 3, 4, 5, 10))), "ケース"
    if product.unit == "kg":
        return rng.choice((0.5, 1.0, 1.5, 2.0, 3.0, 5.0)), "kg"
    return float(rng.choice((1, 2, 2, 3, 4, 5, 6, 6, 10, 12, 12, 20, 24, 30, 48))), product.unit


def _code_for(product: ProductSpec, customer: CustomerSpec, mode: str, rng: random.Random) -> str:
    if mode == "mixed":
        mode = rng.choice(("ours", "ours", "maker", "none"))
    if mode == "own" or (mode == "ours" and customer.own_codes):
        # The customer's own item code; meaningless to the wholesaler, the name carries it.
        return f"{customer.code[-2:]}{product.code[-4:]}"
    if mode == "ours":
        return product.code
    if mode == "maker":
        return product.maker_no
    return ""


def make_order(
    customer: CustomerSpec,
    products: list[ProductSpec],
    writer: Writer,
    rng: random.Random,
    line_count: int,
    style: Style,
    day: dt.date | None = None,
) -> Order:
    """One order of `line_count` distinct products, written the way `style` says."""
    drawn = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(0, 420))
    day = day or drawn  # drawn either way, so a given day leaves later documents unchanged
    delivery = day + dt.timedelta(days=rng.choice((1, 1, 2, 2, 3, 4, 5, 7)))
    chosen = rng.sample(products, line_count)
    lines = []
    for product in chosen:
        by_case = (
            product.size.case_qty > 1
            and product.unit != "ケース"
            and rng.random() < style.case_share
        )
        quantity, unit = _pick_quantity(product, by_case, rng)
        unit_price = product.price * (product.size.case_qty if unit == "ケース" else 1)
        lines.append(
            WrittenLine(
                product=product,
                quantity=quantity,
                unit=unit,
                description=writer.describe(product, rng, style.sloppiness),
                code=_code_for(product, customer, style.code_column, rng),
                quantity_text=write_quantity(quantity, rng, style.fullwidth_share),
                unit_text=write_unit(unit, rng),
                unit_price=unit_price if style.with_prices and rng.random() < 0.8 else None,
                note=rng.choice(("", "", "", "", "至急", "在庫確認", "前回同様")),
            )
        )
    order_style = rng.choice(style.date_styles)
    delivery_style = rng.choice(style.date_styles)
    sent_at = dt.datetime.combine(day, dt.time(rng.randrange(7, 19), rng.randrange(60)))
    return Order(
        customer=customer,
        order_date=day,
        delivery_date=delivery,
        order_number=order_number(customer.order_no_style, day, rng),
        order_date_text=write_date(day, order_style),
        delivery_date_text=write_date(delivery, delivery_style),
        lines=lines,
        sent_at=sent_at,
        fax_number=rng.choice(customer.faxes),
        notes=rng.choice(
            ("", "", "午前中着でお願いします", "裏口に納品願います", "請求書同封願います")
        ),
        ship_to=rng.choice(("", "", customer.address)),
    )
