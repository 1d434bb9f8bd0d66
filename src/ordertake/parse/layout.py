"""Text lines → the line-item table: header row by keywords, column bands, rows, wraps (pure).

Works without ruled lines: the header row's cells give the column bands, every body word goes to
the band it overlaps most, a line holding only description text continues the row above, and the
table ends at a totals row. A page without a header continues the previous page's table.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ordertake.domain import Box, Word
from ordertake.parse.lines import TextLine, has_text, is_cjk, join_words, words_box
from ordertake.parse.numbers import nfkc
from ordertake.parse.units import is_size_unit, split_quantity, to_unit

# Role → header keywords (compared after NFKC, lower-case, no spaces). Longest match wins.
HEADER_KEYWORDS: dict[str, tuple[str, ...]] = {
    "line_no": ("no.", "no", "#", "行", "項", "番号"),
    "code": ("商品コード", "品番", "コード", "品コード", "商品番号", "品目コード", "itemno.",
             "itemno", "itemcode", "code", "sku", "partno.", "partno", "jan", "型番"),
    "description": ("商品名", "品名", "品目", "商品名・規格", "品名・規格", "品名規格", "商品",
                    "ご注文商品", "注文商品", "発注商品", "ご注文品名", "注文品名", "発注品名",
                    "description", "item", "product", "productname", "内容", "名称"),
    "spec": ("規格", "容量", "サイズ", "size", "spec", "荷姿"),
    "pack": ("入数", "入り数", "pack", "ケース入数"),
    "quantity": ("数量", "数", "発注数", "注文数", "ご注文数", "qty", "qty.", "quantity", "個数",
                 "本数", "発注数量", "注文数量"),
    # Wholesale forms often split the count: whole cases and loose pieces (ケース数 / バラ数).
    "cases": ("ケース数", "ケース", "cs数", "c/s数"),
    "loose": ("バラ数", "バラ", "ばら", "単品数", "ピース数"),
    "unit": ("単位", "unit", "uom"),
    "unit_price": ("単価", "unitprice", "price", "価格", "税抜単価", "卸単価", "納品単価", "rate",
                   "unitcost", "cost"),
    "amount": ("金額", "amount", "小計金額", "金額(円)", "ext.price", "total金額"),
    "note": ("備考", "note", "notes", "remarks", "摘要", "コメント"),
}
_COUNT_ROLES = ("cases", "loose")
"""Counts split into whole cases and loose pieces: read only from titles read exactly."""
_ALONE_ONLY = {"ケース", "バラ", "ばら"}
"""Titles only as a cell of their own: inside a word they are part of it (ケース入数 misread)."""
_KEYWORDS = sorted(
    ((kw, role) for role, kws in HEADER_KEYWORDS.items() for kw in kws),
    key=lambda kr: -len(kr[0]),
)
TOTAL_WORDS = re.compile(
    r"^(合計|小計|総計|総合計|御?請求|total|subtotal|grandtotal|消費税|税込|税抜"
    r"|税額|内税|外税|以上|計$|計[:：]|税$|\(税\))"
)
_END_WORDS = re.compile(
    r"^(備考|通信欄|連絡事項|特記事項|以上|その他ご要望|ご要望|notes?:|remarks:"
    r"|(希望)?納品(希望)?日|納期|納入日|お届け(希望)?日|配達日|発注日|注文日"
    r"|納品先|お届け先|届け先|送り先|配送先)"
)


@dataclass(frozen=True)
class Column:
    role: str
    x0: float
    x1: float
    header: str = ""
    hx0: float = 0.0
    hx1: float = 0.0
    """Where the header word itself stands (the band around it is wider)."""


@dataclass
class Cell:
    text: str
    words: list[Word]
    box: Box | None
    confidence: float


@dataclass
class Row:
    """One table row: cells by role, plus the lines it spans (a wrapped description adds one)."""

    page: int
    cells: dict[str, Cell]
    lines: list[TextLine] = field(default_factory=list)

    @property
    def box(self) -> Box | None:
        return words_box([w for ln in self.lines for w in ln.words])


@dataclass
class Table:
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    used_lines: set[int] = field(default_factory=set)
    """id() of every line that belongs to the table (header, rows, totals): not header fields."""
    closed: bool = False


def title_key(text: str) -> str:
    """A header cell's text as titles are compared: NFKC, lower case, no spaces."""
    return re.sub(r"\s+", "", nfkc(text)).lower()


def _exact_roles(text: str) -> list[tuple[str, int, int]]:
    """Keyword hits inside a cell text as (role, start, end), longest keywords first."""
    key = title_key(text)
    hits: list[tuple[str, int, int]] = []
    for kw, role in _KEYWORDS:
        if kw in _ALONE_ONLY and key != kw:
            continue
        start = 0
        while (pos := key.find(kw, start)) >= 0:
            end = pos + len(kw)
            if not any(s < end and pos < e for _, s, e in hits):
                hits.append((role, pos, end))
            start = end
    return sorted(hits, key=lambda h: h[1])


_SPECKS = "。、・,'\"`:;：.-"


def _fuzzy_role(text: str, loose: bool, taken: frozenset[str] = frozenset()) -> str | None:
    """A role for an OCR-damaged header cell ('数畺' → quantity) when no keyword matched.
    Between keywords it is as near to, a role no other title of the row names (`taken`)
    wins: '本名' is as near 本数 as 品名, beside a 数量 it is the 品名."""
    key = title_key(text).strip(_SPECKS)  # '晶名。': a speck is no part of the word
    # One character is too little to tell a damaged header word from a speck ('ー' would
    # pass for コード at the loose threshold and steal the description's left half).
    if len(key) < 2 or len(key) > 12:
        return None
    best, best_role = 0.0, None
    for kw, role in _KEYWORDS:
        if len(kw) < 2 or role in _COUNT_ROLES:  # a garbled 発注数量 holding ケース is no count
            continue
        score = fuzz.ratio(key, kw)
        tie = (score == best and best_role is not None
               and (role in taken, _rank(role)) < (best_role in taken, _rank(best_role)))
        if score > best or tie:
            best, best_role = score, role
    return best_role if best >= (50 if loose else 75) else None


_EVERY_FORM = ("quantity", "description", "unit", "code")
"""Columns every order form has, first: they win a tie ('教量' is as near 容量 as 数量)."""


def _rank(role: str) -> int:
    return _EVERY_FORM.index(role) if role in _EVERY_FORM else len(_EVERY_FORM)


def title_role(text: str, exact: bool = False) -> str | None:
    """The column a header word names: by keyword, else (unless `exact`) the keyword it is
    nearest to as OCR may have garbled it."""
    hits = _exact_roles(text)
    if len(hits) == 1:
        return hits[0][0]
    return None if exact or hits else _fuzzy_role(text, loose=True)


def _cells_of_segment(seg: list[Word], em: float) -> list[tuple[str, float, float, str]]:
    """Split one header segment into (role, x0, x1, text) by the keywords it holds."""
    text = join_words(seg, em)
    hits = _exact_roles(text)
    box = words_box(seg)
    assert box is not None
    if not hits:
        return [("?", box.x0, box.x1, text)]
    # Map every character of the compact key to an x position, to split merged header cells.
    positions: list[tuple[float, float]] = []
    for w in seg:
        chars = title_key(w.text)
        width = (w.box.x1 - w.box.x0) / max(1, len(chars))
        positions += [(w.box.x0 + i * width, w.box.x0 + (i + 1) * width) for i in range(len(chars))]
    if len(hits) == 1:
        role, s, e = hits[0]
        if (e - s) < 0.7 * len(title_key(text)):
            # '商品コ一ド' holds 商品 exactly but is 商品コード misread: the whole word decides.
            role = _fuzzy_role(text, loose=False) or role
        return [(role, box.x0, box.x1, text)]
    out = []
    for role, s, e in hits:
        s, e = min(s, len(positions) - 1), min(e, len(positions)) - 1
        out.append((role, positions[s][0], positions[max(s, e)][1], text))
    return out


_TITLE_CELL_CHARS = 8


def is_title_row(line: TextLine) -> bool:
    """A row of column titles: three or more short words standing apart, no figure among them.

    Such a row is a table header even when OCR garbled all but one title ('品名 才嘆 測位 備'):
    the others are then read loosely."""
    if len(line.segments) < 3 or any(c.isdigit() for c in nfkc(line.text)):
        return False
    return all(len(title_key(join_words(seg, line.em))) <= _TITLE_CELL_CHARS
               for seg in line.segments)


def _title_words(seg: list[Word]) -> list[list[Word]]:
    """A header segment cut into its titles. Japanese titles hold no space, so a gap beside
    Japanese text ends a title ('生 単位 間価'), unless OCR cut one title into its
    characters ('準 位' for 単位: no title is one character long); Latin words stay together
    ('Unit Price', 'Item No.')."""
    out: list[list[Word]] = []
    for w in seg:
        latin = out and not is_cjk(out[-1][-1].text[-1:]) and not is_cjk(w.text[:1])
        if out and (latin or _characters(out[-1] + [w])):
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _characters(words: list[Word]) -> bool:
    return all(len(title_key(w.text)) == 1 for w in words)


_HeaderCell = tuple[str, float, float, str]
"""(role or '?', x0, x1, text) of one header word."""


def _segment_cells(seg: list[Word], em: float) -> tuple[_HeaderCell, list[_HeaderCell]]:
    """A header segment as one cell, and as the cells its keywords (or words) give."""
    # A speck beside a title ('No. ・') is no part of it and must not widen its column.
    seg = [w for w in seg if has_text(w.text)] or seg
    parts = _cells_of_segment(seg, em)
    whole = parts[0]
    if len(parts) == 1 and len(seg) > 1 and not _names_whole(whole, em):
        # A wide segment may still hold several header words a little apart
        # ('生 単位 間価 るSW': 単位 is one title of four, not the segment's name).
        parts = [c for ws in _title_words(seg) for c in _cells_of_segment(ws, em)]
    return whole, parts


def _names_whole(cell: _HeaderCell, em: float) -> bool:
    """The segment is one title: a keyword covers most of it, or the whole reads as one."""
    if cell[0] == "?":
        return False
    hits = _exact_roles(cell[3])
    covered = sum(e - s for _, s, e in hits)
    return covered >= 0.7 * len(title_key(cell[3])) or _fuzzy_role(cell[3], loose=False) is not None


def _read_loosely(whole: _HeaderCell, parts: list[_HeaderCell], loose: bool,
                  taken: frozenset[str] = frozenset()) -> list[_HeaderCell]:
    """Unmatched header words read as the keyword they are nearest to ('数畺' → quantity),
    in a tie as a role the row's exact titles (`taken`) do not name; a segment none of whose
    words matched is read whole first ('"人 考-' → 備考)."""
    if all(c[0] == "?" for c in parts) and len(parts) > 1:
        role = _fuzzy_role(whole[3], loose, taken)
        if role is not None:
            return [(role, *whole[1:])]
    return [(_fuzzy_role(c[3], loose, taken) or "?", *c[1:]) if c[0] == "?" else c
            for c in parts]


_MAX_TITLE_EM_PER_LETTER = 2.5
"""A title spaced out across its cell ('産　地') takes 1.5 characters' width a letter; OCR
reading a dotted rule as letters stretches two of them over six."""


def _letters(text: str) -> int:
    return sum(1 for ch in title_key(text) if ch.isalpha() and ch not in "ーｰ")


def header_columns(line: TextLine, without_quantity: bool = False) -> list[Column] | None:
    """The column bands when this line is a table header row, else None.

    `without_quantity` also takes a row of titles whose quantity title OCR lost altogether
    ('品名 単位 備考'): only the body can then tell (recover_quantity)."""
    segments = [_segment_cells(seg, line.em) for seg in line.segments]
    # Segments holding a keyword: header words standing apart make a header even when the
    # words for description and quantity are unreadable ('和EE 必 単位 備考', '品 ーー 数量 単位').
    apart = sum(any(c[0] != "?" for c in parts) for _, parts in segments)
    exact = {c[0] for _, parts in segments for c in parts if c[0] != "?"}
    if len(exact) < 1:
        return None
    title = is_title_row(line)
    loose = len(exact) >= 2 or title
    cells = [c for whole, parts in segments
             for c in _read_loosely(whole, parts, loose, frozenset(exact))]
    roles = [c[0] for c in cells if c[0] != "?"]
    # A ケース or バラ column counts the order, but those words alone make no header: they
    # are everyday words in a sentence (「備考：数量は単位ケースで」).
    counts = set(_COUNT_ROLES)
    known = set(roles) - counts | ({"quantity"} if counts & set(roles) else set())
    unknown = sum(1 for c in cells if c[0] == "?")
    cells = _fill_description(_fill_quantity(sorted(cells, key=lambda c: c[1])))
    filled = {c[0] for c in cells}
    is_table = (("quantity" in known and ({"description", "code"} & known)) or len(known) >= 4
                or (((len(exact) >= 2 and apart >= 2) or title)
                    and ({"description", "quantity"} <= filled
                         or (without_quantity and "description" in exact))))
    if not is_table or len(known) < 2 or unknown > len(roles):
        return None
    # A title no keyword names ('お届けについて', '産地') is still a column: its cells must not
    # run into the neighbour's band. Fewer than two letters ('ー', 'ーー') are specks or rules,
    # and so are letters stretched far wider than letters are (a dotted rule read as 'リュ').
    cells = [("other" if c[0] == "?" else c[0], *c[1:]) for c in cells
             if c[0] != "?" or 2 <= _letters(c[3]) and (
                 c[2] - c[1] <= _MAX_TITLE_EM_PER_LETTER * line.em * _letters(c[3]))]
    roles = [c[0] for c in cells]
    if roles.count("quantity") == 2 and "pack" not in roles:
        # 入数 misread as a quantity word ('人数'): on order forms the pack count comes first.
        first = roles.index("quantity")
        cells[first] = ("pack", *cells[first][1:])
    # A role seen twice (two 品名 cells) keeps the first; merged cells keep their order.
    columns: list[Column] = []
    for i, (role, x0, x1, text) in enumerate(cells):
        left = 0.0 if i == 0 else (cells[i - 1][2] + x0) / 2
        right = 1.0 if i == len(cells) - 1 else (x1 + cells[i + 1][1]) / 2
        if any(c.role == role for c in columns):
            role = f"{role}#{i}"
        columns.append(Column(role, left, right, text, x0, x1))
    return columns


_LEFT_ALIGNED = {"code", "description", "spec", "note"}


def fit_columns(columns: list[Column], body: list[TextLine]) -> list[Column]:
    """Move each boundary between two header words into the widest gutter of the body rows.

    Header words sit centred over their column while the values are left- or right-aligned,
    so the midpoint between header words can cut through values; the gap that no body word
    crosses is the real column edge.
    """
    words = [w for line in body for w in line.words]
    if len(words) < 3:
        return columns
    step = 0.002
    edges = []
    for left, right in zip(columns, columns[1:], strict=False):
        a, b = left.hx1, right.hx0
        if b - a < 2 * step:
            edges.append(left.x1)
            continue
        xs = [a + step * i for i in range(int((b - a) / step) + 1)]
        counts = [sum(1 for w in words if w.box.x0 < x < w.box.x1) for x in xs]
        low = min(counts)
        runs: list[tuple[int, int]] = []
        for i, c in enumerate(counts):
            if c != low:
                continue
            if runs and runs[-1][1] == i - 1:
                runs[-1] = (runs[-1][0], i)
            else:
                runs.append((i, i))
        if right.role.split("#")[0] in _LEFT_ALIGNED:
            # Text starts at its column's left edge: the first clear gap after the left column.
            wide = [r for r in runs if r[1] - r[0] >= 2] or runs
            start, end = wide[0]
        else:
            start, end = max(runs, key=lambda r: r[1] - r[0])
        edges.append((xs[start] + xs[end]) / 2)
    out = []
    for i, col in enumerate(columns):
        x0 = 0.0 if i == 0 else edges[i - 1]
        x1 = 1.0 if i == len(columns) - 1 else edges[i]
        out.append(Column(col.role, x0, x1, col.header, col.hx0, col.hx1))
    return out


_APART = 2.0
"""Text heights between a quantity title and a run of figures in its band that make the run
a column of its own (whose title OCR lost: 入数 beside 発注数)."""


def unnamed_apart(columns: list[Column], body: list[TextLine]) -> list[Column]:
    """The quantity column without a run of figures that stands in its band far from its
    title, a gutter no row crosses between them: a column whose title OCR lost (入数 '24'
    left of 発注数 '48'), which is no part of the count. It becomes a column of its own,
    role other, so its figures are never joined into the quantity ('24 48' read 2448)."""
    band = next((c for c in columns if c.role == "quantity"), None)
    if band is None or band.hx1 <= band.hx0 or not body:
        return columns
    em = statistics.median(line.em for line in body)
    words = sorted((w for line in body for w in line.words
                    if band.x0 <= (w.box.x0 + w.box.x1) / 2 < band.x1), key=lambda w: w.box.x0)
    runs: list[list[Word]] = []
    for w in words:
        if runs and w.box.x0 <= max(v.box.x1 for v in runs[-1]) + 0.5 * em:
            runs[-1].append(w)
        else:
            runs.append([w])

    def distance(run: list[Word]) -> float:
        x0, x1 = min(w.box.x0 for w in run), max(w.box.x1 for w in run)
        return max(0.0, band.hx0 - x1, x0 - band.hx1)

    if len(runs) < 2:
        return columns
    # The run nearest the title is the counts' own, however far a centred title stands
    # from its right-aligned counts.
    own_run = min(runs, key=distance)
    out = list(columns)
    for run in runs:
        x0, x1 = min(w.box.x0 for w in run), max(w.box.x1 for w in run)
        figures = all(re.fullmatch(r"[\d,.]+", nfkc(w.text).strip()) for w in run)
        if run is own_run or distance(run) <= _APART * em or not figures or len(run) < 2:
            continue
        k = out.index(next(c for c in out if c.role == "quantity"))
        own = out[k]
        name = "other" if all(c.role != "other" for c in out) else f"other#{len(out)}"
        if x1 < own.hx0:  # left of the title: the band starts after the run
            edge = (x1 + min((w.box.x0 for w in words if w.box.x0 > x1), default=own.hx0)) / 2
            out[k:k + 1] = [Column(name, own.x0, edge, "", x0, x1),
                            Column(own.role, edge, own.x1, own.header, own.hx0, own.hx1)]
        else:
            edge = (max((w.box.x1 for w in words if w.box.x1 < x0), default=own.hx1) + x0) / 2
            out[k:k + 1] = [Column(own.role, own.x0, edge, own.header, own.hx0, own.hx1),
                            Column(name, edge, own.x1, "", x0, x1)]
    return out


def name_lost_description(columns: list[Column], body: list[TextLine]) -> list[Column]:
    """A header with no description column, but a column whose title no keyword named
    ('ma名', 品名 garbled after the counts) and whose cells name products: that column is the
    description (of such columns, the one naming products on most rows, at least half the
    body's). Without it no row has a name: a row whose count OCR lost is never read again
    from the picture, and is dropped."""
    if not body or any(c.role.split("#")[0] == "description" for c in columns):
        return columns
    named: dict[int, int] = {}
    for k, col in enumerate(columns):
        if col.role.split("#")[0] != "other" or not col.header:
            continue  # a run of figures split off the counts has no title
        named[k] = sum(1 for line in body if names_a_product(" ".join(
            w.text for w in line.words if col.x0 <= (w.box.x0 + w.box.x1) / 2 < col.x1)))
    if not named:
        return columns
    best = max(named, key=lambda k: named[k])
    if 2 * named[best] < len(body):
        return columns
    col = columns[best]
    return [*columns[:best],
            Column("description", col.x0, col.x1, col.header, col.hx0, col.hx1),
            *columns[best + 1 :]]


def reads_as_count(text: str, unit_column: bool) -> bool:
    """A cell that reads as an ordered count: '5本', '4ケース', or a bare '12' when a unit
    column beside it holds the unit; never a size ('1.8L', '500g') or a price."""
    value, unit = split_quantity(text)
    if value is None or value <= 0 or value != int(value):
        return False
    if unit is None:
        return unit_column and value < 10_000 and text.strip().isdigit()
    return not is_size_unit(unit) and nfkc(text).strip()[:1].isdigit()


def _aligned(boxes: list[Box]) -> list[Box]:
    """The largest set of boxes that one vertical line crosses: cells of one column, whether
    their values are set left, right or centred."""
    best: list[Box] = []
    # OCR boxes of right-aligned figures end a little apart ('6' and '48'): half a text
    # height of slack.
    slack = [0.5 * (c.y1 - c.y0) for c in boxes]
    for b in boxes:
        for x in (b.x0, b.x1):
            crossed = [c for c, d in zip(boxes, slack, strict=True)
                       if c.x0 - d <= x <= c.x1 + d]
            if len(crossed) > len(best):
                best = crossed
    return best


def recover_quantity(columns: list[Column], body: list[TextLine]) -> list[Column]:
    """Quantity and unit columns whose titles OCR lost altogether, found in the body: counts
    ('5本') or units ('ケース') standing apart, one under the other, beside another column's
    title rather than under it.

    Without them every count lands in a neighbouring column (摘要) and each row is dropped as
    one that orders nothing, or every unit is read as a remark."""
    if not body:
        return columns
    if not any(c.role.split("#")[0] == "quantity" for c in columns):
        unit_column = any(c.role == "unit" for c in columns)
        columns = _insert_column(columns, body, "quantity", _counts(body, unit_column))
        if unit_column and not any(c.role.split("#")[0] == "quantity" for c in columns):
            columns = _open_lost_counts(columns, body)
    roles = [c.role.split("#")[0] for c in columns]
    if "quantity" in roles and "unit" not in roles:
        # A unit written apart, whether OCR set it alone or with the count or the remark
        # beside it ('24 本', '袋. 前回'): every word after a row's first cell.
        units = [w.box for line in body for seg in line.segments[1:] for w in seg
                 if reads_as_unit(w.text)]
        after = roles.index("quantity")
        columns = columns[:after] + _insert_column(columns[after:], body, "unit", units)
    return columns


_LOST_COUNTS_WIDTH = 1.5
"""Text heights of free space a column of counts OCR lost needs between the names and the
units (two digits and the gutters beside them)."""


def _open_lost_counts(columns: list[Column], body: list[TextLine]) -> list[Column]:
    """A unit column with no count before it: a ruled form whose count title and counts OCR
    lost together (digits right against the column's rule). The counts' column stands
    empty between the column before the units and the units' words; it is opened there, so
    each row's count is read again from the picture."""
    k = next(i for i, c in enumerate(columns) if c.role == "unit")
    if k == 0 or not any(names_a_product(line.text) for line in body):
        return columns
    before, unit = columns[k - 1], columns[k]

    def inside(w: Word, c: Column) -> bool:
        return c.x0 <= (w.box.x0 + w.box.x1) / 2 < c.x1

    words = [w for line in body for w in line.words]
    units = [w.box.x0 for w in words if inside(w, unit)]
    names = [w.box.x1 for w in words if inside(w, before)]
    if not units or not names:
        return columns
    left, right = max(names), min(units)
    em = statistics.median(line.em for line in body)
    if right - left < _LOST_COUNTS_WIDTH * em:
        return columns
    left, right = left + 0.25 * em, right - 0.25 * em
    return [*columns[: k - 1],
            Column(before.role, before.x0, left, before.header, before.hx0, before.hx1),
            Column("quantity", left, right, "", left, right),
            Column(unit.role, right, unit.x1, unit.header, unit.hx0, unit.hx1),
            *columns[k + 1 :]]


def reads_as_unit(text: str) -> bool:
    text = text.strip(_SPECKS + " ")
    return (not any(c.isdigit() for c in text) and to_unit(text) is not None
            and not is_size_unit(text))


def _counts(body: list[TextLine], unit_column: bool) -> list[Box]:
    """Where the cells after a row's first that read as counts stand: their first word ('3
    パック' aligns with '10' by its 3, not its unit)."""
    return [seg[0].box for line in body for seg in line.segments[1:]
            if reads_as_count(join_words(seg, line.em), unit_column)]


def _insert_column(columns: list[Column], body: list[TextLine], role: str,
                   cells: list[Box]) -> list[Column]:
    """`columns` with a `role` column cut out of the band the aligned `cells` stand in, on
    the side of that band's title they stand (never under a title: 入数 holds counts too)."""
    cells = [b for b in cells if not any(b.x0 < c.hx1 and c.hx0 < b.x1 for c in columns)]
    named = sum(1 for line in body if names_a_product(line.text))
    column = _aligned(cells)
    if not column or len(column) < max(1, named // 2):
        return columns
    x0, x1 = min(b.x0 for b in column), max(b.x1 for b in column)
    centre = (x0 + x1) / 2
    i = next((k for k, c in enumerate(columns) if c.x0 <= centre < c.x1), None)
    if i is None or columns[i].role.split("#")[0] in ("line_no", "code"):
        return columns
    col = columns[i]
    others = [w.box for line in body for w in line.words
              if col.x0 <= w.box.x0 < col.x1 and not any(w.box.x0 >= b.x0 and w.box.x1 <= b.x1
                                                          for b in column)]
    if x1 < col.hx0:
        # The cells stand left of this column's title: their column comes first.
        right = min([col.hx0] + [b.x0 for b in others if b.x0 > x1])
        cut = (x1 + right) / 2
        new = [Column(role, col.x0, cut, "", x0, x1),
               Column(col.role, cut, col.x1, col.header, col.hx0, col.hx1)]
    elif x0 > col.hx1:
        left = max([col.hx1] + [b.x1 for b in others if b.x1 < x0])
        cut = (left + x0) / 2
        new = [Column(col.role, col.x0, cut, col.header, col.hx0, col.hx1),
               Column(role, cut, col.x1, "", x0, x1)]
    else:
        return columns
    return columns[:i] + new + columns[i + 1:]


def _fill_quantity(
    cells: list[tuple[str, float, float, str]],
) -> list[tuple[str, float, float, str]]:
    """An unreadable header word just before the unit (or price) column is the quantity."""
    roles = [c[0] for c in cells]
    if {"quantity", "cases", "loose"} & set(roles):
        return cells
    after = [i for i, r in enumerate(roles) if r in ("unit", "unit_price", "amount")]
    if not after:
        return cells
    unknown = [i for i in range(after[0]) if roles[i] == "?"]
    if not unknown or ("description" in roles and unknown[-1] < roles.index("description")):
        return cells
    q = unknown[-1]
    # Another unreadable word between the description and the quantity is the 入数 column.
    packs = {i for i in unknown[:-1] if "description" in roles and i > roles.index("description")}
    return [("quantity", *c[1:]) if k == q else ("pack", *c[1:]) if k in packs else c
            for k, c in enumerate(cells)]


def _fill_description(
    cells: list[tuple[str, float, float, str]],
) -> list[tuple[str, float, float, str]]:
    """Every table has a description: an unreadable header word before the quantity is it."""
    roles = [c[0] for c in cells]
    if "description" in roles or "quantity" not in roles:
        return cells
    q = roles.index("quantity")
    unknown = [i for i in range(q) if roles[i] == "?"]
    if unknown:
        i = max(unknown, key=lambda k: cells[k][2] - cells[k][1])
        return [("description", *c[1:]) if k == i else c for k, c in enumerate(cells)]
    # No word at all: the widest gap left of the quantity holds the description.
    edges = [0.0] + [c[2] for c in cells[:q]]
    starts = [c[1] for c in cells[: q + 1]]
    gaps = [(starts[k] - edges[k], k) for k in range(q + 1)]
    width, k = max(gaps)
    if width < 0.1:
        return cells
    mid = edges[k] + width / 2
    return cells[:k] + [("description", mid - 0.01, mid + 0.01, "")] + cells[k:]


_NAME_CHARS = re.compile(r"[^\W\d_]")


def names_a_product(description: str) -> bool:
    """A description with a real name in it, not a rule, a speck or a lone number."""
    letters = _NAME_CHARS.findall(description)
    # Long-vowel marks alone are a rule or dashes ('ーー ーー'), not a name.
    return len(letters) >= 3 and any(c != "ー" for c in letters)


def split_cells(line: TextLine, columns: list[Column]) -> dict[str, Cell]:
    """Every word of a body line into the column it overlaps most."""
    by_role: dict[str, list[Word]] = {}
    for w in line.words:
        best, best_overlap = None, -1.0
        cx = (w.box.x0 + w.box.x1) / 2
        for col in columns:
            overlap = min(w.box.x1, col.x1) - max(w.box.x0, col.x0)
            if col.x0 <= cx < col.x1:
                overlap += 1e-6  # ties go to the column holding the centre
            if overlap > best_overlap:
                best, best_overlap = col, overlap
        assert best is not None
        by_role.setdefault(best.role, []).append(w)
    quantity = next((c for c in columns if c.role == "quantity"), None)
    if quantity is not None and "quantity" in by_role:
        by_role["quantity"] = _under_title(by_role["quantity"], quantity, line.em)
    cells = {}
    for role, ws in by_role.items():
        text = join_words(ws, line.em).strip()
        conf = statistics.fmean(w.confidence for w in ws)
        cells[role] = Cell(text, ws, words_box(ws), conf)
    return cells


_FIGURE = re.compile(r"\d[\d,.]*")
APART_EM = 1.5
"""Figures in one cell farther apart than this many character widths are two columns' values."""


def _under_title(words: list[Word], column: Column, em: float) -> list[Word]:
    """The words of a cell that stand under the column's own title, when the cell holds
    figures set wide apart and only one group of them stands under the title. A header whose
    titles OCR ran together ('ケース入数 発注数量' read as one title) gives two columns to
    one, and the pack size beside the count read as part of it ('12 10': 1210)."""
    if column.hx1 <= column.hx0 or len(words) < 2:
        return words
    groups: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.box.x0):
        if groups and w.box.x0 - groups[-1][-1].box.x1 <= APART_EM * em:
            groups[-1].append(w)
        else:
            groups.append([w])
    if len(groups) < 2 or not all(_FIGURE.fullmatch(nfkc("".join(w.text for w in g)))
                                  for g in groups):
        return words  # a size run in from the name ('500ml×24缶 1') is left to the reading
    under = [g for g in groups
             if min(g[-1].box.x1, column.hx1) > max(g[0].box.x0, column.hx0)]
    return under[0] if len(under) == 1 else words


def is_total_line(line: TextLine, cells: dict[str, Cell], columns: list[Column]) -> bool:
    """A totals row (合計/小計/Total/税): its first text before any number names a total."""
    first = next((cells[c.role].text for c in columns if c.role in cells), line.text)
    return bool(TOTAL_WORDS.match(title_key(first)))


def is_subtotal(line: TextLine) -> bool:
    return bool(re.match(r"(小計|subtotal|sub total|page total)", title_key(line.text)))


def is_total_text(text: str) -> bool:
    """Text that starts with a totals word (合計, TOTAL, 小計 …), in any case or width."""
    return bool(TOTAL_WORDS.match(title_key(text)))


def is_end_line(line: TextLine) -> bool:
    """A line that ends the table's rows: remarks, or a header field's label below the table
    (納品日, お届け先 …: a row never starts with one)."""
    return bool(_END_WORDS.match(title_key(line.text)))
