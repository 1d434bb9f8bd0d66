"""An order sheet photographed with a smartphone and mailed as a JPEG.

The sheet is a printed form, or a fax the customer received and printed (`fax_print`).

The printed page (rendered clean in gray) lies on a desk: a textured mid-gray or wood-toned
background, the sheet seen at a slight angle (each corner moved a few per cent of the side,
a small rotation), lit unevenly (a brightness gradient, a vignette, sometimes the soft
shadow of the phone or a hand across it), a little out of focus, in colour with a warm or
cool cast, at a phone camera's frame size, JPEG quality 85. Some phones store the frame
sideways with an EXIF Orientation tag instead of turning the pixels.

All randomness comes from the caller's `random.Random` (numpy's generator is seeded from it),
and the EXIF time stamp is the order's, so regenerating gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import numpy as np
from PIL import Image, ImageFilter

from samples.generator.canvas import PAGE_H_MM, PAGE_W_MM
from samples.generator.mail import ORDERS_ADDRESS, _headers
from samples.generator.orders import WHOLESALER, Order

PAGE_DPI = 250
"""The clean page is rendered at this resolution before it is photographed."""
FRAME_SIZES = ((2448, 3264), (2304, 3072))
"""Portrait frames (width, height): an 8 MP phone camera, and a 12 MP frame (3024×4032)
downscaled so the committed samples stay small."""
JPEG_QUALITY = 85
EXIF_ORIENTATION = 0x0112
EXIF_MAKE, EXIF_MODEL, EXIF_DATETIME = 0x010F, 0x0110, 0x0132
SIDEWAYS_TAGS = {6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}
"""EXIF Orientation → how the upright picture is turned to give the stored pixels (6: the
viewer turns the stored frame 90° clockwise; Pillow's ROTATE_90 is counter-clockwise)."""


@dataclass(frozen=True)
class Shot:
    """How one photograph was taken (kept in the truth file's `generator` block)."""

    frame: tuple[int, int]
    background: str
    rotation: float
    fill: float
    tint: str
    shadow: bool
    blur: float
    orientation: int

    def describe(self) -> dict[str, object]:
        return {"frame": f"{self.frame[0]}x{self.frame[1]}", "background": self.background,
                "rotation": round(self.rotation, 2), "fill": round(self.fill, 2),
                "tint": self.tint, "shadow": self.shadow, "blur": round(self.blur, 2),
                "exif_orientation": self.orientation}


def random_shot(rng: random.Random, index: int) -> Shot:
    """The `index`-th photo of a set: backgrounds, shadows and sideways frames take turns so
    a small set has each of them."""
    return Shot(
        frame=rng.choice(FRAME_SIZES),
        background=("desk-gray", "wood")[index % 2],
        rotation=rng.uniform(-4.0, 4.0),
        fill=rng.uniform(0.78, 0.9),
        tint=rng.choice(("warm", "cool")),
        shadow=index % 4 < 2,
        blur=rng.uniform(0.6, 1.3),
        orientation=rng.choice((6, 8)) if index % 3 == 1 else 1,
    )


def homography(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The 3×3 projective map taking the four points `src` onto `dst`."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    h = np.linalg.solve(np.array(rows, dtype=float), np.array(rhs, dtype=float))
    return np.append(h, 1.0).reshape(3, 3)


def _sheet_corners(page: tuple[int, int], shot: Shot, rng: random.Random) -> np.ndarray:
    """Where the page's corners (TL, TR, BR, BL) land in the frame."""
    fw, fh = shot.frame
    height = fh * shot.fill
    width = height * page[0] / page[1]
    cx = fw / 2 + rng.uniform(-0.03, 0.03) * fw
    cy = fh / 2 + rng.uniform(-0.03, 0.03) * fh
    angle = np.radians(shot.rotation)
    cos, sin = np.cos(angle), np.sin(angle)
    corners = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x, y = sx * width / 2, sy * height / 2
        # Each corner moved a few per cent of the sheet's side: the phone was not held flat.
        x += rng.uniform(-0.035, 0.035) * width
        y += rng.uniform(-0.025, 0.025) * height
        corners.append((cx + x * cos - y * sin, cy + x * sin + y * cos))
    return np.array(corners)


def _background(shot: Shot, gen: np.random.Generator) -> np.ndarray:
    """The desk under the sheet, RGB float 0..255."""
    fw, fh = shot.frame
    small = gen.normal(0.0, 1.0, (fh // 16 + 1, fw // 16 + 1)).astype(np.float32)
    blotch = np.asarray(Image.fromarray(small).resize((fw, fh), Image.Resampling.BICUBIC))
    grain = gen.normal(0.0, 1.0, (fh, fw)).astype(np.float32)
    if shot.background == "wood":
        ys = np.arange(fh, dtype=np.float32)[:, None]
        xs = np.arange(fw, dtype=np.float32)[None, :]
        rings = np.sin(xs / gen.uniform(18, 40) + 3.0 * blotch + ys / gen.uniform(400, 900))
        level = 120 + 18 * rings + 6 * grain
        colour = np.array([1.15, 0.85, 0.58], dtype=np.float32)
    else:
        level = gen.uniform(95, 135) + 10 * blotch + 5 * grain
        colour = np.array([1.0, 1.0, 1.02], dtype=np.float32)
    return level[:, :, None] * colour[None, None, :]


def _lighting(shot: Shot, gen: np.random.Generator) -> np.ndarray:
    """Brightness factor over the frame: a gradient, a vignette, maybe a shadow band."""
    fw, fh = shot.frame
    ys = (np.arange(fh, dtype=np.float32)[:, None] / fh) - 0.5
    xs = (np.arange(fw, dtype=np.float32)[None, :] / fw) - 0.5
    direction = gen.uniform(0, 2 * np.pi)
    gradient = 1.0 + gen.uniform(0.12, 0.3) * (xs * np.cos(direction) + ys * np.sin(direction))
    vignette = 1.0 - gen.uniform(0.15, 0.35) * (xs**2 + ys**2) * 2
    light = gradient * vignette
    if shot.shadow:
        angle = gen.uniform(-0.6, 0.6)
        offset = gen.uniform(-0.3, 0.3)
        distance = ys * np.cos(angle) - xs * np.sin(angle) - offset
        width = gen.uniform(0.06, 0.14)
        soft = gen.uniform(0.03, 0.06)
        inside = 1.0 / (1.0 + np.exp((np.abs(distance) - width) / soft))
        light = light * (1.0 - gen.uniform(0.25, 0.4) * inside)
    return light.astype(np.float32) * gen.uniform(0.95, 1.05)


TINTS = {"warm": (1.04, 0.99, 0.88), "cool": (0.93, 0.99, 1.06)}


def fax_print(fax: Image.Image, dpi: float) -> Image.Image:
    """A received fax page (mode "1", fax resolution) as printed on A4 paper: gray, square
    pixels at `dpi`, the fax's staircase edges enlarged with it."""
    size = (round(PAGE_W_MM / 25.4 * dpi), round(PAGE_H_MM / 25.4 * dpi))
    return fax.convert("L").resize(size, Image.Resampling.NEAREST).filter(
        ImageFilter.GaussianBlur(0.6))


def photograph(page: Image.Image, shot: Shot, rng: random.Random) -> Image.Image:
    """A clean gray page ("L") → the phone's upright RGB picture of it lying on a desk."""
    gen = np.random.default_rng(rng.randrange(2**32))
    fw, fh = shot.frame
    corners = _sheet_corners(page.size, shot, rng)
    pw, ph = page.size
    page_corners = np.array([(0, 0), (pw, 0), (pw, ph), (0, ph)], dtype=float)
    to_page = homography(corners, page_corners)  # Pillow maps output → input pixels
    coefficients = tuple((to_page / to_page[2, 2]).flatten()[:8])
    sheet = page.transform((fw, fh), Image.Transform.PERSPECTIVE, coefficients,
                           Image.Resampling.BICUBIC, fillcolor=255)
    mask = Image.new("L", page.size, 255).transform(
        (fw, fh), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR,
        fillcolor=0)
    ink = np.asarray(sheet, dtype=np.float32) / 255.0
    paper = np.array([242, 240, 234], dtype=np.float32)
    printed = 28 + ink[:, :, None] * (paper - 28)[None, None, :]
    alpha = np.asarray(mask, dtype=np.float32)[:, :, None] / 255.0
    scene = alpha * printed + (1 - alpha) * _background(shot, gen)
    scene *= _lighting(shot, gen)[:, :, None]
    scene *= np.array(TINTS[shot.tint], dtype=np.float32)[None, None, :]
    scene += gen.normal(0.0, 2.5, scene.shape[:2]).astype(np.float32)[:, :, None]
    picture = Image.fromarray(np.clip(scene, 0, 255).astype(np.uint8), "RGB")
    return picture.filter(ImageFilter.GaussianBlur(shot.blur))


def jpeg_bytes(picture: Image.Image, shot: Shot, when: dt.datetime) -> bytes:
    """The picture as the phone stores it: JPEG with EXIF (maker, time, orientation)."""
    stored = picture
    if shot.orientation in SIDEWAYS_TAGS:
        stored = picture.transpose(SIDEWAYS_TAGS[shot.orientation])
    exif = Image.Exif()
    exif[EXIF_MAKE] = "SampleCam"
    exif[EXIF_MODEL] = "Phone 1"
    exif[EXIF_DATETIME] = f"{when:%Y:%m:%d %H:%M:%S}"
    exif[EXIF_ORIENTATION] = shot.orientation
    out = io.BytesIO()
    stored.save(out, "JPEG", quality=JPEG_QUALITY, exif=exif.tobytes())
    return out.getvalue()


def photo_mail(order: Order, photos: list[bytes], rng: random.Random) -> bytes:
    """The customer mails the photographed sheet(s) from their own address."""
    msg = MIMEMultipart()
    body = (f"{WHOLESALER}\nご担当者様\n\nお世話になっております。\n"
            f"{order.customer.name}の{order.customer.person}です。\n"
            "注文書を写真で送ります。よろしくお願いします。\n")
    msg.attach(MIMEText(body, "plain", "utf-8"))
    number = rng.randrange(1000, 9999)
    for offset, data in enumerate(photos):
        part = MIMEImage(data, "jpeg")
        part.add_header("Content-Disposition", "attachment",
                        filename=f"IMG_{number + offset:04d}.JPG")
        msg.attach(part)
    sender = (order.customer.person, rng.choice(order.customer.emails))
    subject = rng.choice(["注文書（写真）", "発注書の写真です", "注文書送ります"])
    _headers(msg, sender, ORDERS_ADDRESS, subject, order.sent_at, "utf-8")
    return msg.as_bytes()
