"""Bytes of any order document → pages of positioned words (text layer, OCR or plain text)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import nullcontext

import pypdfium2 as pdfium

from ordertake.config import Settings
from ordertake.domain import Page, PageSource
from ordertake.errors import DocumentError
from ordertake.ocr import pdfdoc, sheets, sniff, together
from ordertake.ocr.images import open_image_pages
from ordertake.ocr.page import OcrOptions, make_workdir, ocr_pages
from ordertake.ocr.pageimage import PageImage
from ordertake.ocr.pdftext import read_text_layer
from ordertake.ocr.prepare import PrepareSteps
from ordertake.ocr.reviewimage import DISPLAY_DPI, encode_png
from ordertake.ocr.textpages import text_pages

__all__ = ["read_document", "text_pages", "ocr_options", "ocr_jobs"]

log = logging.getLogger(__name__)

_TYPE_NAMES = {sniff.ZIP: "a zip archive", sniff.EMAIL: "an e-mail message"}


def ocr_options(settings: Settings, render_images: bool = True) -> OcrOptions:
    return OcrOptions(languages=settings.ocr_languages, timeout=settings.ocr_timeout,
                      steps=PrepareSteps(max_pixels=settings.max_image_pixels),
                      display=render_images, digit_pass=settings.ocr_digit_pass)


def ocr_jobs(settings: Settings) -> int:
    return settings.ocr_jobs or os.cpu_count() or 1


def read_document(data: bytes, filename: str, settings: Settings, *,
                  render_images: bool = True) -> list[Page]:
    """Every page of a PDF, TIFF, PNG, JPEG, GIF, BMP, Excel (.xlsx, .xls), CSV or plain-text
    file, with its words.

    The type comes from the bytes; `filename` is only used in messages. `render_images`
    makes each PDF/image page's review PNG (`Page.image_png`); callers that only want the
    words pass False: text-layer PDFs are then read about twice as fast, and OCR pages skip
    one encode each. The pipeline keeps the default, since parse re-reads lost quantity
    cells from those images (`ocr/cells.py`). Raises DocumentError
    (reason: empty, too_large, unsupported_type, encrypted, corrupt, too_many_pages,
    image_too_large, ocr_failed, ocr_timeout) for input that cannot be read.
    """
    if not data:
        raise DocumentError(f"{filename or 'the file'} is empty (0 bytes)", reason="empty",
                            hint="ask the sender to send the document again")
    if len(data) > settings.max_file_bytes:
        raise DocumentError(
            f"{filename or 'the file'} is {len(data):,} bytes; the limit is "
            f"{settings.max_file_bytes:,}", reason="too_large",
            hint="raise ORDERTAKE_MAX_FILE_BYTES or ask for a smaller file")
    kind = sniff.sniff_mime(data)
    if kind == sniff.PDF:
        return _read_pdf(data, settings, render_images)
    if kind in sniff.IMAGE_TYPES:
        return _ocr_all(*open_image_pages(data, settings), settings, render_images)
    if kind in (sniff.XLSX, sniff.XLS):
        return _read_workbook(data, kind, filename, settings, render_images)
    if kind == sniff.TEXT:
        text = _decode_text(data)
        table = sheets.csv_table(text)
        if table:
            return sheets.within_pages(sheets.csv_pages(table), settings.max_pages,
                                       filename or "the CSV file")
        return text_pages(text)
    found = _TYPE_NAMES.get(kind, "not a document type ordertake reads")
    raise DocumentError(
        f"{filename or 'the file'}: the content is {found}, whatever its name says",
        reason="unsupported_type",
        hint="send orders as PDF, TIFF, PNG, JPEG, Excel, CSV or e-mail text")


def _read_workbook(data: bytes, kind: str, filename: str, settings: Settings,
                   render_images: bool) -> list[Page]:
    """The filled-in cells of an Excel workbook; when an .xlsx has none, the order pictures
    pasted into it, OCR'd like any image."""
    if kind == sniff.XLS:
        pages = sheets.xls_pages(data, filename, settings.max_pages)
    else:
        pages = sheets.xlsx_pages(data, filename, settings.max_pages)
        for picture in [] if pages else sheets.xlsx_pictures(data):
            read = _ocr_all(*open_image_pages(picture, settings), settings, render_images)
            pages += [page.renumbered(page.number + len(pages)) for page in read]
    if not pages:
        raise DocumentError(f"{filename or 'the workbook'} has no filled-in cells and no "
                            "pasted order picture", reason="empty",
                            hint="ask the sender for the filled-in order sheet")
    return pages


def _read_pdf(data: bytes, settings: Settings, render_images: bool) -> list[Page]:
    document = pdfdoc.open_pdf(data, settings)
    try:
        count = pdfdoc.page_count(document)
        for index in range(count):  # before anything draws a page: bombs decode in full
            pdfdoc.check_page_images(document, index, settings)
        images: list[bytes | None] = [None] * count
        if render_images:
            # Review images are drawn and encoded (pdfium, zlib: C code) in a second thread
            # while pdfminer parses the text layer here.
            with ThreadPoolExecutor(max_workers=1) as background:
                previews = background.submit(_previews, document, count, settings)
                text_layer = read_text_layer(data, count)
                images = previews.result()
        else:
            text_layer = read_text_layer(data, count)
        pages: dict[int, Page] = {}
        to_ocr: list[int] = []
        for index, layer in enumerate(text_layer):
            if layer.problem:
                log.info("page %d: %s, OCR instead", index + 1, layer.problem)
                to_ocr.append(index)
                continue
            pages[index + 1] = Page(index + 1, layer.width, layer.height,
                                    PageSource.TEXT_LAYER, layer.words, images[index])

        def rendered() -> Iterator[PageImage]:
            for index in to_ocr:  # one page image at a time is held; OCR runs in the pool
                yield pdfdoc.render_page(document, index, settings)

        for page in _ocr_all(len(to_ocr), rendered(), settings, render_images):
            pages[page.number] = page
    finally:
        pdfdoc.close_pdf(document)
    return [pages[number] for number in sorted(pages)]


def _previews(document: pdfium.PdfDocument, count: int, settings: Settings
              ) -> list[bytes | None]:
    """Review-screen PNGs of every page; None for a page pdfium cannot draw (it is then
    OCR'd, which fails with a clear reason, or read from its text layer without a picture)."""
    out: list[bytes | None] = []
    for index in range(count):
        try:
            image = pdfdoc.render_page(document, index, settings, dpi=DISPLAY_DPI)
        except DocumentError:
            out.append(None)
            continue
        out.append(encode_png(image.image))
    return out


MAX_BATCH_PAGES = 5
"""Pages OCR'd together by one thread (ocr.page.ocr_pages: one tesseract run per pass for
all of them). A document's pages are shared evenly among the threads, at most this many
together: five save 80 % of tesseract's start-ups."""
MAX_BATCH_PIXELS = 45_000_000
"""A batch also ends once its pages hold this many pixels (five A4 pages at 300 dpi), since a
thread holds all of its batch's pictures until its last pass: a document of huge pages is
read a page at a time, as before batches."""


def _ocr_all(count: int, images: Iterable[PageImage], settings: Settings,
             render_images: bool = True) -> list[Page]:
    """OCR the `count` pages: a document of fewer pages than a tesseract run takes, read
    while other documents are (ocr/together.py: the worker's threads), with their pages;
    any other on its own."""
    options = ocr_options(settings, render_images)
    group = together.current()
    if group is not None and 0 < count < group.pages:
        pages = list(images)  # decoded in the document's own thread: its errors are its own
        if sum(p.image.width * p.image.height for p in pages) <= MAX_BATCH_PIXELS:
            return group.read(pages, options)
        images = pages
    with group.aside() if group else nullcontext():
        return _ocr_alone(count, images, options, ocr_jobs(settings))


def _ocr_alone(count: int, images: Iterable[PageImage], options: OcrOptions, jobs: int
               ) -> list[Page]:
    """The pages read in parallel: `jobs` threads each run one tesseract process at a time
    (OMP_THREAD_LIMIT=1), so that many cores are kept busy. Pages go to the threads in
    batches, decoded only when a thread is free for them (plus one batch ahead)."""
    size = max(1, min(MAX_BATCH_PAGES, -(-count // jobs)))
    with make_workdir() as workdir, ThreadPoolExecutor(max_workers=jobs) as pool:
        pending: list[Future[list[Page]]] = []
        for batch in _batches(images, size):
            pending.append(pool.submit(ocr_pages, batch, options, workdir))
            running = [f for f in pending if not f.done()]
            if len(running) >= jobs:
                wait(running, return_when=FIRST_COMPLETED)
        return [page for f in pending for page in f.result()]


def _batches(images: Iterable[PageImage], size: int) -> Iterator[list[PageImage]]:
    """The pages in order, `size` at a time or fewer when they reach MAX_BATCH_PIXELS."""
    batch: list[PageImage] = []
    pixels = 0
    for image in images:
        batch.append(image)
        pixels += image.image.width * image.image.height
        if len(batch) == size or pixels >= MAX_BATCH_PIXELS:
            yield batch
            batch, pixels = [], 0
    if batch:
        yield batch


def _decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932", "euc_jp", "iso2022_jp"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")
