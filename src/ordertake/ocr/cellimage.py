"""One table cell of a page picture made ready for a digits-only read (numpy, no I/O).

A faxed cell holds more than its number: table rules (often slanted or broken), specks, the
feet of the row above, the edge of a glyph from the next column. OCR reads each of them as a
digit ('3|' → 31, '・24' → 94, '1 ケ' → 14). They are removed here by their shape and size
relative to the text height, and what is left is counted: the number of glyphs the picture
shows where the number stands is evidence of its own (a rule read as 1 adds no glyph).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps

from ordertake.domain import Box
from ordertake.ocr.rules import long_runs

INK = 140
"""Gray level (0-255) below which a pixel is ink."""
MARGIN = 0.5
"""Share of the text height added above and below the box: a rule then runs the crop's full
height or width, longer than any glyph, and the row above or below is cut by the crop edge."""
RULE_ACROSS = 2.0
RULE_DOWN = 1.4
"""A run of ink this many text heights long, across or down, is a table rule: no digit or
unit character is wider than about one text height or taller than one."""
SPECK = 0.4
"""A component whose height and width are both below this share of the tallest glyph's
height is a speck (the dots of a fax, a stray point), not part of a digit."""
EMPTY_SPECK = 0.2
"""The same share of the text height: specks in a cell that holds nothing else."""
SIDE = 0.5
"""Share of the text height the crop reaches beyond the box on the left and right: a digit
standing against the box's edge (a box fitted to the column's edge, an OCR box a pixel
short) is then whole inside the crop and kept; a glyph whose middle is outside the box
belongs to the next column."""
STROKE = 0.25
"""A component this thin (width over height, or height over width) is a stroke: a 1, a
dash, or a piece of a broken rule."""
ON_LINE = 0.6
"""Share of its height a stroke shares with the cell's other glyphs when it stands on their
line (a 1); a piece of a broken rule stands higher or lower."""
BAR_SLACK = 0.15
"""Share of the line's height a flat stroke may lie above or below it and still be part of
a glyph (a 5's bar, a 7's top broken off by the fax)."""
TARGET_HEIGHT = 30
"""Pixel height of the tallest glyph handed to tesseract (of 20, 24, 30, 40: the fewest
quantities the picture's reading got wrong where the page OCR was right)."""
SMALL_HEIGHT = 16
"""A second size for glyphs read as nothing: tesseract's line mode drops a lone narrow glyph
(a 1) at one size and not at another."""
STACKED_ALIKE = 0.7
"""Rows of a glyph at least this share of the tallest one's height are digits wrapped one
above the other, not one digit broken by the fax."""
STACKED_WIDE = 0.5
"""Width share of its height each wrapped digit has at least (a 1's piece is narrower)."""
STACKED_GAP = 0.15
"""Share of a digit's height that wrapped lines leave between them (a digit the fax broke
across leaves less)."""
FLOOR_SLACK = 0.2
"""Share of the text height beyond a rule across the crop that is still the cell's own row:
the feet of digits standing on an underline, cut off by removing it."""
BORDER = 10
LINE_SLACK = 0.15
RING_WIDTH = 0.8
RING_HOLE = 0.55
"""A 0 after the digits the page OCR read: its top and bottom within LINE_SLACK of their
height from theirs, no wider than RING_WIDTH of its height, its one or two holes reaching
over RING_HOLE of its height or more (P, p, g and the kanji of units with a hole fail one
of them)."""
NO_WAIST = 0.95
"""A glyph whose middle third is nowhere narrower than this share of its lobes has no waist
(on the tuning faxes an 8's middle was at most 0.89 of its lobes' width)."""


@dataclass(frozen=True)
class CellGlyphs:
    image: Image.Image | None
    """The cleaned glyphs, scaled and framed in white; None when nothing is left."""
    glyphs: int
    """Glyphs side by side (parts that overlap horizontally count as one)."""
    slashed: tuple[bool, ...] = ()
    """For each glyph, whether it is shaped as a slashed zero (Ø: two holes, no waist),
    which tesseract reads as 8."""


@dataclass(frozen=True)
class _Component:
    y0: int
    x0: int
    y1: int
    x1: int
    pixels: list[tuple[int, int, int]]
    """Runs of ink (row, start, end) it is made of."""


def cell_glyphs(picture: Image.Image, box: Box, first: int | None = None,
                height: int = TARGET_HEIGHT) -> CellGlyphs:
    """The glyphs inside `box` (the cell's width, the text line's height) on a page picture,
    the tallest scaled to `height`; only the `first` ones from the left when given (the
    number before a unit: '12袋')."""
    gray, text_height, (left, right) = _crop(picture, box)
    if gray.size == 0 or text_height < 4:
        return CellGlyphs(None, 0)
    ink, walls, floors = _without_rules(gray < INK, text_height)
    middle = gray.shape[0] / 2  # the box's middle: the crop's margins are even
    inside = [c for c in _components(ink) if not _touches_edge(c, ink.shape)
              and left <= (c.x0 + c.x1) / 2 < right
              and _same_row(c, floors, middle, FLOOR_SLACK * text_height)]
    if not inside:
        return CellGlyphs(None, 0)
    # Specks are small beside the cell's real glyphs (an OCR box may be taller than its
    # text), and beside the line's height when the cell holds nothing else.
    tallest = max(c.y1 - c.y0 for c in inside)
    kept = _one_cell(_off_the_line([c for c in inside if not _is_speck(c, SPECK * tallest)
                                    and not _is_speck(c, EMPTY_SPECK * text_height)]), walls)
    groups = _side_by_side(kept)
    if first is not None:
        while 0 < first < len(groups) and _is_zero(groups[first], groups[:first]):
            first += 1  # a 0 the page OCR lost between the number and its unit ('2本': 20)
        groups = groups[:first]
        kept = [c for group in groups for c in group]
    if not kept:
        return CellGlyphs(None, 0)
    unstacked = _unstacked(gray, groups)
    if unstacked is not None:
        gray, groups = unstacked
        kept = [c for group in groups for c in group]
    return CellGlyphs(_render(gray, kept, height), len(groups),
                      tuple(is_slashed_zero(_mask(g)) for g in groups))


def _stack(group: list[_Component]) -> list[list[_Component]]:
    """A glyph's parts in rows one above the other (parts that overlap down are one row);
    one row unless they are digits wrapped in a narrow cell ('2' over '4'): rows of about
    one height, each at least as tall as it is wide (the halves of a broken 8 or 0 are
    wider than tall)."""
    rows: list[list[_Component]] = []
    for c in sorted(group, key=lambda c: c.y0):
        if rows and c.y0 < max(p.y1 for p in rows[-1]):
            rows[-1].append(c)
        else:
            rows.append([c])
    if len(rows) < 2:
        return [group]
    sizes = [(max(c.y1 for c in r) - min(c.y0 for c in r),
              max(c.x1 for c in r) - min(c.x0 for c in r)) for r in rows]
    tallest = max(h for h, _ in sizes)
    gaps = [min(c.y0 for c in b) - max(c.y1 for c in a) for a, b in zip(rows, rows[1:],
                                                                         strict=False)]
    # A narrow row is a 1's piece (a faxed 1 broken across), never told from a wrapped 1.
    if any(h < w or h < STACKED_ALIKE * tallest or w < STACKED_WIDE * h for h, w in sizes):
        return [group]
    return rows if min(gaps) >= STACKED_GAP * tallest else [group]


def _unstacked(gray: np.ndarray, groups: list[list[_Component]]
               ) -> tuple[np.ndarray, list[list[_Component]]] | None:
    """Digits wrapped one above the other in a narrow cell ('24' printed as '2' over '4'),
    set side by side, top first, on one line: a picture of them as the number they are.
    None when no glyph is stacked."""
    glyphs = [row for group in groups for row in _stack(group)]
    if len(glyphs) == len(groups):
        return None
    boxes = [(min(c.y0 for c in g), min(c.x0 for c in g), max(c.y1 for c in g),
              max(c.x1 for c in g)) for g in glyphs]
    line = max(y1 - y0 for y0, _, y1, _ in boxes)
    gap = max(2, line // 4)
    width = sum(x1 - x0 for _, x0, _, x1 in boxes) + gap * (len(boxes) + 1)
    canvas = np.full((line + 2 * gap, width), 255, dtype=gray.dtype)
    moved: list[list[_Component]] = []
    x = gap
    for glyph, (y0, x0, y1, x1) in zip(glyphs, boxes, strict=True):
        dy, dx = gap + line - y1, x - x0  # on one baseline
        # The glyph's gray levels, a pixel around it too (the render keeps its edge).
        top, left = max(0, y0 - 1), max(0, x0 - 1)
        bottom, right = min(gray.shape[0], y1 + 1), min(gray.shape[1], x1 + 1)
        piece = gray[top:bottom, left:right]
        ty, tx = top + dy, left + dx
        cy0, cx0 = max(0, ty), max(0, tx)
        cy1, cx1 = min(canvas.shape[0], ty + piece.shape[0]), min(width, tx + piece.shape[1])
        canvas[cy0:cy1, cx0:cx1] = piece[cy0 - ty:cy1 - ty, cx0 - tx:cx1 - tx]
        moved.append([_Component(c.y0 + dy, c.x0 + dx, c.y1 + dy, c.x1 + dx,
                                 [(r + dy, a + dx, b + dx) for r, a, b in c.pixels])
                      for c in glyph])
        x += x1 - x0 + gap
    return canvas, moved


def _crop(picture: Image.Image, box: Box) -> tuple[np.ndarray, float, tuple[int, int]]:
    """The box with MARGIN above and below and SIDE left and right, the text height, and
    where the box's own left and right edges are in the crop."""
    width, height = picture.size
    text_height = (box.y1 - box.y0) * height
    left, right = int(box.x0 * width), int(np.ceil(box.x1 * width))
    side = int(np.ceil(SIDE * text_height))
    x0, x1 = max(0, left - side), min(width, right + side)
    top = max(0, int(box.y0 * height - MARGIN * text_height))
    bottom = min(height, int(np.ceil(box.y1 * height + MARGIN * text_height)))
    gray = np.asarray(picture.crop((x0, top, x1, bottom)).convert("L"))
    return gray, text_height, (left - x0, right - x0)


def _without_rules(ink: np.ndarray, text_height: float
                   ) -> tuple[np.ndarray, list[tuple[int, int]], list[tuple[int, int]]]:
    """The ink without the rules, where rules ran down the crop (x from, to): the edges of
    the cells side by side in it, and where rules ran across it (y from, to): the edges of
    the rows above and below. A rule's ragged edge down (a fax's slanted or blurred
    rule: a pixel column beside the run, too short to be a run of its own) goes with the
    rule; left in, it stands as a thin stroke the height of a digit, read as a 1."""
    across = long_runs(ink, int(np.ceil(RULE_ACROSS * text_height)))
    down = long_runs(ink.T, int(np.ceil(RULE_DOWN * text_height))).T
    # (Not above and below a rule across: a digit standing on an underline would lose its
    # foot, a 2 read as 9.)
    rules = across | down
    rules[:, 1:] |= down[:, :-1]
    rules[:, :-1] |= down[:, 1:]
    walls, floors = np.any(down, axis=0), np.any(across, axis=1)
    return ink & ~rules, _spans(np.asarray(walls)), _spans(np.asarray(floors))


def _spans(marked: np.ndarray) -> list[tuple[int, int]]:
    """Runs of marked positions as (first, last)."""
    spans: list[tuple[int, int]] = []
    for x in np.flatnonzero(marked):
        if spans and x <= spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], int(x))
        else:
            spans.append((int(x), int(x)))
    return spans


def _same_row(c: _Component, floors: list[tuple[int, int]], middle: float,
              slack: float) -> bool:
    """The component stands between the rules across above and below the box's middle: what
    stands beyond them is another row's (a tall row box reaches into the rows around it).
    Within `slack` of a rule it is the feet of digits standing on it, cut off with it."""
    if any(y0 <= middle <= y1 for y0, y1 in floors):
        return True  # a rule through the middle: nothing to tell rows by
    top = max((y1 for _, y1 in floors if y1 < middle), default=-1)
    bottom = min((y0 for y0, _ in floors if y0 > middle), default=1 << 30)
    return top - slack < (c.y0 + c.y1) / 2 < bottom + slack


def _one_cell(kept: list[_Component], walls: list[tuple[int, int]]) -> list[_Component]:
    """The glyphs between the two rules around the first one: a number never runs across a
    rule, and what stands beyond it is the next cell's (a unit column's 袋 beside '2|')."""
    if not walls or not kept:
        return kept
    first = min(kept, key=lambda c: c.x0)
    middle = (first.x0 + first.x1) / 2
    lo = max((x1 for _, x1 in walls if x1 < middle), default=-1)
    hi = min((x0 for x0, _ in walls if x0 > middle), default=1 << 30)
    return [c for c in kept if lo < (c.x0 + c.x1) / 2 < hi]


def _components(ink: np.ndarray, diagonal: bool = True) -> list[_Component]:
    """8-connected parts of the ink (4-connected without `diagonal`: the background between
    8-connected strokes), found run by run (union-find over touching runs)."""
    runs: list[tuple[int, int, int]] = []
    edges = np.diff(np.pad(ink, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    for (row, start), (_, end) in zip(np.argwhere(edges == 1), np.argwhere(edges == -1),
                                      strict=True):
        runs.append((int(row), int(start), int(end)))
    parent = list(range(len(runs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_row: dict[int, list[int]] = {}
    for i, (row, start, end) in enumerate(runs):
        for j in by_row.get(row - 1, []):
            _, s, e = runs[j]
            if (s <= end and start <= e) if diagonal else (s < end and start < e):
                parent[root(i)] = root(j)
        by_row.setdefault(row, []).append(i)
    groups: dict[int, list[tuple[int, int, int]]] = {}
    for i, run in enumerate(runs):
        groups.setdefault(root(i), []).append(run)
    return [_Component(min(r for r, _, _ in g), min(s for _, s, _ in g),
                       max(r for r, _, _ in g) + 1, max(e for _, _, e in g), g)
            for g in groups.values()]


def _touches_edge(c: _Component, shape: tuple[int, ...]) -> bool:
    """Cut by the crop: the row above or below, a glyph of the next column, a rule's stub."""
    return c.y0 == 0 or c.x0 == 0 or c.y1 == shape[0] or c.x1 == shape[1]


def _is_speck(c: _Component, size: float) -> bool:
    return c.y1 - c.y0 < size and c.x1 - c.x0 < size


def _off_the_line(kept: list[_Component]) -> list[_Component]:
    """Without the strokes that do not stand on the line of the cell's other glyphs (pieces
    of a broken rule beside or under the number); a cell of strokes only (1, 11) keeps them.
    A flat stroke just above or below the line (the bar of a faxed 5 broken off) stays."""
    others = [c for c in kept if not _is_stroke(c)]
    if not others:
        return kept
    top, bottom = min(c.y0 for c in others), max(c.y1 for c in others)
    slack = BAR_SLACK * (bottom - top)

    def on_line(c: _Component) -> bool:
        if c.x1 - c.x0 > c.y1 - c.y0:  # flat: anywhere on the line or touching it
            return c.y1 >= top - slack and c.y0 <= bottom + slack
        return min(c.y1, bottom) - max(c.y0, top) >= ON_LINE * (c.y1 - c.y0)

    return [c for c in kept if not _is_stroke(c) or on_line(c)]


def _is_stroke(c: _Component) -> bool:
    """Thin across or down: a 1, a dash, a piece of a rule."""
    width, height = c.x1 - c.x0, c.y1 - c.y0
    return width <= STROKE * height or height <= STROKE * width


def _mask(parts: list[_Component]) -> np.ndarray:
    """The ink of one glyph, cut to its box."""
    y0, x0 = min(c.y0 for c in parts), min(c.x0 for c in parts)
    y1, x1 = max(c.y1 for c in parts), max(c.x1 for c in parts)
    mask = np.zeros((y1 - y0, x1 - x0), dtype=bool)
    for c in parts:
        for row, start, end in c.pixels:
            mask[row - y0, start - x0:end - x0] = True
    return mask


def _holes(glyph: np.ndarray) -> list[_Component]:
    """The background the glyph's ink closes in (4-connected: ink touches diagonally)."""
    outside = np.pad(~glyph, 1, constant_values=True)
    return [c for c in _components(outside, diagonal=False)
            if not _touches_edge(c, outside.shape)]


def is_slashed_zero(glyph: np.ndarray) -> bool:
    """Two holes and no waist: the inside of an O cut in two by its slash (Ø), which
    tesseract reads as 8; an 8's outline narrows between its two holes."""
    height = glyph.shape[0]
    if height < 8:
        return False
    if len(_holes(glyph)) != 2:
        return False
    widths = [int(np.flatnonzero(r)[-1] - np.flatnonzero(r)[0] + 1) if r.any() else 0
              for r in glyph]
    lobes = min(max(widths[:height // 2]), max(widths[height // 2:]))
    return min(widths[height // 3:height - height // 3]) >= NO_WAIST * lobes


def _is_zero(glyph: list[_Component], number: list[list[_Component]]) -> bool:
    """A glyph shaped as a 0 (Ø, 8) standing on the number's line, as tall as its digits: a
    narrow ring whose holes reach down most of its height, as no unit character is."""
    top = min(c.y0 for group in number for c in group)
    bottom = max(c.y1 for group in number for c in group)
    y0, y1 = min(c.y0 for c in glyph), max(c.y1 for c in glyph)
    tall = bottom - top
    if abs(y0 - top) > LINE_SLACK * tall or abs(y1 - bottom) > LINE_SLACK * tall:
        return False
    mask = _mask(glyph)
    height, width = mask.shape
    holes = _holes(mask)
    if width > RING_WIDTH * height or not 1 <= len(holes) <= 2:
        return False
    return max(h.y1 for h in holes) - min(h.y0 for h in holes) >= RING_HOLE * height


def _side_by_side(kept: list[_Component]) -> list[list[_Component]]:
    """The components in glyphs from left to right: parts that overlap horizontally (the two
    strokes of a broken 5, a dot above a digit) are one glyph."""
    groups: list[list[_Component]] = []
    right = -1
    for c in sorted(kept, key=lambda c: c.x0):
        if groups and c.x0 < right:
            groups[-1].append(c)
        else:
            groups.append([c])
        right = max(right, c.x1)
    return groups


def _render(gray: np.ndarray, kept: list[_Component], height: int) -> Image.Image:
    """The kept glyphs in their own gray levels (a pixel around them too: the anti-aliased
    edge), everything else white, cut to their box and scaled to `height`."""
    mask = np.zeros(gray.shape, dtype=bool)
    for c in kept:
        for row, start, end in c.pixels:
            mask[row, start:end] = True
    grown = mask.copy()
    grown[1:, :] |= mask[:-1, :]
    grown[:-1, :] |= mask[1:, :]
    grown[:, 1:] |= mask[:, :-1]
    grown[:, :-1] |= mask[:, 1:]
    y0, x0 = min(c.y0 for c in kept), min(c.x0 for c in kept)
    y1, x1 = max(c.y1 for c in kept), max(c.x1 for c in kept)
    clean = np.where(grown, gray, 255)[y0:y1, x0:x1].astype(np.uint8)
    image = Image.fromarray(clean)
    scale = height / max(c.y1 - c.y0 for c in kept)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return ImageOps.expand(image.resize(size, Image.Resampling.LANCZOS), BORDER, fill=255)
