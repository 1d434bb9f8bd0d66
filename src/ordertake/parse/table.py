"""Find the line-item table in a document's lines and cut it into rows, across pages (pure)."""

from __future__ import annotations

import statistics
from collections.abc import Callable

from ordertake.domain import Box, Word
from ordertake.parse.headerless import headerless_columns
from ordertake.parse.layout import (
    Cell,
    Column,
    Row,
    Table,
    fit_columns,
    header_columns,
    is_end_line,
    is_subtotal,
    is_total_line,
    is_total_text,
    name_lost_description,
    names_a_product,
    recover_quantity,
    split_cells,
    title_role,
    unnamed_apart,
)
from ordertake.parse.lines import TextLine, has_text, join_words, line_of, words_box
from ordertake.parse.numbers import find_numbers, nfkc
from ordertake.parse.typedtable import is_past_rows, labels_values, typed_cells, typed_parts

_WRAP_ROLES = {"description", "spec", "note"}
_NUMBER_ROLES = ("quantity", "unit_price", "amount")
_COUNTED = ("quantity", "cases", "loose", "unit", "unit_price", "amount")
"""Cells a row's count may be read from (a count run over into the unit column, amount ÷
price)."""
_STAGGER_WRAPS = {"description", "spec", "note", "quantity", "unit"}
"""Cells that wrap onto a second line in a narrow column: a name, a count, a unit."""
_CODE_JOINERS = "-‐−ー"
"""Where a product code in a narrow column breaks onto a second line ('E-' / '10766')."""


def _has_number(cells: dict, roles: tuple[str, ...]) -> bool:
    return any(r in cells and find_numbers(cells[r].text) for r in roles)


def _is_wrap(line: TextLine, cells: dict, last: Row | None, pitch: float | None,
             code_rows: bool) -> bool:
    """A line with only description text just below a row continues that row's description."""
    if last is None or not cells or not set(cells) <= _WRAP_ROLES or "description" not in cells:
        return False
    prev = last.lines[-1]
    if prev.page != line.page:
        return False
    if code_rows:
        # Rows carry codes: a line without one cannot be a row of its own.
        return True
    distance = (line.box.y0 - prev.box.y0) * line.aspect
    gap = (line.box.y0 - prev.box.y1) * line.aspect
    if pitch is not None and distance < 0.8 * pitch:
        return True
    if not _has_number(last.cells, _NUMBER_ROLES):
        # The row above lost its numbers to OCR too: rows packed tight would all melt into
        # one. Kept apart, each can have its quantity cell read again from the picture.
        return False
    return gap < 0.6 * line.em


def _completes(line: TextLine, cells: dict, last: Row | None, pitch: float | None,
               code_rows: bool) -> bool:
    """A line with a quantity that holds the rest of the row above, which has none: OCR cut one
    row into two lines, side by side on the same visual line, or (in a table whose rows carry
    codes) a line without a code under it ('ウスターソース ¥4,740' over '500ml 3 cs')."""
    if last is None or not _has_number(cells, ("quantity",)):
        return False
    prev = last.lines[-1]
    if prev.page != line.page or _has_number(last.cells, ("quantity",)):
        return False
    distance = (line.box.y0 - prev.box.y0) * line.aspect
    if abs(distance) < 0.5 * line.em:
        return True
    return code_rows and "code" not in cells and (pitch is None or distance < 0.8 * pitch)


def _append(row: Row, line: TextLine, cells: dict) -> None:
    row.lines.append(line)
    for role, cell in cells.items():
        if role in row.cells:
            old = row.cells[role]
            old.text = f"{old.text} {cell.text}".strip() if role != "description" else _wrap_join(
                old.text, cell.text)
            old.words += cell.words
            old.box = old.box.union(cell.box) if old.box and cell.box else old.box or cell.box
            old.confidence = min(old.confidence, cell.confidence)
        else:
            row.cells[role] = cell


def _wrap_join(first: str, second: str) -> str:
    """Join a wrapped description: no space inside Japanese text, a space between words."""
    from ordertake.parse.lines import is_cjk

    if first and second and is_cjk(first[-1]) and is_cjk(second[0]):
        return first + second
    return f"{first} {second}".strip()


def _own_row(line: TextLine, cells: dict, last: Row, columns: list[Column],
             read_cell: Callable[[Box], str]) -> bool:
    """A line that looks like a wrapped description but is a row of its own whose quantity OCR
    lost: it names a product, and the picture shows digits in the quantity column beside it
    (not the row above's quantity standing across both lines)."""
    band = next((c for c in columns if c.role == "quantity"), None)
    description = cells.get("description")
    if band is None or description is None or not names_a_product(description.text):
        return False
    above = last.cells.get("quantity")
    if above is not None and above.box is not None and above.box.y1 > line.box.y0:
        return False
    box = Box(line.page, band.x0, line.box.y0, band.x1, line.box.y1)
    return read_cell(box).strip().isdigit()


def is_noise(line: TextLine) -> bool:
    """A line without a letter or a figure: specks, dashes and rules ('ーー', '・.')."""
    return not has_text(line.text)


def _is_fragment(cells: dict) -> bool:
    """Cells without a name or a code: numbers or a unit OCR set apart from their row."""
    return bool(cells) and not {"description", "code"} & set(cells)


def _same_visual_line(a: TextLine, b: TextLine) -> bool:
    overlap = min(a.box.y1, b.box.y1) - max(a.box.y0, b.box.y0)
    return a.page == b.page and overlap > 0.5 * min(a.box.y1 - a.box.y0, b.box.y1 - b.box.y0)


def _fragments_last(body: list[tuple[TextLine, dict]]) -> list[tuple[TextLine, dict]]:
    """A fragment standing on the same visual line as the next line comes after it, so it
    joins that row rather than opening one ('10 btl' read a little above '031086 本みりん')."""
    out = list(body)
    for i in range(len(out) - 1):
        (line, cells), (following, next_cells) = out[i], out[i + 1]
        if (_is_fragment(cells) and not _is_fragment(next_cells)
                and _same_visual_line(line, following)):
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


def _name_beside(line: TextLine, cells: dict, following: list[tuple[TextLine, dict]]
                 ) -> TextLine | None:
    """A line holding only a name's start that OCR set apart from the rest of its row, on the
    same visual line, left of it ('富士山麓ウォーター オレンジジュース 100%' a little above
    '200ml 12本 前回同様'): that row's line with the name joined back. None when the line is
    no such start (a wrap stands below its row, never beside the next one)."""
    if not following or set(cells) != {"description"}:
        return None
    after, after_cells = following[0]
    if not _has_number(after_cells, ("quantity",)) or not _same_visual_line(line, after):
        return None
    if line.box.x1 > min(w.box.x0 for w in after.words) + 0.5 * line.em:
        return None
    return line_of(line.page, line.words + after.words, line.aspect)


def _quantity_beside(line: TextLine, following: list[tuple[TextLine, dict]]) -> bool:
    """The next line is a fragment holding a quantity on the same visual line: OCR set this
    line's count apart ('白峰酒造 焼酎 1.8L' beside '1 CS'), so it is a row, not a wrap."""
    if not following:
        return False
    after, cells = following[0]
    return (_is_fragment(cells) and _has_number(cells, ("quantity",))
            and _same_visual_line(line, after))


def _overlap(a: TextLine, b: TextLine) -> float:
    return min(a.box.y1, b.box.y1) - max(a.box.y0, b.box.y0)


def _staggered(three: list[tuple[TextLine, dict]]) -> bool:
    """Three lines that are one row of a ruled table whose cells are centred in it: the
    cells that wrap onto two lines (a name, a count in a narrow column: '2' over '4', 'パッ'
    over 'ク') stand as a top and a bottom line, the one-line cells (code, unit, prices)
    halfway between them, on a middle line that overlaps both. The top and bottom lines
    share a column, the middle one holds none of theirs."""
    if len(three) < 3:
        return False
    (top, above), (middle, centre), (bottom, below) = three
    if not top.page == middle.page == bottom.page or not above or not centre or not below:
        return False
    if _overlap(top, middle) <= 0 or _overlap(middle, bottom) <= 0 or _overlap(top, bottom) > 0:
        return False
    if not (top.box.y0 < middle.box.y0 < bottom.box.y0):
        return False
    centres = [(ln.box.y0 + ln.box.y1) / 2 for ln in (top, middle, bottom)]
    if abs(centres[1] - (centres[0] + centres[2]) / 2) > 0.25 * (middle.box.y1 - middle.box.y0):
        return False  # not halfway between: a speck line between two rows
    # The bottom line holds only the second halves of cells that wrap, never a row's own
    # cells (a line number, a code, prices): two rows of a noisy fax overlap too. A code is
    # the second half of one when the top line's code breaks off at a hyphen ('E-' over
    # '10766').
    wraps = _STAGGER_WRAPS | ({"code"} if _broken_code(above) else set())
    return (set(below) <= wraps and bool(set(above) & set(below))
            and not set(centre) & (set(above) | set(below)))


def _broken_code(cells: dict) -> bool:
    code = cells.get("code")
    return code is not None and nfkc(code.text).strip()[-1:] in _CODE_JOINERS


def _stagger_row(three: list[tuple[TextLine, dict]]) -> Row:
    """The row of three staggered lines: a wrapped cell's two parts joined ('2' and '4':
    24; 'パッ' and 'ク': パック), the middle line's cells as they are."""
    (top, above), (middle, centre), (bottom, below) = three
    row = Row(top.page, dict(above), [top, middle, bottom])
    for role, cell in [*centre.items(), *below.items()]:
        old = row.cells.get(role)
        if old is None:
            row.cells[role] = cell
            continue
        joined = _wrap_join(old.text, cell.text)
        if role != "description" and nfkc(old.text).strip()[-1:].isdigit() and nfkc(
                cell.text).strip()[:1].isdigit():
            joined = old.text.strip() + cell.text.strip()  # digits wrapped in a narrow cell
        elif role == "code":
            joined = old.text.strip() + cell.text.strip()  # 'E-' over '10766': E-10766
        box = old.box.union(cell.box) if old.box and cell.box else old.box or cell.box
        row.cells[role] = Cell(joined, old.words + cell.words, box,
                               min(old.confidence, cell.confidence))
    return row


def _fill_in(row: Row, line: TextLine, cells: dict) -> None:
    """A fragment's cells join the row beside it where the row has none of its own (a cell
    it already has was read twice, or is a speck read as a figure)."""
    row.lines.append(line)
    for role, cell in cells.items():
        if role not in row.cells:
            row.cells[role] = cell


def _collect(table: Table, lines: list[TextLine], columns: list[Column],
             read_cell: Callable[[Box], str] | None, typed: bool = False) -> None:
    """Rows of one page's table body, until a totals row or the end of the page. In `typed`
    text the lines without a count below the rows (a closing sentence, a signature) are left
    out, up to the next line with one."""
    last: Row | None = None
    past_rows = False
    pitches: list[float] = []
    cells_of = typed_cells if typed else split_cells
    body = _fragments_last([(ln, cells_of(ln, columns)) for ln in lines if not is_noise(ln)])
    table.used_lines |= {id(ln) for ln in lines if is_noise(ln)}
    staggered: set[int] = set()
    for k, (line, cells) in enumerate(body):
        if k in staggered:
            continue
        if _staggered(body[k : k + 3]):
            staggered |= {k + 1, k + 2}
            last = _stagger_row(body[k : k + 3])
            table.rows.append(last)
            table.used_lines |= {id(ln) for ln, _ in body[k : k + 3]}
            continue
        if (joined := _name_beside(line, cells, body[k + 1 :])) is not None:
            # The row's own line is read with the name joined back, in its place.
            table.used_lines |= {id(line), id(body[k + 1][0])}
            body[k + 1] = (joined, split_cells(joined, columns))
            continue
        if is_total_line(line, cells, columns):
            table.used_lines.add(id(line))
            # A subtotal ends this page's rows; the table may go on under a repeated header.
            table.closed = not is_subtotal(line)
            return
        has_qty = _has_number(cells, ("quantity",))
        if not has_qty and is_end_line(line):
            table.closed = True
            return
        if typed and not _has_number(cells, _COUNTED):
            if past_rows or is_past_rows(line, last.lines[-1] if last else None):
                past_rows = True  # left to the header fields
                continue
        past_rows = False
        if (last is not None and _is_fragment(cells)
                and any(_same_visual_line(line, ln) for ln in last.lines)):
            _fill_in(last, line, cells)
            table.used_lines.add(id(line))
            continue
        rows_with_code = [r for r in table.rows if "code" in r.cells]
        code_rows = any(c.role == "code" for c in columns) and len(rows_with_code) >= max(
            1, int(0.8 * len(table.rows)))
        pitch = statistics.median(pitches) if len(pitches) >= 2 else None
        wrap = _is_wrap(line, cells, last, pitch, code_rows and last is not None)
        if wrap and read_cell is not None and last is not None:
            wrap = not _own_row(line, cells, last, columns, read_cell)
        if wrap and _quantity_beside(line, body[k + 1 :]):
            wrap = False
        if wrap or _completes(line, cells, last, pitch, code_rows):
            assert last is not None
            _append(last, line, cells)
            table.used_lines.add(id(line))
            continue
        if last is not None and last.lines[-1].page == line.page:
            pitches.append((line.box.y0 - last.lines[0].box.y0) * line.aspect)
        row = Row(line.page, cells, [line])
        table.rows.append(row)
        table.used_lines.add(id(line))
        last = row


def _repeats_header(line: TextLine, columns: list[Column]) -> bool:
    """A continuation page's header row, however garbled: two or more title words standing
    where the table's own titles stood, one of them read exactly ('品名 … 備者')."""
    if any(c.isdigit() for c in line.text):
        return False
    exact = matched = 0
    for seg in line.segments:
        box, text = words_box(seg), join_words(seg, line.em)
        role = title_role(text)
        column = next((c for c in columns if c.role == role), None)
        if box is None or column is None:
            continue
        if box.x1 < column.hx0 - line.em or box.x0 > column.hx1 + line.em:
            continue
        matched += 1
        exact += title_role(text, exact=True) is not None
    return matched >= 2 and exact >= 1


def _header_at(lines: list[TextLine], table: Table | None, typed: bool = False
               ) -> tuple[int, int, list[Column]] | None:
    """Where this page's header row stands (its first and last line: titles written on two
    lines take up to three) and its columns: a header of its own, or (on a page that
    continues the table) a repeat of the table's header OCR left unreadable. In `typed`
    text a line of labelled fields (「品名：… 数量：２本」) is never the header."""
    for i, line in enumerate(lines):
        if typed and labels_values(line):
            continue
        columns = header_columns(line)
        if columns is not None:
            first, last, columns = _stacked_titles(lines, i, columns)
            body = _body_below(lines, last)
            columns = unnamed_apart(fit_columns(columns, body), body)
            columns = name_lost_description(columns, body)
            return first, last, recover_quantity(columns, body)
        if table is not None and _repeats_header(line, table.columns):
            return i, i, table.columns
    if table is None:
        # No header row: perhaps one whose quantity title OCR lost, its counts in the body.
        for i, line in enumerate(lines):
            if typed and labels_values(line):
                continue
            columns = header_columns(line, without_quantity=True)
            if columns is not None:
                # The quantity title may stand a little above or below the others (a taller
                # cell: 「ご注文数」 over 「コード 商品名」), on a line of its own.
                first, last, columns = _stacked_titles(lines, i, columns)
                body = _body_below(lines, last)
                columns = recover_quantity(fit_columns(columns, body), body)
                if any(c.role == "quantity" for c in columns):
                    return first, last, columns
    return None


def _stacked_titles(lines: list[TextLine], i: int, columns: list[Column]
                    ) -> tuple[int, int, list[Column]]:
    """A header whose titles wrap onto a second line ('Item / Code', 'Unit / Price', '発注 /
    数量' in a narrow column): the lines just above and below the header row that hold only
    short title words, none of them a figure, are stacked onto its words over the same
    column. Kept when the stacked titles name more columns than the row alone did."""
    header = lines[i]
    above = i - 1 if i > 0 and _stacks_on(lines[i - 1], header) else None
    below = i + 1 if i + 1 < len(lines) and _stacks_on(lines[i + 1], header) else None
    if above is None and below is None:
        return i, i, columns
    stacked = [lines[k] for k in (above, i, below) if k is not None]
    merged = header_columns(line_of(header.page, _stack_words(stacked), header.aspect))
    if merged is None or len(_named(merged)) <= len(_named(columns)):
        return i, i, columns
    return (above if above is not None else i), (below if below is not None else i), merged


def _named(columns: list[Column]) -> set[str]:
    return {c.role.split("#")[0] for c in columns if c.role != "other"}


def _stacks_on(line: TextLine, header: TextLine) -> bool:
    """A line of title words standing right above or below the header row (less than one
    text line between them), no figure among them."""
    height = header.box.y1 - header.box.y0
    gap = max(line.box.y0 - header.box.y1, header.box.y0 - line.box.y1)
    if line.page != header.page or gap > 0.5 * height or any(c.isdigit() for c in line.text):
        return False
    return all(title_role(join_words(seg, line.em)) is not None or len(seg) == 1
               for seg in line.segments)


def _stack_words(stacked: list[TextLine]) -> list[Word]:
    """The words of lines set one above the other, a word joined with those above and below
    it that it overlaps across ('Unit' over 'Price': 'Unit Price'), top first."""
    piles: list[list[Word]] = []
    for line in stacked:
        for w in line.words:
            pile = next((p for p in piles if any(
                min(v.box.x1, w.box.x1) > max(v.box.x0, w.box.x0) for v in p)), None)
            if pile is None:
                piles.append([w])
            else:
                pile.append(w)
    out = []
    for pile in piles:
        box = words_box(pile)
        assert box is not None
        text = " ".join(w.text for w in pile)
        out.append(Word(text, box, min(w.confidence for w in pile)))
    return out


def _body_below(lines: list[TextLine], i: int) -> list[TextLine]:
    """The lines under a header that the column edges are fitted to: up to the totals, the
    remarks, or a gap much wider than the rows' spacing (a footer below the table's end)."""
    body: list[TextLine] = []
    pitches: list[float] = []
    previous = lines[i]
    for following in lines[i + 1 : i + 41]:
        if is_total_text(following.text) or is_end_line(following):
            break
        pitch = following.box.y0 - previous.box.y0
        if len(pitches) >= 2 and pitch > 3 * statistics.median(pitches):
            break
        pitches.append(pitch)
        body.append(following)
        previous = following
    return body


def find_table(pages: list[list[TextLine]],
               read_cell: Callable[[Box], str] | None = None,
               printed: bool = True) -> Table | None:
    """The document's line-item table, continued over pages; None when no header row exists
    and, on `printed` pages, no rows aligned in columns show one.

    Typed text (an e-mail body) is not printed: its columns are characters, not positions, so
    lines that happen to line up are a list, not a table. `read_cell` (optional) tells a row
    whose quantity OCR lost from a wrapped description. A table typed under another, with
    titles of its own, is read in its own columns."""
    table: Table | None = None
    parts = pages if printed else [part for lines in pages for part in typed_parts(lines)]
    for lines in parts:
        found = _header_at(lines, table, typed=not printed)
        if found is not None:
            first, start, columns = found
            if table is None:
                table = Table(columns)
            else:
                # A repeated header continues the table, even after a total line.
                table.columns = columns
                table.closed = False
            table.used_lines |= {id(ln) for ln in lines[first : start + 1]}
            start += 1
        elif table is None or table.closed:
            continue
        else:
            start = 0
        _collect(table, lines[start:], table.columns, read_cell, typed=not printed)
    if table is None and printed:
        return _headerless_table(pages, read_cell)
    return table


def _headerless_table(pages: list[list[TextLine]],
                      read_cell: Callable[[Box], str] | None) -> Table | None:
    """The table of a document whose header row OCR lost (or that prints none), page by page
    from the rows' own alignment."""
    table: Table | None = None
    for lines in pages:
        found = headerless_columns(lines)
        if found is None:
            continue
        start, end, columns = found
        if table is None:
            table = Table(columns)
        table.columns = columns
        _collect(table, lines[start : end + 1], columns, read_cell)
        table.closed = False
    return table
