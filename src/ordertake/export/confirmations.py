"""注文請書 for an approved order: built from the database, stored, sent by SMTP, recorded."""

from __future__ import annotations

import datetime as dt
import smtplib
import ssl
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr

from sqlalchemy import select
from sqlalchemy.orm import Session

from ordertake.config import Settings
from ordertake.db.models import (
    AuditEventRow,
    ConfirmationRow,
    CustomerContactRow,
    OrderRow,
    utcnow,
)
from ordertake.domain import OrderStatus
from ordertake.errors import ConfigError, ExportError, InputError
from ordertake.export.confirmation_pdf import (
    ConfirmationData,
    ConfirmationLine,
    render_confirmation_pdf,
)
from ordertake.ingest.blobs import put_blob

CONFIRMABLE = (OrderStatus.APPROVED.value, OrderStatus.EXPORTED.value)
SmtpFactory = Callable[..., smtplib.SMTP]
SENT, FAILED = "send_confirmation", "send_confirmation_failed"


class ConfirmationNotSent(ExportError):
    """The SMTP server refused or could not be reached. The attempt is recorded in the caller's
    transaction (audit event with the error): commit it, then the clerk can retry."""


def confirmation_filename(order: OrderRow) -> str:
    return f"注文請書-{order.order_number or order.id}.pdf".replace("/", "-")


def confirmation_data(order: OrderRow, settings: Settings, today: dt.date) -> ConfirmationData:
    customer = order.customer
    lines = []
    for ln in order.lines:
        amount = ln.amount
        if amount is None and ln.quantity is not None and ln.unit_price is not None:
            amount = ln.quantity * ln.unit_price
        lines.append(
            ConfirmationLine(
                line_no=ln.line_no,
                product_code=ln.product.code if ln.product else ln.code_read,
                product_name=ln.product.name if ln.product else ln.description,
                quantity=ln.quantity,
                unit=ln.unit,
                unit_price=ln.unit_price,
                amount=amount,
            )
        )
    return ConfirmationData(
        order_id=order.id,
        customer_name=customer.name if customer else order.customer_name_read,
        customer_code=customer.code if customer else "",
        order_number=order.order_number,
        order_date=order.order_date,
        delivery_date=order.delivery_date,
        issued_on=today,
        issuer=settings.company_name,
        lines=tuple(lines),
        notes=order.notes,
    )


def _confirmable(session: Session, order_id: int) -> OrderRow:
    order = session.get(OrderRow, order_id)
    if order is None:
        raise InputError(f"there is no order {order_id}")
    if order.status not in CONFIRMABLE:
        raise InputError(
            f"order {order_id} is {order.status}; only approved orders get a confirmation",
            hint="approve it first",
        )
    return order


def create_confirmation(
    session: Session, order_id: int, settings: Settings, user_id: int | None = None
) -> tuple[ConfirmationRow, bytes]:
    """Render the PDF, store it and record it (not sent yet) in the caller's transaction."""
    order = _confirmable(session, order_id)
    pdf = render_confirmation_pdf(confirmation_data(order, settings, dt.date.today()))
    row = ConfirmationRow(order_id=order.id, sha256=put_blob(session, pdf), created_by_id=user_id)
    session.add(row)
    session.flush()
    return row, pdf


def recipient_of(session: Session, order: OrderRow) -> str:
    """The address the order came from, else the customer's first known e-mail address."""
    _, sender = parseaddr(order.document.sender or "")
    if "@" in sender:
        return sender
    if order.customer_id is not None:
        contact = session.scalar(
            select(CustomerContactRow.value)
            .where(CustomerContactRow.customer_id == order.customer_id)
            .where(CustomerContactRow.kind == "email")
            .order_by(CustomerContactRow.learned, CustomerContactRow.id)
        )
        if contact:
            return contact
    raise InputError(
        f"order {order.id} did not come by e-mail and its customer has no e-mail address",
        hint="download the 注文請書 and fax it, or add an e-mail address to the customer",
    )


def send_confirmation(
    session: Session,
    order_id: int,
    settings: Settings,
    user_id: int | None = None,
    *,
    to: str | None = None,
    smtp_factory: SmtpFactory = smtplib.SMTP,
) -> ConfirmationRow:
    """Create the 注文請書, mail it to the order's sender and record where and when it went."""
    if not settings.smtp_host or not settings.smtp_from:
        raise ConfigError(
            "sending confirmations needs an SMTP server",
            hint="set ORDERTAKE_SMTP_HOST and ORDERTAKE_SMTP_FROM (and SMTP_PORT/USER/PASSWORD)",
        )
    order = _confirmable(session, order_id)
    address = to or recipient_of(session, order)
    row, pdf = create_confirmation(session, order_id, settings, user_id)
    message = _message(order, settings, address, pdf)
    try:
        _deliver(message, settings, smtp_factory)
    except (smtplib.SMTPException, OSError) as exc:
        error = _describe(exc)
        session.add(AuditEventRow(
            user_id=user_id, action=FAILED, entity="order", entity_id=order.id,
            details={"to": address, "confirmation_id": row.id, "error": error},
        ))  # fmt: skip
        session.flush()
        raise ConfirmationNotSent(
            f"the confirmation for order {order_id} could not be sent to {address}: {error}",
            hint=f"check the SMTP server {settings.smtp_host}:{settings.smtp_port}; send again",
        ) from exc
    row.sent_to = address
    row.sent_at = utcnow()
    session.add(
        AuditEventRow(
            user_id=user_id,
            action=SENT,
            entity="order",
            entity_id=order.id,
            details={"to": address, "confirmation_id": row.id, "sha256": row.sha256},
        )
    )
    session.flush()
    return row


def _describe(exc: BaseException) -> str:
    """The server's own words for a refusal, else the network error (never credentials)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{to}: {code} {_text(msg)}" for to, (code, msg) in exc.recipients.items())
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return f"{type(exc).__name__}: {exc}"[:500]


def _text(value: bytes | str) -> str:
    return (value.decode("utf-8", "replace") if isinstance(value, bytes) else value)[:300]


def send_history(session: Session, order_id: int) -> list[dict[str, object]]:
    """Every attempt to mail this order's 注文請書, newest first (for the order screen)."""
    events = session.scalars(
        select(AuditEventRow)
        .where(AuditEventRow.entity == "order", AuditEventRow.entity_id == order_id)
        .where(AuditEventRow.action.in_((SENT, FAILED)))
        .order_by(AuditEventRow.id.desc())
    ).all()
    return [
        {"at": e.at.isoformat(), "ok": e.action == SENT, "to": (e.details or {}).get("to", ""),
         "error": (e.details or {}).get("error", "")}
        for e in events
    ]  # fmt: skip


def _message(order: OrderRow, settings: Settings, address: str, pdf: bytes) -> EmailMessage:
    message = EmailMessage()
    label = order.order_number or f"#{order.id}"
    message["Subject"] = f"注文請書 (ご注文番号 {label})"
    message["From"] = formataddr((settings.company_name, settings.smtp_from))
    message["To"] = address
    message["Message-ID"] = make_msgid(domain=settings.smtp_from.rpartition("@")[2] or None)
    customer = order.customer.name if order.customer else order.customer_name_read
    message.set_content(
        f"{customer} 御中\n\nいつもお引き立ていただきありがとうございます。\n"
        f"ご注文番号 {label} のご注文をお請けいたしました。\n"
        "注文請書を添付いたしますのでご確認ください。\n\n"
        f"{settings.company_name}\n"
    )
    message.add_attachment(
        pdf, maintype="application", subtype="pdf", filename=confirmation_filename(order)
    )
    return message


def _deliver(message: EmailMessage, settings: Settings, smtp_factory: SmtpFactory) -> None:
    if settings.smtp_port == 465:
        smtp_factory = smtplib.SMTP_SSL
    with smtp_factory(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        smtp.ehlo()
        if not isinstance(smtp, smtplib.SMTP_SSL) and smtp.has_extn("starttls"):
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(message)
