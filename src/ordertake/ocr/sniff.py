"""The type of a file from its first bytes, never from its name (pure, no I/O)."""

from __future__ import annotations

import io
import re
import zipfile

PDF = "application/pdf"
TIFF = "image/tiff"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
BMP = "image/bmp"
ZIP = "application/zip"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLS = "application/vnd.ms-excel"
"""Excel 97-2003, or another OLE2 compound file (.doc, Outlook .msg): ocr/sheets tells."""
EMAIL = "message/rfc822"
TEXT = "text/plain"

IMAGE_TYPES = frozenset({TIFF, PNG, JPEG, GIF, BMP})

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"II+\x00", TIFF),  # BigTIFF
    (b"MM\x00+", TIFF),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"PK\x03\x04", ZIP),
    (b"PK\x05\x06", ZIP),  # empty archive
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", XLS),  # OLE2: .xls (or an old .doc)
)

# Header names that open real messages; two of them before the first blank line make an e-mail.
_MAIL_HEADERS = frozenset(
    {
        "from", "to", "cc", "subject", "date", "message-id", "mime-version", "content-type",
        "received", "return-path", "delivered-to", "reply-to", "sender", "x-mailer",
        "content-transfer-encoding", "dkim-signature", "authentication-results", "in-reply-to",
        "references", "user-agent", "thread-topic", "x-original-to", "envelope-to",
    }
)
_HEADER_LINE = re.compile(rb"^([A-Za-z0-9][A-Za-z0-9_-]*):(?![,;])")
"""A header name and its colon; not a CSV row whose first cell is a label ('To:,株式会社…')."""


def sniff_mime(data: bytes) -> str:
    """A MIME type for `data` ("" when unknown or empty); PDFs may have junk before %PDF."""
    if not data:
        return ""
    head = data[:16]
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            return XLSX if mime == ZIP and _is_xlsx(data) else mime
    # Readers accept up to 1 KB of junk before the header (pdf.js issue6069 and others).
    if b"%PDF-" in data[:1024]:
        return PDF
    if head.startswith(b"BM") and _is_bmp(data):
        return BMP
    if _is_email(data):
        return EMAIL
    if _is_text(data):
        return TEXT
    return ""


def _is_xlsx(data: bytes) -> bool:
    """A zip whose central directory lists the workbook part of an Office Open XML sheet."""
    try:
        return "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _is_bmp(data: bytes) -> bool:
    # "BM" alone is too weak (a text file may start with it): check the DIB header size field.
    dib_sizes = (12, 40, 52, 56, 64, 108, 124)
    return len(data) >= 26 and int.from_bytes(data[14:18], "little") in dib_sizes


def _is_email(data: bytes) -> bool:
    lines = data[:8192].lstrip(b" \t\r\n").splitlines()
    if not lines:
        return False
    start = 1 if lines[0].startswith(b"From ") else 0  # mbox separator line
    known: set[str] = set()
    for line in lines[start : start + 200]:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue  # folded continuation of the previous header
        match = _HEADER_LINE.match(line)
        if not match:
            continue  # a damaged header line; the others still tell
        name = match.group(1).decode("ascii").lower()
        if name in _MAIL_HEADERS:
            known.add(name)
    # A MIME header alone is decisive (bare multipart test messages carry only Content-Type).
    return len(known) >= 2 or bool(known & {"content-type", "mime-version"})


def _is_text(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8", "cp932", "euc_jp", "iso2022_jp"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8" and exc.start >= len(sample) - 3:
                text = sample[: exc.start].decode(encoding)  # cut inside a character
            else:
                continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f\x1b")
        return controls <= len(text) // 100
    return False
