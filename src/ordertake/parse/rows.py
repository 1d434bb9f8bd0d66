"""Table rows → DraftLines: numbers, units, codes, the amount cross-check (pure)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from ordertake.domain import Box, DraftLine
from ordertake.parse.layout import Cell, Column, Row, Table, names_a_product
from ordertake.parse.namereads import with_name_boxes
from ordertake.parse.numbers import near_reading, nfkc, parse_number, whole_quotient
from ordertake.parse.qtycell import clean_quantity_text, count_and_unit_head, read_quantity_cell
from ordertake.parse.rereads import (
    GlyphCounter,
    lost_quantities,
    role_text,
    second_opinions,
    unit_cells_from_picture,
    units_from_picture,
    units_in_cells,
)
from ordertake.parse.units import is_size_unit, to_unit

_CODE_SPECKS = ".,:;|・_-ー'\"`「」"
"""Specks and rules OCR leaves at the ends of a code cell (・C-10187, ー B-10558, _AY-0257)."""
_NOTE_SIZE = re.compile(
    r"(?i)^(\d+(?:\.\d+)?\s*(?:ml|l|cc|g|kg|mm|cm)(?:\s*[x×]\s*\d+\S{0,2})?)[.,。、・\s]*$"
)
"""A note cell holding nothing but a size (and its pack), a speck after it."""
_CODE_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_/.]*$")
_LEADING_CODE = re.compile(
    r"^[.,:;・_\-ー'\"`「」『』]*\s*"  # specks and rules before it
    r"(?:\d{1,3}\s+(?=[A-Za-z0-9]*[A-Za-z\-_]\S*\d{3}))?"  # a line number, its column lost
    r"([A-Za-z]{1,5}[-_]?\d{2,}[A-Za-z0-9\-]*|[A-Za-z0-9]{1,3}[-_]\d{3,}[A-Za-z0-9\-]*"
    r"|\d{4,13})"
    r"[.,:;・_'\"`]*\s+(.+)$")
"""A code at the start of a description whose code column OCR lost or never had: 'KT-0451',
'.KJ-0217', 'SN-0362・', 'A_10804', '6-10254' (G read as 6), '1 C-10106' after its line
number."""
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
    return m.group(1).replace("_", "-"), m.group(2)


def table_lines(table: Table, read_cell: Callable[[Box], str] | None = None,
                typed: bool = False) -> list[DraftLine]:
    """The ordered lines of a table. With `read_cell`, a quantity cell is read again from the
    page picture where OCR lost it (on a row with a product name) or where nothing printed
    beside it (amount and unit price) confirms it (parse/rereads.py). Each line keeps where
    its product name is printed, to be read again where the matcher is unsure of it
    (parse/namereads.py). `typed`: the table was typed (a spreadsheet, a mail), so whatever
    its quantity cells hold was written there (see `row_to_line`)."""
    band = next((c for c in table.columns if c.role == "quantity"), None)
    units = units_in_cells(table.rows)
    lines = [row_to_line(row, units_in_cells=units) for row in table.rows]
    if band is not None:
        _join_split_quantities(table, lines, units)
        _take_quantities_run_over(table, band, lines, units)
    if read_cell is not None and band is not None:
        second_opinions(table.rows, lines, band, read_cell)
        units_from_picture(table.rows, lines, band, read_cell)
        lost = [i for i, row in enumerate(table.rows) if lines[i] is None and row.box is not None
                and names_a_product(role_text(row.cells, "description"))]
        texts = lost_quantities([table.rows[i] for i in lost], table.rows, band, read_cell)
        for i, text in zip(lost, texts, strict=True):
            lines[i] = _from_picture(table.rows[i], text, units)
    unit_column = next((c for c in table.columns if c.role == "unit"), None)
    if read_cell is not None and unit_column is not None:
        unit_cells_from_picture(table.rows, lines, unit_column, read_cell)
    for i, row in enumerate(table.rows):
        if lines[i] is None and names_a_product(role_text(row.cells, "description")):
            lines[i] = row_to_line(row, keep_unreadable=True, units_in_cells=units, typed=typed)
    if band is not None and isinstance(read_cell, GlyphCounter):
        _keep_unread_counts(table, band, lines, read_cell, units)
    _flag_lost_units(table, lines)
    _flag_unreadable_pages(table, lines)
    with_name_boxes(table.rows, lines)
    return [line for line in lines if line is not None]


UNREADABLE_TABLE = 0.5
"""Mean OCR confidence of a page's table words below which none of its lines is sure. On the
tuning faxes (samples, s89, h801, and skewed or streaked) no table read below 0.54; the same
faxes printed a pixel bolder read 0.38 to 0.49 on half their pages, with digits misread and
rows mixed up (a row's name and code with the next row's count) at high line confidence."""


def table_confidence(rows: list[Row], page: int) -> float | None:
    """The mean OCR confidence of the words in the table's rows on `page`; None without any."""
    confidences = [w.confidence for row in rows if row.page == page
                   for cell in row.cells.values() for w in cell.words]
    return sum(confidences) / len(confidences) if confidences else None


def _flag_unreadable_pages(table: Table, lines: list[DraftLine | None]) -> None:
    """Every line of a page whose table OCR read too poorly (`UNREADABLE_TABLE`) goes to the
    clerk: there what a row holds cannot be told from how well its product matched."""
    for page in sorted({row.page for row in table.rows}):
        mean = table_confidence(table.rows, page)
        if mean is None or mean >= UNREADABLE_TABLE:
            continue
        for row, line in zip(table.rows, lines, strict=True):
            if line is not None and row.page == page:
                line.warnings.append(f"table_unsure:ocr={mean:.0%}")
                line.confidence = round(line.confidence * 0.6, 3)


def _keep_unread_counts(table: Table, band: Column, lines: list[DraftLine | None],
                        counter: GlyphCounter, units: bool) -> None:
    """A named row whose count nothing could read, though its quantity cell shows writing on
    the picture (a count written by hand on a printed form, a smudged figure), is kept as a
    line with no quantity for the clerk to fill in: dropped, the order would lose it."""
    wanted = [(i, Box(row.page, band.x0, row.box.y0, band.x1, row.box.y1))
              for i, row in enumerate(table.rows) if lines[i] is None and row.box is not None
              and names_a_product(role_text(row.cells, "description"))]
    counts = counter.count_glyphs([box for _, box in wanted])
    for (i, _), glyphs in zip(wanted, counts, strict=True):
        if glyphs:
            lines[i] = row_to_line(table.rows[i], unread_ink=True, units_in_cells=units)


def _flag_lost_units(table: Table, lines: list[DraftLine | None]) -> None:
    """On a form that writes the unit in the quantity cell (10本, 2cs) and has no unit column,
    a cell whose unit OCR lost is doubtful as a whole: its glyphs may have been read as
    digits (2個 read 248, 1cs read 11), so the line is flagged for the clerk."""
    if any(c.role == "unit" for c in table.columns) or not units_in_cells(table.rows):
        return
    for row, line in zip(table.rows, lines, strict=True):
        text = role_text(row.cells, "quantity")
        if line is None or line.warnings or line.unit is not None:
            continue  # a line with a warning is flagged already
        line.warnings.append(f"unit unreadable in quantity {text!r}")
        line.confidence = round(line.confidence * 0.8, 3)


def _join_split_quantities(table: Table, lines: list[DraftLine | None], units: bool) -> None:
    """A quantity OCR set on a line of its own ('6' a little above '本'): the row it stands
    in holds nothing else, the next or previous row names a product and shows its unit with
    no number. The number is that row's; its own row is no line."""
    rows = table.rows
    for i, row in enumerate(rows):
        own, box = lines[i], row.box
        if set(row.cells) != {"quantity"} or own is None or box is None:
            continue
        number = role_text(row.cells, "quantity")
        if read_quantity_cell(number).unit is not None:
            continue
        for j in (i + 1, i - 1):
            other = rows[j] if 0 <= j < len(rows) else None
            if other is None or other.page != row.page or other.box is None:
                continue
            shown = role_text(other.cells, "quantity")
            # The unit in the cell, or in a unit column of its own ('本' under no title).
            unit = (read_quantity_cell(shown, units) if shown.strip()
                    else read_quantity_cell(role_text(other.cells, "unit")))
            if (unit.quantity is not None or unit.unit is None
                    or not names_a_product(role_text(other.cells, "description"))
                    or not _near(box, other.box)):
                continue
            line = row_to_line(other, quantity_text=f"{number}{shown}", units_in_cells=units)
            if line is not None:
                line.confidence = round(min(line.confidence, own.confidence), 3)
                lines[j], lines[i] = line, None
            break


def _near(a: Box, b: Box) -> bool:
    """Two boxes of one row: less than half a line height apart."""
    height = max(a.y1 - a.y0, b.y1 - b.y0)
    return max(a.y0, b.y0) - min(a.y1, b.y1) < 0.5 * height


def _take_quantities_run_over(table: Table, band: Column, lines: list[DraftLine | None],
                              units: bool) -> None:
    """A row whose quantity OCR read as one word with the next column's remark ('2袋至急'
    across the column's edge): the word went to the column it overlaps most. When it starts
    inside the quantity column, its head that reads as a count and a unit is the quantity."""
    for i, row in enumerate(table.rows):
        if lines[i] is not None or role_text(row.cells, "quantity").strip():
            continue
        if not names_a_product(role_text(row.cells, "description")):
            continue
        words = [w for r, c in row.cells.items() if r not in ("description", "quantity")
                 for w in c.words if w.box.x0 < band.x1 <= w.box.x1]
        for word in words:
            head = count_and_unit_head(clean_quantity_text(nfkc(word.text)))
            if head:
                lines[i] = row_to_line(row, quantity_text=head, units_in_cells=units)
                break


def _from_picture(row: Row, text: str, units: bool = False) -> DraftLine | None:
    line = row_to_line(row, quantity_text=text, units_in_cells=units) if text else None
    if line is not None:
        line.warnings.append(f"quantity read again from the page picture: {line.quantity:g}")
        line.confidence = round(line.confidence * 0.7, 3)
    return line


def row_to_line(row: Row, quantity_text: str | None = None, keep_unreadable: bool = False,
                units_in_cells: bool = False, unread_ink: bool = False,
                typed: bool = False) -> DraftLine | None:
    """The ordered line a table row holds; None for rows without a quantity (not ordered).

    `quantity_text` replaces the quantity cell's text (a cell read again from the picture).
    With `keep_unreadable`, a quantity cell showing digits no reading makes a quantity of
    ('19C/$S') keeps the row as a line with no quantity and the warning key
    `qty_unreadable:…`: the clerk fills it in, rather than the ordered line being lost. An
    empty cell still means the row was not ordered. `unread_ink`: the picture shows writing
    in the quantity cell that OCR read as nothing (warning key `qty_ink`), kept the same way.
    `units_in_cells`: the table writes its units in the quantity cells (see
    `qtycell.read_quantity_cell`). `typed`: on a typed table a quantity cell with any letter in
    it ('abc', '未定') was written there, no speck: it is kept as unreadable too.
    """
    cells = row.cells
    counted = _cases_and_loose(cells) if "quantity" not in cells else None
    cell = read_quantity_cell(counted[0] if counted else role_text(cells, "quantity"),
                              units_in_cells)
    if quantity_text is not None:
        # The re-read holds only digits: a unit the cell did show still counts.
        reread = read_quantity_cell(quantity_text, units_in_cells)
        cell = dataclasses.replace(reread, unit=reread.unit or cell.unit)
    quantity, unit = cell.quantity, cell.unit
    if quantity is None and "unit" in cells:
        # A quantity written a little to the right lands in the unit column: '6本', or
        # with a speck before it, '・2.cs'.
        written = role_text(cells, "unit")
        beside = read_quantity_cell(written)
        if any(c.isdigit() for c in written):  # never a unit's letters read as digits
            quantity, unit = beside.quantity, beside.unit
    unit_price = parse_number(role_text(cells, "unit_price"), lenient=True)
    amount = parse_number(role_text(cells, "amount"), lenient=True)
    derived = quantity is None and whole_quotient(amount, unit_price) is not None
    if derived:
        # The quantity cell was lost (OCR dropped it or read it as noise): amount ÷ price.
        quantity = whole_quotient(amount, unit_price)
    shown = nfkc(role_text(cells, "quantity")).strip()
    unreadable = quantity is None and keep_unreadable and any(
        c.isdigit() or (typed and c.isalnum() and c != "ー") for c in shown)
    ink = quantity is None and unread_ink and not unreadable
    if (quantity is None or quantity <= 0) and not (unreadable or ink):
        return None
    written_unit = _written_unit(cells) if "unit" in cells else None
    unit = written_unit or unit
    description = nfkc(role_text(cells, "description")).strip()
    if cell.spilled:
        description = f"{description} {cell.spilled}".strip()
    spec = nfkc(role_text(cells, "spec")).strip()
    if spec:
        description = f"{description} {spec}".strip()
    note = nfkc(role_text(cells, "note")).strip()
    size_noted = _NOTE_SIZE.match(note)
    if size_noted and description:
        # A remark that is only a size (1L, 500ml×24) is the product's size, written in the
        # column beside the name (or run over into it): a part of the name, no remark.
        description, note = f"{description} {size_noted.group(1)}", ""
    code = clean_code(role_text(cells, "code")) if "code" in cells else None
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
        note=note,
        confidence=round(confidence, 3),
        box=row.box,
    )
    if counted and counted[1]:
        line.warnings.append(counted[1])
        line.confidence = round(line.confidence * 0.8, 3)
    if cell.point_dropped:
        line.warnings.append(f"quantity read as {role_text(cells, 'quantity')!r}: the point "
                             f"taken for a speck, {quantity:g}")
        line.confidence = round(line.confidence * 0.8, 3)
    if cell.unit_unreadable and written_unit is None:
        line.warnings.append(f"unit unreadable in quantity {role_text(cells, 'quantity')!r}")
        line.confidence = round(line.confidence * 0.8, 3)
    if unreadable or ink:
        line.warnings.append(f"qty_unreadable:{shown}" if unreadable else "qty_ink")
        line.confidence = round(line.confidence * 0.5, 3)
    if derived:
        line.warnings.append(f"quantity unreadable, taken as {quantity:g} "
                             f"(amount {amount:g} ÷ unit price {unit_price:g})")
        line.confidence = round(line.confidence * 0.7, 3)
    cross_check(line, _pack(cells))
    in_unit = _count_before_unit(cells) if quantity_text is None and not counted else None
    # Without a warning, cross_check found quantity × price = amount where all three show.
    confirmed = line.unit_price is not None and line.amount is not None
    if (in_unit is not None and quantity is not None and in_unit != quantity
            and not line.warnings and not confirmed):
        line.warnings.append(f"qty_two_counts:quantity={quantity:g},unit_cell={in_unit:g}")
        line.confidence = round(line.confidence * 0.6, 3)
    return line


def _count_before_unit(cells: dict[str, Cell]) -> float | None:
    """A count written before the unit in the unit cell ('3 本 1,134'), besides the quantity
    cell's: on a page whose header OCR garbled, the 入数 column can be taken for the
    quantity's and the count run into the unit's. Which of the two was ordered cannot be
    told; None when the unit cell starts with no count and a counting unit."""
    if "unit" not in cells:
        return None
    words = nfkc(role_text(cells, "unit")).split()
    if len(words) >= 2 and words[0].isdigit():
        unit = to_unit(words[1])
        if unit is not None and not is_size_unit(words[1]):
            return float(words[0])
    return None


def _pack(cells: dict[str, Cell]) -> float | None:
    """The row's 入数 (pieces a case), when it shows one."""
    return parse_number(role_text(cells, "pack"), lenient=True) if "pack" in cells else None


def _cases_and_loose(cells: dict[str, Cell]) -> tuple[str, str | None] | None:
    """The quantity text of a row counted in a ケース column and a バラ column, and a warning
    when the two cannot be made one count. Both filled: cases × 入数 + pieces, in pieces
    (バラ), when the row shows its 入数; else the cases, with the pieces left to the clerk."""
    if "cases" not in cells and "loose" not in cells:
        return None
    cases = read_quantity_cell(role_text(cells, "cases")).quantity if "cases" in cells else None
    loose = read_quantity_cell(role_text(cells, "loose")).quantity if "loose" in cells else None
    if cases and loose:
        pack = _pack(cells)
        if pack and pack == int(pack):
            return f"{cases * pack + loose:g}バラ", None
        return f"{cases:g}ケース", f"バラ {loose:g} も記入されています: 数量を確認してください"
    if cases:
        return f"{cases:g}ケース", None
    return (f"{loose:g}バラ", None) if loose else ("", None)


def _written_unit(cells: dict[str, Cell]) -> str | None:
    """The unit the unit cell names; its first word when a remark OCR set beside it ran into
    the cell ('袋. 前回'); a garbled ケース beside the row's count ('7-X')."""
    first = cells["unit"].words[0].text.strip(".,。・'\"") if cells["unit"].words else ""
    text = role_text(cells, "unit")
    unit = to_unit(text) or to_unit(first)
    if unit is None and any(c.isdigit() for c in role_text(cells, "quantity")):
        # Beside a count of its own, a unit read as a cell holding no count: ケース with
        # its ケ read as a digit ('7-X').
        read = read_quantity_cell(text)
        if read.quantity is None and read.unit is not None and not is_size_unit(read.unit):
            unit = read.unit
    return unit


def cross_check(line: DraftLine, pack: float | None = None) -> None:
    """Quantity × unit price must equal the amount when all three are known; else warn.
    Cases priced by the piece agree too: cases × `pack` (the row's 入数) × unit price."""
    if line.quantity is None or line.unit_price is None or line.amount is None:
        return
    tolerance = max(1.0, 0.005 * abs(line.amount))
    if line.unit == "ケース" and pack and abs(
            line.quantity * pack * line.unit_price - line.amount) <= tolerance:
        return
    expected = line.quantity * line.unit_price
    if abs(expected - line.amount) > tolerance:
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
