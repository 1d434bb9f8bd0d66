"""Decode TIFF/PNG/JPEG/GIF/BMP files into grayscale page images, within size limits."""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator

from PIL import Image, ImageOps, UnidentifiedImageError

from ordertake.config import Settings
from ordertake.errors import DocumentError
from ordertake.ocr.pageimage import TARGET_DPI, PageImage
from ordertake.ocr.photo import flatten_photo

# Pillow's own decompression-bomb protection (Image.MAX_IMAGE_PIXELS) stays on; our
# max_image_pixels setting is checked first, from the header, before any pixel is decoded.
# What Pillow raises on damaged or hostile files (fuzzed TIFF tags raise almost anything).
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, KeyError,
                  TypeError, ZeroDivisionError, RuntimeError)


def count_frames(image: Image.Image, limit: int) -> int:
    """Frames in a multi-page file, stopping at limit+1 (IFD chains can be long or loop)."""
    count = 0
    try:
        while count <= limit:
            image.seek(count)
            count += 1
    except EOFError:
        pass
    return count


def open_image_pages(data: bytes, settings: Settings) -> tuple[int, Iterator[PageImage]]:
    """(How many pages, every page) of an image file: grayscale, orientation tags applied; a
    phone photo of a sheet comes as the sheet warped flat (ocr/photo.py). The file is checked
    now; each page is decoded only when it is taken."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # Pillow's notes on damaged tags
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            frames = count_frames(image, settings.max_pages)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_large(str(exc)) from exc
    except UnidentifiedImageError as exc:
        raise DocumentError("the image file is damaged or not an image Pillow can read",
                            reason="corrupt", hint="ask the sender to send it again") from exc
    except _DECODE_ERRORS as exc:
        raise _corrupt(exc) from exc
    if frames > settings.max_pages:
        raise DocumentError(
            f"the image file has more than {settings.max_pages} pages",
            reason="too_many_pages", hint="raise ORDERTAKE_MAX_PAGES or split the file")
    if frames == 0:
        raise DocumentError("the image file has no pages", reason="corrupt")
    return frames, (_decode_frame(image, index, settings) for index in range(frames))


def _decode_frame(image: Image.Image, index: int, settings: Settings) -> PageImage:
    try:
        image.seek(index)
        width, height = image.size
        if width <= 0 or height <= 0:
            raise DocumentError(f"page {index + 1} has no pixels", reason="corrupt")
        if width * height > settings.max_image_pixels:
            raise _too_large(f"page {index + 1} is {width}×{height} pixels")
        xdpi, ydpi = _resolution(image)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            frame = image.copy()  # decodes this frame only
        try:
            oriented = ImageOps.exif_transpose(frame)
        except _DECODE_ERRORS:  # a damaged EXIF block: the pixels are still fine
            oriented = frame
        if oriented.size != frame.size:  # turned by 90°: the resolutions swap with the axes
            xdpi, ydpi = ydpi, xdpi
        gray = _to_gray(oriented)
        # A phone photo of a sheet on a desk: the sheet warped flat, at TARGET_DPI.
        flat = flatten_photo(oriented, gray)
        if flat is not None:
            return PageImage(index + 1, flat, TARGET_DPI, TARGET_DPI)
        return PageImage(index + 1, gray, xdpi, ydpi)
    except DocumentError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_large(str(exc)) from exc
    except (*_DECODE_ERRORS, MemoryError) as exc:
        raise _corrupt(exc, page=index + 1) from exc


def _resolution(image: Image.Image) -> tuple[float, float]:
    dpi = image.info.get("dpi") or image.info.get("resolution")
    try:
        xdpi, ydpi = (float(v) for v in dpi)  # type: ignore[union-attr]
    except (TypeError, ValueError, ZeroDivisionError):
        return 0.0, 0.0
    # Cameras write 72 dpi (or 1) regardless of what they photographed: no information.
    if xdpi < 50 or ydpi < 50 or xdpi > 4800 or ydpi > 4800 or (xdpi == ydpi == 72):
        return 0.0, 0.0
    return xdpi, ydpi


def _to_gray(image: Image.Image) -> Image.Image:
    if image.mode == "L":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    if image.mode.startswith("I;16"):  # 16-bit grayscale scans
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    return image.convert("L")


def _too_large(detail: str) -> DocumentError:
    return DocumentError(
        f"the image is too large to read safely ({detail})", reason="image_too_large",
        hint="scan at 300 dpi or raise ORDERTAKE_MAX_IMAGE_PIXELS")


def _corrupt(exc: BaseException, page: int | None = None) -> DocumentError:
    where = f"page {page} of the image" if page else "the image"
    return DocumentError(f"{where} is damaged and cannot be decoded ({exc})",
                         reason="corrupt", hint="ask the sender to send it again")
