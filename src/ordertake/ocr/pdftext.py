"""Words with boxes from a PDF's text layer (the only pdfplumber user)."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.layout import LTChar, LTComponent, LTContainer, LTImage

from ordertake.domain import Box, Word
from ordertake.ocr.charwords import Char, group_words
from ordertake.ocr.radicals import fold_radicals
from ordertake.ocr.triage import text_layer_problem

log = logging.getLogger(__name__)


@dataclass
class TextLayerPage:
    """One page's text layer; `problem` non-empty means: OCR this page instead."""

    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    problem: str = ""


def read_text_layer(data: bytes, page_count: int) -> list[TextLayerPage]:
    """Text-layer words of the first `page_count` pages; a page pdfplumber cannot read is
    returned with a problem (so it is OCR'd) rather than failing the document."""
    results: list[TextLayerPage] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index, page in enumerate(pdf.pages):
                if index >= page_count:
                    break
                results.append(_read_page(page, index + 1))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on damaged files
        log.info("text layer unreadable after %d pages: %s", len(results), exc)
    while len(results) < page_count:
        results.append(TextLayerPage(len(results) + 1, 0, 0, problem="text layer unreadable"))
    return results


def _read_page(page: pdfplumber.page.Page, number: int) -> TextLayerPage:
    try:
        x_origin, y_origin, x_end, y_end = page.bbox
        width, height = x_end - x_origin, y_end - y_origin
        chars, images = _layout_chars(page.layout, page.height)
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - see read_text_layer
        return TextLayerPage(number, 0, 0, problem=f"text layer unreadable ({exc})")
    if width <= 0 or height <= 0:
        return TextLayerPage(number, 0, 0, problem="page has no size")
    words = []
    for item in group_words(chars):
        box = Box(
            number,
            _clamp((item.x0 - x_origin) / width),
            _clamp((item.top - y_origin) / height),
            _clamp((item.x1 - x_origin) / width),
            _clamp((item.bottom - y_origin) / height),
        )
        words.append(Word(item.text, box, 1.0))
    image_share = sum(_share(x0, top, x1, bottom, x_origin, y_origin, width, height)
                      for x0, top, x1, bottom in images)
    problem = text_layer_problem(
        [w.text for w in words],
        text_area_share=min(1.0, sum(_area(w.box) for w in words)),
        image_area_share=min(1.0, image_share),
    )
    return TextLayerPage(number, width, height, words, problem)


def _layout_chars(layout: LTContainer, page_height: float
                  ) -> tuple[list[Char], list[tuple[float, float, float, float]]]:
    """Characters and image rectangles (top-left origin) from pdfminer's layout tree."""
    chars: list[Char] = []
    images: list[tuple[float, float, float, float]] = []
    stack: list[LTComponent] = [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            chars.append(Char(fold_radicals(item.get_text()), item.x0, item.x1,
                              page_height - item.y1, page_height - item.y0))
        elif isinstance(item, LTImage):
            images.append((item.x0, page_height - item.y1, item.x1, page_height - item.y0))
        elif isinstance(item, LTContainer):
            stack.extend(item)
    return chars, images


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _area(box: Box) -> float:
    return max(0.0, box.x1 - box.x0) * max(0.0, box.y1 - box.y0)


def _share(x0: float, top: float, x1: float, bottom: float, x_origin: float,
           y_origin: float, width: float, height: float) -> float:
    w = _clamp((x1 - x_origin) / width) - _clamp((x0 - x_origin) / width)
    h = _clamp((bottom - y_origin) / height) - _clamp((top - y_origin) / height)
    return max(0.0, w) * max(0.0, h)
