"""The reading pipeline, in the order it runs: bytes → (e-mail unpack) → pages → drafts → match.

`read_and_parse` is what a worker and `ordertake parse` share; `parse_file` adds matching and the
parse-result JSON of DESIGN.md for the CLI and `ordertake eval`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ordertake.config import Settings
from ordertake.domain import Box, MatchedOrder, OrderDraft, Page, PageSource, SourceMeta
from ordertake.errors import DocumentError, InputError
from ordertake.ocr.sniff import EMAIL, sniff_mime
from ordertake.parse.namereads import read_names_again
from ordertake.parse.order import parse_pages
from ordertake.parse.split import split_orders

log = logging.getLogger(__name__)


class OrderMatcher(Protocol):
    threshold: float
    """A line matched below it goes to the clerk."""

    def match_order(self, draft: OrderDraft, meta: SourceMeta) -> MatchedOrder: ...


@dataclass
class ReadResult:
    """Every page read from one input (an e-mail's parts numbered on) and the orders on them."""

    pages: list[Page] = field(default_factory=list)
    drafts: list[OrderDraft] = field(default_factory=list)
    metas: list[SourceMeta] = field(default_factory=list)
    """Per draft: the meta to match it with (an attachment's own fax number, the mail's sender)."""
    readers: list[object] = field(default_factory=list)
    """Per draft: what reads its cells again from the page pictures (None for typed text)."""

    def pairs(self) -> list[tuple[OrderDraft, SourceMeta]]:
        return list(zip(self.drafts, self.metas, strict=True))

    def match(self, matcher: OrderMatcher) -> list[MatchedOrder]:
        """Each order matched to customer and products. The product names of the lines the
        matcher is unsure of are read again from the page picture and the order matched
        again with the second readings (parse/namereads.py)."""
        orders = []
        for draft, meta, reader in zip(self.drafts, self.metas, self.readers, strict=True):
            order = matcher.match_order(draft, meta)
            unsure = [i for i, line in enumerate(order.lines)
                      if line.confidence < matcher.threshold]
            lines = read_names_again(draft.lines, unsure, reader)
            if lines is not draft.lines:
                order = matcher.match_order(dataclasses.replace(draft, lines=lines), meta)
            orders.append(order)
        return orders


def read_and_parse(data: bytes, meta: SourceMeta, settings: Settings) -> ReadResult:
    """Read a document (or an e-mail with its body and attachments) and parse its orders.

    Raises DocumentError when nothing in it can be read.
    """
    # Triage: an e-mail is taken apart; anything else is one document.
    if sniff_mime(data) == EMAIL:
        return _read_mail(data, meta, settings)
    result = ReadResult()
    _read_part(result, data, meta, settings)
    return result


def _read_part(result: ReadResult, data: bytes, meta: SourceMeta, settings: Settings) -> None:
    from ordertake.ocr.cells import PageCells
    from ordertake.ocr.load import read_document

    # Read: text layer or OCR, words with boxes.
    pages = _renumber(read_document(data, meta.filename, settings), len(result.pages))
    # A quantity cell OCR lost is read again from the page picture (parse asks for it).
    cells = PageCells(pages)
    read_cell = cells if cells else None
    for part in sorted({page.part for page in pages}):  # one order per part
        in_part = [p for p in pages if p.part == part]
        # A fax or PDF may hold several order forms, a page or more each.
        groups = ([in_part] if any(p.source == PageSource.TEXT for p in in_part)
                  else split_orders(in_part, lambda page: parse_pages([page], meta)[0]))
        for group in groups:
            _add(result, group, meta, read_cell)


def _add(result: ReadResult, pages: list[Page], meta: SourceMeta,
         read_cell: Callable[[Box], str] | None = None) -> None:
    # Parse: header fields and line items.
    drafts = parse_pages(pages, meta, read_cell)
    result.pages += pages
    result.drafts += drafts
    result.metas += [meta] * len(drafts)
    result.readers += [read_cell] * len(drafts)


def _read_mail(data: bytes, meta: SourceMeta, settings: Settings) -> ReadResult:
    from ordertake.ingest.bodyorder import order_text
    from ordertake.ingest.mime import unpack
    from ordertake.ocr.load import text_pages

    mail = unpack(data)
    if mail.auto_reply:
        raise DocumentError(f"{meta.filename or 'the e-mail'}: {mail.auto_reply}",
                            reason="auto_reply", hint="nothing to read: no order is lost")
    original = mail.original
    mail_meta = dataclasses.replace(
        meta,
        sender=meta.sender or original.sender,
        subject=meta.subject or mail.headers.subject,
        fax_number=meta.fax_number or mail.fax_number,
        message_id=meta.message_id or mail.headers.message_id,
        received_at=meta.received_at or mail.headers.date or original.date,
    )
    # The typed body first, then every attached order document, pages numbered on.
    result = ReadResult()
    if mail.has_body_text:
        _add(result, text_pages(order_text(mail.body_text)), mail_meta)
    failures: list[str] = []
    for attachment in mail.attachments:
        part_meta = dataclasses.replace(
            mail_meta, fax_number=attachment.fax_number or mail_meta.fax_number)
        try:
            _read_part(result, attachment.data, part_meta, settings)
        except DocumentError as exc:
            failures.append(f"attachment {attachment.filename}: {exc}")
            log.warning("%s: attachment %s unreadable: %s", meta.filename, attachment.filename, exc)
    # Orders are the parts that hold lines; with none at all, the last part shows what was read.
    parts = list(zip(result.drafts, result.metas, result.readers, strict=True))
    kept = [part for part in parts if part[0].lines] or parts[-1:]
    result.drafts = [d for d, _, _ in kept]
    result.metas = [m for _, m, _ in kept]
    result.readers = [r for _, _, r in kept]
    if not result.drafts:
        if failures:
            raise DocumentError("; ".join(failures), reason="unreadable-attachments")
        raise DocumentError(mail.no_order_reason(), reason="empty-mail",
                            hint="forward the order itself or type it in")
    for draft in result.drafts:
        draft.warnings += failures
        for skipped in mail.skipped:
            draft.warnings.append(f"attachment {skipped.filename} skipped: {skipped.reason}")
    return result


def _renumber(pages: list[Page], offset: int) -> list[Page]:
    """Pages of a later e-mail part continue the numbering, so evidence points at one page."""
    return [page.renumbered(page.number + offset) for page in pages] if offset else pages


def parse_file(path: Path, matcher: OrderMatcher, settings: Settings) -> list[dict[str, Any]]:
    """The parse-result JSON objects (DESIGN.md) for one input file, one per order."""
    from ordertake.parse.result import to_json

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}",
                         hint="check the path and permissions") from exc
    if len(data) > settings.max_file_bytes:
        raise DocumentError(f"{path.name}: {len(data):,} bytes is larger than the limit",
                            reason="too_large", hint="raise ORDERTAKE_MAX_FILE_BYTES if needed")
    meta = SourceMeta(filename=path.name)
    result = read_and_parse(data, meta, settings)
    # Match: customer and products.
    return [to_json(order) for order in result.match(matcher)]
