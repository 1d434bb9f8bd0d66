"""Turn rendered order pages into what a fax machine delivers.

A page is "scanned" by the sender at 204 dpi across (1728 pixels) and 196 (fine) or 98
(standard) lines per inch down, slightly skewed, thresholded to black and white with specks and
the odd lost scan line; the sending machine prints its header line on top. Output as multi-page
Group 3 / Group 4 TIFF with the real resolution tags, or as an image-only PDF.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from samples.generator.canvas import Op, RasterPage, Text
from samples.generator.kana import to_halfwidth_kana

FAX_WIDTH_PX = 1728
X_DPI = 204
RESOLUTIONS = {"fine": 196, "standard": 98}


@dataclass(frozen=True)
class Degradation:
    skew_degrees: float
    threshold: int
    noise: float
    specks: int
    dropouts: int


def random_degradation(rng: random.Random) -> Degradation:
    return Degradation(
        skew_degrees=rng.uniform(-1.5, 1.5),
        threshold=rng.randrange(150, 200),
        noise=rng.uniform(0.04, 0.14),
        specks=rng.randrange(80, 600),
        dropouts=rng.choice((0, 0, 1, 2, 3)),
    )


def header_line(
    style: int, sent_at: dt.datetime, fax: str, name: str, page: int, count: int, job: int
) -> str:
    """The line the sending machine prints across the top of every page."""
    if style == 0:
        return f"{sent_at:%Y/%m/%d %H:%M} FROM:{fax} {name} P.{page:03d}/{count:03d}"
    if style == 1:
        digits = fax.replace("-", "")
        return (
            f"{sent_at:%Y-%m-%d %H:%M}   {digits}   {to_halfwidth_kana(name)}   P. {page}/{count}"
        )
    return f"{sent_at:%Y/%m/%d} {sent_at:%H:%M}  FAX {fax}  {name}  No.{job:04d}  P.{page}"


def _scan(
    gray: Image.Image, lines_per_inch: int, d: Degradation, rng: random.Random
) -> Image.Image:
    skewed = gray.rotate(d.skew_degrees, resample=Image.Resampling.BILINEAR, fillcolor=255)
    skewed = skewed.filter(ImageFilter.GaussianBlur(0.7))
    noise = Image.effect_noise(skewed.size, 60).point(lambda v: min(255, v + 40))
    noisy = Image.blend(skewed, noise, d.noise)
    height = round(gray.height * lines_per_inch / X_DPI)
    scanned = noisy.resize((gray.width, height), Image.Resampling.BOX)
    bw = scanned.point(lambda v: 255 if v > d.threshold else 0).convert(
        "1", dither=Image.Dither.NONE
    )
    draw = ImageDraw.Draw(bw)
    for _ in range(d.specks):
        x, y = rng.randrange(bw.width), rng.randrange(bw.height)
        r = rng.choice((0, 0, 0, 1, 1, 2))
        draw.rectangle([x, y, x + r, y + r], fill=0)
    for _ in range(d.dropouts):
        y = rng.randrange(bw.height)
        draw.line([(0, y), (bw.width, y)], fill=255 if rng.random() < 0.7 else 0)
    return bw


def _stamp_header(page: Image.Image, text: str, lines_per_inch: int) -> None:
    strip = RasterPage(X_DPI, FAX_WIDTH_PX)
    strip.image = Image.new("L", (FAX_WIDTH_PX, 60), 255)
    strip.draw = ImageDraw.Draw(strip.image)
    strip.offset = 0
    strip.render([Text(4, 5.2, text, 9.0)])
    height = round(strip.image.height * lines_per_inch / X_DPI)
    small = strip.image.resize((FAX_WIDTH_PX, height), Image.Resampling.BOX)
    bw = small.point(lambda v: 255 if v > 128 else 0).convert("1", dither=Image.Dither.NONE)
    page.paste(bw, (0, 0))


def fax_pages(
    pages: list[list[Op]],
    resolution: str,
    rng: random.Random,
    header: tuple[int, dt.datetime, str, str, int],
    upside_down: bool = False,
) -> list[Image.Image]:
    """Rendered pages → fax page images (mode "1") of the given resolution.

    `upside_down`: the sheet went into the feeder the wrong way round; the machine's own header
    line is still printed the right way up.
    """
    grays = [RasterPage(X_DPI, FAX_WIDTH_PX).render(ops) for ops in pages]
    return fax_grays(grays, resolution, rng, header, upside_down)


def fax_grays(
    grays: list[Image.Image],
    resolution: str,
    rng: random.Random,
    header: tuple[int, dt.datetime, str, str, int],
    upside_down: bool = False,
) -> list[Image.Image]:
    """Gray A4 pages at 204 dpi, FAX_WIDTH_PX wide, from any renderer → fax page images."""
    lines_per_inch = RESOLUTIONS[resolution]
    style, sent_at, fax, name, job = header
    out = []
    for number, gray in enumerate(grays, start=1):
        if upside_down:
            gray = gray.rotate(180)
        page = _scan(gray, lines_per_inch, random_degradation(rng), rng)
        _stamp_header(
            page, header_line(style, sent_at, fax, name, number, len(grays), job), lines_per_inch
        )
        out.append(page)
    return out


def save_tiff(images: list[Image.Image], path: Path, resolution: str, compression: str) -> None:
    """Multi-page TIFF, `compression` group3 or group4, with the fax's non-square resolution."""
    images[0].save(
        path,
        compression=compression,
        dpi=(X_DPI, RESOLUTIONS[resolution]),
        save_all=True,
        append_images=images[1:],
    )


def save_image_pdf(
    images: list[Image.Image], path: Path, resolution: str, when: dt.datetime
) -> None:
    """Image-only PDF as fax gateways produce: one CCITT image per page, no text layer."""
    images[0].save(
        path,
        format="PDF",
        creationDate=when.timetuple(),
        modDate=when.timetuple(),
        producer="FAX gateway",
        dpi=(X_DPI, RESOLUTIONS[resolution]),
        save_all=True,
        append_images=images[1:],
    )
