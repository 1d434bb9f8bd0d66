"""Product-name cells read a second time, from the page picture (pure: the reading is asked of
the pipeline's cell reader, parse does no I/O).

The page OCR garbles a faxed name in a typeface it was not tuned on (麦茶 read 才茶, 丸正 read
AE), and a second tesseract run on the name cell alone, at another scale and as one line, often
reads what the first did not (and garbles something else). Neither reading is better as such:
the product master decides. So the second reading travels with the line (`DraftLine.readings`)
and the matcher takes it where it names a product more surely than the first
(`matching.matcher`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from ordertake.domain import Box, DraftLine
from ordertake.parse.layout import Row

NAME_ROLES = ("description", "spec")
"""The cells whose text is the product name as written (a size column is part of it)."""


@runtime_checkable
class NameCellReader(Protocol):
    """A cell reader that reads name cells as printed (no whitelist), many at once."""

    def read_names(self, boxes: list[Box]) -> list[str]: ...


def name_box(row: Row) -> Box | None:
    """The box of a row's product name: its description cell, with a size cell beside it on
    the same page; None without a description cell."""
    cell = row.cells.get("description")
    if cell is None or cell.box is None:
        return None
    box = cell.box
    spec = row.cells.get("spec")
    if spec is not None and spec.box is not None and spec.box.page == box.page:
        box = box.union(spec.box)
    return box


def names_from_picture(rows: list[Row], lines: list[DraftLine | None],
                       read_cell: Callable[[Box], str] | None) -> None:
    """Each ordered line of `rows` (same order, None for rows not ordered) gets its name
    cell as read again from the picture in `readings`; lines stay as they are when the reader
    cannot read names."""
    if not isinstance(read_cell, NameCellReader):
        return
    wanted = [(i, box) for i, (row, line) in enumerate(zip(rows, lines, strict=True))
              if line is not None and (box := name_box(row)) is not None]
    if not wanted:
        return
    texts = read_cell.read_names([box for _, box in wanted])
    for (i, _), text in zip(wanted, texts, strict=True):
        line = lines[i]
        if line is not None and text.strip():
            lines[i] = dataclasses.replace(line, readings=(text.strip(),))
