"""Plain typed values that flow between the stages: ingest → ocr → parse → match → review → export.

No I/O and no SQLAlchemy here; `db/` converts at its edge.
Boxes are fractions of the page (0..1, origin top-left) so any rendering size can overlay them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum


class DocumentStatus(StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    REVIEW = "review"
    FAILED = "failed"


class OrderStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPORTED = "exported"


class SourceKind(StrEnum):
    MAIL = "mail"
    FOLDER = "folder"
    UPLOAD = "upload"
    CLI = "cli"


class Role(StrEnum):
    CLERK = "clerk"
    ADMIN = "admin"


# ── master data ────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Product:
    code: str
    name: str
    unit: str
    price: float | None = None
    name_kana: str = ""
    case_qty: int | None = None
    """入数: selling units in one case (ケース)."""
    aliases: tuple[str, ...] = ()
    jan: str = ""


@dataclass(frozen=True)
class Customer:
    code: str
    name: str
    faxes: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class CustomerAlias:
    """What one customer writes for a product: their item code or a learned text."""

    customer_code: str
    text: str
    """Normalised text (matching.normalize) or the customer's own item code."""
    product_code: str
    learned: bool = True


# ── reading ────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Box:
    page: int
    """1-based page number within the document."""
    x0: float
    y0: float
    x1: float
    y1: float

    def union(self, other: Box) -> Box:
        return Box(
            self.page,
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )


@dataclass(frozen=True)
class Word:
    text: str
    box: Box
    confidence: float
    """0..1; 1.0 for text-layer words."""


class PageSource(StrEnum):
    TEXT_LAYER = "text-layer"
    OCR = "ocr"
    TEXT = "text"
    """E-mail bodies and other plain text: no image, boxes are line positions."""


@dataclass
class Page:
    number: int
    width: float
    """In pixels (OCR) or points (text layer); boxes are fractions of it."""
    height: float
    source: PageSource
    words: list[Word] = field(default_factory=list)
    image_png: bytes | None = None
    """What the reviewer sees: the prepared page image, None for text pages."""
    part: int = 0
    """Which order of the document the page holds: pages of one part are read as one order
    (a flat spreadsheet export may hold several; everything else is part 0)."""

    def renumbered(self, number: int) -> Page:
        """This page as page `number` of a longer document (its words' evidence moves too)."""
        words = [Word(w.text, replace(w.box, page=number), w.confidence) for w in self.words]
        return replace(self, number=number, words=words)


@dataclass(frozen=True)
class SourceMeta:
    """Where a document came from; every field optional."""

    filename: str = ""
    kind: SourceKind = SourceKind.CLI
    sender: str = ""
    """E-mail address of the sender (after unpacking forwards: the original sender)."""
    subject: str = ""
    fax_number: str = ""
    """Sender fax number known from outside the page (gateway subject, file name)."""
    message_id: str = ""
    received_at: dt.datetime | None = None
    mailbox: str = ""
    uidvalidity: int | None = None
    uid: int | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a parsed value was read and how sure the reader was."""

    confidence: float = 0.0
    box: Box | None = None
    text: str = ""
    """The raw text it was read from."""


@dataclass
class DraftLine:
    """One ordered line as read from the document, before product matching."""

    description: str
    code: str | None = None
    """A product code as written (the customer's or ours)."""
    quantity: float | None = None
    unit: str | None = None
    """Canonical unit vocabulary: ケース, 本, 個, 箱, 袋, パック, kg, バラ, ボール, ..."""
    unit_price: float | None = None
    amount: float | None = None
    note: str = ""
    confidence: float = 0.0
    box: Box | None = None
    warnings: list[str] = field(default_factory=list)
    quantity_kept: bool = False
    """The quantity as printed was kept against an amount that disagrees with it (the cell
    read twice alike): matching must not derive another quantity from the amount."""
    name_box: Box | None = None
    """Where the product name is printed (its description cell, with a size cell beside it),
    for reading it again from the page picture."""
    readings: tuple[str, ...] = ()
    """The product name read again from the page picture (parse/namereads.py), each as
    tesseract gave it: the matcher takes one where it names a product more surely."""


@dataclass
class OrderDraft:
    """What parsing makes of one order inside a document."""

    source: str
    customer_name: str | None = None
    customer_tel: str | None = None
    customer_fax: str | None = None
    order_number: str | None = None
    order_date: dt.date | None = None
    delivery_date: dt.date | None = None
    ship_to: str | None = None
    notes: str | None = None
    sender_fax: str | None = None
    """FROM number of the fax header line printed by the sending machine."""
    fax_pages: tuple[int, int] | None = None
    """(page, of) from the fax header line, e.g. P.001/002."""
    lines: list[DraftLine] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    """Header field name → where it was read."""
    warnings: list[str] = field(default_factory=list)
    header_texts: list[str] = field(default_factory=list)
    """Every line outside the table, as read: where a customer's number or name whose label
    OCR garbled can still be found."""


# ── matching ───────────────────────────────────────────────────────────────────────────


class MatchTier(StrEnum):
    CODE = "code"
    CUSTOMER_ALIAS = "customer_alias"
    GLOBAL_ALIAS = "alias"
    FUZZY = "fuzzy"
    HISTORY = "history"


@dataclass(frozen=True)
class Candidate:
    product_code: str
    score: float
    """0..1, calibrated: at or above Settings.auto_accept_threshold the clerk need not look."""
    tier: MatchTier = MatchTier.FUZZY
    reason: str = ""
    matched_text: str = ""


@dataclass(frozen=True)
class CustomerMatch:
    customer_code: str | None
    customer_name: str | None
    confidence: float
    reason: str = ""


@dataclass
class MatchedLine:
    draft: DraftLine
    product_code: str | None
    product_name: str | None
    quantity: float | None
    unit: str | None
    unit_price: float | None
    confidence: float
    candidates: list[Candidate] = field(default_factory=list)
    base_quantity: float | None = None
    base_unit: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class MatchedOrder:
    draft: OrderDraft
    customer: CustomerMatch
    lines: list[MatchedLine]
    warnings: list[str] = field(default_factory=list)
