"""Product-name cells read a second time, from the page picture (pure: the reading is asked of
the pipeline's cell reader, parse does no I/O).

The page OCR garbles a faxed name in a typeface it was not tuned on (麦茶 read 才茶, 丸正 read
AE), and a second tesseract run on the name cell alone, at another scale and as one line, often
reads what the first did not (and garbles something else). Neither reading is better as such:
the product master decides. So the second reading travels with the line (`PictureReadLine`) and
the matcher takes it where it names a product more surely than the first
(`matching.matcher`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ordertake.domain import Box, DraftLine
from ordertake.parse.layout import Row

NAME_ROLES = ("description", "spec")
"""The cells whose text is the product name as written (a size column is part of it)."""


@dataclass
class PictureReadLine(DraftLine):
    """A line whose product name was also read from the page picture."""

    readings: tuple[str, ...] = ()
    """Other readings of the name cell(s), each as tesseract gave it ('' when nothing)."""


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
    """Each ordered line of `rows` (same order, None for rows not ordered) becomes a
    `PictureReadLine` carrying its name cell as read again from the picture; lines stay as
    they are when the reader cannot read names."""
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
            lines[i] = with_readings(line, (text.strip(),))


def with_readings(line: DraftLine, readings: tuple[str, ...]) -> PictureReadLine:
    values = {f.name: getattr(line, f.name) for f in dataclasses.fields(DraftLine)}
    return PictureReadLine(**values, readings=readings)


def readings_of(line: DraftLine) -> tuple[str, ...]:
    """The other readings of a line's product name (none for a line not read again)."""
    return line.readings if isinstance(line, PictureReadLine) else ()
