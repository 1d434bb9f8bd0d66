"""Master data for matching as plain values, loaded from CSVs or the database (I/O edge)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ordertake.db.models import (
    CustomerAliasRow,
    CustomerContactRow,
    CustomerPriceRow,
    CustomerRow,
    OrderLineRow,
    OrderRow,
    ProductRow,
)
from ordertake.domain import Customer, CustomerAlias, OrderStatus, Product


@dataclass
class Catalog:
    products: list[Product] = field(default_factory=list)
    customers: list[Customer] = field(default_factory=list)
    customer_aliases: list[CustomerAlias] = field(default_factory=list)
    history: dict[str, dict[str, int]] = field(default_factory=dict)
    """Customer code → product code → how many approved lines ordered it."""
    customer_prices: dict[str, dict[str, float]] = field(default_factory=dict)
    """Customer code → product code → agreed unit price."""
    load_warnings: list[str] = field(default_factory=list)
    """Rows of the master that could not be used (shown, never silently dropped)."""


def load_catalog_csv(products_csv: Path | None, customers_csv: Path | None) -> Catalog:
    """Products and customers from master-data CSVs (DESIGN.md format); bad rows become warnings."""
    from ordertake.masterdata import read_customers_csv, read_products_csv

    catalog = Catalog()
    if products_csv is not None:
        result = read_products_csv(Path(products_csv))
        catalog.products = list(result.rows)
        catalog.load_warnings += [f"{products_csv}: {err}" for err in result.errors]
    if customers_csv is not None:
        cresult = read_customers_csv(Path(customers_csv))
        catalog.customers = list(cresult.rows)
        catalog.load_warnings += [f"{customers_csv}: {err}" for err in cresult.errors]
    return catalog


def _products(session: Session) -> list[Product]:
    rows = session.execute(select(ProductRow).where(ProductRow.active.is_(True))).scalars()
    return [
        Product(
            code=r.code,
            name=r.name,
            unit=r.unit,
            price=float(r.price) if r.price is not None else None,
            name_kana=r.name_kana or "",
            case_qty=r.case_qty,
            aliases=tuple(str(a) for a in (r.aliases or [])),
            jan=r.jan or "",
        )
        for r in rows
    ]


def _customers(session: Session) -> list[Customer]:
    contacts: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"fax": [], "email": []})
    for c in session.execute(select(CustomerContactRow)).scalars():
        contacts[c.customer_id].setdefault(c.kind, []).append(c.value)
    return [
        Customer(
            code=r.code,
            name=r.name,
            faxes=tuple(contacts[r.id]["fax"]),
            emails=tuple(contacts[r.id]["email"]),
        )
        for r in session.execute(select(CustomerRow)).scalars()
    ]


def load_catalog_db(session: Session) -> Catalog:
    """Everything the matcher needs from the database, including learned aliases and history."""
    catalog = Catalog(products=_products(session), customers=_customers(session))
    aliases = session.execute(
        select(
            CustomerRow.code, CustomerAliasRow.text_norm, ProductRow.code, CustomerAliasRow.learned
        )
        .join(CustomerRow, CustomerRow.id == CustomerAliasRow.customer_id)
        .join(ProductRow, ProductRow.id == CustomerAliasRow.product_id)
    )
    catalog.customer_aliases = [
        CustomerAlias(customer_code=c, text=t, product_code=p, learned=bool(learned))
        for c, t, p, learned in aliases
    ]
    prices = session.execute(
        select(CustomerRow.code, ProductRow.code, CustomerPriceRow.price)
        .join(CustomerRow, CustomerRow.id == CustomerPriceRow.customer_id)
        .join(ProductRow, ProductRow.id == CustomerPriceRow.product_id)
    )
    for customer, product, price in prices:
        catalog.customer_prices.setdefault(customer, {})[product] = float(price)
    done = (OrderStatus.APPROVED.value, OrderStatus.EXPORTED.value)
    history = session.execute(
        select(CustomerRow.code, ProductRow.code, func.count(OrderLineRow.id))
        .join(OrderRow, OrderRow.id == OrderLineRow.order_id)
        .join(CustomerRow, CustomerRow.id == OrderRow.customer_id)
        .join(ProductRow, ProductRow.id == OrderLineRow.product_id)
        .where(OrderRow.status.in_(done))
        .group_by(CustomerRow.code, ProductRow.code)
    )
    for customer, product, count in history:
        catalog.history.setdefault(customer, {})[product] = int(count)
    return catalog
