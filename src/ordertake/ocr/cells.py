"""Read table cells again from a page's picture (tesseract on the cleaned cell, digits only).

Parse asks for the quantity cells it wants a second opinion on; the pipeline hands it a
`PageCells` so it can, without parse doing any I/O itself. The cells of one page are read in
one tesseract run (a list of small images), so reading every quantity cell costs about one
process start per page.
"""

from __future__ import annotations

import functools
import io
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageOps

from ordertake.domain import Box, Page, PageSource
from ordertake.errors import DocumentError
from ordertake.ocr import strokes, tesseract
from ordertake.ocr.cellimage import BORDER, SMALL_HEIGHT, TARGET_HEIGHT, cell_glyphs
from ordertake.parse.rereads import PictureDigits

log = logging.getLogger(__name__)

CellReader = Callable[[Box], str]
"""(box on a page, as fractions) → the text read there; '' when nothing could be read."""

DIGITS = "0123456789"
CELL_HEIGHT = 64
"""Pixel height a whole cell is scaled to for a one-cell read."""
TIMEOUT = 10.0
TIMEOUT_PER_CELL = 0.5
WIDEN = 0.15
"""A second try widens the cell by this share of its width on each side: a number written
against the column edge (or a band fitted a little narrow) is cut off by the first crop."""
OTHER_HEIGHTS = (16, 20, 40)
"""Glyph heights a cell is read at again when its reading's steadiness decides between it and
the page OCR's (parse/rereads.py): of 16-50 px, a misread of the picture's own changed with
the size on the tuning faxes, a right reading did not."""
TEXT_LANGUAGES = "jpn"
"""The model a cell's text (number and unit: '48本', '1cs') is read with: on the tuning faxes
jpn read the cleaned glyphs of cells holding both as written ('1ケース', '1cS'), jpn+eng
read some 1s as l and ケース as digits."""
NAME_LANGUAGES = "jpn"
"""The model a product name is read again with (the page OCR's jpn+eng read it first)."""
NAME_SCALE = 2.0
"""A name cell of the 150 dpi review picture is read at this scale: on the tuning faxes 2
read more names right than 3, and reading at both added little for twice the time."""
MARKER = "10"
"""Printed before and after a page's cells in one run: tesseract's text of an empty cell is
empty, and the run's text is trimmed, so the marker keeps the first and last cells in place."""


class PageCells:
    """Reads cells of a document's OCR pages from their review pictures (150 dpi: the
    pipeline keeps no other picture of the page)."""

    def __init__(self, pages: list[Page], languages: str = "eng") -> None:
        self.pngs = {p.number: p.image_png for p in pages
                     if p.source == PageSource.OCR and p.image_png}
        self.languages = languages
        self.calls = 0
        """tesseract runs so far (one per page for `read_digits`)."""
        self.cells = 0
        """Cells read so far."""
        self._pictures: dict[int, Image.Image] = {}
        self._thick: dict[int, bool] = {}
        self._read_before: dict[Box, str] = {}
        """Parse may ask twice for one cell (to tell a row from a wrap, then for its quantity)."""

    def __bool__(self) -> bool:
        return bool(self.pngs)

    def thick_strokes(self, page: int) -> bool:
        """Whether the page is printed too bold for a quantity the picture does not read the
        same to be trusted (`ocr.strokes`)."""
        if page not in self._thick:
            picture = self._picture(page)
            self._thick[page] = picture is not None and strokes.thick_strokes(np.asarray(picture))
        return self._thick[page]

    def __call__(self, box: Box) -> str:
        """The digits in the whole cell (rules made white): the cell as given, else a little
        wider; '' when none. For a cell whose text OCR lost entirely, where no box of its
        own says where the number stands."""
        if box not in self._read_before:
            self._read_before[box] = self._digits(box)
        return self._read_before[box]

    def read_digits(self, boxes: list[Box], first: list[int | None] | None = None
                    ) -> list[PictureDigits]:
        """The digits and the glyph count of every box (the text's own box, the cell's width),
        of only its `first[i]` glyphs from the left when given; one tesseract run per page."""
        out = [PictureDigits("", 0)] * len(boxes)
        first = first or [None] * len(boxes)
        for page in sorted({b.page for b in boxes}):
            where = [i for i, b in enumerate(boxes) if b.page == page]
            picture = self._picture(page)
            if picture is None:
                continue
            glyphs = [cell_glyphs(picture, boxes[i], first[i]) for i in where]
            texts = self._read_all([g.image for g in glyphs], page)
            again = [k for k, (g, text) in enumerate(zip(glyphs, texts, strict=True))
                     if g.image is not None and not text]
            smaller = [cell_glyphs(picture, boxes[where[k]], first[where[k]], SMALL_HEIGHT)
                       for k in again]
            for k, text in zip(again, self._read_all([g.image for g in smaller], page),
                               strict=True):
                texts[k] = text
            for i, g, text in zip(where, glyphs, texts, strict=True):
                out[i] = PictureDigits(zeros_unslashed(text, g.slashed), g.glyphs)
        return out

    def count_glyphs(self, boxes: list[Box]) -> list[int]:
        """How many glyphs each box shows on its page picture once rules and specks are
        taken out (as `read_digits` counts them; no tesseract run): ink nothing could read,
        such as a count written by hand, still counts."""
        out = [0] * len(boxes)
        for i, box in enumerate(boxes):
            picture = self._picture(box.page)
            if picture is not None:
                out[i] = cell_glyphs(picture, box).glyphs
        return out

    def read_text(self, boxes: list[Box]) -> list[str]:
        """The text of every box, its glyphs cleaned as for `read_digits`, read with no
        whitelist: a unit as well as the number ('48本', where the digits-only read takes the
        unit's glyphs for digits: '487'); one tesseract run per page."""
        return self._read_boxes(boxes, lambda picture, box: cell_glyphs(picture, box).image,
                                TEXT_LANGUAGES)

    def read_names(self, boxes: list[Box]) -> list[str]:
        """The text of every box read as printed (`NAME_LANGUAGES`, no whitelist, grey, scaled
        `NAME_SCALE` times): product names read a second time; one tesseract run per page."""
        return self._read_boxes(boxes, name_cell, NAME_LANGUAGES)

    def _read_boxes(self, boxes: list[Box],
                    cut: Callable[[Image.Image, Box], Image.Image | None],
                    languages: str) -> list[str]:
        """The text of every box ('' where its page has no picture): each page's boxes `cut`
        from its picture and read in one tesseract run, with no whitelist."""
        out = [""] * len(boxes)
        for page in sorted({b.page for b in boxes}):
            picture = self._picture(page)
            if picture is None:
                continue
            where = [i for i, b in enumerate(boxes) if b.page == page]
            images = [cut(picture, boxes[i]) for i in where]
            for i, text in zip(where, self._read_all(images, page, languages, ""), strict=True):
                out[i] = text
        return out

    def read_sizes(self, boxes: list[Box], first: list[int | None] | None = None,
                   heights: tuple[int, ...] = OTHER_HEIGHTS) -> list[list[str]]:
        """The digits of every box (as in `read_digits`) read again with its glyphs scaled to
        each of `heights`; one tesseract run per page."""
        out: list[list[str]] = [[] for _ in boxes]
        first = first or [None] * len(boxes)
        for page in sorted({b.page for b in boxes}):
            picture = self._picture(page)
            if picture is None:
                continue
            owners = [i for i, b in enumerate(boxes) if b.page == page for _ in heights]
            images = [cell_glyphs(picture, boxes[i], first[i], h).image
                      for i, b in enumerate(boxes) if b.page == page for h in heights]
            for i, text in zip(owners, self._read_all(images, page), strict=True):
                out[i].append(text)
        return out

    def _picture(self, page: int) -> Image.Image | None:
        if page not in self._pictures:
            png = self.pngs.get(page)
            if png is None:
                return None
            with Image.open(io.BytesIO(png)) as picture:
                self._pictures[page] = picture.convert("L")
        return self._pictures[page]

    def _digits(self, box: Box) -> str:
        picture = self._picture(box.page)
        if picture is None or box.x1 <= box.x0 or box.y1 <= box.y0:
            return ""
        for b in (box, widened(box)):
            text = self._read_all([whole_cell(picture, b)], box.page)[0]
            if text:
                return text
        return ""

    def _read_all(self, images: list[Image.Image | None], page: int,
                  languages: str | None = None, whitelist: str = DIGITS) -> list[str]:
        """Each image's digits ('' for None), in one tesseract run when it can be trusted to
        keep them apart, else one run each. `languages` and `whitelist` for other text."""
        todo = [(i, image) for i, image in enumerate(images) if image is not None]
        texts = [""] * len(images)
        if not todo:
            return texts
        self.cells += len(todo)
        marker = _marker()
        if len(todo) > 1 and marker is not None:
            read = self._run([marker, *(image for _, image in todo), marker], page,
                             languages, whitelist)
            if len(read) == len(todo) + 2 and read[0] == read[-1] == MARKER:
                for (i, _), text in zip(todo, read[1:-1], strict=True):
                    texts[i] = text
                return texts
            log.info("cells of page %s read one by one: the run's pages did not line up", page)
        for i, image in todo:
            texts[i] = self._run([image], page, languages, whitelist)[0]
        return texts

    def _run(self, images: list[Image.Image], page: int, languages: str | None = None,
             whitelist: str = DIGITS) -> list[str]:
        """tesseract over the images as one list; one text per page of its output."""
        self.calls += 1
        with tempfile.TemporaryDirectory(prefix="ordertake-cells-") as tmp:
            paths = []
            for n, image in enumerate(images):
                path = Path(tmp) / f"{n}.png"
                image.save(path)
                paths.append(str(path))
            target = paths[0]
            if len(paths) > 1:
                target = str(Path(tmp) / "cells.txt")
                Path(target).write_text("\n".join(paths) + "\n")
            try:
                text = tesseract.ocr_line(target, languages or self.languages, whitelist,
                                          TIMEOUT + TIMEOUT_PER_CELL * len(paths),
                                          f"cells on page {page}")
            except DocumentError as exc:  # unreadable: the rows stay as they were
                log.info("cell re-read failed: %s", exc)
                return [""] * len(images)
        return [piece.strip() for piece in text.split("\f")]


def zeros_unslashed(text: str, slashed: tuple[bool, ...]) -> str:
    """The digits with each 8 read where the picture shows a slashed zero made 0 (when the
    digits stand one for one with the glyphs)."""
    if len(text) != len(slashed):
        return text
    return "".join("0" if c == "8" and zero else c for c, zero in zip(text, slashed, strict=True))


def whole_cell(picture: Image.Image, box: Box, pad: float = 0.004) -> Image.Image:
    """The cell's crop, a little padded, black and white, scaled so its height is
    CELL_HEIGHT, with columns or rows of it that are mostly dark (rules) made white."""
    width, height = picture.size
    left, top = max(0, int((box.x0 - pad) * width)), max(0, int((box.y0 - pad) * height))
    right = min(width, int((box.x1 + pad) * width) + 1)
    bottom = min(height, int((box.y1 + pad) * height) + 1)
    crop = picture.crop((left, top, right, bottom))
    scale = max(1.0, CELL_HEIGHT / max(1, crop.height))
    if scale > 1.0:
        crop = crop.resize((round(crop.width * scale), round(crop.height * scale)),
                           Image.Resampling.LANCZOS)
    dark = np.asarray(crop) < 128
    dark[:, dark.mean(axis=0) > 0.5] = False
    dark[dark.mean(axis=1) > 0.5, :] = False
    clean = Image.fromarray(np.where(dark, 0, 255).astype(np.uint8))
    return ImageOps.expand(clean, 12, fill=255)


def name_cell(picture: Image.Image, box: Box) -> Image.Image:
    """A name cell's crop, a few pixels padded, grey as the picture is, scaled NAME_SCALE
    times. Unlike a quantity cell it keeps its rules: taking the mostly dark rows and columns
    out of a short crop of text took strokes of the glyphs too (fewer names read right)."""
    width, height = picture.size
    left, top = max(0, int(box.x0 * width) - 4), max(0, int(box.y0 * height) - 3)
    right, bottom = min(width, int(box.x1 * width) + 5), min(height, int(box.y1 * height) + 4)
    crop = picture.crop((left, top, right, bottom))
    crop = crop.resize((round(crop.width * NAME_SCALE), round(crop.height * NAME_SCALE)),
                       Image.Resampling.LANCZOS)
    return ImageOps.expand(crop, 12, fill=255)


def widened(box: Box, share: float = WIDEN) -> Box:
    extra = (box.x1 - box.x0) * share
    return Box(box.page, max(0.0, box.x0 - extra), box.y0, min(1.0, box.x1 + extra), box.y1)


@functools.cache
def _marker() -> Image.Image | None:
    """MARKER printed in Pillow's own font at the glyph height cells are read at; None when
    Pillow has no scalable font (cells are then read one by one)."""
    try:
        font = ImageFont.load_default(size=TARGET_HEIGHT)
    except (OSError, AttributeError, TypeError):
        return None
    image = Image.new("L", (2 * TARGET_HEIGHT + 2 * BORDER, TARGET_HEIGHT + 3 * BORDER), 255)
    ImageDraw.Draw(image).text((BORDER, BORDER), MARKER, font=font, fill=0)
    return image
