"""Phone photos: the sheet is found, warped flat and upright, its light evened out; faxes,
scans and what is not a sheet on a desk are left exactly as they were (in memory, no OCR)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from ordertake.config import Settings
from ordertake.errors import DocumentError
from ordertake.ocr.images import _to_gray, open_image_pages
from ordertake.ocr.pageimage import TARGET_DPI
from ordertake.ocr.photo import PAGE_LONG_INCHES, find_sheet, flatten_photo
from samples.generator.photo import homography  # the generator's camera, not the reader's

FRAME = (1200, 1600)
ROWS = (0.2, 0.35, 0.5, 0.65, 0.8)
"""Heights (share of the page) of the synthetic page's printed rows."""


def _page(width: int = 840, height: int = 1188) -> Image.Image:
    """An A4-proportioned white page with level dark rows of "text" across it."""
    pixels = np.full((height, width), 245, dtype=np.uint8)
    for share in ROWS:
        y = round(share * height)
        pixels[y - 6: y + 6, round(0.1 * width): round(0.9 * width)] = 30
    return Image.fromarray(pixels)


CORNERS = np.array([(190.0, 170.0), (1010.0, 215.0), (1045.0, 1420.0), (150.0, 1390.0)])
"""Where the synthetic sheet's corners (TL, TR, BR, BL) land in the frame: skewed ~3°, the
top narrower than the bottom (phone tilted)."""


def _photo(corners: np.ndarray = CORNERS, frame: tuple[int, int] = FRAME,
           shade: float = 0.0) -> Image.Image:
    """The page lying on a textured gray desk, seen in perspective, lit from one side;
    `shade` darkens the top of the picture by that share (falling to nothing at the
    bottom)."""
    page = _page()
    pw, ph = page.size
    to_page = homography(corners, np.array([(0, 0), (pw, 0), (pw, ph), (0, ph)], float))
    coefficients = tuple((to_page / to_page[2, 2]).flatten()[:8])
    sheet = np.asarray(page.transform(frame, Image.Transform.PERSPECTIVE, coefficients,
                                      Image.Resampling.BILINEAR, fillcolor=0), dtype=np.float32)
    mask = np.asarray(Image.new("L", page.size, 255).transform(
        frame, Image.Transform.PERSPECTIVE, coefficients, fillcolor=0), dtype=np.float32) / 255
    rng = np.random.default_rng(7)
    desk = 110 + rng.normal(0, 6, (frame[1], frame[0]))
    light = np.linspace(1.1, 0.75, frame[0])[None, :]  # brighter on the left
    light = light * np.linspace(1 - shade, 1, frame[1])[:, None]
    scene = (mask * sheet + (1 - mask) * desk) * light
    gray = np.clip(scene, 0, 255).astype(np.uint8)
    return Image.fromarray(np.stack([gray, gray, (gray * 0.95).astype(np.uint8)], axis=2), "RGB")


def _row_heights(page: np.ndarray, x_share: float) -> list[int]:
    """Centre rows of the dark bands in a vertical strip of the page."""
    column = page[:, round(x_share * page.shape[1])].astype(int)
    dark = np.nonzero(column < 128)[0]
    runs = np.split(dark, np.nonzero(np.diff(dark) > 1)[0] + 1)
    return [int(run.mean()) for run in runs if len(run) > 5]


def test_the_sheets_corners_are_found_within_a_few_pixels() -> None:
    photo = _photo()
    sheet = find_sheet(photo.convert("L"))
    assert sheet is not None
    assert np.abs(np.array(sheet.corners) - CORNERS).max() < 12  # 1 % of the sheet's side


def test_a_sheet_in_shadow_darker_than_the_lit_desk_is_found_whole() -> None:
    # The top of the sheet (245 × 0.35 ≈ 86) is darker than the desk at the bottom (110):
    # no single brightness threshold separates them, the edge between sheet and desk does.
    photo = _photo(shade=0.65)
    sheet = find_sheet(photo.convert("L"))
    assert sheet is not None
    assert np.abs(np.array(sheet.corners) - CORNERS).max() < 12


def test_the_warped_sheet_fills_an_upright_a4_page_with_level_rows() -> None:
    photo = _photo()
    flat = flatten_photo(photo, photo.convert("L"))
    assert flat is not None and flat.mode == "L"
    assert max(flat.size) == round(PAGE_LONG_INCHES * TARGET_DPI)
    assert flat.height / flat.width == pytest.approx(297 / 210, rel=0.03)
    pixels = np.asarray(flat)
    left, right = _row_heights(pixels, 0.15), _row_heights(pixels, 0.85)
    assert len(left) == len(right) == len(ROWS)
    for share, y_left, y_right in zip(ROWS, left, right, strict=True):
        assert abs(y_left - y_right) <= 6  # level: the photo's rows climbed ~40 px at 300 dpi
        assert abs(y_left / flat.height - share) < 0.01  # the sheet fills the page
    # No desk left around the sheet, and the light is even: paper white on both sides.
    inner = pixels[40:-40, 40:-40]
    assert inner.min() < 80
    paper = inner[:, :60], inner[:, -60:]
    assert all(np.percentile(side, 5) > 200 for side in paper)


def test_a_fax_a_scan_and_a_screenshot_are_left_alone() -> None:
    fax = _page().convert("1")
    assert flatten_photo(fax, _to_gray(fax)) is None
    scan = _page().convert("RGB")  # paper up to the frame's edges
    assert flatten_photo(scan, scan.convert("L")) is None
    small = _photo().resize((300, 400))  # a thumbnail: too small to be worth it
    assert flatten_photo(small, small.convert("L")) is None


def test_no_sheet_or_a_sheet_running_off_the_frame_is_left_alone() -> None:
    desk = Image.fromarray(np.random.default_rng(1).normal(110, 8, (1600, 1200))
                           .clip(0, 255).astype(np.uint8))
    assert flatten_photo(desk, desk) is None
    off = CORNERS + np.array([700.0, 0.0])  # half the sheet outside the picture
    photo = _photo(off)
    assert flatten_photo(photo, photo.convert("L")) is None


def _jpeg(image: Image.Image, orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


@pytest.mark.parametrize("orientation,turn", [(6, Image.Transpose.ROTATE_90),
                                              (8, Image.Transpose.ROTATE_270)])
def test_a_photo_stored_sideways_comes_out_upright(orientation: int,
                                                   turn: Image.Transpose) -> None:
    data = _jpeg(_photo().transpose(turn), orientation)
    count, pages = open_image_pages(data, Settings())
    [page] = list(pages)
    assert count == 1
    assert (page.xdpi, page.ydpi) == (TARGET_DPI, TARGET_DPI)
    assert page.image.height > page.image.width
    pixels = np.asarray(page.image)
    left, right = _row_heights(pixels, 0.15), _row_heights(pixels, 0.85)
    assert len(left) == len(right) == len(ROWS)
    assert max(abs(a - b) for a, b in zip(left, right, strict=True)) <= 6


def test_fax_tiffs_decode_exactly_as_before() -> None:
    fax = _page().convert("1")
    out = io.BytesIO()
    fax.save(out, "TIFF", compression="group4", dpi=(204, 196))
    _, pages = open_image_pages(out.getvalue(), Settings())
    [page] = list(pages)
    assert (page.xdpi, page.ydpi) == (204, 196)
    assert page.image.tobytes() == fax.convert("L").tobytes()


def test_a_damaged_photo_is_still_a_clear_error() -> None:
    data = _jpeg(_photo())
    with pytest.raises(DocumentError) as caught:
        list(open_image_pages(data[: len(data) // 3], Settings())[1])
    assert caught.value.reason == "corrupt"


def test_degenerate_geometry_leaves_the_picture_as_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    import ordertake.ocr.photo as photo

    def singular(*_: object) -> tuple[float, ...]:
        raise np.linalg.LinAlgError("Singular matrix")

    monkeypatch.setattr(photo, "_homography", singular)
    picture = _photo()
    assert flatten_photo(picture, picture.convert("L")) is None
