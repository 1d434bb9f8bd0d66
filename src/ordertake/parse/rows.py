"""Table rows → DraftLines: numbers, units, codes, the amount cross-check (pure)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from ordertake.domain import Box, DraftLine
from ordertake.parse.layout import Cell, Row, Table, names_a_product
from ordertake.parse.numbers import (
    ZERO_LOOKALIKES,
    near_reading,
    nfkc,
    parse_number,
    whole_quotient,
)
from ordertake.parse.qtycell import read_quantity_cell
from ordertake.parse.units import split_quantity, to_unit

_CODE_SPECKS = ".,:;|・_-ー'\"`「」"
"""Specks and rules OCR leaves at the ends of a code cell (・C-10187, ー B-10558, _AY-0257)."""
_CODE_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/.]*$")
_LEADING_CODE = re.compile(r"^([A-Za-z]{1,5}-?\d{2,}[A-Za-z0-9\-]*|\d{4,13})\s+(.+)$")
_SIZE = re.compile(r"(?i)^\d+(\.\d+)?(ml|l|g|kg|cc|mm|cm|m|本|個|枚|入)$")


def clean_code(text: str) -> str | None:
    """A product code as written, spaces and OCR punctuation removed; None when it is no code."""
    code = re.sub(r"\s+", "", nfkc(text)).strip(_CODE_SPECKS)
    if not code or not _CODE_TOKEN.match(code) or not any(c.isdigit() for c in code):
        return None
    return code


def split_leading_code(description: str) -> tuple[str | None, str]:
    """'KT-0451 醤油 1.8L' → ('KT-0451', '醤油 1.8L') when a description starts with a code."""
    m = _LEADING_CODE.match(nfkc(description).strip())
    if not m or _SIZE.match(m.group(1)):
        return None, description
    return m.group(1), m.group(2)


def _text(cells: dict[str, Cell], role: str) -> str:
    return " ".join(c.text for r, c in cells.items() if r.split("#")[0] == role)


def table_lines(table: Table, read_cell: Callable[[Box], str] | None = None) -> list[DraftLine]:
    """The ordered lines of a table. With `read_cell`, a quantity cell is read again from the
    page picture where OCR lost it (on a row with a product name) or left it doubtful."""
    band = next((c for c in table.columns if c.role == "quantity"), None)
    lines = []
    for row in table.rows:
        line = row_to_line(row)
        if read_cell is not None and band is not None and row.box is not None:
            cell = Box(row.page, band.x0, row.box.y0, band.x1, row.box.y1)
            if line is None and names_a_product(_text(row.cells, "description")):
                text = read_cell(cell)
                line = row_to_line(row, quantity_text=text) if text.strip() else None
                if line is not None:
                    line.warnings.append(f"quantity read again from the page picture: "
                                         f"{line.quantity:g}")
                    line.confidence = round(line.confidence * 0.7, 3)
            elif line is not None and _doubtful(line, row):
                # Just the digits OCR saw first (the band may catch a rule or the unit), then
                # the band.
                written = row.cells["quantity"].box if "quantity" in row.cells else None
                for box in (written, cell):
                    if box is not None and _check_reread(line, row, read_cell(box)):
                        break
        if line is not None:
            lines.append(line)
    return lines


def _doubtful(line: DraftLine, row: Row) -> bool:
    """A quantity no amount and price beside it confirm, with a zero look-alike after its
    first digit (19, 38) or read from a cell OCR split in two ('4 1')."""
    if line.amount is not None and line.unit_price is not None and not line.warnings:
        return False
    read = f"{line.quantity:g}"
    zero_suspect = read.isdigit() and any(c in ZERO_LOOKALIKES for c in read[1:])
    return zero_suspect or _split_digits(row) is not None


_SPLIT = re.compile(r"^(\d+) \d$")


def _split_digits(row: Row) -> str | None:
    """The first number of a quantity cell read as two ('4 1'): a digit and a speck or a rule
    beside it, or one number with a gap ('4 8' for 48). None when the cell is not so."""
    cell = row.cells.get("quantity")
    m = _SPLIT.match(nfkc(cell.text).strip()) if cell else None
    return m.group(1) if m else None


def _check_reread(line: DraftLine, row: Row, reread: str) -> bool:
    """Take the cell's digits-only re-read where it settles a doubt: it differs only by zeros
    for look-alikes, or it is the first of two numbers OCR split the cell into."""
    read, digits = f"{line.quantity:g}", reread.strip()
    if not digits.isdigit() or digits == read:
        return False
    zeros = len(digits) == len(read) and all(
        a == b or (a in ZERO_LOOKALIKES and b == "0") for a, b in zip(read, digits, strict=True))
    if not zeros and digits != _split_digits(row):
        return False
    line.warnings.append(f"quantity read as {read}, read again from the page picture: {digits}")
    line.quantity = float(digits)
    line.confidence = round(line.confidence * 0.9, 3)
    return True


def row_to_line(row: Row, quantity_text: str | None = None) -> DraftLine | None:
    """The ordered line a table row holds; None for rows without a quantity (not ordered).

    `quantity_text` replaces the quantity cell's text (a cell read again from the picture).
    """
    cells = row.cells
    cell = read_quantity_cell(_text(cells, "quantity"))
    if quantity_text is not None:
        # The re-read holds only digits: a unit the cell did show still counts.
        reread = read_quantity_cell(quantity_text)
        cell = dataclasses.replace(reread, unit=reread.unit or cell.unit)
    quantity, unit = cell.quantity, cell.unit
    if quantity is None and "unit" in cells:
        # A quantity written a little to the right lands in the unit column: '6本'.
        quantity, unit = split_quantity(_text(cells, "unit"))
    unit_price = parse_number(_text(cells, "unit_price"), lenient=True)
    amount = parse_number(_text(cells, "amount"), lenient=True)
    derived = quantity is None and whole_quotient(amount, unit_price) is not None
    if derived:
        # The quantity cell was lost (OCR dropped it or read it as noise): amount ÷ price.
        quantity = whole_quotient(amount, unit_price)
    if quantity is None or quantity <= 0:
        return None
    written_unit = to_unit(_text(cells, "unit")) if "unit" in cells else None
    unit = written_unit or unit
    description = nfkc(_text(cells, "description")).strip()
    if cell.spilled:
        description = f"{description} {cell.spilled}".strip()
    spec = nfkc(_text(cells, "spec")).strip()
    if spec:
        description = f"{description} {spec}".strip()
    code = clean_code(_text(cells, "code")) if "code" in cells else None
    if code is None and description:
        code, description = split_leading_code(description)
    used = [c for r, c in cells.items() if r not in ("line_no", "pack")]
    confidence = min((c.confidence for c in used), default=0.0)
    line = DraftLine(
        description=description,
        code=code,
        quantity=quantity,
        unit=unit,
        unit_price=unit_price,
        amount=amount,
        note=nfkc(_text(cells, "note")).strip(),
        confidence=round(confidence, 3),
        box=row.box,
    )
    if cell.unit_unreadable and written_unit is None:
        line.warnings.append(f"unit unreadable in quantity {_text(cells, 'quantity')!r}")
        line.confidence = round(line.confidence * 0.8, 3)
    if derived:
        line.warnings.append(f"quantity unreadable, taken as {quantity:g} "
                             f"(amount {amount:g} ÷ unit price {unit_price:g})")
        line.confidence = round(line.confidence * 0.7, 3)
    cross_check(line)
    return line


def cross_check(line: DraftLine) -> None:
    """Quantity × unit price must equal the amount when all three are known; else warn."""
    if line.quantity is None or line.unit_price is None or line.amount is None:
        return
    expected = line.quantity * line.unit_price
    if abs(expected - line.amount) > max(1.0, 0.005 * abs(line.amount)):
        repaired = _repaired_quantity(line.quantity, line.unit_price, line.amount)
        if repaired is not None:
            line.warnings.append(
                f"quantity read as {line.quantity:g}, taken as {repaired:g} "
                f"(amount {line.amount:g} ÷ unit price {line.unit_price:g})"
            )
            line.quantity = repaired
            line.confidence = round(line.confidence * 0.8, 3)
            return
        line.warnings.append(
            f"amount {line.amount:g} ≠ quantity {line.quantity:g} × unit price {line.unit_price:g}"
        )
        line.confidence = round(line.confidence * 0.5, 3)


def _repaired_quantity(quantity: float, unit_price: float, amount: float) -> float | None:
    """amount ÷ unit price when it is a whole number that OCR could have misread as `quantity`.

    Faxed digits lose strokes (0 read as 9) or gain a table rule (24 read as 241); the amount
    and unit price beside them confirm the real value. Only a near reading is repaired.
    """
    value = whole_quotient(amount, unit_price)
    return value if value is not None and near_reading(quantity, value) else None
