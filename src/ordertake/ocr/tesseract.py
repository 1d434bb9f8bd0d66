"""Run tesseract on a page image file (the only pytesseract user); errors translated once."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytesseract

from ordertake.errors import DocumentError, MissingDependency
from ordertake.ocr.words import RawWord

INSTALL_HINT = "install tesseract-ocr and tesseract-ocr-jpn (apt-get install ...)"


@dataclass(frozen=True)
class Orientation:
    rotate: int
    """tesseract's "Rotate:": 0, 90, 180 or 270 degrees (see ocr/page.py for the direction)."""
    confidence: float


def _single_thread() -> None:
    # Pages run in parallel, one tesseract process each: OpenMP threads would only contend.
    os.environ["OMP_THREAD_LIMIT"] = "1"


@contextmanager
def translated_errors(what: str) -> Iterator[None]:
    """pytesseract/tesseract failures → MissingDependency or DocumentError with a fix."""
    try:
        yield
    except pytesseract.TesseractNotFoundError as exc:
        raise MissingDependency("tesseract is not installed or not on PATH",
                                hint=INSTALL_HINT) from exc
    except pytesseract.TesseractError as exc:
        message = str(exc.message if hasattr(exc, "message") else exc)
        if "Failed loading language" in message or "Error opening data file" in message:
            raise MissingDependency(f"tesseract language data is missing ({message.strip()})",
                                    hint=INSTALL_HINT) from exc
        raise DocumentError(f"OCR failed on {what} ({message.strip()[:200]})",
                            reason="ocr_failed") from exc
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise DocumentError(f"OCR took too long on {what}", reason="ocr_timeout",
                                hint="raise ORDERTAKE_OCR_TIMEOUT or send a cleaner scan") from exc
        raise


PAGE_CONFIG = "--dpi 300"
"""Every page pass: our pages are at 300 dpi (ocr/prepare.py). tesseract still tries each
badly read line again inverted (tessedit_do_invert): turned off it saved 5 % of the Japanese
pass but lost 5 of 74 lines on a held-out set of fine faxes (digits in a narrow Qty column)."""


def ocr_rows(image_path: str, languages: str, psm: int, timeout: float, what: str
             ) -> list[RawWord]:
    """Word rows of tesseract's TSV output for the image file at `image_path`."""
    _single_thread()
    with translated_errors(what):
        data = pytesseract.image_to_data(
            image_path, lang=languages, config=f"--psm {psm} {PAGE_CONFIG}",
            output_type=pytesseract.Output.DICT, timeout=timeout)
    rows = []
    for i, text in enumerate(data["text"]):
        if int(data["level"][i]) != 5 or not str(text).strip():
            continue
        rows.append(RawWord(
            str(text), int(data["left"][i]), int(data["top"][i]), int(data["width"][i]),
            int(data["height"][i]), float(data["conf"][i]),
            (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))))
    return rows


_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_CONFIDENCE = re.compile(r"Orientation confidence:\s*([\d.]+)")


def detect_orientation(image_path: str, timeout: float, what: str) -> Orientation | None:
    """tesseract's orientation guess (--psm 0), None when it finds too little text."""
    _single_thread()
    try:
        with translated_errors(what):
            osd = pytesseract.image_to_osd(image_path, config="--psm 0 --dpi 300",
                                           timeout=timeout)
    except DocumentError:
        return None  # "Too few characters": nothing to decide orientation from
    rotate, confidence = _ROTATE.search(osd), _CONFIDENCE.search(osd)
    if not rotate or not confidence:
        return None
    return Orientation(int(rotate.group(1)), float(confidence.group(1)))


def version() -> str:
    _single_thread()
    with translated_errors("version check"):
        return str(pytesseract.get_tesseract_version())


def ocr_line(image_path: str, languages: str, whitelist: str, timeout: float, what: str) -> str:
    """The text of a one-line image (a table cell; --psm 7) using only `whitelist` characters."""
    _single_thread()
    config = f"--psm 7 --dpi 300 -c tessedit_char_whitelist={whitelist}"
    with translated_errors(what):
        return str(pytesseract.image_to_string(image_path, lang=languages, config=config,
                                               timeout=timeout)).strip()
