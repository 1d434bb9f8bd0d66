"""Quantity cells read a second way, from the page picture: what to ask, what to believe (pure).

The page OCR reads a faxed quantity wrong in a few known ways: a rule beside a digit becomes
a 1 ('3|' → 31), a speck a digit ('・24' → 94), a faint digit vanishes ('12' → 2), a slashed
zero becomes 9. The pipeline's cell reader (`ocr.cells.PageCells`) reads each quantity cell
again from its cleaned glyphs (rules, specks and neighbours' glyphs removed, digits only) and
counts the glyphs it shows; the two readings are compared here. A disagreement nothing
settles keeps the page OCR's reading with a warning and a lower confidence for the clerk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from typing import NamedTuple, Protocol, runtime_checkable

from ordertake.domain import Box, DraftLine, Word
from ordertake.parse.layout import Cell, Column, Row
from ordertake.parse.lines import words_box
from ordertake.parse.numbers import ZERO_LOOKALIKES, nfkc
from ordertake.parse.qtycell import (
    clean_quantity_text,
    has_unit,
    read_quantity_cell,
    written_digits,
)
from ordertake.parse.units import is_size_unit, spelled_unit, to_unit


class PictureDigits(NamedTuple):
    """A quantity cell read a second way: from the page picture, cleaned, digits only."""

    digits: str
    """What was read there ('' when nothing)."""
    glyphs: int | None = None
    """How many glyphs the picture shows side by side where the number stands, after rules,
    specks and neighbours' glyphs are removed (None when the reader cannot tell)."""


@runtime_checkable
class ManyCellReader(Protocol):
    """A cell reader that reads many cells at once (one tesseract run per page)."""

    def __call__(self, box: Box) -> str: ...

    def read_digits(self, boxes: list[Box], first: list[int | None] | None = None
                    ) -> list[PictureDigits]: ...

    def read_sizes(self, boxes: list[Box], first: list[int | None] | None = None
                   ) -> list[list[str]]: ...


@runtime_checkable
class GlyphCounter(Protocol):
    """A cell reader that counts the glyphs a cell shows on the picture, read or not."""

    def count_glyphs(self, boxes: list[Box]) -> list[int]: ...


@runtime_checkable
class CellTextReader(Protocol):
    """A cell reader that also reads a cell's text with no whitelist (number and unit)."""

    def read_text(self, boxes: list[Box]) -> list[str]: ...


@runtime_checkable
class StrokeAwareReader(Protocol):
    """A cell reader that tells a page printed too bold (`ocr.strokes`): there glyphs touch,
    so the picture's glyph count settles nothing and only a picture reading the same number
    bears a quantity out."""

    def thick_strokes(self, page: int) -> bool: ...


class Verdict(StrEnum):
    SAME = "same"
    """The picture says what the page OCR read."""
    TAKEN = "taken"
    """The picture's reading replaces the page OCR's."""
    UNSURE = "unsure"
    """The two readings disagree and nothing tells which is right."""
    NONE = "none"
    """The picture gave nothing to compare."""


_SPLIT_CELL = re.compile(r"^(\d+) \d$")
UNSURE_OCR = 0.5
"""A quantity the page OCR read below this word confidence is flagged when the picture gives
nothing to confirm it and shows another number of glyphs (of the page OCR's quantities below
it on the tuning faxes, 1 in 80 was wrong where the picture read the same, 2 in 5 where the
picture read nothing)."""


def compare_readings(cell_text: str, read: float, picture: PictureDigits,
                     steady: bool = False) -> Verdict:
    """What the picture's reading says about the quantity `read` from `cell_text`.

    The picture replaces the page OCR's reading where that has a known way of being wrong: a
    faxed slashed 0 read as 9, 6 or 8 by the Japanese model ('19' for 10); a cell OCR split
    in two ('4 1': a digit and a rule); a digit gained or lost (a rule or a speck read as a
    digit, a faint digit dropped) when the picture reads as many digits as it shows glyphs;
    and a number misread beside the unit written in the cell ('35箱' for 48箱), where the
    page OCR reads digits and kanji together and the picture only the number's glyphs. A
    picture reading with more or fewer digits than the glyphs it shows lost or gained one
    itself, and says nothing. Two numbers of as many digits as the picture shows glyphs
    ('27' and '24') are settled for the picture when it is `steady`: read the same at other
    glyph sizes too (a misread of the picture's own comes and goes with the size, a glyph
    the page OCR misread at its resolution reads the same at every size)."""
    digits, mine = picture.digits.strip(), f"{read:g}"
    if not digits.isdigit():
        return Verdict.NONE
    if _same_number(mine, digits):
        return Verdict.SAME
    if len(digits) == len(mine) and all(
            a == b or (a in ZERO_LOOKALIKES and b == "0") for a, b in zip(mine, digits,
                                                                          strict=True)):
        return Verdict.TAKEN
    split = _SPLIT_CELL.match(nfkc(cell_text).strip())
    if split and split.group(1) == digits:
        return Verdict.TAKEN
    if picture.glyphs is None:
        return Verdict.UNSURE
    unit = has_unit(cell_text)
    if len(digits) != picture.glyphs:
        return Verdict.NONE if unit or len(mine) == picture.glyphs else Verdict.UNSURE
    return Verdict.TAKEN if unit or len(mine) != len(digits) or steady else Verdict.UNSURE


def _same_number(mine: str, pictured: str) -> bool:
    """The same digits, an 8 in the picture standing for a 0: a faxed slashed zero at the
    picture's lower resolution reads as 8 (the page OCR read it at twice the resolution)."""
    return len(mine) == len(pictured) and all(
        a == b or (a == "0" and b == "8") for a, b in zip(mine, pictured, strict=True))


def role_text(cells: dict[str, Cell], role: str) -> str:
    """The text of a row's cells of one role ('quantity' also takes 'quantity#2')."""
    return " ".join(c.text for r, c in cells.items() if r.split("#")[0] == role)


def second_opinions(rows: list[Row], lines: list[DraftLine | None], band: Column,
                    read_cell: Callable[[Box], str]) -> None:
    """Quantities nothing printed confirms, compared with the picture's reading.

    A reader of many cells at once is asked about every such quantity; a one-cell reader, at
    a tesseract start per cell, only about doubtful ones (a zero look-alike after the first
    digit, a cell OCR split in two)."""
    many = isinstance(read_cell, ManyCellReader)
    asks = []
    for row, line in zip(rows, lines, strict=True):
        box = _number_box(row, band)
        if line is None or box is None or _confirmed(line):
            continue
        if many or _doubtful(line, row):
            asks.append((row, line, box))
    if not asks:
        return
    boxes = [box for _, _, box in asks]
    steady = [False] * len(asks)
    if isinstance(read_cell, ManyCellReader):
        first = [_number_glyphs(row) for row, _, _ in asks]
        pictures = read_cell.read_digits(boxes, first)
        again = [k for k, ((row, line, _), picture) in enumerate(zip(asks, pictures, strict=True))
                 if _steadiness_decides(line, row, picture)]
        if again:
            sizes = read_cell.read_sizes([boxes[k] for k in again], [first[k] for k in again])
            for k, texts in zip(again, sizes, strict=True):
                digits = pictures[k].digits.strip()
                steady[k] = bool(texts) and all(t.strip() == digits for t in texts)
    else:
        pictures = [PictureDigits(read_cell(b)) for b in boxes]
    bold = read_cell.thick_strokes if isinstance(read_cell, StrokeAwareReader) else None
    for (row, line, _), picture, is_steady in zip(asks, pictures, steady, strict=True):
        _second_opinion(line, row, picture, is_steady,
                        thick=bold is not None and bold(row.page))


def lost_quantities(lost: list[Row], rows: list[Row], band: Column,
                    read_cell: Callable[[Box], str]) -> list[str]:
    """The quantity cells OCR lost on the rows `lost` (of the table's `rows`), read from the
    picture: the whole cell, and where the table writes no unit beside its numbers, its
    cleaned glyphs too, which win when they read as many digits as they show glyphs (a rule
    or a speck in the cell then added nothing)."""
    units = units_in_cells(rows)
    boxed = [r for r in lost if r.box]
    boxes = [Box(r.page, band.x0, r.box.y0, band.x1, r.box.y1) for r in boxed if r.box]
    texts, firsts, tights = [], [], []
    for row, box in zip(boxed, boxes, strict=True):
        tight = _words_band(row, band) or _level_band(row, band)
        tights.append(tight)
        # Beside a unit in the cell, the words' box holds the unit's glyphs too, which read
        # as digits ('12袋' as 1288): there the row's box is asked first.
        first, second = (box, tight) if units or tight is None else (tight, box)
        text = read_cell(first).strip()
        if not text and second is not None and second != first:
            text = read_cell(second).strip()
        texts.append(text)
        firsts.append(first)
    if units and isinstance(read_cell, CellTextReader) and boxes:
        # Read as text, the cell's unit is a unit ('48本'), where a digits-only read takes
        # its glyphs for digits ('487'): a reading of a count and a named unit wins. The
        # row's box may reach into the rows above and below (a word stretched over a rule),
        # whose glyphs then crowd the crop: the cell's words' height is read too.
        extra = [(i, t) for i, t in enumerate(tights) if t is not None and t != boxes[i]]
        read = read_cell.read_text(boxes + [t for _, t in extra])
        tight_read = {i: text for (i, _), text in zip(extra, read[len(boxes):], strict=True)}
        for i, text in enumerate(read[: len(boxes)]):
            tight_counted = count_and_unit(tight_read.get(i, ""))
            counted = count_and_unit(text) or tight_counted
            if tight_counted and _neighbours_taken_in(counted, tight_counted):
                counted = tight_counted
            if counted:
                texts[i] = counted
    if not isinstance(read_cell, ManyCellReader) or not boxes:
        return texts
    before = [(i, left) for i, row in enumerate(boxed)
              if (left := _before_unit(row, band)) is not None
              and not count_and_unit(texts[i])]
    if before:
        pictures = read_cell.read_digits([left for _, (left, _) in before])
        for (i, (_, unit)), picture in zip(before, pictures, strict=True):
            digits = picture.digits.strip()
            if digits.isdigit() and len(digits) == picture.glyphs:
                texts[i] = digits + unit
    if units:
        return texts
    for i, picture in enumerate(read_cell.read_digits(firsts)):
        digits = picture.digits.strip()
        if digits.isdigit() and len(digits) == picture.glyphs:
            texts[i] = digits
    return texts


def units_from_picture(rows: list[Row], lines: list[DraftLine | None], band: Column,
                       read_cell: Callable[[Box], str]) -> None:
    """On a form writing units in its quantity cells, the cells OCR read without a unit ('12'
    for '1ケース', '6貸' for '6袋') read again as text from the picture. A count and a named
    unit there gives the line its unit when the count is the one read, and replaces the
    count when the page's digits are the picture's and more (the unit's glyphs read as
    digits: '12', '272', '487'). The line stays flagged: its cell was read two ways."""
    if not isinstance(read_cell, CellTextReader) or not units_in_cells(rows):
        return
    asks = []
    for row, line in zip(rows, lines, strict=True):
        text = role_text(row.cells, "quantity")
        box = _words_band(row, band)  # the row's box may reach into the next row's text
        if (line is None or line.unit is not None or line.quantity is None or box is None
                or _confirmed(line) or not written_digits(text)):
            continue
        asks.append((line, text, box))
    if not asks:
        return
    for (line, text, _), read in zip(asks, read_cell.read_text([b for _, _, b in asks]),
                                     strict=True):
        pictured = read_quantity_cell(count_and_unit(read), units_in_cells=True)
        if pictured.quantity is None or pictured.unit is None:
            continue
        page, picture = f"{line.quantity:g}", f"{pictured.quantity:g}"
        if picture == page or written_digits(text) == picture:
            line.unit = pictured.unit
            line.warnings.append(f"unit read from the page picture: {read.strip()}")
        elif page.startswith(picture):
            line.warnings.append(f"quantity read as {page}, read again from the page picture "
                                 f"with its unit: {read.strip()}")
            line.quantity, line.unit = pictured.quantity, pictured.unit
        else:
            continue
        line.confidence = round(line.confidence * 0.8, 3)


_SPECKS_BEFORE = ".,。、・'\"`:;_"
_RULES_AFTER = _SPECKS_BEFORE + "|!)]}【】「」『』"
"""Specks before a unit cell's reading, and specks and rules read as brackets after it."""


def unit_cells_from_picture(rows: list[Row], lines: list[DraftLine | None], column: Column,
                            read_cell: Callable[[Box], str]) -> None:
    """Cells of the unit column OCR read as no unit ('グー', 'か-ス2' for ケース on a
    photographed page) read again as text from the picture, where its glyphs are cleaned and
    the cell read alone: a unit read there is the line's (without it the line would take
    the product's own unit: 1ケース ordered as 1本). A unit the picture reads as spelled
    ('btl', 'ケース') is taken as it is; one only its damage makes a unit of ('か-ス') is
    flagged."""
    if not isinstance(read_cell, CellTextReader):
        return
    asks = []
    for row, line in zip(rows, lines, strict=True):
        cell = row.cells.get(column.role)
        box = words_box(cell.words) if cell is not None else None
        # Digits in the cell are a garbled unit's glyphs ('か-ス2', '5') only when the
        # count stands in its own column; else they may be the count written across.
        counted = any(c.isdigit() for c in nfkc(role_text(row.cells, "quantity")))
        if (line is None or line.unit is not None or cell is None or box is None
                or (any(c.isdigit() for c in nfkc(cell.text)) and not counted)):
            continue
        asks.append((line, Box(box.page, column.x0, box.y0, column.x1, box.y1)))
    if not asks:
        return
    for (line, _), read in zip(asks, read_cell.read_text([b for _, b in asks]), strict=True):
        # Its first word (the next cell's remark may stand in the crop: '袋 前回同様'),
        # without the specks before it and the rule after it ('bt【'); else the whole
        # reading (a unit OCR cut in two: 'クー ス').
        first = next(iter(read.split()), "").lstrip(_SPECKS_BEFORE).rstrip(_RULES_AFTER)
        whole = read.strip().lstrip(_SPECKS_BEFORE).rstrip(_RULES_AFTER)
        text = first if _unit_head(first) is not None else whole
        unit = _unit_head(text)
        if unit is None:
            continue
        line.unit = unit
        if spelled_unit(text) is None:  # a garbled reading ('か-ス'): the clerk looks
            line.warnings.append(f"unit read from the page picture: {text}")
            line.confidence = round(line.confidence * 0.8, 3)


def _unit_head(text: str) -> str | None:
    """The unit a picture's reading of a unit cell names: the whole reading, else its longest
    start of two characters or more that names one (a rule beside the unit read as a glyph:
    'ケースル'); never a size."""
    for head in (text, *(text[:end].strip() for end in range(len(text) - 1, 1, -1))):
        unit = to_unit(head)
        if unit is not None and not is_size_unit(head):
            return unit
    return None


def count_and_unit(text: str) -> str:
    """A picture's reading of a cell as a count and a named unit ('48本', '1cS'), or of its
    last word ('| 24缶  5ケース': the description's end caught in the crop); '' when
    neither reads so."""
    words = text.split()
    for candidate in (text, words[-1] if len(words) > 1 else ""):
        cell = read_quantity_cell(candidate, units_in_cells=True)
        if cell.quantity is not None and cell.unit is not None and not cell.unit_unreadable:
            return candidate
    return ""


def _neighbours_taken_in(row_read: str, words_read: str) -> bool:
    """The row's box read the count of the cell's own words with more digits before it, and
    the same unit ('244袋' where the words' height reads '4袋'): the box reached into the
    row above, whose count stood in the crop too. A crop at the words' height may lose the
    whole cell, never its first digits (the column's width is the same)."""
    tall, tight = read_quantity_cell(row_read, True), read_quantity_cell(words_read, True)
    if tall.quantity is None or tight.quantity is None or tall.unit != tight.unit:
        return False
    more, own = f"{tall.quantity:g}", f"{tight.quantity:g}"
    return len(more) > len(own) and more.endswith(own)


def _words_band(row: Row, band: Column) -> Box | None:
    """The quantity column at the height of the words OCR read in the cell ('ze' for 20, '0'
    for 20). The row's box can be much taller than its text (a word stretched over a rule, a
    speck), and a crop reaching into the rows above and below reads nothing, or a speck."""
    cell = row.cells.get("quantity")
    box = words_box(cell.words) if cell is not None else None
    return Box(box.page, band.x0, box.y0, band.x1, box.y1) if box is not None else None


def _level_band(row: Row, band: Column) -> Box | None:
    """The quantity column at the height of the row's words beside it, for a cell OCR lost
    whole: on a photographed or skewed page a row climbs across the sheet, and its box, from
    the lowest word to the highest, takes in the next row's count too ('1' over '48'). The
    height is taken between the nearest word on each side, as it stands at the column's
    middle; None when no word of the row stands beside the column."""
    words = [w for line in row.lines for w in line.words]
    left = [w for w in words if (w.box.x0 + w.box.x1) / 2 < band.x0]
    right = [w for w in words if (w.box.x0 + w.box.x1) / 2 >= band.x1]
    near_left = max(left, key=lambda w: w.box.x1, default=None)
    near_right = min(right, key=lambda w: w.box.x0, default=None)
    if near_left is None and near_right is None:
        return None
    if near_left is None or near_right is None:
        box = (near_left or near_right).box  # type: ignore[union-attr]
        return Box(row.page, band.x0, box.y0, band.x1, box.y1)
    a, b = near_left.box, near_right.box
    ca, cb = (a.x0 + a.x1) / 2, (b.x0 + b.x1) / 2
    t = ((band.x0 + band.x1) / 2 - ca) / (cb - ca)
    return Box(row.page, band.x0, a.y0 + t * (b.y0 - a.y0), band.x1, a.y1 + t * (b.y1 - a.y1))


def _before_unit(row: Row, band: Column) -> tuple[Box, str] | None:
    """Where the number of a cell OCR read as a unit alone stands ('4-ス' for 1ケース: the 1
    lost, the ケ read as 4), or as a unit after a glyph or two that are no digit ('< 本' for
    2本): the column left of the unit's word. Read there alone, the number's glyphs are not
    mixed with the unit's. With it, the unit as written when the cell did not read as one."""
    cell = row.cells.get("quantity")
    if cell is None or not cell.words:
        return None
    read = read_quantity_cell(cell.text)
    if read.quantity is not None:
        return None
    unit = ""
    start: float | None = min(w.box.x0 for w in cell.words)
    if read.unit is None:
        found = _unit_start(sorted(cell.words, key=lambda w: w.box.x0))
        start, unit = found if found is not None else (None, "")
    if start is None or start - band.x0 < 0.005:
        return None
    box = words_box(cell.words)
    assert box is not None
    # OCR's box of the unit starts a little inside the digit before it.
    edge = start + 0.15 * (box.y1 - box.y0) * row.lines[0].aspect
    return Box(row.page, band.x0, box.y0, edge, box.y1), unit


def _unit_start(words: list[Word]) -> tuple[float, str] | None:
    """Where the unit starts in a cell OCR read as a unit after a glyph or two that are no
    digit ('< 本', 'ュケース': the number misread as a sign or a kana), and the unit; None
    when it does not read so. Inside a word, the characters are taken as equally wide."""
    chars = [(w, k) for w in words for k in range(len(w.text))]
    for i in range(1, min(3, len(chars))):
        head = "".join(w.text[k] for w, k in chars[:i])
        tail = "".join(w.text[k] for w, k in chars[i:]).strip()
        if any(c.isdigit() for c in nfkc(head)):
            return None
        if to_unit(tail) is not None:
            word, k = chars[i]
            return word.box.x0 + (word.box.x1 - word.box.x0) * k / len(word.text), tail
    return None


def units_in_cells(rows: list[Row]) -> bool:
    """Most quantity cells of the table carry their unit ('12袋', '3ケース')."""
    texts = [role_text(r.cells, "quantity") for r in rows if "quantity" in r.cells]
    return sum(has_unit(t) for t in texts) * 2 > len(texts)


def count_cell(row: Row) -> Cell | None:
    """The cell the row's count was read from: its quantity cell, else a unit cell showing
    digits (a count with its unit written across the rule between the two columns, '101CS':
    the word went to the column it overlaps most)."""
    cell = row.cells.get("quantity")
    if cell is None and "unit" in row.cells and any(c.isdigit() for c in row.cells["unit"].text):
        cell = row.cells["unit"]
    return cell


def _count_text(row: Row) -> str:
    cell = count_cell(row)
    return "" if cell is None else (role_text(row.cells, "quantity") or cell.text)


def _number_box(row: Row, band: Column) -> Box | None:
    """Where the quantity stands: its words, a text height wider on each side (a digit OCR
    lost beside them), within the column."""
    cell = count_cell(row)
    if cell is None or not row.lines:
        return None
    box = words_box(cell.words)
    if box is None:
        return None
    extra = (box.y1 - box.y0) * row.lines[0].aspect
    x0, x1 = max(band.x0, box.x0 - extra), min(band.x1, box.x1 + extra)
    return Box(box.page, x0, box.y0, x1, box.y1) if x1 > x0 else None


def _number_glyphs(row: Row) -> int | None:
    """How many glyphs of the cell its number is, when a unit follows it there ('12袋': 2;
    '08袋': 2, a zero OCR read in front; '104-メ': 2, its ケ read as a 4)."""
    text = _count_text(row)
    read = read_quantity_cell(text).quantity
    if read is None or not has_unit(text):
        return None
    written, number = written_digits(text), f"{read:g}"
    return len(written) if written.lstrip("0") == number else len(number)


def _confirmed(line: DraftLine) -> bool:
    """Quantity × unit price is the amount as printed."""
    return line.amount is not None and line.unit_price is not None and not line.warnings


def _doubtful(line: DraftLine, row: Row) -> bool:
    """A zero look-alike after the first digit (19, 38), or a cell OCR split in two ('4 1')."""
    read = f"{line.quantity:g}"
    zero_suspect = read.isdigit() and any(c in ZERO_LOOKALIKES for c in read[1:])
    split = _SPLIT_CELL.match(nfkc(_count_text(row)).strip())
    return zero_suspect or split is not None


def _steadiness_decides(line: DraftLine, row: Row, picture: PictureDigits) -> bool:
    """The picture and the page OCR disagree in a way the picture's steadiness settles."""
    cell_text = _count_text(row)
    cell = read_quantity_cell(cell_text)
    printed = cell.quantity
    if printed is None or line.quantity != printed or cell.spilled:
        return False
    return (compare_readings(cell_text, printed, picture) == Verdict.UNSURE
            and compare_readings(cell_text, printed, picture, steady=True) == Verdict.TAKEN)


def _second_opinion(line: DraftLine, row: Row, picture: PictureDigits,
                    steady: bool = False, thick: bool = False) -> None:
    """Settle the line's quantity with the picture's reading (see `compare_readings`). On a
    page printed too bold (`thick`) a quantity the picture does not read the same is flagged
    whatever the glyph count says: there the page OCR misreads digits with high confidence
    (30 read 36), and the picture loses them or reads touching glyphs as one."""
    cell_text = _count_text(row)
    cell = read_quantity_cell(cell_text)
    printed = cell.quantity
    if printed is None or line.quantity is None or cell.spilled:
        return  # a size spilled into the cell before the number: the picture's glyphs mix both
    verdict = compare_readings(cell_text, printed, picture, steady)
    digits = picture.digits.strip()
    if verdict == Verdict.TAKEN and _unit_glyph_read(row, printed, digits):
        verdict = Verdict.UNSURE
    if line.quantity != printed:
        # The amount ÷ unit price replaced it; the picture may show the printed one was right.
        if (verdict == Verdict.SAME and line.amount is not None and line.unit_price is not None
                and not _garbled_digits(cell_text, printed, line.quantity)):
            _keep_printed(line, printed, line.amount, line.unit_price)
        return
    if verdict == Verdict.TAKEN and not _contradicts_amount(line, float(digits)):
        line.warnings.append(
            f"quantity read as {printed:g}, read again from the page picture: {digits}")
        line.quantity = float(digits)
        line.confidence = round(line.confidence * 0.8, 3)
    elif verdict == Verdict.TAKEN and _contradicts_amount(line, printed):
        # The amount bears out neither reading (OCR misread it too: 481 × 3291 for 18,792,
        # printed 48 × 329 = 15,792): it says nothing against the picture.
        line.warnings.append(f"qty_unsure:read={printed:g},picture={digits}")
        line.quantity = float(digits)
        line.confidence = round(line.confidence * 0.6, 3)
    elif verdict in (Verdict.TAKEN, Verdict.UNSURE) or (
            verdict == Verdict.NONE and (thick or _unsupported(count_cell(row), printed,
                                                                  picture))):
        line.warnings.append(f"qty_unsure:read={printed:g},picture={digits}")
        line.confidence = round(line.confidence * 0.6, 3)


def _garbled_digits(cell_text: str, printed: float, repaired: float) -> bool:
    """The cell's garbled tail stands for the digits amount ÷ unit price adds to the printed
    ones ('2+' and 24: a 4 read as +): the picture, whose cleaning drops such a glyph, reading
    the printed digits alone says nothing for them."""
    m = re.match(r"^(\d+)\s?([^\d\s]+)$", clean_quantity_text(nfkc(cell_text).strip()))
    read, real = f"{printed:g}", f"{repaired:g}"
    return (m is not None and m.group(1) == read and real.startswith(read)
            and len(real) == len(read) + len(m.group(2)))


def _unit_glyph_read(row: Row, printed: float, digits: str) -> bool:
    """The picture read one digit more than the page OCR, after its digits, where a unit
    stands close beside the number in the next cell: the crop took in the unit's first
    strokes ('3' beside 袋 read 38). Whether the page lost a digit cannot be told."""
    read = f"{printed:g}"
    cell = count_cell(row)
    box = words_box(cell.words) if cell is not None else None
    if cell is None or box is None or len(digits) != len(read) + 1 or not digits.startswith(read):
        return False
    em = (box.y1 - box.y0) * row.lines[0].aspect
    beside = [w for line in row.lines for w in line.words if w not in cell.words
              and w.box.y0 < box.y1 and box.y0 < w.box.y1 and 0 <= w.box.x0 - box.x1 < 1.5 * em]
    return any(to_unit(w.text.strip(".,。・'\"")) is not None for w in beside)


def _unsupported(cell: Cell | None, printed: float, picture: PictureDigits) -> bool:
    """A quantity the page OCR was unsure of whose digit count the picture's glyphs do not
    bear out, or that the picture reads as another number (even one it lost or gained a
    digit of: '17-' read 4 for 1ケース)."""
    digits, read = picture.digits.strip(), f"{printed:g}"
    other = digits.isdigit() and not _same_number(read, digits)
    # A zero look-alike after the first digit ('19' for 10) the picture cannot read at all.
    zero_suspect = not digits and read.isdigit() and any(c in ZERO_LOOKALIKES for c in read[1:])
    if cell is None or cell.confidence >= UNSURE_OCR:
        return False
    return picture.glyphs != len(read) or other or zero_suspect


def _keep_printed(line: DraftLine, printed: float, amount: float, unit_price: float) -> None:
    """The quantity as printed, the amount beside it being the misread."""
    line.warnings = [w for w in line.warnings if not w.startswith("quantity read as ")]
    line.quantity = printed
    line.quantity_kept = True
    line.warnings.append(f"amount {amount:g} ≠ quantity {printed:g} × unit price {unit_price:g}")
    line.confidence = round(line.confidence * 0.5, 3)


def _contradicts_amount(line: DraftLine, quantity: float) -> bool:
    if line.amount is None or line.unit_price is None:
        return False
    return abs(quantity * line.unit_price - line.amount) > max(1.0, 0.005 * abs(line.amount))
