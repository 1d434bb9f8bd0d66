"""Drawing operations in millimetres on an A4 page, and two backends: raster (PIL) and PDF.

Layouts produce lists of operations; the same page becomes a fax image or a born-digital PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

PAGE_W_MM = 210.0
PAGE_H_MM = 297.0
FONTS = {
    "gothic": Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"),
    "mincho": Path("/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf"),
}
# Fonts for page images only (reportlab cannot embed these CFF collections in PDFs). A set
# printed in another typeface than the one the parser was tuned on tells how well reading
# carries over to faxes from other senders' machines; index 0 of each collection is JP.
NOTO_FONTS = {
    "gothic": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "mincho": Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
}
RASTER_FONTS = dict(FONTS)
"""What `RasterPage` draws with; `python -m samples.generator --raster-font noto` swaps it."""


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    """Baseline, mm from the top."""
    text: str
    size: float = 10.5
    """Points."""
    align: str = "left"
    font: str = "gothic"


@dataclass(frozen=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.3


Op = Text | Line


_MEASURE: dict[str, ImageFont.FreeTypeFont] = {}


def text_width_mm(text: str, size_pt: float, font: str = "gothic") -> float:
    """Printed width of `text`; both backends use the same fonts, so one measure serves both."""
    if font not in _MEASURE:
        _MEASURE[font] = ImageFont.truetype(str(FONTS[font]), 100)
    return _MEASURE[font].getlength(text) / 100 * size_pt * 25.4 / 72


class RasterPage:
    """Renders operations to a grey image at `dpi` (square pixels)."""

    def __init__(self, dpi: float, width_px: int | None = None) -> None:
        self.scale = dpi / 25.4
        width = width_px or round(PAGE_W_MM * self.scale)
        self.offset = (width - PAGE_W_MM * self.scale) / 2
        self.image = Image.new("L", (width, round(PAGE_H_MM * self.scale)), 255)
        self.draw = ImageDraw.Draw(self.image)
        self._fonts: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}

    def font(self, name: str, size_pt: float) -> ImageFont.FreeTypeFont:
        px = max(6, round(size_pt / 72 * 25.4 * self.scale))
        key = (name, px)
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(str(RASTER_FONTS[name]), px)
        return self._fonts[key]

    def render(self, ops: list[Op]) -> Image.Image:
        for op in ops:
            if isinstance(op, Line):
                width = max(1, round(op.width * self.scale))
                self.draw.line(
                    [self._xy(op.x0, op.y0), self._xy(op.x1, op.y1)], fill=0, width=width
                )
            else:
                font = self.font(op.font, op.size)
                anchor = {"left": "ls", "right": "rs", "center": "ms"}[op.align]
                self.draw.text(self._xy(op.x, op.y), op.text, font=font, fill=0, anchor=anchor)
        return self.image

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return (self.offset + x * self.scale, y * self.scale)


class PdfDocument:
    """A born-digital PDF with embedded IPA fonts (a real text layer)."""

    def __init__(self, path: Path, title: str) -> None:
        for name, font_path in FONTS.items():
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(font_path)))
        self.canvas = Canvas(str(path), pagesize=(PAGE_W_MM * mm, PAGE_H_MM * mm), invariant=True)
        self.canvas.setTitle(title)
        self.canvas.setCreator("ordertake sample generator")

    def add_page(self, ops: list[Op]) -> None:
        c = self.canvas
        for op in ops:
            if isinstance(op, Line):
                c.setLineWidth(op.width * mm)
                c.line(op.x0 * mm, (PAGE_H_MM - op.y0) * mm, op.x1 * mm, (PAGE_H_MM - op.y1) * mm)
            else:
                c.setFont(op.font, op.size)
                x, y = op.x * mm, (PAGE_H_MM - op.y) * mm
                if op.align == "right":
                    c.drawRightString(x, y, op.text)
                elif op.align == "center":
                    c.drawCentredString(x, y, op.text)
                else:
                    c.drawString(x, y, op.text)
        c.showPage()

    def save(self) -> None:
        self.canvas.save()
