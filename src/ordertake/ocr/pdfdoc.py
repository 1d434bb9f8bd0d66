"""Open PDFs with pdfium, enforce page and image limits, and render pages to images."""

from __future__ import annotations

import math
import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from ordertake.config import Settings
from ordertake.errors import DocumentError
from ordertake.ocr.pageimage import TARGET_DPI, PageImage

_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
MIN_LONG_SIDE_PX = 1000
"""Small pages are rendered so their longer side has at least this many pixels."""
PDFIUM_LOCK = threading.RLock()
"""PDFium is not thread-safe, not even across documents: two threads in it at once corrupt
the heap and kill the process (seen with `eval --jobs 2` and with the review screen's previews,
which FastAPI draws in a thread pool). Every call into it here holds this lock; documents are
closed explicitly under it, never left to a finalizer that could run in any thread."""


def open_pdf(data: bytes, settings: Settings) -> pdfium.PdfDocument:
    """The document, or DocumentError when it is encrypted, damaged or has too many pages.

    PDFs that open with an empty user password (permissions only) are read normally.
    """
    with PDFIUM_LOCK:
        return _open_pdf(data, settings)


def close_pdf(document: pdfium.PdfDocument) -> None:
    with PDFIUM_LOCK:
        document.close()


def page_count(document: pdfium.PdfDocument) -> int:
    with PDFIUM_LOCK:
        return len(document)


def render_pdf_page(data: bytes, index: int, settings: Settings, dpi: float) -> PageImage:
    """Page `index` of the PDF in `data`, opened, checked for bombs and drawn like a read
    page is (the review screen's previews); DocumentError when it cannot be."""
    document = open_pdf(data, settings)
    try:
        if not 0 <= index < page_count(document):
            raise DocumentError(f"the PDF has no page {index + 1}", reason="corrupt")
        check_page_images(document, index, settings)
        return render_page(document, index, settings, dpi)
    finally:
        close_pdf(document)


def _open_pdf(data: bytes, settings: Settings) -> pdfium.PdfDocument:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
            raise DocumentError(
                "the PDF is protected by a password", reason="encrypted",
                hint="ask the sender for an unprotected PDF, or remove the password "
                     "(qpdf --decrypt --password=... in.pdf out.pdf)") from exc
        raise DocumentError(f"the PDF is damaged and cannot be opened ({exc})",
                            reason="corrupt", hint="ask the sender to send it again") from exc
    try:
        pages = len(document)
    except pdfium.PdfiumError as exc:
        document.close()
        raise DocumentError(f"the PDF's page list is damaged ({exc})", reason="corrupt") from exc
    if pages == 0:
        document.close()
        raise DocumentError("the PDF has no pages", reason="corrupt",
                            hint="ask the sender to send it again")
    if pages > settings.max_pages:
        document.close()
        raise DocumentError(
            f"the PDF has {pages} pages; at most {settings.max_pages} are read",
            reason="too_many_pages", hint="raise ORDERTAKE_MAX_PAGES or split the file")
    return document


def _load_page(document: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
    try:
        return document[index]
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"page {index + 1} of the PDF is damaged ({exc})",
                            reason="corrupt", hint="ask the sender to send it again") from exc


def check_page_images(document: pdfium.PdfDocument, index: int, settings: Settings) -> None:
    """Refuse a page carrying an embedded image above the pixel limit (a PDF bomb):
    rendering would decode it in full whatever the output size."""
    with PDFIUM_LOCK:
        _check_page_images(document, index, settings)


def _check_page_images(document: pdfium.PdfDocument, index: int, settings: Settings) -> None:
    page = _load_page(document, index)
    try:
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
            width, height = obj.get_px_size()
            if width * height > settings.max_image_pixels:
                raise DocumentError(
                    f"page {index + 1} embeds a {width}×{height} pixel image",
                    reason="image_too_large",
                    hint="scan at 300 dpi or raise ORDERTAKE_MAX_IMAGE_PIXELS")
    finally:
        page.close()


def render_page(
    document: pdfium.PdfDocument, index: int, settings: Settings, dpi: float = TARGET_DPI
) -> PageImage:
    """Page `index` as a grayscale image at `dpi`, lowered when the page is huge so the
    image stays within max_image_pixels."""
    with PDFIUM_LOCK:
        image, scale = _render(document, index, settings, dpi)
    effective = scale * 72
    return PageImage(index + 1, image, effective, effective)


def _render(document: pdfium.PdfDocument, index: int, settings: Settings, dpi: float
            ) -> tuple[Image.Image, float]:
    page = _load_page(document, index)
    try:
        width_pt, height_pt = page.get_size()
        if not (width_pt > 0 and height_pt > 0):
            raise DocumentError(f"page {index + 1} of the PDF has no size", reason="corrupt")
        scale = dpi / 72
        longest = max(width_pt, height_pt) * scale
        if longest < MIN_LONG_SIDE_PX:  # tiny pages (labels, 2400 dpi strips): enough pixels
            scale *= MIN_LONG_SIDE_PX / longest
        pixels = width_pt * height_pt * scale * scale
        if pixels > settings.max_image_pixels:
            scale *= math.sqrt(settings.max_image_pixels / pixels)
        if width_pt * scale < 16 or height_pt * scale < 16:
            raise DocumentError(f"page {index + 1} has an unreadable shape "
                                f"({width_pt:.0f}×{height_pt:.0f} pt)", reason="corrupt")
        bitmap = page.render(scale=scale, grayscale=True, draw_annots=True)
        image = bitmap.to_pil().convert("L")
        bitmap.close()
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"page {index + 1} of the PDF cannot be drawn ({exc})",
                            reason="corrupt") from exc
    finally:
        page.close()
    return image, scale
