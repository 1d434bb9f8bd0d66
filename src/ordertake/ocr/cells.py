"""Read one table cell again from a page's picture (tesseract on the crop, digits only).

Parse finds rows whose quantity cell came back empty or as noise; the pipeline hands it a
`CellReader` so it can ask for that one cell again, without parse doing any I/O itself.
Only those few cells cost an extra (small, single-line) tesseract call.
"""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageOps

from ordertake.domain import Box, Page, PageSource
from ordertake.errors import DocumentError
from ordertake.ocr import tesseract

log = logging.getLogger(__name__)

CellReader = Callable[[Box], str]
"""(box on a page, as fractions) → the text read there; '' when nothing could be read."""

DIGITS = "0123456789"
TARGET_HEIGHT = 64
"""Pixel height the crop is scaled to: tesseract reads digits best at about 30-40 px."""
TIMEOUT = 10.0
WIDEN = 0.15
"""A second try widens the cell by this share of its width on each side: a number written
against the column edge (or a band fitted a little narrow) is cut off by the first crop."""


def crop_cell(picture: Image.Image, box: Box, pad: float = 0.004) -> Image.Image:
    """The cell's crop, a little padded, gray, scaled so a line of text is TARGET_HEIGHT high."""
    width, height = picture.size
    left = max(0, int((box.x0 - pad) * width))
    top = max(0, int((box.y0 - pad) * height))
    right = min(width, int((box.x1 + pad) * width) + 1)
    bottom = min(height, int((box.y1 + pad) * height) + 1)
    crop = picture.crop((left, top, right, bottom)).convert("L")
    scale = max(1.0, TARGET_HEIGHT / max(1, crop.height))
    if scale > 1.0:
        crop = crop.resize((round(crop.width * scale), round(crop.height * scale)),
                           Image.Resampling.LANCZOS)
    return crop


def without_rules(crop: Image.Image, border: int = 12) -> Image.Image:
    """Black-and-white crop with table rules (rows or columns mostly dark) removed and a white
    border: tesseract reads nothing from a cell boxed in by its rules."""
    dark = np.asarray(crop.convert("L")) < 128
    dark[:, dark.mean(axis=0) > 0.5] = False
    dark[dark.mean(axis=1) > 0.5, :] = False
    clean = Image.fromarray(np.where(dark, 0, 255).astype(np.uint8))
    return ImageOps.expand(clean, border, fill=255)


def widened(box: Box, share: float = WIDEN) -> Box:
    extra = (box.x1 - box.x0) * share
    return Box(box.page, max(0.0, box.x0 - extra), box.y0, min(1.0, box.x1 + extra), box.y1)


class PageCells:
    """A CellReader over the review pictures of a document's OCR pages."""

    def __init__(self, pages: list[Page], languages: str = "eng") -> None:
        self.pictures = {p.number: p.image_png for p in pages
                         if p.source == PageSource.OCR and p.image_png}
        self.languages = languages
        self.calls = 0
        self._read_before: dict[Box, str] = {}
        """Parse may ask twice for one cell (to tell a row from a wrap, then for its quantity)."""

    def __bool__(self) -> bool:
        return bool(self.pictures)

    def __call__(self, box: Box) -> str:
        """The digits in the cell: the cell as given, else a little wider; '' when none."""
        if box not in self._read_before:
            self._read_before[box] = self._digits(box)
        return self._read_before[box]

    def _digits(self, box: Box) -> str:
        png = self.pictures.get(box.page)
        if png is None or box.x1 <= box.x0 or box.y1 <= box.y0:
            return ""
        with Image.open(io.BytesIO(png)) as picture:
            for b in (box, widened(box)):
                text = self._read(without_rules(crop_cell(picture, b)), box.page)
                if text:
                    return text
        return ""

    def _read(self, crop: Image.Image, page: int) -> str:
        self.calls += 1
        with tempfile.NamedTemporaryFile(suffix=".png") as tmp:
            crop.save(tmp.name)
            try:
                return tesseract.ocr_line(tmp.name, self.languages, DIGITS, TIMEOUT,
                                          f"a cell on page {page}")
            except DocumentError as exc:  # one cell unreadable: the row stays as it was
                log.info("cell re-read failed: %s", exc)
                return ""
