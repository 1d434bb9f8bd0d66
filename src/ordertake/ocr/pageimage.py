"""A page image on its way to OCR: pixels plus the resolution they were scanned at."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

TARGET_DPI = 300
"""Resolution tesseract reads best at; pages are brought to it before OCR."""


@dataclass
class PageImage:
    number: int
    """1-based page number within the document."""
    image: Image.Image
    """Grayscale ("L") pixels."""
    xdpi: float
    """Horizontal resolution; 0 when the file does not say."""
    ydpi: float
    """Vertical resolution; differs from xdpi on standard/fine faxes (204×98, 204×196)."""
