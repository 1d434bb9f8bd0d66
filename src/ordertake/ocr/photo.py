"""Phone photos of order sheets: find the sheet, warp it flat and upright, even out the light.

A customer photographs a printed form (or a received fax) lying on a desk: the sheet fills
only part of the frame, seen at an angle, lit unevenly. Tesseract reads such a picture badly
(rows climb across the page, the shadowed half turns gray). Here the sheet is found on a
small copy of the picture (the paper is the large bright region inside the frame whose edges
are not paper), its four corners are fitted as the crossings of straight lines through the
region's edges, and the full-resolution picture is warped so those corners become the
corners of an A4 page at 300 dpi; then the light is flattened by dividing each pixel by the
paper's brightness around it.

Only a picture whose sheet is found with confidence is changed: a fax, a scan or a
screenshot (paper up to the frame's edges, no background around it) and any picture whose
bright region is not a clean quadrilateral are left exactly as they were.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from ordertake.ocr.pageimage import TARGET_DPI

WORK_SIDE = 640
"""Longer side of the copy the sheet is looked for on: 12 MP photos are analysed in ~30 ms."""
MIN_PHOTO_PIXELS = 1_000_000
"""Smaller pictures are thumbnails or screenshots; not worth (or safe) warping."""
PHOTO_MODES = ("RGB", "RGBA", "L", "LA", "CMYK", "YCbCr")
"""Bilevel (fax) and palette pictures are never photos."""
TEXT_ERASE_PX = 7
"""Max filter (on the WORK_SIDE copy) that turns printed text into paper: characters and
rules are a few pixels wide there, the sheet hundreds."""
EDGE_STEP = 0.25
"""Log-brightness change across two pixels of the WORK_SIDE copy that counts as the sheet's
edge: paper is 2-2.5× as bright as a desk beside it (0.7-0.9), the soft edge of a shadow or
the fall-off of light changes it by under 0.05 per pixel, a desk's grain by ~0.1."""
MAX_BORDER_PAPER = 0.35
"""Share of the frame's outer ring that may be paper. A scan or fax is paper all round (1.0);
a sheet photographed on a desk leaves a ring of desk (0–0.1 on the sample photos; a sheet
running off one side gives ~0.25)."""
MAX_CORNER_OUTSIDE = 0.04
"""A corner may lie this share of the frame's longer side outside it (the sheet's tip cut
off by the frame, as on one of seed 89's photos); the warp leaves that tip white."""
MIN_SHEET_SHARE, MAX_SHEET_SHARE = 0.2, 0.97
"""The sheet's share of the frame: smaller is a picture of something else."""
MIN_FILL = 0.95
"""The bright region must fill the fitted quadrilateral (and not spill out of it) to this
share: a dog-eared sheet or a hand over it still passes, a sheet that is not a quadrilateral
does not."""
MAX_CORNER_ANGLE_OFF = 25.0
"""Degrees a corner of the found sheet may be off a right angle (perspective makes 2–10°)."""
MAX_SIDE_RATIO = 1.3
"""Opposite sides of the quadrilateral may differ in length by this factor (perspective)."""
PAGE_LONG_INCHES = 11.69
"""The warped sheet's longer side is taken as A4's, so the page comes out at TARGET_DPI."""
LIGHT_STEP = 8
"""The paper's brightness is estimated on a copy this many times smaller..."""
LIGHT_MAX_FILTER = 9
"""...as the brightest value within 9 of its pixels (72 px = 6 mm at 300 dpi: no character
is that wide a stroke), then smoothed."""
PAPER_LEVEL = 0.94
"""Paper at this share of its local brightness estimate becomes white (the estimate is a
maximum, so typical paper sits a little under it)."""

UNSHARP = (2, 80, 2)
"""Unsharp mask (radius px, percent, threshold) on the flattened page. Measured on the
email-photo kind of five sets (samples, seeds 89/97/101, seed 115 other layouts): lines
233 → 234 of 237, header fields 113 → 114 of 120, lines read sure 187 → 200, none wrong."""
LIGHT_BAND_ROWS = 512
"""Rows divided at a time: a 300 dpi A4 page in float32 whole would take 35 MB a copy."""
EDGE_MARGIN = 0.006
"""Share of the warped page's longer side whitened along its edges (21 px at 300 dpi A4;
the fit leaves up to ~12 px of desk on the sample photos, printers leave 4 mm = 47 px)."""


@dataclass(frozen=True)
class Sheet:
    """The sheet's corners in the picture's pixels: top-left, top-right, bottom-right,
    bottom-left (x, y)."""

    corners: tuple[tuple[float, float], ...]

    def size(self) -> tuple[float, float]:
        """Mean width and height of the quadrilateral."""
        c = np.array(self.corners)
        width = (np.hypot(*(c[1] - c[0])) + np.hypot(*(c[2] - c[3]))) / 2
        height = (np.hypot(*(c[3] - c[0])) + np.hypot(*(c[2] - c[1]))) / 2
        return float(width), float(height)


def flatten_photo(picture: Image.Image, gray: Image.Image) -> Image.Image | None:
    """The sheet in a phone photo warped flat and upright at TARGET_DPI (A4), light evened
    out; None (leave the picture alone) when it is no photo or the sheet is not found surely.

    `picture` is the decoded upright picture (its mode tells fax and palette pictures apart),
    `gray` the same pixels in mode "L"."""
    if picture.mode not in PHOTO_MODES or gray.width * gray.height < MIN_PHOTO_PIXELS:
        return None
    try:
        sheet = find_sheet(gray)
        if sheet is None:
            return None
        return even_light(warp_sheet(gray, sheet))
    except np.linalg.LinAlgError:  # degenerate geometry the checks let through: as sent
        return None


def find_sheet(gray: Image.Image) -> Sheet | None:
    """The photographed sheet's corners, or None when the picture is not a sheet on a
    background or its outline is not a clean quadrilateral."""
    scale = max(gray.size) / WORK_SIDE
    small = gray.resize((max(1, round(gray.width / scale)), max(1, round(gray.height / scale))),
                        Image.Resampling.BOX)
    paper = _paper_mask(small)
    if paper is None:
        return None
    corners = _fit_quad(paper)
    if corners is None or not _plausible(corners, paper):
        return None
    full = [(float(x * scale), float(y * scale)) for x, y in corners]
    return Sheet(tuple(full))


def _paper_mask(small: Image.Image) -> np.ndarray | None:
    """The sheet: the region around the frame's middle up to the first sharp step in
    brightness, holes (a hand, a bold title) filled; None when it reaches too much of the
    frame's edge (a scan, or an outline with a gap) or is too small or too large."""
    erased = _max_filter(np.asarray(small, dtype=np.float32), TEXT_ERASE_PX)
    # Light falls off across a photo (a shadowed corner of the sheet can be darker than the
    # desk in the light), but where paper meets desk the brightness still halves within a
    # pixel or two: the sheet is grown from the middle up to that step in log brightness.
    logs = np.log1p(erased)
    step = np.zeros_like(logs)
    step[1:-1, :] = np.abs(logs[2:, :] - logs[:-2, :])
    step[:, 1:-1] = np.maximum(step[:, 1:-1], np.abs(logs[:, 2:] - logs[:, :-2]))
    smooth = (step < EDGE_STEP) & ~_edge(step.shape)  # nor round a sheet the frame cuts
    bright = logs > _otsu(logs)
    h, w = logs.shape
    seed = np.zeros_like(smooth)
    seed[h // 3: 2 * h // 3, w // 3: 2 * w // 3] = True
    region = _grow(seed & bright & smooth, smooth)
    # Over the step itself (it stopped the growing), then back by what the max filter added.
    region = _erode(_dilate(region, 2), TEXT_ERASE_PX // 2)
    outside = _grow(_edge(region.shape) & ~region, ~region)
    paper = ~outside
    # (the outermost ring of pixels is never grown into: look just inside it)
    ring = np.concatenate([paper[1, 1:-1], paper[-2, 1:-1], paper[1:-1, 1], paper[1:-1, -2]])
    if ring.mean() > MAX_BORDER_PAPER:
        return None
    if not MIN_SHEET_SHARE <= paper.mean() <= MAX_SHEET_SHARE:
        return None
    return paper


def _dilate(mask: np.ndarray, steps: int) -> np.ndarray:
    for _ in range(steps):
        grown = mask.copy()
        grown[1:] |= mask[:-1]
        grown[:-1] |= mask[1:]
        grown[:, 1:] |= mask[:, :-1]
        grown[:, :-1] |= mask[:, 1:]
        mask = grown
    return mask


def _erode(mask: np.ndarray, steps: int) -> np.ndarray:
    return ~_dilate(~mask, steps)


def _max_filter(pixels: np.ndarray, size: int) -> np.ndarray:
    """Each pixel the largest within a size×size square (separable; Pillow's rank filter is
    ten times slower at these sizes)."""
    half = size // 2
    out = pixels
    for axis in (0, 1):
        padded = np.pad(out, [(half, half) if a == axis else (0, 0) for a in (0, 1)],
                        mode="edge")
        n = out.shape[axis]
        out = np.max([np.take(padded, np.arange(k, k + n), axis=axis) for k in range(size)],
                     axis=0)
    return out


def _otsu(values: np.ndarray) -> float:
    """The threshold that best splits `values` into two classes (Otsu)."""
    hist, edges = np.histogram(values, bins=128)
    weights = hist.astype(np.float64) / max(1, hist.sum())
    centres = (edges[:-1] + edges[1:]) / 2
    below = np.cumsum(weights)
    mean_below = np.cumsum(weights * centres)
    total = mean_below[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total * below - mean_below) ** 2 / (below * (1 - below))
    between = np.nan_to_num(between)
    return float(centres[int(np.argmax(between))])


def _edge(shape: tuple[int, ...]) -> np.ndarray:
    edge = np.zeros(shape, dtype=bool)
    edge[0], edge[-1], edge[:, 0], edge[:, -1] = True, True, True, True
    return edge


def _grow(seed: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Pixels of `allowed` connected (4-neighbours) to `seed`: repeated dilation, several
    steps per convergence check (a WORK_SIDE mask converges in a few hundred steps)."""
    region = seed & allowed
    while True:
        before = int(region.sum())
        for _ in range(16):
            region = _dilate(region, 1) & allowed
        if int(region.sum()) == before:
            return region


def _fit_quad(paper: np.ndarray) -> list[tuple[float, float]] | None:
    """Corners TL, TR, BR, BL: first the region's extreme points along the diagonals, then
    each side refitted as a straight line through the edge pixels along its middle, and the
    corners taken where neighbouring lines cross (rounded or blurred corners do not pull)."""
    inner = paper.copy()
    inner[1:-1, 1:-1] = (paper[1:-1, 1:-1] & paper[:-2, 1:-1] & paper[2:, 1:-1]
                         & paper[1:-1, :-2] & paper[1:-1, 2:])
    ys, xs = np.nonzero(paper & ~inner)
    if len(xs) < 40:
        return None
    points = np.stack([xs, ys], axis=1).astype(np.float64)
    rough = np.array([points[np.argmin(xs + ys)], points[np.argmax(xs - ys)],
                      points[np.argmax(xs + ys)], points[np.argmin(xs - ys)]])
    lines = []
    for i in range(4):
        a, b = rough[i], rough[(i + 1) % 4]
        line = _side_line(points, a, b)
        if line is None:
            return None
        lines.append(line)
    corners = []
    for i in range(4):
        crossing = _cross(lines[i - 1], lines[i])
        if crossing is None:
            return None
        corners.append(crossing)
    return corners


def _side_line(points: np.ndarray, a: np.ndarray, b: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray] | None:
    """A line (point, unit direction) fitted to the edge points along the middle of a→b."""
    side = b - a
    length = float(np.hypot(*side))
    if length < 10:
        return None
    direction = side / length
    normal = np.array([-direction[1], direction[0]])
    rel = points - a
    along = rel @ direction / length
    off = np.abs(rel @ normal)
    near = points[(along > 0.15) & (along < 0.85) & (off < max(3.0, 0.03 * length))]
    if len(near) < 10:
        return None
    centre = near.mean(axis=0)
    _, _, vt = np.linalg.svd(near - centre, full_matrices=False)
    return centre, vt[0]


def _cross(first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray]
           ) -> tuple[float, float] | None:
    (p, d), (q, e) = first, second
    matrix = np.array([[d[0], -e[0]], [d[1], -e[1]]])
    if abs(np.linalg.det(matrix)) < 1e-6:
        return None
    t, _ = np.linalg.solve(matrix, q - p)
    x, y = p + t * d
    return float(x), float(y)


def _plausible(corners: list[tuple[float, float]], paper: np.ndarray) -> bool:
    """A convex quadrilateral with near-right corners, opposite sides of similar length,
    (nearly) inside the frame, that the bright region fills."""
    c = np.array(corners)
    h, w = paper.shape
    slack = MAX_CORNER_OUTSIDE * max(h, w)
    if (c[:, 0] < -slack).any() or (c[:, 0] > w + slack).any() or (c[:, 1] < -slack).any() \
            or (c[:, 1] > h + slack).any():
        return False
    sides = [c[(i + 1) % 4] - c[i] for i in range(4)]
    lengths = [float(np.hypot(*s)) for s in sides]
    if min(lengths) < 0.1 * max(h, w):
        return False
    for i in range(4):
        incoming, outgoing = sides[i - 1], sides[i]
        cosine = -float(incoming @ outgoing) / (lengths[i - 1] * lengths[i])
        turn = incoming[0] * outgoing[1] - incoming[1] * outgoing[0]
        if turn <= 0:  # clockwise on screen (y down): TL→TR→BR→BL
            return False
        if abs(np.degrees(np.arccos(np.clip(cosine, -1, 1))) - 90) > MAX_CORNER_ANGLE_OFF:
            return False
    for i in (0, 1):
        longer, shorter = sorted((lengths[i], lengths[i + 2]))[::-1]
        if longer > MAX_SIDE_RATIO * shorter:
            return False
    quad = _quad_mask(c, paper.shape)
    overlap = float((quad & paper).sum())
    return overlap >= MIN_FILL * quad.sum() and overlap >= MIN_FILL * paper.sum()


def _quad_mask(corners: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Pixels inside the convex quadrilateral (corners clockwise on screen)."""
    ys, xs = np.mgrid[0: shape[0], 0: shape[1]]
    inside = np.ones(shape, dtype=bool)
    for i in range(4):
        (x0, y0), (x1, y1) = corners[i], corners[(i + 1) % 4]
        inside &= (x1 - x0) * (ys + 0.5 - y0) - (y1 - y0) * (xs + 0.5 - x0) >= 0
    return inside


def warp_sheet(gray: Image.Image, sheet: Sheet) -> Image.Image:
    """The sheet warped to a rectangle of its own proportions, the longer side A4's at
    TARGET_DPI."""
    width, height = sheet.size()
    scale = PAGE_LONG_INCHES * TARGET_DPI / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    target = [(0.0, 0.0), (float(size[0]), 0.0), (float(size[0]), float(size[1])),
              (0.0, float(size[1]))]
    # A true perspective map (Pillow's QUAD is bilinear: on a sheet photographed with the
    # phone tilted it puts the middle rows 1-2 % of the page off).
    coefficients = _homography(target, list(sheet.corners))
    # Bilinear: the sheet is enlarged a little (a 12 MP photo holds it at 200-250 dpi), and
    # bicubic costs three times as long for the same words.
    return gray.transform(size, Image.Transform.PERSPECTIVE, coefficients,
                          Image.Resampling.BILINEAR, fillcolor=255)


def _homography(src: list[tuple[float, float]], dst: list[tuple[float, float]]
                ) -> tuple[float, ...]:
    """The eight coefficients of the projective map taking the points `src` onto `dst`
    (as Pillow's PERSPECTIVE transform wants them: output pixel → input pixel)."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    solved = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64))
    return tuple(float(v) for v in solved)


def even_light(page: Image.Image) -> Image.Image:
    """Each pixel divided by the paper's brightness around it: shadows, gradients and the
    vignette go, ink stays dark; then sharpened a little."""
    small = page.resize((max(1, page.width // LIGHT_STEP), max(1, page.height // LIGHT_STEP)),
                        Image.Resampling.BOX)
    brightest = _max_filter(np.asarray(small, dtype=np.float32), LIGHT_MAX_FILTER)
    paper = Image.fromarray(brightest.astype(np.uint8), "L").filter(
        ImageFilter.GaussianBlur(LIGHT_MAX_FILTER / 2))
    level = np.asarray(paper.resize(page.size, Image.Resampling.BILINEAR))
    pixels = np.asarray(page)
    out = np.empty_like(pixels)
    for top in range(0, out.shape[0], LIGHT_BAND_ROWS):  # float copies of a band at a time
        rows = slice(top, top + LIGHT_BAND_ROWS)
        ratio = pixels[rows].astype(np.float32) / np.maximum(level[rows], 16).astype(np.float32)
        out[rows] = np.clip(ratio * (255.0 / PAPER_LEVEL), 0, 255).astype(np.uint8)
    # The fitted edges run along the paper's outermost (blurred) pixels: a sliver of desk
    # can remain along them, which nothing is printed on this close to a sheet's edge.
    margin = max(1, round(EDGE_MARGIN * max(out.shape)))
    out[:margin], out[-margin:], out[:, :margin], out[:, -margin:] = 255, 255, 255, 255
    # A phone's picture is a little out of focus: sharpened back (UNSHARP).
    return Image.fromarray(out, "L").filter(ImageFilter.UnsharpMask(*UNSHARP))
