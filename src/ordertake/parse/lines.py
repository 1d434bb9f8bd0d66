"""Positioned words → text lines and cells: cluster by vertical overlap, order by x (pure)."""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from ordertake.domain import Box, Page, Word


@dataclass
class TextLine:
    """Words that share a baseline, left to right, with the text they read as."""

    page: int
    words: list[Word]
    text: str
    box: Box
    confidence: float
    em: float
    """Typical character size in page-width fractions (gaps are compared against it)."""
    aspect: float = 1.0
    """Page height / width, to compare vertical and horizontal distances."""
    segments: list[list[Word]] = field(default_factory=list)
    """Runs of words separated by wide gaps: the cells of a form without ruled lines."""


def is_cjk(ch: str) -> bool:
    if not ch:
        return False
    name = unicodedata.name(ch, "")
    return any(k in name for k in ("CJK", "HIRAGANA", "KATAKANA", "FULLWIDTH", "IDEOGRAPHIC"))


def _is_sliver(w: Word, em: float) -> bool:
    return (w.box.x1 - w.box.x0) < 0.25 * em * max(1, len(w.text))


def join_words(words: list[Word], em: float) -> str:
    """Words as one string: no space between CJK characters that touch, a space at real gaps."""
    out = ""
    prev: Word | None = None
    for w in words:
        if prev is not None and out:
            gap = w.box.x0 - prev.box.x1
            cjk_joint = is_cjk(out[-1]) or is_cjk(w.text[:1])
            limit = 0.3 * em if cjk_joint else 0.12 * em
            # A character whose box OCR collapsed to a sliver says nothing about the gaps
            # beside it: inside Japanese text it touches its neighbours ('本綿豆' + '腐').
            sliver = any(_is_sliver(v, em) and is_cjk(v.text[:1]) for v in (prev, w))
            if gap > limit and not sliver:
                out += " "
        out += w.text
        prev = w
    return out


def _word_em(w: Word, aspect: float) -> float:
    return (w.box.y1 - w.box.y0) * aspect


def _build(page: Page, words: list[Word], aspect: float) -> TextLine:
    return line_of(page.number, words, aspect)


def line_of(page: int, words: list[Word], aspect: float) -> TextLine:
    """A text line of these words (left to right), cut into segments at wide gaps."""
    words = sorted(words, key=lambda w: w.box.x0)
    em = statistics.median(_word_em(w, aspect) for w in words) or 0.01
    box = words[0].box
    for w in words[1:]:
        box = box.union(w.box)
    segments: list[list[Word]] = [[words[0]]]
    for prev, w in zip(words, words[1:], strict=False):
        if w.box.x0 - prev.box.x1 > 1.2 * em:
            segments.append([w])
        else:
            segments[-1].append(w)
    conf = statistics.fmean(w.confidence for w in words)
    return TextLine(page, words, join_words(words, em), box, conf, em, aspect, segments)


_RULE_CHARS = re.compile(r"[|｜¦│┃]+")
_NOISE = re.compile(r"^[\W_]{1}$")


def split_rules(words: list[Word]) -> list[Word]:
    """OCR reads a table's vertical rules as '|' glued to the cell text: cut words there.

    A lone punctuation mark with low confidence (a speck read as '・' or '“') is dropped too.
    """
    out = []
    for w in words:
        text = w.text.strip()
        if not text:
            continue
        if not _RULE_CHARS.search(text):
            if _NOISE.match(text) and w.confidence < 0.6 and text not in "#%&*+-/":
                continue
            out.append(w)
            continue
        width = (w.box.x1 - w.box.x0) / max(1, len(text))
        pos = 0
        for piece in _RULE_CHARS.split(text):
            start = text.index(piece, pos) if piece else pos
            pos = start + len(piece)
            if piece.strip():
                box = Box(w.box.page, w.box.x0 + start * width, w.box.y0,
                          w.box.x0 + pos * width, w.box.y1)
                out.append(Word(piece.strip(), box, w.confidence))
    return out


def skew_slope(words: list[Word]) -> float:
    """dy/dx (page fractions) of the text baselines, from neighbouring words on one line.

    A fax fed in at an angle puts the right end of a row a line higher or lower than its left
    end; clustering by the corrected height keeps such a row together.
    """
    if len(words) < 8:
        return 0.0
    heights = sorted(w.box.y1 - w.box.y0 for w in words)
    h = heights[len(heights) // 2]
    usable = sorted((w for w in words if 0.7 * h <= w.box.y1 - w.box.y0 <= 1.4 * h),
                    key=lambda w: w.box.x0)
    slopes = []
    for i, w in enumerate(usable):
        cy, cx = (w.box.y0 + w.box.y1) / 2, (w.box.x0 + w.box.x1) / 2
        for v in usable[i + 1 : i + 60]:
            dx = (v.box.x0 + v.box.x1) / 2 - cx
            dy = (v.box.y0 + v.box.y1) / 2 - cy
            if v.box.x0 > w.box.x1 and dx > 4 * h and abs(dy) < 0.6 * h:
                slopes.append(dy / dx)
                break
    if len(slopes) < 5:
        return 0.0
    slopes.sort()
    return slopes[len(slopes) // 2]


_FLAT = 0.35
"""A word less than this share of the page's typical word height has a collapsed box."""
_TEXT = re.compile(r"[^\W_ー]")


def has_text(text: str) -> bool:
    """A letter or a figure in it: not only specks, dashes and rules ('・', 'ーー', '」')."""
    return bool(_TEXT.search(text))


def is_flat(w: Word, typical: float) -> bool:
    return (w.box.y1 - w.box.y0) < _FLAT * typical


def is_speck(w: Word) -> bool:
    """A collapsed box that holds no text: a dot, a dash or a rule read as '・', '」' or 'ーー',
    or a mark read as a letter with no confidence at all ('表' for a speck). A figure is kept:
    tesseract collapses the box of a real, faint '3' too."""
    if not has_text(w.text):
        return True
    return w.confidence < 0.05 and not any(c.isdigit() for c in w.text)


def _band_words(words: list[Word], level: Callable[[Word], float]
                ) -> list[tuple[float, float, list[Word]]]:
    """Words sorted by level into bands of vertically overlapping words."""
    bands: list[tuple[float, float, list[Word]]] = []
    for w in words:
        cy = level(w)
        h = w.box.y1 - w.box.y0
        best = None
        for i in range(len(bands) - 1, max(-1, len(bands) - 4), -1):
            band_cy, band_h, _ = bands[i]
            if abs(cy - band_cy) < 0.5 * min(h, band_h):
                best = i
                break
        if best is None:
            bands.append((cy, h, [w]))
        else:
            _, _, ws = bands[best]
            ws.append(w)
            # The band keeps the median so one tall word cannot swallow the next line.
            bands[best] = (statistics.median(level(x) for x in ws),
                           statistics.median(x.box.y1 - x.box.y0 for x in ws), ws)
    return bands


def _attach_flat(bands: list[tuple[float, float, list[Word]]], flat: list[Word],
                 level: Callable[[Word], float]) -> list[list[Word]]:
    """Words with a collapsed box join the line they stand on ('数' of 注文数 read flat);
    too small to tell one line from the next, they never start or steer a line themselves."""
    groups = [ws for _, _, ws in bands]
    alone: list[Word] = []
    for w in flat:
        cy = level(w)
        near = min(range(len(bands)), key=lambda i: abs(cy - bands[i][0]), default=None)
        if near is not None and abs(cy - bands[near][0]) < 0.6 * bands[near][1]:
            groups[near].append(w)
        elif (gap := _gap_filled(bands, w, level)) is not None:
            groups[gap].append(w)
        else:
            alone.append(w)
    alone.sort(key=level)
    groups += [ws for _, _, ws in _band_words(alone, level)]
    return groups


def _gap_filled(bands: list[tuple[float, float, list[Word]]], w: Word,
                level: Callable[[Word], float]) -> int | None:
    """The line a collapsed character belongs to when it stands between two lines: the one
    with a hole one character wide between two of its words where it stands ('本綿豆 ・ 00g'
    with 腐 read flat at the foot of its line). A wider gap is a gutter between cells, where
    a speck read as a character stands as often."""
    cy = level(w)
    found = None
    for i, (band_cy, band_h, ws) in enumerate(bands):
        if abs(cy - band_cy) >= band_h:
            continue
        left = max((v for v in ws if v.box.x1 <= w.box.x0), key=lambda v: v.box.x1,
                   default=None)
        right = min((v for v in ws if v.box.x0 >= w.box.x1), key=lambda v: v.box.x0,
                    default=None)
        if left is None or right is None or any(
                v.box.x0 < w.box.x1 and w.box.x0 < v.box.x1 for v in ws):
            continue
        char = max((v.box.x1 - v.box.x0) / len(v.text) for v in (left, right))
        if right.box.x0 - left.box.x1 <= 1.7 * char:
            if found is not None:
                return None  # holes in two lines: no telling
            found = i
    return found


def _x_overlap(a: Word, b: Word) -> bool:
    """Two words standing one above the other: more than half the narrower one's width in
    common. Words of one line stand side by side."""
    common = min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0)
    return common > 0.5 * min(a.box.x1 - a.box.x0, b.box.x1 - b.box.x0)


def _move_stacked(bands: list[tuple[float, float, list[Word]]],
                  level: Callable[[Word], float]) -> None:
    """A word banded with a word it stands over or under belongs to another line: the
    taller of the two (a box OCR stretched from its own line's top into the next line,
    '大電信品' over 'ミドリ', went by its middle to the next line) moves to the line beside
    it that it covers most and where nothing stands in its way."""
    for i, (_, _, ws) in enumerate(bands):
        for w, v in [(w, v) for k, w in enumerate(ws) for v in ws[k + 1:] if _x_overlap(w, v)]:
            tall = max((w, v), key=lambda x: x.box.y1 - x.box.y0)
            if tall not in ws:
                continue
            half = (tall.box.y1 - tall.box.y0) / 2
            top, bottom = level(tall) - half, level(tall) + half
            best, cover = None, 0.0
            for j, (cy, h, others) in enumerate(bands):
                here = min(bottom, cy + h / 2) - max(top, cy - h / 2)
                if j != i and here > cover and not any(_x_overlap(tall, o) for o in others):
                    best, cover = j, here
            if best is not None:
                ws.remove(tall)
                bands[best][2].append(tall)


def group_lines(page: Page) -> list[TextLine]:
    """The page's words clustered into lines by vertical overlap, top to bottom."""
    aspect = (page.height / page.width) if page.width and page.height else 1.0
    words = split_rules(page.words)
    slope = skew_slope(words)

    def level(w: Word) -> float:
        return (w.box.y0 + w.box.y1) / 2 - slope * (w.box.x0 + w.box.x1) / 2

    typical = statistics.median(w.box.y1 - w.box.y0 for w in words) if words else 0.0
    flat = [w for w in words if is_flat(w, typical)]
    regular = sorted((w for w in words if not is_flat(w, typical)),
                     key=lambda w: (level(w), w.box.x0))
    bands = _band_words(regular, level)
    _move_stacked(bands, level)
    groups = _attach_flat(bands, [w for w in flat if not is_speck(w)], level)
    lines = [_build(page, ws, aspect) for ws in groups]
    lines.sort(key=lambda ln: ln.box.y0 + ln.box.y1 - slope * (ln.box.x0 + ln.box.x1))
    return lines


def words_box(words: list[Word]) -> Box | None:
    if not words:
        return None
    box = words[0].box
    for w in words[1:]:
        box = box.union(w.box)
    return box
