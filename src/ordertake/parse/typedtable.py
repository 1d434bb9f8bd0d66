"""Tables typed into a mail body (columns lined up with spaces): which lines make one (pure).

A line of labelled fields (「品名：… 数量：２本」) names its fields beside their values: it is
an item, not a row of column titles. A typed table is short and sits among sentences, so
what ends its rows is the writing around it, not a totals row: the closing sentence after a
blank line (「よろしくお願いします。」) is no wrapped product name. A second table below the
first brings its own titles (and columns), and a table typed between bars (「| 品名 | 数量 |」)
need not line up with its titles: its cells are then its runs of words, in order.
"""

from __future__ import annotations

import re
import statistics

from ordertake.domain import Word
from ordertake.parse.emailbody import is_field_label
from ordertake.parse.layout import (
    HEADER_KEYWORDS,
    Cell,
    Column,
    header_columns,
    split_cells,
    title_key,
)
from ordertake.parse.lines import TextLine, join_words, words_box
from ordertake.parse.numbers import nfkc
from ordertake.parse.qtycell import read_quantity_cell
from ordertake.parse.units import is_size_unit

_TITLES = {kw for keywords in HEADER_KEYWORDS.values() for kw in keywords}
# A label at a word's start, a colon, and a value that is no label itself (「品名：緑茶」, not
# 「品名：　数量：」, titles a form leaves to be filled in).
_LABEL_VALUE = re.compile(r"(?:^|(?<=[\s/|]))(?P<label>[^\s:/|]{1,8}?)\s*:\s*"
                          r"(?![^\s:]{1,8}\s*:)(?=[^\s:])")
_BULLETS = "・*-•●○◎■□◆◇▪►>※"


def labels_values(line: TextLine) -> bool:
    """True for a line that sets a field's value after its label (「品名：緑茶 2L　数量：６本」
    「商品CD：MS-0314　数量：5袋」): the fields of an item, never a table's header row."""
    for m in _LABEL_VALUE.finditer(nfkc(line.text)):
        label = title_key(m.group("label")).lstrip(_BULLETS)
        if label in _TITLES or is_field_label(label):
            return True
    return False


# A sentence rather than a row: it ends as one (。！？) or in a polite verb form.
_PROSE_END = re.compile(r"(?:[。！？!?]|ます|です|ください|下さい)\s*$")


def is_prose(text: str) -> bool:
    """A line written as a sentence (「※発注数はケース単位です。」「よろしくお願いします」)."""
    return bool(_PROSE_END.search(nfkc(text).strip()))


def after_blank_line(line: TextLine, previous: TextLine | None) -> bool:
    """True when a blank line (or one of rules or specks) stands between the two lines."""
    if previous is None or previous.page != line.page:
        return False
    return line.box.y0 - previous.box.y1 > previous.box.y1 - previous.box.y0


def is_past_rows(line: TextLine, previous: TextLine | None) -> bool:
    """A line without a count below a typed table's rows that is no part of them: a sentence,
    or any line after a blank one (a row's wrapped name stands right below it)."""
    return is_prose(line.text) or after_blank_line(line, previous)


def typed_parts(lines: list[TextLine]) -> list[list[TextLine]]:
    """A page's lines cut before each table header row after the first: a table typed under
    another has its own titles, so its own columns."""
    starts = [i for i, line in enumerate(lines)
              if not labels_values(line) and header_columns(line) is not None]
    cuts = [0, *starts[1:], len(lines)]
    return [lines[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def typed_cells(line: TextLine, columns: list[Column]) -> dict[str, Cell]:
    """A typed table row's cells: its words under the titles they stand below, or, when that
    reads no name or no count but the row's runs of words (cut at wide gaps) are as many as
    the columns, those runs in order. Columns typed between bars (「| 品名 | 数量 |」) or in
    a proportional font need not line up with their titles."""
    cells = split_cells(line, columns)
    if len(line.segments) != len(columns) or _reads_as_row(cells):
        return cells
    in_order = {column.role: _cell(segment, line.em)
                for column, segment in zip(columns, line.segments, strict=True)}
    return in_order if _reads_as_row(in_order) else cells


def _cell(words: list[Word], em: float) -> Cell:
    return Cell(join_words(words, em).strip(), words, words_box(words),
                statistics.fmean(w.confidence for w in words))


def _reads_as_row(cells: dict[str, Cell]) -> bool:
    """Cells holding a name or a code, and a count (not a size) in the quantity cell."""
    quantity = cells.get("quantity")
    if quantity is None or not {"description", "code"} & set(cells):
        return False
    read = read_quantity_cell(quantity.text)
    return read.quantity is not None and (read.unit is None or not is_size_unit(read.unit))
