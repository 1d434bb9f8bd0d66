"""Make a page image easier for tesseract: resolution and aspect, deskew, speck removal.

Each step can be switched off (PrepareSteps) so bench/bench_ocr.py can measure what it buys.
Orientation (upside-down or sideways faxes) is decided after a first OCR pass, in ocr/page.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageStat

from ordertake.ocr.despeckle import median3
from ordertake.ocr.inverted import invert_dark_bands
from ordertake.ocr.pageimage import TARGET_DPI, PageImage

ASSUMED_PAGE_INCHES = 11.69
"""Longer side of an A4 page: the resolution of an image without usable dpi tags is guessed
from it (a photo or screenshot of a whole page)."""
MAX_DPI = 400
"""Above this, pages are brought down to TARGET_DPI (faster, and no better for tesseract)."""
MIN_DESKEW_DEGREES = 0.2
MAX_DESKEW_DEGREES = 5.0


@dataclass(frozen=True)
class PrepareSteps:
    """Which steps run. Defaults are what measured best on fax-like pages (bench_ocr --steps):
    resolution + 3×3 median raised character accuracy from 0.70 (image as sent) to 0.92;
    deskew of 0.8–2.5° gained nothing (tesseract copes) and cost 0.3–1 s per page."""

    resolution: bool = True
    """Correct non-square fax pixels and bring the page to about 300 dpi."""
    deskew: bool = False
    despeckle: bool = True
    """A 3×3 median filter on pages that were upscaled (faxes, low-resolution scans): removes
    specks and smooths the staircase edges of stretched 1-bit pixels."""
    light_on_dark: bool = True
    """White text on black bands (a reversed header row) made black on white (ocr/inverted.py)."""
    smooth_rotation: bool = False
    """Bilinear instead of nearest-neighbour when deskewing."""
    max_pixels: int = 60_000_000


def prepare(page: PageImage, steps: PrepareSteps = PrepareSteps()) -> Image.Image:
    image = page.image
    if steps.resolution:
        image = to_target_resolution(image, page.xdpi, page.ydpi, steps.max_pixels)
    if steps.despeckle and image.size != page.image.size:
        image = median3(image)  # = ImageFilter.MedianFilter(3), about 5× faster
    if steps.deskew:
        image = deskew(image, skew_angle(image), steps.smooth_rotation)
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
    """Degrees to rotate (counter-clockwise) so text lines run level: the angle whose row
    profile is most peaked (lines of ink alternating with white gaps)."""
    small = image
    if image.width > 1000:
        factor = image.width / 1000
        small = image.resize((1000, max(1, round(image.height / factor))),
                             Image.Resampling.BOX)
    ink = small.point(lambda v: 255 if v < 160 else 0)

    def score(angle: float) -> float:
        turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
        rows = turned.resize((1, turned.height), Image.Resampling.BOX)
        return ImageStat.Stat(rows).var[0]

    coarse = max((a / 2 for a in range(-10, 11)), key=score)
    fine = max((coarse + a / 10 for a in range(-5, 6)), key=score)
    if abs(fine) < MIN_DESKEW_DEGREES or abs(fine) > MAX_DESKEW_DEGREES:
        return 0.0
    return fine


def deskew(image: Image.Image, angle: float, smooth: bool = False) -> Image.Image:
    if not angle:
        return image
    resample = Image.Resampling.BILINEAR if smooth else Image.Resampling.NEAREST
    return image.rotate(angle, resample=resample, expand=True, fillcolor=255)
