"""SQLAlchemy 2.0 declarative models. The schema is created by the Alembic migrations only.

Blobs (originals, page images, export files) are stored once by sha256 in `blobs` so any worker on
any machine can read them and identical bytes never take space twice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(14, 2)
Qty = Numeric(14, 3)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Timestamped:
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=func.now()
    )


# ── master data ────────────────────────────────────────────────────────────────────────


class CustomerRow(Timestamped, Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    auto_approve: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    contacts: Mapped[list[CustomerContactRow]] = relationship(
        back_populates="customer", cascade="all, delete-orphan"
    )


class CustomerContactRow(Base):
    """A fax number or e-mail address that identifies a customer (imported or learned)."""

    __tablename__ = "customer_contacts"
    __table_args__ = (UniqueConstraint("kind", "value_norm", "customer_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # "fax" | "email"
    value: Mapped[str] = mapped_column(String(255))
    value_norm: Mapped[str] = mapped_column(String(255), index=True)
    learned: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    customer: Mapped[CustomerRow] = relationship(back_populates="contacts")


class ProductRow(Timestamped, Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    name_kana: Mapped[str] = mapped_column(String(255), default="", server_default="")
    unit: Mapped[str] = mapped_column(String(32))
    price: Mapped[Decimal | None] = mapped_column(Money)
    case_qty: Mapped[int | None] = mapped_column(Integer)
    jan: Mapped[str] = mapped_column(String(32), default="", server_default="", index=True)
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class CustomerAliasRow(Base):
    """(customer, normalised text or customer item code) → product; learned or imported."""

    __tablename__ = "customer_aliases"
    __table_args__ = (UniqueConstraint("customer_id", "text_norm"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    text_norm: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(String(255))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    learned: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )


class CustomerPriceRow(Base):
    """A price agreed with one customer, overriding the master price in the price check."""

    __tablename__ = "customer_prices"
    __table_args__ = (UniqueConstraint("customer_id", "product_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    price: Mapped[Decimal] = mapped_column(Money)


# ── intake ─────────────────────────────────────────────────────────────────────────────


class BlobRow(Base):
    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )


class MailMessageRow(Base):
    """Every message the poller saw, imported or rejected; its raw bytes are kept either way."""

    __tablename__ = "mail_messages"
    __table_args__ = (UniqueConstraint("mailbox", "folder", "uidvalidity", "uid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    mailbox: Mapped[str] = mapped_column(String(255))
    folder: Mapped[str] = mapped_column(String(255))
    uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    uid: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[str] = mapped_column(String(998), default="", index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    sender: Mapped[str] = mapped_column(String(512), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="imported")  # imported | rejected
    reason: Mapped[str] = mapped_column(Text, default="")
    moved: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )


class MailboxStateRow(Base):
    __tablename__ = "mailbox_state"
    __table_args__ = (UniqueConstraint("mailbox", "folder"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    mailbox: Mapped[str] = mapped_column(String(255))
    folder: Mapped[str] = mapped_column(String(255))
    uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)
    last_poll_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str] = mapped_column(Text, default="")


class DocumentRow(Timestamped, Base):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_status_not_before", "status", "not_before"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    ingest_key: Mapped[str] = mapped_column(String(512), unique=True)
    """Idempotency key chosen by ingest, e.g. mail:<message row>:<part> or file:<sha256>."""
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    filename: Mapped[str] = mapped_column(String(512), default="")
    content_type: Mapped[str] = mapped_column(String(128), default="")
    source: Mapped[str] = mapped_column(String(16))  # SourceKind
    mail_message_id: Mapped[int | None] = mapped_column(ForeignKey("mail_messages.id"))
    message_id: Mapped[str] = mapped_column(String(998), default="")
    sender: Mapped[str] = mapped_column(String(512), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    fax_number: Mapped[str] = mapped_column(String(64), default="")
    received_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    leased_by: Mapped[str] = mapped_column(String(128), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    error_reason: Mapped[str] = mapped_column(String(64), default="")
    pages: Mapped[list[PageRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="PageRow.number"
    )


class PageRow(Base):
    """A read page: its words with boxes (JSON [[text, x0, y0, x1, y1, conf], ...]) and image."""

    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("document_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    width: Mapped[float] = mapped_column(Numeric(10, 2))
    height: Mapped[float] = mapped_column(Numeric(10, 2))
    source: Mapped[str] = mapped_column(String(16))  # PageSource
    words: Mapped[list[Any]] = mapped_column(JSON, default=list)
    image_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    document: Mapped[DocumentRow] = relationship(back_populates="pages")


# ── orders ─────────────────────────────────────────────────────────────────────────────


class OrderRow(Timestamped, Base):
    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("document_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    """Index of this order within its document (an e-mail may carry several faxes)."""
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    customer_confidence: Mapped[float] = mapped_column(Numeric(5, 4), default=0)
    customer_reason: Mapped[str] = mapped_column(Text, default="")
    suggested_customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    customer_name_read: Mapped[str] = mapped_column(String(255), default="")
    order_number: Mapped[str] = mapped_column(String(128), default="", index=True)
    order_date: Mapped[dt.date | None]
    delivery_date: Mapped[dt.date | None]
    ship_to: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[float] = mapped_column(Numeric(5, 4), default=0)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    duplicate_confirmed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    """A clerk confirmed this possible duplicate is a separate order; only then is it exported."""
    auto_approved: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    rejected_reason: Mapped[str] = mapped_column(Text, default="")
    export_batch_id: Mapped[int | None] = mapped_column(ForeignKey("export_batches.id"))
    lines: Mapped[list[OrderLineRow]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLineRow.line_no"
    )
    customer: Mapped[CustomerRow | None] = relationship(foreign_keys=[customer_id])
    document: Mapped[DocumentRow] = relationship()


class OrderLineRow(Base):
    __tablename__ = "order_lines"
    __table_args__ = (UniqueConstraint("order_id", "line_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    code_read: Mapped[str] = mapped_column(String(128), default="")
    quantity: Mapped[Decimal | None] = mapped_column(Qty)
    unit: Mapped[str] = mapped_column(String(32), default="")
    unit_price: Mapped[Decimal | None] = mapped_column(Money)
    amount: Mapped[Decimal | None] = mapped_column(Money)
    base_quantity: Mapped[Decimal | None] = mapped_column(Qty)
    base_unit: Mapped[str] = mapped_column(String(32), default="")
    confidence: Mapped[float] = mapped_column(Numeric(5, 4), default=0)
    suggested_product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    """The matcher's top candidate, kept to learn when the clerk picks another."""
    candidates: Mapped[list[Any]] = mapped_column(JSON, default=list)
    box: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    order: Mapped[OrderRow] = relationship(back_populates="lines")
    product: Mapped[ProductRow | None] = relationship(foreign_keys=[product_id])


# ── people and history ─────────────────────────────────────────────────────────────────


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    role: Mapped[str] = mapped_column(String(16))  # Role
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )


class ApiTokenRow(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )


class LoginThrottleRow(Base):
    """Recent failed sign-ins for one user name or one client address (login throttling)."""

    __tablename__ = "login_throttles"
    __table_args__ = (UniqueConstraint("kind", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # "name" | "client"
    key: Mapped[str] = mapped_column(String(255))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEventRow(Base):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ExportBatchRow(Base):
    __tablename__ = "export_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    profile: Mapped[str] = mapped_column(String(64))
    encoding: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    order_count: Mapped[int] = mapped_column(Integer)
    line_count: Mapped[int] = mapped_column(Integer)


class ConfirmationRow(Base):
    """An order confirmation (注文請書) produced, and where it was sent."""

    __tablename__ = "confirmations"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    sent_to: Mapped[str] = mapped_column(String(512), default="")
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
