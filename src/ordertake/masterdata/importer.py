"""Upsert validated master data into the database by code, in one transaction per file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from ordertake.contact_keys import email_key, phone_key
from ordertake.db.models import CustomerContactRow, CustomerRow, ProductRow, utcnow
from ordertake.domain import Customer, Product

_CHUNK = 5000
T = TypeVar("T")


@dataclass(frozen=True)
class ImportSummary:
    inserted: int
    updated: int
    rejected: int


def _existing_ids(session: Session, table: type[ProductRow] | type[CustomerRow]) -> dict[str, int]:
    return {code: id_ for code, id_ in session.execute(select(table.code, table.id))}


def _chunks(rows: list[T], size: int = _CHUNK) -> Iterator[list[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def import_products(
    session: Session, products: Sequence[Product], rejected: int = 0
) -> ImportSummary:
    """Insert new codes, update known ones. The caller owns the transaction."""
    known = _existing_ids(session, ProductRow)
    now = utcnow()
    new, changed = [], []
    for p in products:
        values = {
            "code": p.code,
            "name": p.name,
            "name_kana": p.name_kana,
            "unit": p.unit,
            "price": Decimal(str(p.price)) if p.price is not None else None,
            "case_qty": p.case_qty,
            "jan": p.jan,
            "aliases": list(p.aliases),
            "active": True,
            "updated_at": now,
        }
        if p.code in known:
            changed.append({"id": known[p.code], **values})
        else:
            new.append({**values, "created_at": now})
    for chunk in _chunks(new):
        session.execute(insert(ProductRow), chunk)
    for chunk in _chunks(changed):
        session.execute(update(ProductRow), chunk)
    return ImportSummary(len(new), len(changed), rejected)


def import_customers(
    session: Session, customers: Sequence[Customer], rejected: int = 0
) -> ImportSummary:
    """Upsert customers; their imported faxes/e-mails are replaced, learned ones are kept."""
    known = _existing_ids(session, CustomerRow)
    now = utcnow()
    new = [c for c in customers if c.code not in known]
    changed = [c for c in customers if c.code in known]
    for chunk in _chunks(
        [{"code": c.code, "name": c.name, "created_at": now, "updated_at": now} for c in new]
    ):
        session.execute(insert(CustomerRow), chunk)
    for chunk in _chunks(
        [{"id": known[c.code], "name": c.name, "updated_at": now} for c in changed]
    ):
        session.execute(update(CustomerRow), chunk)
    ids = _existing_ids(session, CustomerRow)
    for id_chunk in _chunks([known[c.code] for c in changed]):
        session.execute(
            delete(CustomerContactRow).where(
                CustomerContactRow.customer_id.in_(id_chunk),
                CustomerContactRow.learned.is_(False),
            )
        )
    learned = {
        (row.customer_id, row.kind, row.value_norm)
        for row in session.execute(
            select(
                CustomerContactRow.customer_id,
                CustomerContactRow.kind,
                CustomerContactRow.value_norm,
            ).where(CustomerContactRow.learned.is_(True))
        )
    }
    contacts = []
    for c in customers:
        cid = ids[c.code]
        seen: set[tuple[str, str]] = set()
        for kind, values, key in (("fax", c.faxes, phone_key), ("email", c.emails, email_key)):
            for value in values:
                norm = key(value)
                if (kind, norm) in seen or (cid, kind, norm) in learned:
                    continue
                seen.add((kind, norm))
                contacts.append(
                    {"customer_id": cid, "kind": kind, "value": value, "value_norm": norm}
                )
    for chunk in _chunks(contacts):
        session.execute(insert(CustomerContactRow), chunk)
    return ImportSummary(len(new), len(changed), rejected)
