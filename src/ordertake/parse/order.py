"""Pages of positioned words → order drafts: fax header, header fields, line items (pure).

The orchestration of the parse stage: lines are built per page, the fax machine's header line
is read and set aside, the line-item table is found (or, without a table header, every line is
read as free text the way an e-mail body is), and the remaining lines give the header fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ordertake.domain import Box, DraftLine, Evidence, OrderDraft, Page, PageSource, SourceMeta
from ordertake.parse.dates import find_dates
from ordertake.parse.emailbody import (
    ItemGuess,
    change_request,
    join_labelled_items,
    parse_item_line,
    parse_item_lines,
)
from ordertake.parse.faxheader import FaxHeader, parse_fax_header
from ordertake.parse.fields import UNLABELLED_CONFIDENCE, read_fields
from ordertake.parse.lines import TextLine, group_lines
from ordertake.parse.ocrsizes import repair_sizes
from ordertake.parse.table import find_table

_HEADER_FIELDS = (
    "customer_name", "order_number", "order_date", "delivery_date", "ship_to", "notes",
)


def _fax_header(lines: list[TextLine]) -> tuple[FaxHeader, list[TextLine]] | None:
    """The machine-printed line at the very top (or bottom) of a faxed page, with every text
    line it was read as: OCR may cut the strip in two lines side by side ('2026/01/27 10:37
    FROM:…' | '株式会社…P.001/001'), and the date may sit in the piece that is no header alone."""
    edge = [ln for ln in lines if ln.box.y1 < 0.1] + [ln for ln in lines if ln.box.y0 > 0.93]
    for line in edge:
        band = sorted((ln for ln in edge if ln is line or _same_band(ln, line)),
                      key=lambda ln: ln.box.x0)
        header = parse_fax_header(" ".join(ln.text for ln in band))
        if header is not None:
            return header, band
        header = parse_fax_header(line.text)
        if header is not None:
            return header, [line]
    return None


def _same_band(line: TextLine, other: TextLine) -> bool:
    """True for two text lines printed at one height, side by side (not overlapping)."""
    a, b = line.box, other.box
    centre = (a.y0 + a.y1) / 2
    side_by_side = a.x1 <= b.x0 or b.x1 <= a.x0
    return a.page == b.page and side_by_side and b.y0 <= centre <= b.y1


def _free_text_lines(lines: list[TextLine], typed: bool) -> tuple[list[DraftLine], set[int]]:
    """Order lines read from free text, in reading order, and the ids of the lines they use.

    On a printed page without a table (an invoice, a letter) a bare number after some words
    ('Invoice Number 42183017') is no order: there a line must name a unit or a code."""
    found: list[tuple[int, DraftLine]] = []
    used: set[int] = set()
    for text, indexes in join_labelled_items([line.text for line in lines]):
        parts = [lines[i] for i in indexes]
        guess = parse_item_line(text)
        if guess is not None:
            found.append((indexes[0], _draft_line(guess, parts)))
            used |= {id(line) for line in parts}
    for index, line in enumerate(lines):
        if id(line) in used:
            continue
        guesses = parse_item_lines(line.text)
        segments = line.segments
        # A note cell after the quantity (… | 6 | 箱 | 在庫確認) hides the quantity at the end.
        while not guesses and len(segments) > 2 and not any(
                c.isdigit() for w in segments[-1] for c in w.text):
            segments = segments[:-1]
            guesses = parse_item_lines(" ".join(w.text for seg in segments for w in seg))
        if not typed:
            guesses = [g for g in guesses if g.unit is not None or g.code is not None]
        found += [(index, _draft_line(guess, [line])) for guess in guesses]
        if guesses:
            used.add(id(line))
    return [line for _, line in sorted(found, key=lambda pair: pair[0])], used


def _lines_box(lines: list[TextLine]) -> Box:
    """The box around text lines, on the first one's page (a joined item may cross pages)."""
    box = lines[0].box
    for line in lines[1:]:
        box = box.union(line.box) if box.page == line.box.page else box
    return box


def _draft_line(guess: ItemGuess, lines: list[TextLine]) -> DraftLine:
    return DraftLine(
        description=guess.description,
        code=guess.code,
        quantity=guess.quantity,
        unit=guess.unit,
        unit_price=guess.unit_price,
        confidence=round(min(line.confidence for line in lines) * 0.9, 3),
        box=_lines_box(lines),
    )


def parse_pages(pages: list[Page], meta: SourceMeta,
                read_cell: Callable[[Box], str] | None = None) -> list[OrderDraft]:
    """The orders written on these pages (normally one), never raising on odd input.

    `read_cell(box)` (optional, from the pipeline) reads one cell again from the page picture:
    asked only for a row whose quantity cell OCR lost.
    """
    draft = OrderDraft(source=meta.filename)
    page_lines: list[list[TextLine]] = []
    fax_headers: list[FaxHeader] = []
    for page in pages:
        lines = group_lines(page)
        found = _fax_header(lines) if page.source != PageSource.TEXT else None
        if found is not None:
            header, band = found
            fax_headers.append(header)
            lines = [ln for ln in lines if all(ln is not b for b in band)]
            if "fax_header" not in draft.evidence:
                draft.evidence["fax_header"] = Evidence(
                    sum(ln.confidence for ln in band) / len(band), _lines_box(band),
                    " ".join(ln.text for ln in band))
        page_lines.append(lines)
    _apply_fax_headers(draft, fax_headers, len(pages))

    reference = _reference_date(fax_headers, meta, [ln for lines in page_lines for ln in lines])
    ocr_pages = {p.number for p in pages if p.source == PageSource.OCR}
    is_mail = bool(pages) and all(p.source == PageSource.TEXT for p in pages)
    table = find_table(page_lines, read_cell, printed=not is_mail)
    all_lines = [ln for lines in page_lines for ln in lines]
    used: set[int] = set()
    if table is not None:
        from ordertake.parse.rows import table_lines

        used = table.used_lines
        draft.lines = table_lines(table, read_cell, typed=is_mail)
    rest = [ln for ln in all_lines if id(ln) not in used]
    if table is None or not draft.lines:
        draft.lines, read = _free_text_lines(rest, typed=is_mail)
        rest = [ln for ln in rest if id(ln) not in read]
    for line in draft.lines:
        if line.box is not None and line.box.page in ocr_pages:
            line.description = repair_sizes(line.description)

    reference_read = reference is None or any(h.date == reference for h in fax_headers) or (
        meta.received_at is not None and meta.received_at.date() == reference)
    _apply_fields(draft, read_fields(rest, reference, ocr=bool(ocr_pages),
                                     reference_read=reference_read))
    draft.header_texts = [ln.text for ln in rest]
    if draft.order_date is None and is_mail and meta.received_at is not None:
        draft.order_date = meta.received_at.date()
        draft.evidence["order_date"] = Evidence(0.9, None, "e-mail Date header")
    elif draft.order_date is None and reference is not None:
        # An order is dated the day it is faxed: when its own date is unreadable, the fax (or
        # receive) date stands in, for a clerk to confirm.
        stamp = draft.evidence.get("fax_header")
        draft.order_date = reference
        draft.evidence["order_date"] = Evidence(
            UNLABELLED_CONFIDENCE, stamp.box if stamp else None,
            stamp.text if stamp else "receive date")
    for line in draft.lines:
        draft.warnings += [f"line {draft.lines.index(line) + 1}: {w}" for w in line.warnings]
    if not draft.lines:
        draft.warnings.append("no order lines found")
    if is_mail and (asked := change_request([ln.text for ln in all_lines])) is not None:
        draft.warnings.append(f"the mail asks to change or cancel an order: '{asked}'")
    return [draft]


def _reference_date(fax_headers: list[FaxHeader], meta: SourceMeta,
                    lines: list[TextLine]) -> dt.date | None:
    for header in fax_headers:
        if header.date is not None:
            return header.date
    for header in fax_headers:
        if (chosen := _choose_fax_date(header.date_options, lines)) is not None:
            return chosen
    return meta.received_at.date() if meta.received_at else None


def _choose_fax_date(options: tuple[dt.date, ...], lines: list[TextLine]) -> dt.date | None:
    """Of the dates a damaged fax date may have been (2026/08/81: 08/01 or 08/31), the one a
    date written in full on the page stands nearest to (an order is faxed the day it is
    written, its delivery days later), when one is clearly nearest and within a week."""
    written = [day for ln in lines for day, _, _ in find_dates(ln.text)]
    if not options or not written:
        return None
    distance = {day: min(abs((day - w).days) for w in written) for day in options}
    ranked = sorted(options, key=lambda day: distance[day])
    best = ranked[0]
    if distance[best] > 7 or (len(ranked) > 1 and distance[ranked[1]] == distance[best]):
        return None
    return best


def _apply_fax_headers(draft: OrderDraft, headers: list[FaxHeader], page_count: int) -> None:
    for header in headers:
        if header.sender_fax and draft.sender_fax is None:
            draft.sender_fax = header.sender_fax
    numbered = [h for h in headers if h.page is not None]
    if numbered:
        total = max((h.pages or 0) for h in numbered) or None
        draft.fax_pages = (len(numbered), total or len(numbered))
        if total and total > page_count:
            draft.warnings.append(f"the fax header says {total} pages but {page_count} arrived")


def _apply_fields(draft: OrderDraft, fields: dict) -> None:
    for name in _HEADER_FIELDS:
        if name in fields:
            setattr(draft, name, fields[name].value)
            draft.evidence[name] = fields[name].evidence
    if "tel" in fields:
        draft.customer_tel = fields["tel"].value
        draft.evidence["customer_tel"] = fields["tel"].evidence
    if "fax" in fields:
        draft.customer_fax = fields["fax"].value
        draft.evidence["customer_fax"] = fields["fax"].evidence
