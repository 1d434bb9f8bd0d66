"""Run tesseract on a page image file (the only pytesseract user); errors translated once."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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


def ocr_rows(image_paths: Sequence[str], languages: str, psm: int, timeout: float, what: str
             ) -> list[list[RawWord]]:
    """Word rows of tesseract's TSV output for each image file, from one tesseract run.

    Several files are handed over as a list file: tesseract then loads its models once for
    all of them (a start costs 0.08 CPU s with jpn, 0.065 with eng: a tenth of a page's
    reading), and reads each image as it would alone."""
    _single_thread()
    listed = len(image_paths) > 1
    source = f"{image_paths[0]}.list" if listed else image_paths[0]
    if listed:
        Path(source).write_text("".join(f"{path}\n" for path in image_paths))
    try:
        with translated_errors(what):
            tsv = pytesseract.image_to_data(
                source, lang=languages, config=f"--psm {psm} {PAGE_CONFIG}",
                timeout=timeout * len(image_paths))
    finally:
        if listed:
            os.unlink(source)
    return parse_tsv(str(tsv), len(image_paths))


def parse_tsv(tsv: str, images: int = 1) -> list[list[RawWord]]:
    """The words (level 5, not blank) of tesseract's TSV output of `images` images, image by
    image (read line by line: a tenth of the time pytesseract's dict takes)."""
    rows: list[list[RawWord]] = [[] for _ in range(images)]
    for line in tsv.splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        # level page block paragraph line word left top width height conf text
        block, paragraph, line_number = int(cells[2]), int(cells[3]), int(cells[4])
        left, top, width, height = map(int, cells[6:10])
        confidence = float(int(float(cells[10])))  # whole numbers, as the thresholds were set
        rows[int(cells[1]) - 1].append(RawWord(cells[11], left, top, width, height, confidence,
                                               (block, paragraph, line_number)))
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
