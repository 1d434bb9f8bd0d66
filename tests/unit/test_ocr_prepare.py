"""Page preparation in memory: the fast median equals Pillow's, straightening turned pages,
review pictures, when to ask for the orientation (pure)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from ordertake.config import Settings
from ordertake.ocr import prepare as prepare_module
from ordertake.ocr.despeckle import ROWS_PER_BLOCK, median3
from ordertake.ocr.load import ocr_options
from ordertake.ocr.page import _looks_readable
from ordertake.ocr.pageimage import PageImage
from ordertake.ocr.prepare import PrepareSteps, prepare, skew_angle
from ordertake.ocr.reviewimage import review_png
from ordertake.ocr.words import RawWord


@pytest.mark.parametrize(
    "shape", [(1, 1), (1, 7), (7, 1), (2, 2), (ROWS_PER_BLOCK, 5), (ROWS_PER_BLOCK + 1, 9),
              (2 * ROWS_PER_BLOCK + 3, 40)])
@pytest.mark.parametrize("kind", ["gray", "black-and-white"])
def test_median3_gives_exactly_pillows_median_filter(shape: tuple[int, int], kind: str) -> None:
    rng = np.random.default_rng(sum(shape))
    pixels = (rng.integers(0, 256, shape, dtype=np.uint8) if kind == "gray"
              else rng.integers(0, 2, shape, dtype=np.uint8) * 255)
    image = Image.fromarray(pixels)
    expected = np.asarray(image.filter(ImageFilter.MedianFilter(3)))
    assert np.array_equal(np.asarray(median3(image)), expected)


def test_median3_removes_a_lone_speck_and_keeps_a_stroke() -> None:
    pixels = np.full((20, 20), 255, dtype=np.uint8)
    pixels[5, 5] = 0  # speck
    pixels[10:13, 2:18] = 0  # a 3-pixel stroke
    out = np.asarray(median3(Image.fromarray(pixels)))
    assert out[5, 5] == 255
    assert (out[11, 3:17] == 0).all()


def test_median3_refuses_other_modes() -> None:
    with pytest.raises(ValueError, match="grayscale"):
        median3(Image.new("1", (4, 4)))


def test_fax_page_is_stretched_then_despeckled() -> None:
    fax = Image.new("L", (204, 98), 255)  # one inch of standard-resolution fax
    prepared = prepare(PageImage(1, fax, 204, 98))
    assert prepared.size == (300, 300) and prepared.mode == "L"


def test_review_png_is_half_of_300_dpi_in_16_grays_close_to_the_page() -> None:
    page = Image.linear_gradient("L").resize((2481, 3508))
    png = review_png(page)
    assert png.startswith(b"\x89PNG")
    picture = Image.open(io.BytesIO(png))
    assert picture.size == (1241, 1754)
    assert len(picture.getcolors() or []) <= 16
    shown = np.asarray(picture.convert("L"), dtype=int)
    expected = np.asarray(page.reduce(2), dtype=int)
    assert np.abs(shown - expected).max() <= 8  # half of one of 16 steps
    palette = picture.getpalette() or []
    assert all(palette[i] == palette[i + 1] == palette[i + 2] for i in range(0, 48, 3))


def _rows(count: int, width: int, height: int, confidence: float) -> list[RawWord]:
    return [RawWord("発注書", 10, 60 * i, width, height, confidence, (1, 1, i))
            for i in range(count)]


def test_orientation_is_only_asked_for_pages_that_read_badly_or_sideways() -> None:
    assert _looks_readable(_rows(20, 120, 40, 70))  # upright fax, jpn main pass
    assert not _looks_readable(_rows(20, 120, 40, 33))  # upside down: garbage, low confidence
    assert not _looks_readable(_rows(20, 40, 120, 70))  # sideways, read as vertical text
    assert not _looks_readable(_rows(3, 120, 40, 90))  # almost nothing read


def test_settings_choose_review_pictures_and_the_digit_pass() -> None:
    assert ocr_options(Settings()).display and ocr_options(Settings()).digit_pass
    quick = ocr_options(Settings(ocr_digit_pass=False), render_images=False)
    assert not quick.display and not quick.digit_pass


def _ruled_page(angle: float) -> Image.Image:
    """An A4 page at 100 dpi with ruled table lines and text-like blocks, turned `angle`°."""
    page = Image.new("L", (827, 1169), 255)
    draw = ImageDraw.Draw(page)
    for y in range(200, 900, 40):
        draw.line((80, y, 740, y), fill=0, width=2)
        for x in range(100, 700, 60):
            draw.rectangle((x, y + 10, x + 35, y + 28), fill=0)
    return page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


@pytest.mark.parametrize("angle", [-4.0, -2.5, 2.5, 4.0])
def test_skew_is_measured_as_the_turn_that_levels_the_lines(angle: float) -> None:
    assert skew_angle(_ruled_page(angle)) == pytest.approx(-angle, abs=0.25)


def test_small_turns_and_blank_pages_are_left_alone() -> None:
    assert skew_angle(_ruled_page(1.2)) == 0.0  # below MIN_DESKEW_DEGREES: tesseract copes
    assert skew_angle(_ruled_page(0.0)) == 0.0
    assert skew_angle(Image.new("L", (827, 1169), 255)) == 0.0


def test_a_turned_fax_page_is_scaled_then_straightened(monkeypatch: pytest.MonkeyPatch) -> None:
    fax = _ruled_page(3.0).resize((1689, 1169 * 98 // 100), Image.Resampling.BOX)  # 204×98
    prepared = prepare(PageImage(1, fax, 204, 98))
    monkeypatch.setattr(prepare_module, "MIN_DESKEW_DEGREES", 0.0)  # measure what is left
    assert abs(skew_angle(prepared)) <= 0.3
    # Scaled to 300 dpi (1689 px at 204 dpi, 1145 px at 98 dpi), then grown to hold the turn.
    as_sent = prepare(PageImage(1, fax, 204, 98), PrepareSteps(deskew=False))
    assert as_sent.size == (2484, 3505)
    assert as_sent.width < prepared.width < as_sent.width * 1.1
    assert as_sent.height < prepared.height < as_sent.height * 1.1
