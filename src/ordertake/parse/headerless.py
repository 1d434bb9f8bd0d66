"""A line-item table without a readable header row: columns from the rows' alignment (pure).

A form may print no column titles, or a fax may leave its (often shaded) title row unreadable.
The rows still show the table: lines with a product name and figures standing apart, their
cells one under the other. The gutters no row crosses cut the columns; what the cells hold
names each one (names, codes, counts, units, prices). Amount = quantity × unit price, where
the three are printed, tells which figure is which.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from ordertake.parse.emailbody import parse_item_line
from ordertake.parse.layout import (
    Column,
    is_total_text,
    names_a_product,
    reads_as_count,
    reads_as_unit,
)
from ordertake.parse.lines import TextLine, join_words
from ordertake.parse.numbers import nfkc, parse_number
from ordertake.parse.qtycell import read_quantity_cell

_MIN_ROWS = 2
_MOSTLY_ROWS = 0.7
"""Share of the block's lines that must be rows (the rest: wrapped names, specks)."""
_MOSTLY = 0.6
"""Share of a column's filled cells that must read as a kind for the column to be of it."""
_SURE_HITS = 3
"""Rows where quantity × unit price = amount holds that name the three columns even when a
faxed misread spoils as many other rows."""


def _figure(text: str) -> float | None:
    value = parse_number(text, lenient=True)
    return value if value is not None and value > 0 else None


def is_row_like(line: TextLine) -> bool:
    """A product name and, in a cell after it, a figure: a table row, header or no header."""
    segments = [join_words(seg, line.em) for seg in line.segments]
    if is_total_text(line.text):
        return False  # 合計金額 ¥148,182 names no product
    named = next((i for i, t in enumerate(segments) if names_a_product(t)), None)
    return named is not None and any(
        _figure(head) is not None or reads_as_count(head, unit_column=False)
        for head in (t.split(" ")[0] for t in segments[named + 1 :]))


_NAMED_GAP = 3
"""Lines naming a product in a row between two rows: rows whose figures OCR lost."""


def _names_only(line: TextLine) -> bool:
    """A product name and no figure OCR could read beside it: a row that lost its count
    ('スイートコーン缶 425g ーー Ei'), or a wrapped name."""
    return names_a_product(line.text) and not is_total_text(line.text)


def row_block(lines: list[TextLine]) -> tuple[int, int] | None:
    """First and last index of the longest run of row-like lines: a wrapped description or a
    speck line may stand between two rows, and so may a few lines naming products (rows whose
    figures OCR lost), not more. A list that only now and then sets a figure apart (an
    e-mail's '・花かつお 100g ×2袋' lines) is no table."""
    flags = [is_row_like(line) for line in lines]
    best: tuple[int, int] | None = None
    start: int | None = None
    last: int | None = None
    for i, flag in enumerate(flags):
        if not flag:
            continue
        gap = lines[last + 1 : i] if last is not None else []
        named_gap = len(gap) <= _NAMED_GAP and all(_names_only(ln) for ln in gap)
        if start is None or not (any(flags[max(0, i - 2) : i]) or named_gap):
            start = i
        last = i
        if best is None or sum(flags[start : i + 1]) > sum(flags[best[0] : best[1] + 1]):
            best = (start, i)
    if best is None:
        return None
    rows = sum(flags[best[0] : best[1] + 1])
    if rows < _MIN_ROWS or rows < _MOSTLY_ROWS * (best[1] + 1 - best[0]):
        return None
    return best


@dataclass
class _Band:
    x0: float
    x1: float
    texts: list[str]
    """One cell text per row ('' where the row has none)."""
    lo: float
    hi: float
    """Where its words start and end."""

    def filled(self) -> list[str]:
        return [t for t in self.texts if t]

    def share(self, test: Callable[[str], bool]) -> float:
        cells = self.filled()
        return sum(1 for t in cells if test(t)) / len(cells) if cells else 0.0


def _runs(spans: list[list[tuple[float, float]]], lo: float, hi: float
          ) -> list[tuple[float, float]]:
    """Stretches of [lo, hi] that more than one row in ten covers with a span: the columns
    between gutters (one row in ten may run across a gutter: a long name, cells OCR read as
    one)."""
    step = 0.002
    allowed = len(spans) // 10
    runs: list[tuple[float, float]] = []
    for i in range(int((hi - lo) / step) + 1):
        x = lo + step * i
        if sum(1 for row in spans if any(a <= x <= b for a, b in row)) <= allowed:
            continue
        if runs and x - runs[-1][1] <= step * 1.5:
            runs[-1] = (runs[-1][0], x)
        else:
            runs.append((x, x))
    return runs


def _tight_spans(line: TextLine) -> list[tuple[float, float]]:
    """A line's words, those closer than half a character joined ('2 4': one figure OCR
    split, not two columns)."""
    spans: list[tuple[float, float]] = []
    for w in line.words:
        if spans and w.box.x0 - spans[-1][1] < 0.5 * line.em:
            spans[-1] = (spans[-1][0], max(spans[-1][1], w.box.x1))
        else:
            spans.append((w.box.x0, w.box.x1))
    return spans


def _bands(rows: list[TextLine]) -> list[_Band]:
    """Columns between the gutters that (nearly) no row crosses: cells as OCR set them apart
    first (a name's words stay together), then, right of the names, words (a count, its unit
    and a remark OCR read as one cell stand in three columns)."""
    cells = [[(seg[0].box.x0, seg[-1].box.x1) for seg in line.segments] for line in rows]
    lo = min(a for row in cells for a, _ in row)
    hi = max(b for row in cells for _, b in row)
    runs = _runs(cells, lo, hi)
    if len(runs) >= 2:
        # The widest stretch is the names'; the columns right of it are cut by words too.
        name = max(range(len(runs)), key=lambda k: runs[k][1] - runs[k][0])
        words = [_tight_spans(line) for line in rows]
        right = [r for a, b in runs[name + 1 :] for r in _runs(words, a, b)]
        runs = runs[: name + 1] + right
    bands = []
    for k, (a, b) in enumerate(runs):
        left = 0.0 if k == 0 else (runs[k - 1][1] + a) / 2
        right_edge = 1.0 if k == len(runs) - 1 else (b + runs[k + 1][0]) / 2
        texts, inside = [], []
        for line in rows:
            ws = [w for w in line.words if left <= (w.box.x0 + w.box.x1) / 2 < right_edge]
            texts.append(join_words(ws, line.em).strip() if ws else "")
            inside += ws
        bands.append(_Band(left, right_edge, texts, min((w.box.x0 for w in inside), default=a),
                           max((w.box.x1 for w in inside), default=b)))
    return bands


def _is_code(text: str) -> bool:
    key = nfkc(text).strip(".,:;・_-ー'\"` ")
    digits = sum(c.isdigit() for c in key)
    return " " not in key and digits >= 3 and (digits >= 4 or any(c.isalpha() for c in key))


def _is_count(text: str) -> bool:
    return reads_as_count(text, unit_column=False)


def _is_small(text: str) -> bool:
    value = _figure(text)
    return value is not None and value == int(value) and value < 1000 and "," not in text


_UNIT_SHAPED = re.compile(r"^[^\d\s]{1,3}$")


def _is_unit_band(band: _Band) -> bool:
    """Units, most readable: on a poor fax half of them may come out as other characters
    ('袋' as '代', '缶' as '傘'), but a unit column stays a column of one to three letters."""
    if band.share(reads_as_unit) >= _MOSTLY:
        return True
    shaped = band.share(lambda t: bool(_UNIT_SHAPED.match(nfkc(t).strip())))
    return band.share(reads_as_unit) >= 0.5 and shaped >= _MOSTLY


def _count(text: str) -> float | None:
    """A quantity cell's count, with or without the unit written beside it ('12 袋')."""
    return _figure(text) or read_quantity_cell(text, units_in_cells=True).quantity


def _consistent(q: _Band, p: _Band, a: _Band) -> bool:
    """Amount = quantity × unit price on most rows holding all three (the quantity's cells
    may carry their unit: '12 袋')."""
    hits = total = 0
    for tq, tp, ta in zip(q.texts, p.texts, a.texts, strict=True):
        vq, vp, va = _count(tq), _figure(tp), _figure(ta)
        if vq is None or vp is None or va is None:
            continue
        total += 1
        hits += abs(vq * vp - va) <= max(1.0, 0.005 * va)
    # On a fax half the rows may misread a figure; three products that hold are no chance.
    return total > 0 and (hits >= _MOSTLY * total or hits >= _SURE_HITS and 2 * hits >= total)


def _roles(bands: list[_Band]) -> list[str] | None:
    names = [b.share(names_a_product) * len(b.filled()) for b in bands]
    d = max(range(len(bands)), key=lambda k: names[k])
    if names[d] == 0:
        return None
    roles = ["?"] * len(bands)
    roles[d] = "description"
    for k in range(d):
        if bands[k].share(_is_code) >= _MOSTLY:
            roles[k] = "code"
        elif bands[k].share(_is_small) >= _MOSTLY:
            roles[k] = "line_no"
    after = list(range(d + 1, len(bands)))
    units = [k for k in after if _is_unit_band(bands[k])]
    counts = [k for k in after if bands[k].share(_is_count) >= _MOSTLY
              and bands[k].share(_is_small) < _MOSTLY]
    figures = [k for k in after if bands[k].share(lambda t: _figure(t) is not None) >= _MOSTLY]
    quantity = _quantity_band(bands, counts, units, figures)
    if quantity is None and not units:
        return None
    lost = quantity is None
    if quantity is None:
        # Units but no counts before them: the counts' column stands empty (OCR lost its
        # thin digits); the caller opens it before the units, for the picture to be read.
        quantity = units[0] - 1
    else:
        roles[quantity] = "quantity"
    for k in units:
        if k > quantity:
            roles[k] = "unit"
            break
    for k in figures:
        if k < quantity and roles[k] == "?":
            roles[k] = "pack"
    later = [k for k in figures if k > quantity and roles[k] == "?"]
    if len(later) >= 2 and (lost and len(later) == 2 or _consistent(
            bands[quantity], bands[later[0]], bands[later[1]])):
        # Without counts to check them by, two figures after the unit are 単価 and 金額,
        # in that order, as order forms print them (the count is then amount ÷ price).
        roles[later[0]], roles[later[1]] = "unit_price", "amount"
    for k in after:
        if k > quantity and roles[k] == "?" and k not in figures:
            roles[k] = "note"  # text after the count: a remark (在庫確認, 至急)
            break
    return roles


def _quantity_band(bands: list[_Band], counts: list[int], units: list[int],
                   figures: list[int]) -> int | None:
    """Which column holds the ordered count: the one whose figures carry their unit; else
    the figures just before the unit column; else the figures that, times the next ones,
    give the ones after; else the last column of small whole numbers before any price."""
    if counts:
        return counts[0]
    if units:
        # Never a figure after the unit (a price): with none before it, OCR lost the counts.
        before = [k for k in figures if k < units[0]]
        return before[-1] if before else None
    for i, q in enumerate(figures):
        rest = figures[i + 1 :]
        if len(rest) >= 2 and _consistent(bands[q], bands[rest[0]], bands[rest[1]]):
            return q
    small = [k for k in figures if bands[k].share(_is_small) >= _MOSTLY]
    if not small:
        return None
    # 入数 comes before 数量 on order forms: of adjacent small-number columns, the last.
    run = [small[0]]
    for k in small[1:]:
        if k == run[-1] + 1:
            run.append(k)
        else:
            break
    return run[-1]


def headerless_columns(lines: list[TextLine]) -> tuple[int, int, list[Column]] | None:
    """The rows (first and last line index) and columns of a table on a page whose header
    row is missing or unreadable, or None when its lines show no table."""
    block = row_block(lines)
    if block is None:
        return None
    start, end = block
    rows = [ln for ln in lines[start : end + 1] if is_row_like(ln)]
    outside = sum(1 for ln in lines[:start] + lines[end + 1 :] if parse_item_line(ln.text))
    if 2 * outside >= len(rows):
        # As many order lines outside the rows: a typed list that sets a figure apart now
        # and then, which the free-text reading takes whole; not a table.
        return None
    bands = _bands(rows)
    if len(bands) < 2:
        return None
    roles = _roles(bands)
    if roles is None:
        return None
    columns: list[Column] = []
    for k, (band, role) in enumerate(zip(bands, roles, strict=True)):
        name = role if role != "?" else f"extra#{k}"
        if role == "unit" and "quantity" not in roles:
            # The empty counts column: between the cells before it and the units.
            left, right = bands[k - 1].hi + 0.002, band.lo - 0.002
            if right - left < 0.01:
                return None
            before = columns[-1]
            columns[-1] = Column(before.role, before.x0, left, "", before.hx0, before.hx1)
            columns.append(Column("quantity", left, right, "", left, right))
            band = _Band(right, band.x1, band.texts, band.lo, band.hi)
        columns.append(Column(name, band.x0, band.x1, "", band.x0, band.x1))
    # Wrapped descriptions under the last row belong to it: lines up to one row pitch on.
    pitch = statistics.median(
        [b.box.y0 - a.box.y0 for a, b in zip(rows, rows[1:], strict=False)] or [0.0])
    while end + 1 < len(lines) and pitch > 0 and (
            lines[end + 1].box.y0 - lines[end].box.y0) < 0.8 * pitch and not is_row_like(
            lines[end + 1]):
        end += 1
    while end + 1 < len(lines) and pitch > 0 and (
            lines[end + 1].box.y0 - lines[end].box.y0) < _LAST_ROW_PITCH * pitch and (
            _garbled_row(lines[end + 1], columns)):
        end += 1
    return start, end, columns


_LAST_ROW_PITCH = 1.3
"""How far below the last row (in row pitches) a row whose count OCR garbled may stand."""


def _garbled_row(line: TextLine, columns: list[Column]) -> bool:
    """A row after the last one whose count OCR garbled past reading ('1917-X' for 10ケース):
    it names a product, and a word with a digit stands in the quantity column (or the unit
    column beside it, where a count written with its unit may reach). It is read as a row,
    its count doubted and read again from the picture."""
    bands = [c for c in columns if c.role in ("quantity", "unit")]
    if not bands or is_total_text(line.text) or not names_a_product(line.text):
        return False
    return any(b.x0 <= (w.box.x0 + w.box.x1) / 2 < b.x1 and any(c.isdigit() for c in w.text)
               for w in line.words for b in bands)
