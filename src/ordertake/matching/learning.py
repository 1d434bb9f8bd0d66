"""Learning from approvals (DB edge): a clerk's corrections become customer aliases and contacts.

A line approved with another product than the matcher's top candidate stores
(customer, normalised description) → product; the next order with the same text from the same
customer then matches on tier (b) at full confidence. A corrected customer learns the document's
sender fax number or e-mail address. Admins list and remove what was learned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ordertake.contact_keys import email_key, phone_key
from ordertake.db.models import (
    CustomerAliasRow,
    CustomerContactRow,
    CustomerRow,
    OrderRow,
    ProductRow,
)
from ordertake.errors import InputError
from ordertake.matching.normalize import normalize

MAX_ALIAS = 255


def _learn_line_alias(
    session: Session, customer_id: int, text: str, product_id: int, user_id: int | None
) -> bool:
    key = normalize(text)[:MAX_ALIAS]
    if not key:
        return False
    row = session.execute(
        select(CustomerAliasRow).where(
            CustomerAliasRow.customer_id == customer_id, CustomerAliasRow.text_norm == key
        )
    ).scalar_one_or_none()
    if row is None:
        session.add(
            CustomerAliasRow(
                customer_id=customer_id,
                text_norm=key,
                text=text[:MAX_ALIAS],
                product_id=product_id,
                learned=True,
                created_by_id=user_id,
            )
        )
        return True
    if row.product_id != product_id:
        row.product_id, row.learned, row.created_by_id = product_id, True, user_id
        return True
    return False


def _learn_contact(session: Session, customer_id: int, kind: str, value: str) -> bool:
    key = phone_key(value) if kind == "fax" else email_key(value)
    if not key:
        return False
    exists = session.execute(
        select(CustomerContactRow.id).where(
            CustomerContactRow.customer_id == customer_id,
            CustomerContactRow.kind == kind,
            CustomerContactRow.value_norm == key,
        )
    ).first()
    if exists:
        return False
    session.add(
        CustomerContactRow(
            customer_id=customer_id, kind=kind, value=value[:255], value_norm=key, learned=True
        )
    )
    return True


_NUMBER = re.compile(r"\+?\d[\d\-() ]{7,}\d")


def _header_numbers(order_row: OrderRow) -> list[str]:
    """The sender's number printed in the fax header line (never the form's FAX field, which
    is sometimes our own number read from the addressee block)."""
    header = (order_row.evidence or {}).get("fax_header") or {}
    text = header.get("text", "") if isinstance(header, dict) else ""
    return [n for n in _NUMBER.findall(text) if phone_key(n)][:1]


def record_approval(session: Session, order_row: OrderRow, user_id: int | None) -> list[str]:
    """Remember what the clerk corrected in an approved order; messages say what was learned."""
    messages: list[str] = []
    customer_id = order_row.customer_id
    if customer_id is None:
        return messages
    customer = session.get(CustomerRow, customer_id)
    if customer is None:
        return messages
    for line in order_row.lines:
        if line.product_id is None or line.product_id == line.suggested_product_id:
            continue
        text = line.description or line.code_read
        if text and _learn_line_alias(session, customer_id, text, line.product_id, user_id):
            product = session.get(ProductRow, line.product_id)
            code = product.code if product else str(line.product_id)
            messages.append(f"「{text}」→ {code} を{customer.name}の表記として記憶しました")
    if order_row.suggested_customer_id != customer_id:
        document = order_row.document
        for fax in dict.fromkeys(
            [getattr(document, "fax_number", ""), *_header_numbers(order_row)]
        ):
            if fax and _learn_contact(session, customer_id, "fax", fax):
                messages.append(f"FAX {fax} を {customer.name} の番号として記憶しました")
        sender = getattr(document, "sender", "")
        if sender and "@" in sender and _learn_contact(session, customer_id, "email", sender):
            messages.append(f"{email_key(sender)} を {customer.name} のアドレスとして記憶しました")
    session.flush()
    return messages


@dataclass(frozen=True)
class LearnedEntry:
    id: int
    kind: str
    """"alias" (text → product), "fax" or "email" (contact → customer)."""
    customer_code: str
    customer_name: str
    text: str
    target: str
    """The product code for an alias; the customer code for a contact."""


def list_learned(session: Session) -> list[LearnedEntry]:
    """Every learned alias and contact, newest aliases first; ids are 'a<id>' / 'c<id>' keyed."""
    entries: list[LearnedEntry] = []
    aliases = session.execute(
        select(CustomerAliasRow, CustomerRow, ProductRow)
        .join(CustomerRow, CustomerRow.id == CustomerAliasRow.customer_id)
        .join(ProductRow, ProductRow.id == CustomerAliasRow.product_id)
        .where(CustomerAliasRow.learned.is_(True))
        .order_by(CustomerAliasRow.id.desc())
    )
    for alias, customer, product in aliases:
        entries.append(
            LearnedEntry(alias.id, "alias", customer.code, customer.name, alias.text, product.code)
        )
    contacts = session.execute(
        select(CustomerContactRow, CustomerRow)
        .join(CustomerRow, CustomerRow.id == CustomerContactRow.customer_id)
        .where(CustomerContactRow.learned.is_(True))
        .order_by(CustomerContactRow.id.desc())
    )
    for contact, customer in contacts:
        entries.append(
            LearnedEntry(
                contact.id, contact.kind, customer.code, customer.name, contact.value, customer.code
            )
        )
    return entries


def remove_learned(session: Session, id: int, kind: str = "alias") -> str:  # noqa: A002
    """Forget one learned entry (`kind` "alias", or "fax"/"email"/"contact" for a contact)."""
    if kind == "alias":
        model: type[CustomerAliasRow] | type[CustomerContactRow] = CustomerAliasRow
    elif kind in ("fax", "email", "contact"):
        model = CustomerContactRow
    else:
        raise InputError(f"unknown learned-entry kind {kind!r}", hint="use alias, fax or email")
    done = session.execute(delete(model).where(model.id == id, model.learned.is_(True)))
    if not done.rowcount:  # type: ignore[attr-defined]
        raise InputError(
            f"no learned {kind} entry with id {id}", hint="`ordertake learned list` shows the ids"
        )
    return f"learned {kind} {id} removed"
