"""Make a page image easier for tesseract: resolution and aspect, deskew, speck removal.

Each step can be switched off (PrepareSteps) so bench/bench_ocr.py can measure what it buys.
Orientation (upside-down or sideways faxes) is decided after a first OCR pass, in ocr/page.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from ordertake.ocr.despeckle import median3
from ordertake.ocr.inverted import invert_dark_bands
from ordertake.ocr.pageimage import TARGET_DPI, PageImage
from ordertake.ocr.streaks import remove_streaks

ASSUMED_PAGE_INCHES = 11.69
"""Longer side of an A4 page: the resolution of an image without usable dpi tags is guessed
from it (a photo or screenshot of a whole page)."""
MAX_DPI = 400
"""Above this, pages are brought down to TARGET_DPI (faster, and no better for tesseract)."""
MIN_DESKEW_DEGREES = 2.0
"""Pages turned less than this are read as they are: tesseract copes, and turning costs sharp
strokes (from 1°, the Noto tuning faxes, sent within ±1.5°, read 13 lines fewer of 880 and
two sure-wrong). At 2° or more the rows fall apart unturned: line F1 on the sample faxes
turned ±2° rose from 0.89 to 0.96, turned ±3° from 0.64 to 0.93."""
MAX_DESKEW_DEGREES = 6.0
SKEW_WIDTH_PX = 800
"""The skew is measured on the page brought down to about this width (a fourth of an A4
page at 300 dpi): one pixel of drift across it is 0.07°."""
SKEW_COARSE_STEP = 0.5
SKEW_FINE_STEP = 0.1
INK_LEVEL = 128
MIN_SKEW_INK = 500
"""Ink pixels (of the small page) needed to measure a skew: a line or two of text."""
MAX_SKEW_INK = 200_000


@dataclass(frozen=True)
class PrepareSteps:
    """Which steps run. Defaults are what measured best on fax-like pages (bench_ocr --steps,
    bench/fax_errors.py): resolution + 3×3 median raised character accuracy from 0.70 (image
    as sent) to 0.92; straightening pages fed in at ±3° raised line F1 on the sample faxes
    from 0.64 to 0.93 (MIN_DESKEW_DEGREES)."""

    resolution: bool = True
    """Correct non-square fax pixels and bring the page to about 300 dpi."""
    deskew: bool = True
    """Straighten a page turned by MIN_DESKEW_DEGREES or more (8 ms to measure a page)."""
    despeckle: bool = True
    """A 3×3 median filter on pages that were upscaled (faxes, low-resolution scans): removes
    specks and smooths the staircase edges of stretched 1-bit pixels."""
    streaks: bool = True
    """Top-to-bottom lines from dirt on the sender's scanner glass are whitened (ocr/streaks.py)."""
    light_on_dark: bool = True
    """White text on black bands (a reversed header row) made black on white (ocr/inverted.py)."""
    max_pixels: int = 60_000_000


def prepare(page: PageImage, steps: PrepareSteps = PrepareSteps()) -> Image.Image:
    image = page.image
    if steps.streaks:
        image = remove_streaks(image)
    if steps.resolution:
        image = to_target_resolution(image, page.xdpi, page.ydpi, steps.max_pixels)
    if steps.despeckle and image.size != page.image.size:
        image = median3(image)  # = ImageFilter.MedianFilter(3), about 5× faster
    if steps.deskew and (angle := skew_angle(image)):
        image = image.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True,
                             fillcolor=255)
    if steps.light_on_dark:
        image = invert_dark_bands(image)
    return image


def effective_dpi(size: tuple[int, int], xdpi: float, ydpi: float) -> tuple[float, float]:
    """The resolution to trust: the tags, else a guess from an A4-sized page."""
    if xdpi > 0 and ydpi > 0:
        return xdpi, ydpi
    guess = max(size) / ASSUMED_PAGE_INCHES
    return guess, guess


def to_target_resolution(
    image: Image.Image, xdpi: float, ydpi: float, max_pixels: int
) -> Image.Image:
    """Square pixels at about TARGET_DPI: fax standard (204×98) and fine (204×196) pages are
    stretched from their resolution tags; low-resolution pages upscaled, huge ones reduced."""
    xdpi, ydpi = effective_dpi(image.size, xdpi, ydpi)
    sx, sy = 1.0, 1.0
    if xdpi < TARGET_DPI * 0.9 or ydpi < TARGET_DPI * 0.9 or max(xdpi, ydpi) > MAX_DPI:
        sx, sy = TARGET_DPI / xdpi, TARGET_DPI / ydpi
    elif abs(xdpi - ydpi) > 0.05 * max(xdpi, ydpi):
        sx, sy = 1.0, xdpi / ydpi  # square pixels without changing the horizontal scale
    width, height = round(image.width * sx), round(image.height * sy)
    if width * height > max_pixels:
        shrink = (max_pixels / (width * height)) ** 0.5
        width, height = int(width * shrink), int(height * shrink)
    if (width, height) == image.size or width < 1 or height < 1:
        return image
    return image.resize((width, height), Image.Resampling.BICUBIC)


def skew_angle(image: Image.Image) -> float:
    """Degrees to rotate (counter-clockwise) so text lines run level: the angle at which the
    page's ink, projected onto the vertical, is most peaked (lines of ink alternating with
    white gaps; a table's rules most of all). 0 below MIN_DESKEW_DEGREES, or beyond
    MAX_DESKEW_DEGREES, where no fax feeder turns a sheet."""
    factor = max(1, round(image.width / SKEW_WIDTH_PX))
    small = np.asarray(image.reduce(factor) if factor > 1 else image)
    ys, xs = np.nonzero(small < INK_LEVEL)
    if len(xs) < MIN_SKEW_INK:
        return 0.0
    if len(xs) > MAX_SKEW_INK:  # a dark page: every n-th ink pixel tells the same
        step = len(xs) // MAX_SKEW_INK + 1
        ys, xs = ys[::step], xs[::step]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64) - xs.mean()

    def peakedness(angle: float) -> float:
        rows = np.rint(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.dot(counts, counts))

    steps = round(MAX_DESKEW_DEGREES / SKEW_COARSE_STEP)
    coarse = max((a * SKEW_COARSE_STEP for a in range(-steps, steps + 1)), key=peakedness)
    fine = max((coarse + a * SKEW_FINE_STEP for a in range(-5, 6)), key=peakedness)
    if abs(fine) < MIN_DESKEW_DEGREES or abs(fine) > MAX_DESKEW_DEGREES:
        return 0.0
    return round(fine, 2)
