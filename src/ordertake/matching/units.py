"""Ordered unit and pack reconciliation, and the price check (pure).

What the customer wrote stays as written (2 ケース stays 2 ケース); the conversion to the
product's selling unit goes beside it (48 本 when a case holds 24 and the master sells bottles).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ordertake.domain import Product
from ordertake.units import canonical_unit

CASE = "ケース"
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
    if abs(written - expected) / expected <= PRICE_TOLERANCE:
        return []
    source = "得意先別単価" if agreed is not None else "マスタ単価"
    return [f"単価 {written:,.0f}円 が{source} {expected:,.0f}円 と異なります"]
