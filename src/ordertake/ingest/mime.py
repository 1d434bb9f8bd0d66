"""An e-mail message taken apart into headers, body text and order attachments (pure: no I/O).

`unpack(raw)` never raises on bad input: broken boundaries, bad base64, unknown charsets and
odd headers end as text, as attachments, or as a `SkippedPart`/defect that says why. Forwarded
messages (message/rfc822 parts) are unpacked recursively up to a depth limit; the innermost
forwarded message is the `original` whose sender identifies the customer. File names are
labels only (NFC), never paths.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import email.utils
import io
import re
import unicodedata
from dataclasses import dataclass, field
from email import errors, policy
from email.message import Message
from email.parser import BytesParser

from PIL import Image

from ordertake.ingest.archive import ZipLimits, unpack_zip
from ordertake.ingest.charsets import decode_header, decode_text
from ordertake.ingest.faxmeta import fax_number
from ordertake.ingest.htmltext import html_to_text
from ordertake.ingest.inlinefwd import inline_forward_headers
from ordertake.ocr.sheets import csv_table
from ordertake.ocr.sniff import TEXT, XLS, XLSX, sniff_mime

ORDER_TYPES = frozenset({"application/pdf", "image/tiff", "image/png", "image/jpeg", XLSX, XLS})
ZIP_TYPE = "application/zip"
CSV_TYPE = "text/csv"
"""A text attachment that is a CSV table (an order sheet exported from Excel) is read as one;
any other text attachment (a signature, a log) is skipped."""


@dataclass(frozen=True)
class MimeLimits:
    max_depth: int = 16
    """Forwards nested deeper than this are not opened (bombs, loops)."""
    max_parts: int = 500
    max_attachment_bytes: int = 40_000_000
    min_image_side: int = 400
    """Images smaller than this on both sides are logos or signatures, not order pages."""
    zip: ZipLimits = field(default_factory=ZipLimits)


@dataclass(frozen=True)
class MailHeaders:
    message_id: str = ""
    sender: str = ""
    """The From address (lower-case kept as written)."""
    sender_name: str = ""
    to: str = ""
    subject: str = ""
    date: dt.datetime | None = None


@dataclass(frozen=True)
class Attachment:
    """A part that may carry an order: PDF, TIFF, PNG, JPEG, Excel (.xlsx) or CSV by its content."""

    filename: str
    """NFC label for people; never a path."""
    content_type: str
    """Sniffed from the bytes."""
    declared_type: str
    data: bytes
    origin: MailHeaders
    """Headers of the message it was attached to (a forward's original, if forwarded)."""
    fax_number: str = ""


@dataclass(frozen=True)
class SkippedPart:
    filename: str
    content_type: str
    size: int
    reason: str


@dataclass(frozen=True)
class UnpackedMail:
    headers: MailHeaders
    """The message as it arrived (outermost)."""
    original: MailHeaders
    """The innermost forwarded message (same as `headers` when nothing was forwarded)."""
    body_text: str
    """Text of the message and of its forwards, text/plain preferred, HTML turned to text."""
    attachments: tuple[Attachment, ...] = ()
    skipped: tuple[SkippedPart, ...] = ()
    fax_number: str = ""
    """Sender fax number from a gateway subject, sender address or file name."""
    auto_reply: str = ""
    """Why this is a bounce or an automatic reply rather than mail from a person ('' if not)."""
    defects: tuple[str, ...] = ()

    @property
    def has_body_text(self) -> bool:
        return bool(self.body_text.strip())

    def no_order_reason(self) -> str:
        """Why nothing in this mail is an order: no document and no body text, and the parts
        that were not taken with their reasons."""
        reason = ("no order in this message: no PDF/TIFF/PNG/JPEG/Excel/CSV attachment and "
                  "no body text")
        if self.skipped:
            details = "; ".join(f"{s.filename}: {s.reason}" for s in self.skipped[:5])
            reason += f" (parts not taken: {details})"
        return reason


# ── headers ────────────────────────────────────────────────────────────────────────────


def _raw_header(msg: Message, name: str) -> str | None:
    for key, value in msg.raw_items():
        if key.lower() == name.lower():
            return str(value)
    return None


def _header(msg: Message, name: str) -> str:
    return decode_header(_raw_header(msg, name))


def _parse_date(value: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def read_headers(msg: Message) -> MailHeaders:
    sender_name, sender = "", ""
    addresses = email.utils.getaddresses([_header(msg, "From")])
    for name, address in addresses:
        if "@" in address or name:
            sender_name, sender = name, address
            break
    message_id = re.sub(r"\s+", "", _header(msg, "Message-ID"))[:998]
    return MailHeaders(
        message_id=message_id,
        sender=sender.strip()[:512],
        sender_name=sender_name.strip(),
        to=_header(msg, "To")[:1000],
        subject=_header(msg, "Subject"),
        date=_parse_date(_header(msg, "Date")),
    )


def _auto_reply_reason(msg: Message, headers: MailHeaders) -> str:
    ctype = msg.get_content_type()
    if ctype == "multipart/report":
        return "delivery status report (bounce), not an order"
    auto = _header(msg, "Auto-Submitted").lower()
    if auto and auto != "no":
        return f"automatically sent message (Auto-Submitted: {auto}), not an order"
    local = headers.sender.split("@", 1)[0].lower()
    if local in {"mailer-daemon", "postmaster"}:
        return "delivery status report (bounce), not an order"
    return ""


# ── parts ──────────────────────────────────────────────────────────────────────────────


def _param(part: Message, name: str, header: str = "content-type") -> str:
    raw = _raw_header(part, header)
    if raw is None:
        return ""
    # Raw 8-bit parameters (unencoded UTF-8/CP932 names) are decoded before parsing,
    # otherwise the email package turns them into replacement characters.
    holder = Message()
    holder[header] = _raw_text_header(raw)
    value = holder.get_param(name, header=header)
    if value is None:
        return ""
    if isinstance(value, tuple):  # RFC 2231: (charset, language, %-decoded latin-1 text)
        charset, _lang, text = value
        data = bytes(text, "raw-unicode-escape") if text else b""
        return decode_text(data, charset or "utf-8")
    return decode_header(str(value))


def _raw_text_header(raw: str) -> str:
    data = raw.encode("utf-8", "surrogateescape")
    return data.decode("ascii") if data.isascii() else decode_text(data, None)


def safe_filename(name: str) -> str:
    """A file name as a label: NFC, no directories, no control characters, bounded length."""
    name = unicodedata.normalize("NFC", name)
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[:200]


def _filename(part: Message) -> str:
    name = _param(part, "filename", "content-disposition") or _param(part, "name")
    return safe_filename(name)


def _is_attachment(part: Message) -> bool:
    disposition = (_raw_header(part, "Content-Disposition") or "").strip().lower()
    return disposition.startswith("attachment") or bool(_filename(part))


def _payload(part: Message) -> bytes:
    known = len(part.defects)
    try:
        data = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - a broken encoding still gives the raw text below
        data = None
    payload = part.get_payload()
    if isinstance(payload, str) and any(
            isinstance(d, errors.InvalidBase64LengthDefect) for d in part.defects[known:]) and (
            _B64_TEXT.fullmatch(payload)):
        return _lenient_b64decode(payload)
    if isinstance(data, bytes):
        return data
    if isinstance(payload, str):
        return payload.encode("utf-8", "surrogateescape")
    return b""


# Lines of base64 and nothing else (padding inside allowed): text mislabelled base64 (words
# with spaces between them, enmime's mime-bad-content-transfer-encoding.eml) is left to the
# email package, which keeps it as written.
_B64_TEXT = re.compile(r"\s*(?:[A-Za-z0-9+/]+=*[ \t]*\r?\n\s*)*(?:[A-Za-z0-9+/]+=*\s*)?")


def _lenient_b64decode(text: str) -> bytes:
    """Base64 as mail clients write it, not as RFC 2045 wants it: characters outside the
    alphabet are dropped, a lone character left over at the end (4n+1, which holds no whole
    byte) is ignored and missing padding is added; chunks encoded one by one and joined
    (padding inside) are each decoded. The email package instead hands back the undecoded
    base64 text for such a body (and notes an InvalidBase64LengthDefect; enmime's
    extra-base64-character.eml), which then reads as random letters: the order is lost."""
    out = bytearray()
    for chunk in re.split(r"=+", re.sub(r"[^A-Za-z0-9+/=]", "", text)):
        if len(chunk) % 4 == 1:
            chunk = chunk[:-1]
        try:
            out += base64.b64decode(chunk + "=" * (-len(chunk) % 4))
        except (binascii.Error, ValueError):
            return text.encode("utf-8", "surrogateescape")
    return bytes(out)


def _image_is_small(data: bytes, min_side: int) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except Exception:  # noqa: BLE001 - unreadable images are judged later by the reader
        return False
    return width < min_side and height < min_side


@dataclass
class _Walk:
    limits: MimeLimits
    texts: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    skipped: list[SkippedPart] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    originals: list[MailHeaders] = field(default_factory=list)
    parts_seen: int = 0
    text_files: list[tuple[SkippedPart, str]] = field(default_factory=list)
    """Text attachments that are no CSV table (skipped), with their text: a mail with no
    text of its own reads them as its body (`unpack`)."""


def _walk_message(msg: Message, origin: MailHeaders, depth: int, state: _Walk) -> None:
    for defect in getattr(msg, "defects", []):
        state.defects.append(type(defect).__name__)
    _walk_part(msg, origin, depth, state)


def _walk_part(part: Message, origin: MailHeaders, depth: int, state: _Walk) -> None:
    state.parts_seen += 1
    if state.parts_seen > state.limits.max_parts:
        if state.parts_seen == state.limits.max_parts + 1:
            state.defects.append(f"more than {state.limits.max_parts} MIME parts; rest ignored")
        return
    ctype = part.get_content_type()
    if ctype in ("message/rfc822", "message/global") or (
        ctype.startswith("message/") and _is_attachment(part)
    ):
        _walk_forward(part, origin, depth, state)
        return
    if part.is_multipart():
        payload = part.get_payload()
        if not isinstance(payload, list):
            return
        children = [c for c in payload if isinstance(c, Message)]
        if ctype == "multipart/alternative":
            children = _preferred_alternative(children)
        for child in children:
            _walk_part(child, origin, depth, state)
        return
    if ctype.startswith("multipart/"):
        _take_partless_multipart(part, state)
        return
    _take_leaf(part, ctype, origin, state)


def _take_partless_multipart(part: Message, state: _Walk) -> None:
    """A multipart whose boundary never occurs (none declared, or a mistyped one) has no
    parts; the email package leaves its whole body as one text. That text is what the sender
    wrote (mime4j's missing-boundary.eml: the body 'AAA'), so it is read as the body rather
    than skipped as an attachment of an unknown type."""
    text = decode_text(_payload(part), _param(part, "charset") or None)
    if text.strip():
        state.texts.append(text)
        state.defects.append("multipart without parts: its body read as text")


def _has_content(part: Message) -> bool:
    return part.is_multipart() or bool(_payload(part).strip())


def _preferred_alternative(children: list[Message]) -> list[Message]:
    """text/plain when it has content, else the richest part that has content (a broken
    closing boundary leaves an empty last part: stalwart's malformed-020.eml lost its HTML
    body to it); attachments inside are kept."""
    plain = [c for c in children if c.get_content_type() == "text/plain" and _payload(c).strip()]
    others = [c for c in children if not c.get_content_type().startswith("text/")]
    if plain:
        return plain[:1] + others
    richest = next((c for c in reversed(children) if _has_content(c)), None)
    if richest is None:
        return others
    return [richest] + [c for c in others if c is not richest]


def _walk_forward(part: Message, origin: MailHeaders, depth: int, state: _Walk) -> None:
    if depth >= state.limits.max_depth:
        state.skipped.append(SkippedPart(_filename(part), "message/rfc822", 0,
                                         f"forward nested deeper than {state.limits.max_depth}"))
        return
    inner: Message | None = None
    cte = (part.get("Content-Transfer-Encoding") or "").strip().lower()
    payload = part.get_payload()
    if cte in ("base64", "quoted-printable") or not isinstance(payload, list):
        # Illegal but seen: an encoded message/rfc822 body. Decode it and parse again.
        raw = _encoded_inner(part)
        if raw:
            inner = BytesParser(policy=policy.compat32).parsebytes(raw)
    elif payload and isinstance(payload[0], Message):
        inner = payload[0]
    if inner is None:
        state.defects.append("forwarded message part is empty")
        return
    headers = read_headers(inner)
    if headers.sender or headers.subject or headers.message_id:
        state.originals.append(headers)
    else:
        headers = origin
    _walk_message(inner, headers, depth + 1, state)


def _encoded_inner(part: Message) -> bytes:
    payload = part.get_payload()
    if isinstance(payload, list) and payload and isinstance(payload[0], Message):
        text = payload[0].as_bytes(policy=policy.compat32)
        if not text.startswith(b"\n"):
            text = text.split(b"\n\n", 1)[-1]
        try:
            return base64.b64decode(re.sub(rb"[^A-Za-z0-9+/=]", b"", text) + b"==", validate=False)
        except (binascii.Error, ValueError):
            return b""
    return _payload(part)


def _take_leaf(part: Message, ctype: str, origin: MailHeaders, state: _Walk) -> None:
    data = _payload(part)
    filename = _filename(part)
    sniffed = sniff_mime(data) if data else ""
    if ctype.startswith("text/") and not _is_attachment(part) and sniffed not in ORDER_TYPES:
        charset = _param(part, "charset")
        text = decode_text(data, charset or None)
        if ctype == "text/html":
            text = html_to_text(text)
        elif _param(part, "format").lower() == "flowed":
            text = unflow(text, delsp=_param(part, "delsp").lower() == "yes")
        state.texts.append(text)
        return
    _take_attachment(filename or "attachment", ctype, data, sniffed, origin, state)


def unflow(text: str, delsp: bool = False) -> str:
    """A format=flowed (RFC 3676) text/plain body with its soft line breaks undone: a line
    ending in a space goes on in the next line of the same quote depth (with delsp=yes that
    space is the writer's, not the text's). Thunderbird and Apple Mail wrap long lines so;
    an order line wrapped before its count (「…1.8L ペットボトル␣」「6本」) read as two lines,
    neither an order. The signature separator "-- " is a hard break."""
    out: list[str] = []
    joined: tuple[int, str] | None = None
    for raw in text.replace("\r\n", "\n").split("\n"):
        depth = len(raw) - len(raw.lstrip(">"))
        content = raw[depth:]
        if content.startswith(" "):
            content = content[1:]  # space-stuffing (or the space after the quote marks)
        if joined is not None and joined[0] == depth:
            content = joined[1] + content
        elif joined is not None:
            out.append(">" * joined[0] + (" " if joined[0] else "") + joined[1])
        joined = None
        if content.endswith(" ") and content != "-- ":
            joined = (depth, content[:-1] if delsp else content)
            continue
        out.append(">" * depth + (" " if depth else "") + content)
    if joined is not None:
        out.append(">" * joined[0] + (" " if joined[0] else "") + joined[1])
    return "\n".join(out)


def _take_attachment(filename: str, declared: str, data: bytes, sniffed: str,
                     origin: MailHeaders, state: _Walk) -> None:
    limits = state.limits
    if not data:
        state.skipped.append(SkippedPart(filename, declared, 0, "empty attachment (0 bytes)"))
        return
    if len(data) > limits.max_attachment_bytes:
        state.skipped.append(SkippedPart(
            filename, declared, len(data),
            f"attachment of {len(data)} bytes is above the {limits.max_attachment_bytes} limit"))
        return
    if sniffed == ZIP_TYPE:
        result = unpack_zip(data, limits.zip)
        for problem in result.problems:
            state.skipped.append(SkippedPart(filename, ZIP_TYPE, len(data), problem))
        for member in result.members:
            inner = sniff_mime(member.data) if member.data else ""
            if inner == ZIP_TYPE:
                state.skipped.append(SkippedPart(member.name, ZIP_TYPE, len(member.data),
                                                 "zip inside a zip is not opened"))
                continue
            _take_attachment(safe_filename(member.name), "", member.data, inner, origin, state)
        return
    text = decode_text(data, None) if sniffed == TEXT else ""
    if text and csv_table(text):
        sniffed = CSV_TYPE
    elif sniffed not in ORDER_TYPES:
        what = sniffed or declared or "unknown"
        state.skipped.append(SkippedPart(
            filename, declared, len(data),
            f"not an order document type ({what}); ordertake reads PDF, TIFF, PNG, JPEG, "
            "Excel and CSV"))
        if text:
            state.text_files.append((state.skipped[-1], text))
        return
    if sniffed in ("image/png", "image/jpeg") and _image_is_small(data, limits.min_image_side):
        state.skipped.append(SkippedPart(filename, sniffed, len(data),
                                         "small image (logo or signature), not an order page"))
        return
    state.attachments.append(Attachment(
        filename=filename, content_type=sniffed, declared_type=declared, data=data,
        origin=origin, fax_number=fax_number(origin.subject, origin.sender, filename)))


# ── entry point ────────────────────────────────────────────────────────────────────────


def parse_message(raw: bytes) -> Message:
    # CR-only line ends (classic Mac) would leave the whole message as one header line.
    if b"\n" not in raw[:4096] and b"\r" in raw[:4096]:
        raw = raw.replace(b"\r", b"\r\n")
    return BytesParser(policy=policy.compat32).parsebytes(raw)


def unpack(raw: bytes, limits: MimeLimits | None = None) -> UnpackedMail:
    """Take a raw RFC 5322 message apart. Never raises on malformed input."""
    limits = limits or MimeLimits()
    msg = parse_message(raw)
    headers = read_headers(msg)
    state = _Walk(limits)
    _walk_message(msg, headers, 0, state)
    body = "\n\n".join(t.strip("\r\n") for t in state.texts if t.strip())
    if not body.strip() and not state.attachments and state.text_files:
        # A mail whose only text is an attached .txt (typed in a text editor, or sent by a
        # phone that attaches long text): that text is the order.
        body = "\n\n".join(text.strip("\r\n") for _, text in state.text_files)
        read = {id(part) for part, _ in state.text_files}
        state.skipped = [part for part in state.skipped if id(part) not in read]
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    original = state.originals[-1] if state.originals else inline_forward_headers(body, headers)
    fax = fax_number(headers.subject, headers.sender) or fax_number(
        original.subject, original.sender)
    if not fax:
        fax = next((a.fax_number for a in state.attachments if a.fax_number), "")
    return UnpackedMail(
        headers=headers,
        original=original,
        body_text=body,
        attachments=tuple(state.attachments),
        skipped=tuple(state.skipped),
        fax_number=fax,
        auto_reply=_auto_reply_reason(msg, headers),
        defects=tuple(dict.fromkeys(state.defects)),
    )
