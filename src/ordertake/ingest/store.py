"""Storing what arrives: originals once by sha256, one queued document per order-bearing part.

Every entry point (IMAP, hot folder, upload, CLI) ends here. Documents are idempotent by
`ingest_key`, mail by (mailbox, folder, UIDVALIDITY, UID) and, across a UIDVALIDITY change or a
copy, by Message-ID and content hash, so a re-run never queues the same order twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ordertake.db.models import AuditEventRow, DocumentRow, MailMessageRow, UserRow
from ordertake.domain import DocumentStatus, SourceKind, SourceMeta
from ordertake.errors import DocumentError
from ordertake.ingest.archive import unpack_zip
from ordertake.ingest.blobs import insert_ignoring_conflict, put_blob, sha256_hex
from ordertake.ingest.bodyorder import body_only_message, body_order_lines
from ordertake.ingest.faxmeta import fax_number as fax_from_meta
from ordertake.ingest.mime import (
    ORDER_TYPES,
    ZIP_TYPE,
    MimeLimits,
    UnpackedMail,
    safe_filename,
    unpack,
)
from ordertake.ocr.sniff import EMAIL, sniff_mime

MAX_FILE_BYTES = 40_000_000


def store_document(
    session: Session,
    data: bytes,
    meta: SourceMeta,
    ingest_key: str,
    *,
    content_type: str = "",
    mail_message_id: int | None = None,
) -> DocumentRow:
    """The queued document for `ingest_key`, created (and its blob stored) on first sight."""
    existing = session.scalar(select(DocumentRow).where(DocumentRow.ingest_key == ingest_key))
    if existing is not None:
        return existing
    digest = put_blob(session, data)
    values = {
        "ingest_key": ingest_key,
        "sha256": digest,
        "filename": safe_filename(meta.filename)[:512],
        "content_type": content_type,
        "source": str(meta.kind),
        "mail_message_id": mail_message_id,
        "message_id": meta.message_id[:998],
        "sender": meta.sender[:512],
        "subject": meta.subject,
        "fax_number": meta.fax_number[:64],
        "received_at": meta.received_at,
        "status": str(DocumentStatus.QUEUED),
        "attempts": 0,
        "leased_by": "",
        "error": "",
        "error_reason": "",
    }
    insert_ignoring_conflict(session, DocumentRow, values, ["ingest_key"])
    return session.scalars(select(DocumentRow).where(DocumentRow.ingest_key == ingest_key)).one()


def meta_from_document(row: DocumentRow) -> SourceMeta:
    """The SourceMeta a worker hands to the reading pipeline."""
    return SourceMeta(
        filename=row.filename,
        kind=SourceKind(row.source) if row.source in set(SourceKind) else SourceKind.CLI,
        sender=row.sender,
        subject=row.subject,
        fax_number=row.fax_number,
        message_id=row.message_id,
        received_at=row.received_at,
    )


# ── mail ───────────────────────────────────────────────────────────────────────────────


@dataclass
class MailIngest:
    message: MailMessageRow
    documents: list[DocumentRow] = field(default_factory=list)
    duplicate_of: MailMessageRow | None = None
    """Set when this message was already imported (seen again by UID, Message-ID or hash)."""

    @property
    def rejected(self) -> bool:
        return self.message.status == "rejected"


def _find_seen(session: Session, mailbox: str, folder: str, uidvalidity: int | None,
               uid: int | None, message_id: str, digest: str) -> MailMessageRow | None:
    if uid is not None:
        same_uid = session.scalar(select(MailMessageRow).where(
            MailMessageRow.mailbox == mailbox, MailMessageRow.folder == folder,
            MailMessageRow.uidvalidity == uidvalidity, MailMessageRow.uid == uid))
        if same_uid is not None:
            return same_uid
    conditions = [MailMessageRow.sha256 == digest]
    if message_id:
        conditions.append(MailMessageRow.message_id == message_id)
    return session.scalar(select(MailMessageRow).where(
        MailMessageRow.mailbox == mailbox, MailMessageRow.status != "duplicate",
        or_(*conditions)).order_by(MailMessageRow.id).limit(1))


def ingest_mail(
    session: Session,
    raw: bytes,
    *,
    mailbox: str = "",
    folder: str = "",
    uidvalidity: int | None = None,
    uid: int | None = None,
    kind: SourceKind = SourceKind.MAIL,
    filename: str = "",
    limits: MimeLimits | None = None,
) -> MailIngest:
    """Record one raw message and queue a document per order-bearing part.

    The raw message is kept whatever happens; a message without an order is `rejected` with
    the reason. A message seen before is recorded as `duplicate` and queues nothing.
    """
    digest = put_blob(session, raw)
    try:
        mail: UnpackedMail | None = unpack(raw, limits)
    except Exception as exc:  # noqa: BLE001 - unpack never should; keep the mail and say why
        mail = None
        unpack_error = f"message cannot be unpacked: {type(exc).__name__}: {exc}"
    message_id = mail.headers.message_id if mail else ""
    seen = _find_seen(session, mailbox, folder, uidvalidity, uid, message_id, digest)
    if seen is not None and seen.uid == uid and seen.uidvalidity == uidvalidity \
            and seen.folder == folder and uid is not None:
        return MailIngest(seen, _documents_of(session, seen), duplicate_of=seen)
    row = MailMessageRow(
        mailbox=mailbox, folder=folder, uidvalidity=uidvalidity, uid=uid,
        message_id=message_id, sha256=digest,
        sender=(mail.original.sender if mail else "")[:512],
        subject=mail.headers.subject if mail else "",
        received_at=mail.headers.date if mail else None,
        status="imported", reason="",
    )
    session.add(row)
    if seen is not None:
        row.status = "duplicate"
        row.reason = f"same message as mail #{seen.id} (Message-ID or content identical)"
        session.flush()
        return MailIngest(row, [], duplicate_of=seen)
    session.flush()
    if mail is None:
        row.status, row.reason = "rejected", unpack_error
        return MailIngest(row)
    if mail.auto_reply:
        row.status, row.reason = "rejected", mail.auto_reply
        return MailIngest(row)
    documents = _queue_mail_parts(session, raw, mail, row, kind, filename)
    if not documents:
        row.status = "rejected"
        row.reason = mail.no_order_reason()
    return MailIngest(row, documents)


def _queue_mail_parts(session: Session, raw: bytes, mail: UnpackedMail, row: MailMessageRow,
                      kind: SourceKind, filename: str) -> list[DocumentRow]:
    base = SourceMeta(
        kind=kind,
        sender=mail.original.sender or mail.headers.sender,
        subject=mail.original.subject or mail.headers.subject,
        fax_number=mail.fax_number,
        message_id=mail.headers.message_id,
        received_at=mail.original.date or mail.headers.date,
        mailbox=row.mailbox, uidvalidity=row.uidvalidity, uid=row.uid,
    )
    documents = []
    for index, part in enumerate(mail.attachments):
        meta = replace(base, filename=part.filename,
                        fax_number=part.fax_number or mail.fax_number,
                        sender=part.origin.sender or base.sender,
                        subject=part.origin.subject or base.subject)
        documents.append(store_document(session, part.data, meta, f"mail:{row.id}:{index}",
                                        content_type=part.content_type, mail_message_id=row.id))
    # The body is a document when nothing is attached, or when it orders by itself
    # (rule in ingest/bodyorder.py); beside attachments it is stored without them.
    body_is_order = mail.has_body_text and (not documents or body_order_lines(mail.body_text))
    if body_is_order:
        name = safe_filename(filename) or f"{safe_filename(mail.headers.subject) or 'mail'}.eml"
        if not name.lower().endswith(".eml"):
            name += ".eml"
        meta = replace(base, filename=name)
        data = raw if not documents else body_only_message(mail)
        documents.append(store_document(session, data, meta, f"mail:{row.id}:body",
                                        content_type="message/rfc822", mail_message_id=row.id))
    return documents


def _documents_of(session: Session, message: MailMessageRow) -> list[DocumentRow]:
    return list(session.scalars(select(DocumentRow).where(
        DocumentRow.mail_message_id == message.id).order_by(DocumentRow.id)))


# ── files (upload, hot folder, CLI) ────────────────────────────────────────────────────


def looks_like_mail(data: bytes, filename: str) -> bool:
    return filename.lower().endswith(".eml") or sniff_mime(data) == EMAIL


def ingest_file(session: Session, data: bytes, filename: str,
                kind: SourceKind = SourceKind.CLI, *, fax_number: str = "",
                max_bytes: int = MAX_FILE_BYTES) -> list[DocumentRow]:
    """Queue a file's documents: an e-mail's parts, a zip's members, or the file itself.

    Raises DocumentError (with a reason) for empty, oversized or unreadable-type files.
    """
    name = safe_filename(filename) or "document"
    if not data:
        raise DocumentError(f"{name} is empty (0 bytes)", reason="empty",
                            hint="send the file again; the copy that arrived has no content")
    if len(data) > max_bytes:
        raise DocumentError(f"{name} has {len(data)} bytes, above the {max_bytes} limit",
                            reason="too_large",
                            hint="split it, or raise ORDERTAKE_MAX_FILE_BYTES")
    if looks_like_mail(data, name):
        result = ingest_mail(session, data, kind=kind, filename=name,
                             limits=MimeLimits(max_attachment_bytes=max_bytes))
        if result.duplicate_of is not None and not result.documents:
            return _documents_of(session, result.duplicate_of)
        if result.rejected:
            raise DocumentError(f"{name}: {result.message.reason}", reason="no_order",
                                hint="attach the order as PDF, TIFF, PNG, JPEG or Excel (.xlsx)")
        return result.documents
    sniffed = sniff_mime(data)
    fax = fax_number or fax_from_meta(filename=name)
    if sniffed == ZIP_TYPE:
        members = unpack_zip(data)
        rows = []
        for member in members.members:
            member_type = sniff_mime(member.data)
            if member_type in ORDER_TYPES:
                meta = SourceMeta(filename=member.name, kind=kind,
                                  fax_number=fax or fax_from_meta(filename=member.name))
                rows.append(store_document(session, member.data, meta,
                                           f"file:{sha256_hex(member.data)}",
                                           content_type=member_type))
        if not rows:
            problems = "; ".join(members.problems) or "no PDF/TIFF/PNG/JPEG/Excel inside"
            raise DocumentError(f"{name}: nothing to read in the zip ({problems})",
                                reason="no_order",
                                hint="zip only PDF, TIFF, PNG, JPEG or Excel (.xlsx) files")
        return rows
    if sniffed not in ORDER_TYPES:
        raise DocumentError(
            f"{name} is not a PDF, TIFF, PNG, JPEG, Excel (.xlsx) or e-mail "
            f"({sniffed or 'unknown type'})",
            reason="unsupported_type", hint="save or scan the order as PDF or TIFF")
    meta = SourceMeta(filename=name, kind=kind, fax_number=fax)
    return [store_document(session, data, meta, f"file:{sha256_hex(data)}",
                           content_type=sniffed)]


def ingest_upload(session: Session, data: bytes, filename: str,
                  user: UserRow | None, *, max_bytes: int = MAX_FILE_BYTES) -> list[DocumentRow]:
    """A file uploaded through the web UI (.eml too); the upload is audited."""
    rows = ingest_file(session, data, filename, SourceKind.UPLOAD, max_bytes=max_bytes)
    for row in rows:
        session.add(AuditEventRow(
            user_id=user.id if user else None, action="upload", entity="document",
            entity_id=row.id, details={"filename": safe_filename(filename)},
            at=dt.datetime.now(dt.UTC)))
    return rows
