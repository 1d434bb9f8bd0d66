"""Order sheets typed into a spreadsheet (Excel .xlsx and .xls, CSV) → text pages laid out like
the sheet.

Many customers fill in an Excel 注文書 and mail it, or export one as CSV. Each visible
worksheet becomes one tab-separated line per row; `text_pages` sets such lines out in columns,
so the header-row table finder and the header-field parser read a sheet as they read a PDF.
Values are what the sheet shows: formulas' last computed values, dates as dates, whole numbers
without ".0".
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable

from ordertake.domain import Page
from ordertake.errors import DocumentError
from ordertake.ocr.textpages import LINES_PER_PAGE, text_pages
from ordertake.ocr.weekly import day_orders

MAX_UNPACKED_BYTES = 100_000_000
"""An .xlsx is a zip of XML: above this unpacked size (or MAX_RATIO) it is refused unread.
A 1,000-line order sheet unpacks to under 1 MB."""
MAX_RATIO = 200
MAX_ROWS = 5_000
MAX_COLUMNS = 60
"""Cells beyond these are not order lines (a price list pasted below the order, a wide
calculation area): reading stops there, with the part read kept."""
CSV_DELIMITERS = ",\t;"
MIN_CSV_ROWS = 2
MIN_CSV_FIELDS = 3
"""A text is taken as CSV when at least this many rows, and at least half of its rows, split
into this many fields or more by one delimiter (a header row and one order line)."""


def xlsx_pages(data: bytes, filename: str = "", max_pages: int = 50) -> list[Page]:
    """Text pages of every visible, non-empty worksheet of an .xlsx workbook, in order;
    none when no cell is filled in (see `xlsx_pictures`)."""
    from openpyxl import load_workbook  # only spreadsheets pay for importing it

    what = filename or "the workbook"
    _check_unpacked_size(data, what)
    pages: list[Page] = []
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for sheet in book.worksheets:
                if sheet.sheet_state != "visible":
                    continue  # hidden sheets hold lookups and price lists, not the order
                rows = _cell_texts(sheet.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS,
                                                   values_only=True))
                if any(rows):
                    pages += _pages(rows, pages)
                if len(pages) > max_pages:
                    break  # reading stops: the workbook is refused below
        finally:
            book.close()
    except Exception as exc:  # openpyxl raises many kinds (KeyError, XML errors) on bad files
        # (XML entity declarations included: defusedxml refuses them, expat caps expansion.)
        raise DocumentError(f"{what} is not a readable Excel workbook: {exc}",
                            reason="corrupt", hint="open it in Excel and save it again") from exc
    return within_pages(pages, max_pages, what)


def xls_pages(data: bytes, filename: str = "", max_pages: int = 50) -> list[Page]:
    """Text pages of every visible, non-empty worksheet of an Excel 97-2003 (.xls) workbook,
    which many order templates still are."""
    import xlrd  # only old workbooks pay for importing it

    what = filename or "the workbook"
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as exc:  # xlrd raises XLRDError, struct and index errors on bad files
        if "encrypted" in str(exc).lower():
            raise DocumentError(f"{what} is a password-protected Excel workbook",
                                reason="encrypted",
                                hint="ask the sender for the sheet without a password") from exc
        raise DocumentError(
            f"{what} is an Office 97-2003 file that is not a readable Excel workbook ({exc})",
            reason="unsupported_type",
            hint="send the order as .xlsx, PDF or the e-mail text") from exc
    pages: list[Page] = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility != 0:
                continue  # hidden sheets hold lookups and price lists, not the order
            rows = _cell_texts([_xls_value(cell, book.datemode) for cell in
                                sheet.row(r)[:MAX_COLUMNS]]
                               for r in range(min(sheet.nrows, MAX_ROWS)))
            if any(rows):
                pages += _pages(rows, pages)
            book.unload_sheet(index)
            if len(pages) > max_pages:
                break  # reading stops: the workbook is refused below
    finally:
        book.release_resources()
    return within_pages(pages, max_pages, what)


def within_pages(pages: list[Page], max_pages: int, what: str) -> list[Page]:
    """`pages`, or DocumentError too_many_pages above the page limit (60 rows a page), as
    for a PDF: a sheet of thousands of rows is a price list or a data dump, not an order."""
    if len(pages) > max_pages:
        raise DocumentError(
            f"{what} has more than {max_pages} pages of cells ({max_pages * LINES_PER_PAGE} "
            "rows)", reason="too_many_pages",
            hint="raise ORDERTAKE_MAX_PAGES or ask for the order sheet alone")
    return pages


def _xls_value(cell: object, datemode: int) -> object:
    """A cell of xlrd as the value openpyxl would give: dates as datetimes, errors as text."""
    import xlrd

    kind, value = cell.ctype, cell.value  # type: ignore[attr-defined]
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return value
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERR")
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    return value


PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif")
MIN_PICTURE_BYTES = 20_000
"""A scanned or photographed order pasted into a sheet is tens of kilobytes or more; a logo or
a stamp is less."""


def xlsx_pictures(data: bytes) -> list[bytes]:
    """The pictures inside a workbook (xl/media/), largest first: a sheet with no filled-in
    cells is often a scanned or photographed order pasted into Excel."""
    archive = zipfile.ZipFile(io.BytesIO(data))  # _check_unpacked_size has opened it once
    media = [info for info in archive.infolist()
             if info.filename.startswith("xl/media/")
             and info.filename.lower().endswith(PICTURE_SUFFIXES)
             and info.file_size >= MIN_PICTURE_BYTES]
    return [archive.read(info) for info in sorted(media, key=lambda i: -i.file_size)]


def csv_table(text: str) -> list[list[str]] | None:
    """The rows of `text` when it is a CSV table (delimiter sniffed: comma, tab, semicolon),
    else None (a letter, a typed order)."""
    sample = "\n".join(text.splitlines()[:50])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS)
    except csv.Error:
        return None
    rows = list(csv.reader(io.StringIO(text), dialect))
    filled = [row for row in rows if any(c.strip() for c in row)]
    wide = sum(1 for row in filled if len(row) >= MIN_CSV_FIELDS)
    if wide < MIN_CSV_ROWS or 2 * wide < len(filled):
        return None  # most rows are prose with a stray comma
    return rows[:MAX_ROWS]  # blank rows kept: they part a form's header block from its table


def csv_pages(rows: list[list[str]]) -> list[Page]:
    return _pages(_cell_texts(rows), [])


def _pages(rows: list[list[str]], before: list[Page]) -> list[Page]:
    """Text pages of a sheet's rows, numbered on after `before`. A sheet with order fields of
    its own (a store's or a day's order: number, delivery date, ship-to, ...) is an order of
    its own; a later sheet without them (追加分, a second page of lines) goes on with the one
    before. A flat export holding several orders, and a weekly sheet (one count column per
    delivery day), give each order its own `part`."""
    out: list[Page] = []
    part = 0
    if before:
        part = before[-1].part + (1 if _order_fields(rows) else 0)
    orders = [day for order in flat_orders(rows) for day in day_orders(order)]
    for offset, order in enumerate(orders):
        for page in text_pages(_tab_lines(order)):
            page = page.renumbered(page.number + len(before) + len(out))
            page.part = part + offset
            out.append(page)
    return out


def _check_unpacked_size(data: bytes, what: str) -> None:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DocumentError(f"{what} is a damaged Excel workbook: {exc}", reason="corrupt",
                            hint="open it in Excel and save it again") from exc
    unpacked = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * packed:
        raise DocumentError(
            f"{what} unpacks to {unpacked:,} bytes from {packed:,} (limit {MAX_UNPACKED_BYTES:,}"
            f" bytes, ratio {MAX_RATIO}): not read", reason="too_large",
            hint="ask the sender for the order sheet alone")


def _cell_texts(rows: Iterable[Iterable[object]]) -> list[list[str]]:
    """Each row's cells as the sheet shows them, empty cells at the end of a row dropped."""
    out = []
    for row in rows:
        cells = [_cell_text(value)[:MAX_CELL_CHARS] for value in list(row)[:MAX_COLUMNS]]
        while cells and not cells[-1]:
            cells.pop()
        out.append(cells)
    return out


def _tab_lines(rows: list[list[str]]) -> str:
    """One line per row, cells joined by tabs; a blank row stays a blank line (it separates
    the header block from the table, as on paper)."""
    return "\n".join("\t".join(cells) for cells in rows)


MAX_CELL_CHARS = 200


def _cell_text(value: object) -> str:
    """A cell as the sheet shows it; tabs and line breaks inside a cell become spaces."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return f"{value:%Y/%m/%d}"
        return f"{value:%Y/%m/%d %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%Y/%m/%d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


# ── flat exports: one row per order line, the order's own fields repeated on every row ─────

ORDER_COLUMNS = ("order_number", "order_date", "delivery_date", "customer_name", "ship_to",
                 "tel", "fax")
"""Header fields an ordering system's CSV export repeats on every line as a column of its own
(発注番号, 発注日, 納品日, 取引先名, ...). Notes (備考) are left out: they are a line's own."""
ORDER_KEYS = ("order_number", "delivery_date", "ship_to")
"""Order columns that tell one order from another: its number, and under one number (or none)
each delivery, since a sales slip has one delivery date and one address."""
MIN_TABLE_CELLS = 3


def flat_orders(rows: list[list[str]]) -> list[list[list[str]]]:
    """The rows of each order in a sheet, laid out as an order form: where a table row holds
    order columns (`ORDER_COLUMNS`) whose value is the same on every line of an order, those
    columns are lifted out of the table into label/value rows above it, and rows with
    another order number, delivery date or ship-to start another order (`ORDER_KEYS`).
    Any other sheet is one order, as it is."""
    found = _order_header(rows)
    if found is None:
        return [rows]
    at, columns = found
    header, lines = rows[at], rows[at + 1:]
    keys = [i for i, kind in columns.items() if kind in ORDER_KEYS]
    groups: dict[tuple[str, ...], list[list[str]]] = {}
    for row in lines:
        key = tuple(_cell(row, i) for i in keys)
        if not any(key) and groups:
            key = next(reversed(groups))  # a line without them continues the order
        groups.setdefault(key, []).append(row)
    lifted = [i for i in columns
              if all(len({_cell(r, i) for r in group if _cell(r, i)}) <= 1
                     for group in groups.values())]
    if not lifted:
        return [rows]
    out = []
    for group in groups.values():
        fields = [[header[i], next((_cell(r, i) for r in group if _cell(r, i)), "")]
                  for i in lifted]
        table = [[c for i, c in enumerate(row) if i not in lifted] for row in [header, *group]]
        out.append(rows[:at] + fields + [[]] + table)
    return out


def _order_header(rows: list[list[str]]) -> tuple[int, dict[int, str]] | None:
    """The first row that heads a line table (a quantity column's title among
    MIN_TABLE_CELLS titles or more, rows below it) and also has order columns: its index and
    {column: field}. A form's header block ('PO No.' beside its value) heads no table."""
    from ordertake.parse.layout import HEADER_KEYWORDS, title_key  # a line table's titles

    counts = {title_key(word) for word in HEADER_KEYWORDS["quantity"]}
    for at, row in enumerate(rows[:-1]):
        filled = [i for i, cell in enumerate(row) if cell]
        if len(filled) < MIN_TABLE_CELLS or not any(title_key(row[i]) in counts for i in filled):
            continue
        columns = {i: kind for i in filled if (kind := _field_label(row[i]))}
        if columns:
            return at, columns
    return None


def _order_fields(rows: list[list[str]]) -> bool:
    """True when a cell of the sheet is an order field's label (発注番号, 納品日, 届け先...)."""
    return any(_field_label(cell) for row in rows for cell in row if cell)


def _field_label(cell: str) -> str:
    """The order field `cell` is the label of ('' if none)."""
    text = unicodedata.normalize("NFKC", cell).strip()
    return next((kind for kind, rx in _label_patterns().items() if rx.fullmatch(text)), "")


@functools.cache
def _label_patterns() -> dict[str, re.Pattern[str]]:
    from ordertake.parse.fields import LABELS  # the labels a form's header fields carry

    return {kind: re.compile(rf"(?i)(?:{LABELS[kind]})\s*[:：]?") for kind in ORDER_COLUMNS}


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""
