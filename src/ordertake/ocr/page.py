"""OCR page images: prepare them, read them, turn a page that was sent sideways or upside down."""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

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
"""A main pass below this mean character confidence (or with almost no words) makes us try
the page turned (_try_turning). Measured with the jpn main pass: upright fax pages
0.69–0.78, the same pages upside down or sideways 0.28–0.35."""
MAX_TALL_SHARE = 0.5
"""A page lying sideways is often read as vertical Japanese text with upright-like
confidence (0.69); its words are then taller than wide: 85–97 % of the multi-character
words, against under 15 % on upright pages. Above this share the page is tried turned too,
and tesseract asked which way first."""
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


@dataclass
class _Sheet:
    """A page on its way through the passes: its prepared picture, that picture's file, and
    the words read so far."""

    number: int
    image: Image.Image
    path: str
    rows: list[RawWord] = field(default_factory=list)


def ocr_page(page: PageImage, options: OcrOptions, workdir: str) -> Page:
    """The page's words (boxes as fractions of the prepared image) and its display PNG."""
    return ocr_pages([page], options, workdir)[0]


def ocr_pages(pages: list[PageImage], options: OcrOptions, workdir: str) -> list[Page]:
    """`ocr_page` for several pages at once: each tesseract pass runs once over all the
    pages that need it (tesseract.ocr_rows), so its start and model load are paid once,
    not once a page. The pages' prepared pictures are held until the last pass."""
    main, digits = (split_passes(options.languages) if options.digit_pass
                    else (options.languages, ""))
    what = _naming(pages)
    sheets: list[_Sheet] = []
    try:
        for page in pages:
            image = prepare(page, options.steps)
            page.image = Image.new("L", (1, 1))  # free the source pixels early
            sheets.append(_Sheet(page.number, image, _save(image, workdir)))
        read = tesseract.ocr_rows([s.path for s in sheets], main, options.psm,
                                  options.timeout, what)
        for sheet, rows in zip(sheets, read, strict=True):
            sheet.rows = rows
        # Decided on the main pass alone: a turned page is read again, but the later passes
        # only ever run on the orientation kept.
        doubtful = [s for s in sheets if options.orientation and not _looks_readable(s.rows)]
        upright = [s for s in sheets if s not in doubtful]

        def finish(part: list[_Sheet]) -> None:
            if part and options.reread_unread:
                _read_unread(part, main, options, workdir, _naming(part))
            if part and digits:
                _repair_digits(part, digits, options, workdir, _naming(part))

        def turn_and_finish() -> None:
            for sheet in doubtful:
                _try_turning(sheet, main, options, workdir, f"page {sheet.number}")
            finish(doubtful)

        if doubtful and upright:
            # The pages tried turned go on beside the others, in a tesseract process of
            # their own: else the thread whose batch holds an upside-down page finishes a
            # page's reading after the rest (a core idles meanwhile, bench_ocr).
            with ThreadPoolExecutor(max_workers=1) as beside:
                turned = beside.submit(turn_and_finish)
                finish(upright)
                turned.result()
        else:
            turn_and_finish()
            finish(upright)
    finally:
        for sheet in sheets:
            os.unlink(sheet.path)
    return [Page(s.number, s.image.width, s.image.height, PageSource.OCR,
                 to_words(merge_cjk(s.rows), s.number, s.image.width, s.image.height),
                 review_png(s.image) if options.display else None) for s in sheets]


def _naming(pages: list[PageImage] | list[_Sheet]) -> str:
    """How error messages name the pages: "page 3" or "pages 3-5"."""
    first, last = pages[0].number, pages[-1].number
    return f"page {first}" if first == last else f"pages {first}-{last}"


def _read_unread(sheets: list[_Sheet], languages: str, options: OcrOptions, workdir: str,
                 what: str) -> None:
    """Words read again where the main pass left text-like ink unread, grafted in.

    Only the part of a page that holds its unread regions is read again (a third of the
    page, typically): tesseract's time goes with the lines it reads."""
    todo = [(sheet, unread) for sheet in sheets
            if (unread := find_unread(sheet.image, sheet.rows)).worth_reading()]
    if not todo:
        return
    boxes = [unread.span(sheet.image.width, sheet.image.height) for sheet, unread in todo]
    parts = [sheet.image.crop(box) for (sheet, _), box in zip(todo, boxes, strict=True)]
    reread = _read_images(parts, languages, REREAD_PSM, options, workdir, what)
    blank = [i for i, rows in enumerate(reread) if not any(w.text.strip() for w in rows)]
    if blank:  # nothing at all read as lines: once more as one block
        again = _read_images([parts[i] for i in blank], languages, FALLBACK_PSM, options,
                             workdir, what)
        for i, rows in zip(blank, again, strict=True):
            reread[i] = rows
    for (sheet, unread), (left, top, _, _), rows in zip(todo, boxes, reread, strict=True):
        sheet.rows = graft(sheet.rows, [shifted(w, left, top) for w in rows], unread)


def _repair_digits(sheets: list[_Sheet], languages: str, options: OcrOptions, workdir: str,
                   what: str) -> None:
    """The digits of the main pass repaired from a digit pass (ocr/digits.py).

    Only the words holding a digit are read again: the rest of the page is blanked for the
    digit pass, which then reads a fraction of the lines (and a page with no such word is
    not read again: a blank A4 page still costs eng 0.28 CPU s)."""
    todo = [s for s in sheets if any(c.isdigit() for r in s.rows for c in r.text)]
    if not todo:
        return
    parts = [digit_pass_image(sheet.image, sheet.rows) for sheet in todo]
    read = _read_images([image for image, _ in parts], languages, options.psm, options,
                        workdir, what)
    for sheet, (_, (left, top)), rows in zip(todo, parts, read, strict=True):
        sheet.rows = reconcile_digits(sheet.rows, [shifted(w, left, top) for w in rows])


def _read_images(images: list[Image.Image], languages: str, psm: int, options: OcrOptions,
                 workdir: str, what: str) -> list[list[RawWord]]:
    """tesseract's words of each image made for one pass (saved, read in one run, deleted)."""
    paths = [_save(image, workdir) for image in images]
    try:
        return tesseract.ocr_rows(paths, languages, psm, options.timeout, what)
    finally:
        for path in paths:
            os.unlink(path)


IMAGE_SUFFIX, IMAGE_FORMAT = ".tif", "TIFF"
"""Uncompressed TIFF hands tesseract a page fastest: 5 ms to write an A4 page at 300 dpi,
and leptonica reads it 0.04 CPU s faster than PNG (which also takes 60-110 ms to encode) and
0.19 s faster than PGM, which it reads a byte at a time (bench/bench_ocr.py). The words are
the same from all three."""


def _save(image: Image.Image, workdir: str) -> str:
    fd, path = tempfile.mkstemp(suffix=IMAGE_SUFFIX, dir=workdir)
    with os.fdopen(fd, "wb") as fh:
        # Uncompressed, whatever the source was: a page of a 300 dpi Group 4 TIFF comes here
        # unchanged, and Pillow would write it as Group 4 again, which only 1-bit images can be.
        # No resolution tag: tesseract takes --dpi.
        image.save(fh, format=IMAGE_FORMAT, compression="raw")
    return path


def _looks_readable(rows: list[RawWord]) -> bool:
    """Upright enough to keep without trying the page turned."""
    if len(rows) < MIN_WORDS:
        return False
    chars = sum(len(r.text) for r in rows)
    mean = sum(r.confidence * len(r.text) for r in rows) / chars / 100
    return mean >= READABLE_MEAN_CONFIDENCE and not _mostly_tall(rows)


def _mostly_tall(rows: list[RawWord]) -> bool:
    several = [r for r in rows if len(r.text) >= 2]  # one character is about square
    tall = sum(1 for r in several if r.height > r.width)
    return tall > MAX_TALL_SHARE * len(several)


def _score(rows: list[RawWord]) -> float:
    return sum(r.confidence * len(r.text) for r in rows)


def _try_turning(sheet: _Sheet, languages: str, options: OcrOptions, workdir: str,
                 what: str) -> None:
    """The sheet turned (its picture, file and main-pass rows replaced) when the turned page
    reads better, and either reads well or is the turn tesseract's orientation detection
    is sure of.

    A page with words, not mostly tall, is first read upside down, without asking: a
    sheet fed into the fax the wrong way round is the usual cause, and the upside-down
    reading (0.7 CPU s on an A4 page) costs less than tesseract's orientation detection
    (0.8 s), which is then only asked when that reading is no better."""
    tried: _Sheet | None = None
    try:
        if len(sheet.rows) >= MIN_WORDS and not _mostly_tall(sheet.rows):
            # (A page with next to no words, blank or a picture, is no upside-down text.)
            tried = _turned(sheet, 180, languages, options, workdir, what)
            if _looks_readable(tried.rows) and _score(tried.rows) > _score(sheet.rows):
                _replace(sheet, tried)
                tried = None
                return
        found = tesseract.detect_orientation(sheet.path, options.timeout, what)
        if (found is None or found.rotate == 0
                or found.confidence < ORIENTATION_MIN_CONFIDENCE
                or (found.rotate == 180 and tried is not None)):  # already no better
            return
        candidate = _turned(sheet, found.rotate, languages, options, workdir, what)
        if _score(candidate.rows) > _score(sheet.rows):
            _replace(sheet, candidate)
        else:
            os.unlink(candidate.path)
    finally:
        if tried is not None:
            os.unlink(tried.path)


def _turned(sheet: _Sheet, rotate: int, languages: str, options: OcrOptions, workdir: str,
            what: str) -> _Sheet:
    """The sheet turned `rotate` degrees clockwise (tesseract's "Rotate:"), saved and read."""
    image = sheet.image
    # PIL turns counter-clockwise for positive angles.
    turned = image.rotate(-rotate, expand=True, fillcolor=255)
    if rotate == 180 and (strip := _upright_header(sheet.rows, image.height)):
        turned.paste(image.crop((0, 0, image.width, strip)), (0, 0))
        turned.paste(image.crop((0, strip, image.width, image.height)).rotate(180), (0, strip))
    path = _save(turned, workdir)
    try:
        [rows] = tesseract.ocr_rows([path], languages, options.psm, options.timeout, what)
    except BaseException:
        os.unlink(path)
        raise
    return _Sheet(sheet.number, turned, path, rows)


def _replace(sheet: _Sheet, turned: _Sheet) -> None:
    os.unlink(sheet.path)
    sheet.image, sheet.path, sheet.rows = turned.image, turned.path, turned.rows


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
