"""OCR one page image: prepare it, read it, turn it when it was sent sideways or upside down."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

from PIL import Image

from ordertake.domain import Page, PageSource
from ordertake.ocr import tesseract
from ordertake.ocr.digits import digit_pass_image, reconcile_digits, split_passes
from ordertake.ocr.pageimage import PageImage
from ordertake.ocr.prepare import PrepareSteps, prepare
from ordertake.ocr.reviewimage import review_png
from ordertake.ocr.unread import FALLBACK_PSM, REREAD_PSM, find_unread, graft, shifted
from ordertake.ocr.words import RawWord, merge_cjk, to_words

READABLE_MEAN_CONFIDENCE = 0.55
"""A main pass below this mean character confidence (or with almost no words) makes us ask
tesseract which way the page is turned. Measured with the jpn main pass: upright fax pages
0.69–0.78, the same pages upside down or sideways 0.28–0.35."""
MAX_TALL_SHARE = 0.5
"""A page lying sideways is often read as vertical Japanese text with upright-like
confidence (0.69); its words are then taller than wide: 85–97 % of the multi-character
words, against under 15 % on upright pages. Above this share we ask tesseract too."""
MIN_WORDS = 5
ORIENTATION_MIN_CONFIDENCE = 1.0
"""tesseract's orientation confidence needed before a page that reads badly is tried turned
(the turned page is kept only when it reads better). A standard-resolution page sent upside
down was detected at 1.52 and left unturned at the former 2.0."""
HEADER_BAND = 0.05
"""Share of the page height at the top where a fax machine prints its header line."""
MIN_HEADER_CHARS = 12
HEADER_MIN_CONFIDENCE = 50.0
"""Mean character confidence (0..100) of a header strip read upright on an upside-down
page: text read upside down scores 28-35 (READABLE_MEAN_CONFIDENCE), a noisy standard-
resolution header about 60."""


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
    accurate on faxes than one jpn+eng pass (bench/fax_errors.py). Costs tesseract time:
    on an A4 fax page jpn 1.3 s + eng 1.1 s against 2.1 s for one jpn+eng pass."""
    reread_unread: bool = True
    """Read a page again as lines (--psm 4) where the first pass left text-like ink unread
    (ocr/unread.py)."""


def ocr_page(page: PageImage, options: OcrOptions, workdir: str) -> Page:
    """The page's words (boxes as fractions of the prepared image) and its display PNG."""
    image = prepare(page, options.steps)
    page.image = Image.new("L", (1, 1))  # free the source pixels early: pages run in parallel
    what = f"page {page.number}"
    main, digits = (split_passes(options.languages) if options.digit_pass
                    else (options.languages, ""))
    path = _save(image, workdir)
    try:
        rows = tesseract.ocr_rows(path, main, options.psm, options.timeout, what)
        if options.orientation and not _looks_readable(rows):
            # Decided on the main pass alone: a turned page is read again, but the digit
            # pass only ever runs once, on the orientation kept.
            image, path, rows = _try_turning(image, path, rows, main, options, workdir, what)
        if options.reread_unread:
            rows = _read_unread(image, rows, main, options, workdir, what)
        if digits and any(c.isdigit() for r in rows for c in r.text):
            # Only the words holding a digit are repaired: the rest of the page is blanked
            # for the digit pass, which then reads a fraction of the lines (and a page with
            # no such word is not read again: a blank A4 page still costs eng 0.28 CPU s).
            part, (left, top) = digit_pass_image(image, rows)
            digit_rows = _read_image(part, digits, options.psm, options, workdir, what)
            rows = reconcile_digits(rows, [shifted(w, left, top) for w in digit_rows])
    finally:
        os.unlink(path)
    words = to_words(merge_cjk(rows), page.number, image.width, image.height)
    png = review_png(image) if options.display else None
    return Page(page.number, image.width, image.height, PageSource.OCR, words, png)


def _read_unread(image: Image.Image, rows: list[RawWord], languages: str,
                 options: OcrOptions, workdir: str, what: str) -> list[RawWord]:
    """The main pass's rows, plus words read again where it left text-like ink unread.

    Only the part of the page that holds the unread regions is read again (a third of the
    page, typically): tesseract's time goes with the lines it reads."""
    unread = find_unread(image, rows)
    if not unread.worth_reading():
        return rows
    left, top, right, bottom = unread.span(image.width, image.height)
    part = image.crop((left, top, right, bottom))
    reread = _read_image(part, languages, REREAD_PSM, options, workdir, what)
    if not any(w.text.strip() for w in reread):
        reread = _read_image(part, languages, FALLBACK_PSM, options, workdir, what)
    return graft(rows, [shifted(w, left, top) for w in reread], unread)


def _read_image(image: Image.Image, languages: str, psm: int, options: OcrOptions,
                workdir: str, what: str) -> list[RawWord]:
    """tesseract's words of an image made for one pass (saved, read, deleted)."""
    path = _save(image, workdir)
    try:
        return tesseract.ocr_rows(path, languages, psm, options.timeout, what)
    finally:
        os.unlink(path)


IMAGE_SUFFIX, IMAGE_FORMAT = ".tif", "TIFF"
"""Uncompressed TIFF hands tesseract a page fastest: 5 ms to write an A4 page at 300 dpi,
and leptonica reads it 0.04 CPU s faster than PNG (which also takes 60-110 ms to encode) and
0.19 s faster than PGM, which it reads a byte at a time (bench/bench_ocr.py). The words are
the same from all three."""


def _save(image: Image.Image, workdir: str) -> str:
    fd, path = tempfile.mkstemp(suffix=IMAGE_SUFFIX, dir=workdir)
    with os.fdopen(fd, "wb") as fh:
        image.save(fh, format=IMAGE_FORMAT)  # no resolution tag: tesseract takes --dpi
    return path


def _looks_readable(rows: list[RawWord]) -> bool:
    """Upright enough to keep without asking tesseract's orientation detection."""
    if len(rows) < MIN_WORDS:
        return False
    chars = sum(len(r.text) for r in rows)
    mean = sum(r.confidence * len(r.text) for r in rows) / chars / 100
    if mean < READABLE_MEAN_CONFIDENCE:
        return False
    several = [r for r in rows if len(r.text) >= 2]  # one character is about square
    tall = sum(1 for r in several if r.height > r.width)
    return tall <= MAX_TALL_SHARE * len(several)


def _score(rows: list[RawWord]) -> float:
    return sum(r.confidence * len(r.text) for r in rows)


def _try_turning(image: Image.Image, path: str, rows: list[RawWord], languages: str,
                 options: OcrOptions, workdir: str, what: str
                 ) -> tuple[Image.Image, str, list[RawWord]]:
    """(image, its saved file, main-pass rows), turned when tesseract is sure and the
    turned page reads better; the file not returned is deleted."""
    found = tesseract.detect_orientation(path, options.timeout, what)
    if found is None or found.rotate == 0 or found.confidence < ORIENTATION_MIN_CONFIDENCE:
        return image, path, rows
    # tesseract's "Rotate: 90" means the page must be turned 90° clockwise; PIL turns
    # counter-clockwise for positive angles.
    turned = image.rotate(-found.rotate, expand=True, fillcolor=255)
    if found.rotate == 180 and (strip := _upright_header(rows, image.height)):
        turned.paste(image.crop((0, 0, image.width, strip)), (0, 0))
        turned.paste(image.crop((0, strip, image.width, image.height)).rotate(180), (0, strip))
    turned_path = _save(turned, workdir)
    try:
        turned_rows = tesseract.ocr_rows(turned_path, languages, options.psm,
                                         options.timeout, what)
    except BaseException:
        os.unlink(turned_path)
        raise
    if _score(turned_rows) > _score(rows):
        os.unlink(path)
        return turned, turned_path, turned_rows
    os.unlink(turned_path)
    return image, path, rows


def _upright_header(rows: list[RawWord], height: int) -> int:
    """Height of the fax header strip of a page sent upside down, 0 when there is none.

    A sheet fed into the fax machine the wrong way round arrives upside down, but the
    sending machine still prints its header line (date, FROM number, name, P.1) the right
    way up across the top. That line reads well on the page as it came; when the page is
    turned, the strip is kept upright at the top, so the header is read with the order."""
    band = [r for r in rows if r.top + r.height <= HEADER_BAND * height]
    chars = sum(len(r.text) for r in band)
    if chars < MIN_HEADER_CHARS or _score(band) / chars < HEADER_MIN_CONFIDENCE:
        return 0
    return max(r.top + r.height for r in band) + min(r.height for r in band) // 2


def make_workdir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="ordertake-ocr-")
