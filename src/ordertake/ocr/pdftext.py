"""Words with boxes from a PDF's text layer (the only pdfplumber user)."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

import pdfplumber

from ordertake.domain import Box, Word
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
        raw = page.extract_words(keep_blank_chars=False, use_text_flow=False)
        images = page.images
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - see read_text_layer
        return TextLayerPage(number, 0, 0, problem=f"text layer unreadable ({exc})")
    if width <= 0 or height <= 0:
        return TextLayerPage(number, 0, 0, problem="page has no size")
    words = []
    for item in raw:
        box = Box(
            number,
            _clamp((item["x0"] - x_origin) / width),
            _clamp((item["top"] - y_origin) / height),
            _clamp((item["x1"] - x_origin) / width),
            _clamp((item["bottom"] - y_origin) / height),
        )
        words.append(Word(item["text"], box, 1.0))
    problem = text_layer_problem(
        [w.text for w in words],
        text_area_share=min(1.0, sum(_area(w.box) for w in words)),
        image_area_share=min(1.0, sum(_image_share(im, x_origin, y_origin, width, height)
                                      for im in images)),
    )
    return TextLayerPage(number, width, height, words, problem)


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _area(box: Box) -> float:
    return max(0.0, box.x1 - box.x0) * max(0.0, box.y1 - box.y0)


def _image_share(image: dict, x_origin: float, y_origin: float, width: float,
                 height: float) -> float:
    x0 = _clamp((image["x0"] - x_origin) / width)
    x1 = _clamp((image["x1"] - x_origin) / width)
    y0 = _clamp((image["top"] - y_origin) / height)
    y1 = _clamp((image["bottom"] - y_origin) / height)
    return max(0.0, x1 - x0) * max(0.0, y1 - y0)
