"""Product-name cells read a second time, from the page picture (pure: the reading is asked of
the pipeline's cell reader, parse does no I/O).

The page OCR garbles a faxed name in a typeface it was not tuned on (麦茶 read 才茶, 丸正 read
AE), and a second tesseract run on the name cell alone, at another scale and as one line, often
reads what the first did not (and garbles something else). Neither reading is better as such:
the product master decides. Parse keeps where each line's name is printed
(`DraftLine.name_box`); the lines the matcher is unsure of are read again (`read_names_again`,
pipeline.py) and the second reading travels with the line (`DraftLine.readings`): the matcher
takes it where it names a product more surely than the first (`matching.matcher`). A line
matched surely is not read again: the second run costs a tesseract start and the cells' area.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol, runtime_checkable

from ordertake.domain import Box, DraftLine
from ordertake.parse.layout import Row


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


def with_name_boxes(rows: list[Row], lines: list[DraftLine | None]) -> None:
    """Each ordered line of `rows` (same order, None for rows not ordered) keeps the box of
    its name cell."""
    for i, row in enumerate(rows):
        line = lines[i]
        if line is not None and (box := name_box(row)) is not None:
            lines[i] = dataclasses.replace(line, name_box=box)


def read_names_again(lines: list[DraftLine], which: list[int], reader: object
                     ) -> list[DraftLine]:
    """`lines` with the name of each line in `which` read again from the picture (one
    tesseract run per page) into its `readings`; lines stay as they are when the reader
    cannot read names or reads nothing."""
    wanted = [i for i in which if lines[i].name_box is not None]
    if not wanted or not isinstance(reader, NameCellReader):
        return lines
    texts = reader.read_names([box for i in wanted if (box := lines[i].name_box) is not None])
    out = list(lines)
    for i, text in zip(wanted, texts, strict=True):
        if text.strip():
            out[i] = dataclasses.replace(lines[i], readings=(text.strip(),))
    return out
