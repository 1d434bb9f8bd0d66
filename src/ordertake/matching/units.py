"""Ordered unit and pack reconciliation, and the price check (pure).

What the customer wrote stays as written (2 ケース stays 2 ケース); the conversion to the
product's selling unit goes beside it (48 本 when a case holds 24 and the master sells bottles).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ordertake.domain import Product
from ordertake.parse.numbers import near_reading, whole_quotient
from ordertake.units import MEASURED, canonical_unit

CASE = "ケース"
LOOSE = "バラ"
"""Pieces out of a case: the product's own unit, unless it is sold by the case."""
PRICE_TOLERANCE = 0.005
"""Relative difference below which a written price counts as the master's (rounding)."""


@dataclass
class Reconciled:
    unit: str | None
    base_quantity: float | None
    base_unit: str | None
    warnings: list[str] = field(default_factory=list)


def _whole(value: float) -> float:
    return float(round(value)) if abs(value - round(value)) < 1e-9 else round(value, 3)


def reconcile_units(
    quantity: float | None, written_unit: str | None, product: Product
) -> Reconciled:
    """The ordered quantity converted to the product's unit, with a warning when it cannot be."""
    unit = canonical_unit(written_unit) if written_unit else None
    if written_unit and unit is None:
        unit = written_unit
    if quantity is None:
        return Reconciled(unit, None, product.unit)
    reconciled = _reconcile(quantity, unit, product)
    if (unit or product.unit) not in MEASURED and abs(quantity - round(quantity)) > 1e-9:
        # Nobody orders 4.8 bags: a speck read as a decimal point (48), or a lost digit.
        reconciled.warnings.insert(
            0, f"数量 {quantity:g}{unit or product.unit} は端数です: 数量を確認してください")
    return reconciled


def _reconcile(quantity: float, unit: str | None, product: Product) -> Reconciled:
    if unit == LOOSE and product.unit != CASE:
        unit = product.unit  # pieces of a product sold by the piece
    if unit is None or unit == product.unit:
        return Reconciled(unit or product.unit, _whole(quantity), product.unit)
    if unit == CASE and product.case_qty:
        return Reconciled(unit, _whole(quantity * product.case_qty), product.unit)
    if product.unit == CASE and product.case_qty:
        cases = quantity / product.case_qty
        warnings = []
        if abs(cases - round(cases)) > 1e-9:
            warnings.append(
                f"{quantity:g}{unit} はケース({product.case_qty}入)の端数です:"
                " ケース単位か確認してください"
            )
        return Reconciled(unit, _whole(cases), product.unit, warnings)
    return Reconciled(
        unit,
        None,
        product.unit,
        [f"単位「{unit}」を商品の単位「{product.unit}」に換算できません（入数を確認してください）"],
    )


def sold_in(product: Product, unit: str) -> bool:
    """Whether a quantity written in `unit` (canonical) fits this product: its own unit, a case
    of it, or a case product counted in pieces (what `reconcile_units` converts without doubt)."""
    return unit in (product.unit, CASE) or product.unit == CASE and bool(product.case_qty)


def expected_price(product: Product, unit: str | None, agreed: float | None) -> float | None:
    """The unit price we expect for `unit`: the customer's agreed price, else the master's."""
    price = agreed if agreed is not None else product.price
    if price is None:
        return None
    if unit and unit == CASE and product.unit != CASE and product.case_qty:
        return price * product.case_qty
    if unit and product.unit == CASE and unit != CASE and product.case_qty:
        return price / product.case_qty
    return price


def check_price(
    written: float | None, product: Product, unit: str | None, agreed: float | None
) -> list[str]:
    """A warning when the written unit price differs from the expected one (never overwritten)."""
    expected = expected_price(product, unit, agreed)
    if written is None or expected is None or expected == 0:
        return []
    # Cases are often priced by the piece on the form (2ケース @733 = 24本 × 733).
    piece = expected_price(product, None, agreed)
    if any(abs(written - price) / price <= PRICE_TOLERANCE
           for price in (expected, piece) if price):
        return []
    source = "得意先別単価" if agreed is not None else "マスタ単価"
    return [f"単価 {written:,.0f}円 が{source} {expected:,.0f}円 と異なります"]


def _agrees(quantity: float, price: float, amount: float) -> bool:
    return abs(quantity * price - amount) <= max(1.0, 0.005 * amount)


def quantity_from_amount(
    quantity: float | None, written_price: float | None, amount: float | None,
    expected: list[float],
) -> float | None:
    """The quantity an amount implies at an expected unit price, when the quantity read fits
    the amount at none of them and OCR could have misread exactly one implied quantity so
    (10 read as 19).

    For faxes whose unit price is missing or garbled: parse can only check the amount against
    a price written beside it; the product's price tells what was meant. `expected` holds the
    price for the written unit, or for each unit the product sells in when none was readable.
    """
    if quantity is None or amount is None:
        return None
    if written_price is not None and _agrees(quantity, written_price, amount):
        return None
    prices = [p for p in expected if p > 0]
    if any(_agrees(quantity, price, amount) for price in prices):
        return None
    implied = {whole_quotient(amount, price) for price in prices}
    near = [v for v in implied if v is not None and near_reading(quantity, v)]
    return near[0] if len(near) == 1 else None
