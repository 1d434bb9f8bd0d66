"""OCR one page image: prepare it, read it, turn it when it was sent sideways or upside down."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

from PIL import Image

from ordertake.domain import Page, PageSource, Word
from ordertake.ocr import tesseract
from ordertake.ocr.digits import reconcile_digits, split_passes
from ordertake.ocr.pageimage import PageImage
from ordertake.ocr.prepare import PrepareSteps, prepare
from ordertake.ocr.reviewimage import review_png
from ordertake.ocr.words import merge_cjk, to_words

READABLE_MEAN_CONFIDENCE = 0.70
"""A first pass below this mean word confidence (or with almost no words) makes us ask
tesseract which way the page is turned."""
MIN_WORDS = 5
ORIENTATION_MIN_CONFIDENCE = 2.0
"""tesseract's orientation confidence needed before a page is turned."""


@dataclass(frozen=True)
class OcrOptions:
    languages: str = "jpn+eng"
    psm: int = 3
    timeout: float = 180.0
    steps: PrepareSteps = PrepareSteps()
    orientation: bool = True
    display: bool = True
    digit_pass: bool = True
    """With "jpn+eng": read with jpn, then with eng for the digits (ocr/digits.py) — more
    accurate on faxes than one jpn+eng pass (bench/fax_errors.py) and no slower."""


def ocr_page(page: PageImage, options: OcrOptions, workdir: str) -> Page:
    """The page's words (boxes as fractions of the prepared image) and its display PNG."""
    image = prepare(page, options.steps)
    page.image = Image.new("L", (1, 1))  # free the source pixels early: pages run in parallel
    what = f"page {page.number}"
    words = _read(image, page.number, options, workdir, what)
    if options.orientation and not _looks_readable(words):
        image, words = _try_turning(image, words, page.number, options, workdir, what)
    png = review_png(image) if options.display else None
    return Page(page.number, image.width, image.height, PageSource.OCR, words, png)


def _read(image: Image.Image, number: int, options: OcrOptions, workdir: str,
          what: str) -> list[Word]:
    path = _save(image, workdir)
    try:
        main, digits = split_passes(options.languages) if options.digit_pass else (
            options.languages, "")
        rows = tesseract.ocr_rows(path, main, options.psm, options.timeout, what)
        if digits:
            rows = reconcile_digits(
                rows, tesseract.ocr_rows(path, digits, options.psm, options.timeout, what))
    finally:
        os.unlink(path)
    return to_words(merge_cjk(rows), number, image.width, image.height)


def _save(image: Image.Image, workdir: str) -> str:
    fd, path = tempfile.mkstemp(suffix=".pgm", dir=workdir)
    with os.fdopen(fd, "wb") as fh:
        image.save(fh, format="PPM")  # uncompressed PGM: no encode/decode time worth counting
    return path


def _looks_readable(words: list[Word]) -> bool:
    if len(words) < MIN_WORDS:
        return False
    chars = sum(len(w.text) for w in words)
    mean = sum(w.confidence * len(w.text) for w in words) / chars
    return mean >= READABLE_MEAN_CONFIDENCE


def _score(words: list[Word]) -> float:
    return sum(w.confidence * len(w.text) for w in words)


def _try_turning(image: Image.Image, words: list[Word], number: int, options: OcrOptions,
                 workdir: str, what: str) -> tuple[Image.Image, list[Word]]:
    path = _save(image, workdir)
    try:
        found = tesseract.detect_orientation(path, options.timeout, what)
    finally:
        os.unlink(path)
    if found is None or found.rotate == 0 or found.confidence < ORIENTATION_MIN_CONFIDENCE:
        return image, words
    # tesseract's "Rotate: 90" means the page must be turned 90° clockwise; PIL turns
    # counter-clockwise for positive angles.
    turned = image.rotate(-found.rotate, expand=True, fillcolor=255)
    turned_words = _read(turned, number, options, workdir, what)
    if _score(turned_words) > _score(words):
        return turned, turned_words
    return image, words


def make_workdir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="ordertake-ocr-")
