"""Digits from a second, Latin-only OCR pass repair the digits of the main pass (pure).

tesseract's Japanese model reads the Latin digits of Japanese fonts poorly: a slashed or
dotted zero (IPA/Noto gothic, many printer fonts) comes back as 9, 6, 8 or @, and a digit
may vanish ('20本' → '2本'). The `eng` model reads the same digits reliably but turns kanji
into garbage. So the page is read twice, and every main-pass word holding a digit is aligned
with the digit-pass text found over it on the same line (semi-global alignment: the digit
pass may run on beyond the word at either end). Where the alignment puts a digit of the digit
pass against a digit or a zero look-alike of the main pass, the digit pass wins; a digit the
main pass lost between a digit and the rest of the word is put back (before a kanji or kana
only where the word's box has room for it: `spare_digits`). Everything else (kanji, kana,
units, letters) stays as the main pass read it.
"""

from __future__ import annotations

import dataclasses
import unicodedata

from PIL import Image

from ordertake.ocr.words import RawWord

LOOKALIKES = frozenset("@OoQDGøØ°θ〇○")
"""What a Japanese model writes for a zero it cannot place."""
SIZE_LETTERS = frozenset("gLl")
"""Unit letters written right after a number (500g, 1.8L) that the main pass turns into
digits."""
MIN_DIGIT_CONFIDENCE = 0.0
"""A digit-pass word below this confidence (0..100) is not used. The eng model's confidence
on a line of Japanese is low even where its digits are right: 0, 10, 20 and 30 measured line
F1 0.88, 0.86, 0.84 and 0.83 on the fine faxes (bench/fax_errors.py)."""

_GAP = 0.8
_END = 0.6
"""The digit pass's text is cut at the word's edges, a character too many or too few."""
_MAIN_GAP = 1.5
"""A main-pass character with nothing under it is unlikely: the digit pass covers the word."""
_GAP_BESIDE_WIDE = 0.5
"""The digit pass reads one kanji as one or two garbage characters: a cheap extra."""


def split_passes(languages: str) -> tuple[str, str]:
    """tesseract languages → (main pass, digit pass): 'jpn+eng' → ('jpn', 'eng'); a single
    language, or several without eng, is one pass ('jpn' → ('jpn', ''))."""
    parts = [p for p in languages.split("+") if p]
    if "eng" not in parts or len(parts) < 2:
        return languages, ""
    return "+".join(p for p in parts if p != "eng"), "eng"


DIGIT_PASS_MARGIN_PX = 48
"""White kept around the words with a digit when their part of the page is cut out for the
digit pass (a line of text or so, as for the unread pass). tesseract's time on a page grows
with its area, words or not: eng on a blank A4 page costs 0.13 CPU s more than on a small one.
Cut out, the digit pass took 10 % less tesseract time on the sample faxes (half the page, on
average) and read the same lines on the eleven tuning sets (one more, four more sure)."""


def digit_pass_image(image: Image.Image, main: list[RawWord]
                     ) -> tuple[Image.Image, tuple[int, int]]:
    """The part of the page that holds the main pass's words with a digit (a margin around
    each, and DIGIT_PASS_MARGIN_PX around them all), everything else white; and where that
    part's top-left corner is on the page.

    `reconcile_digits` uses the digit pass over those words alone, and the eng model's time
    goes into every line it reads: reading the kanji lines too is wasted work."""
    boxes = []
    for w in main:
        if any(c.isdigit() for c in w.text):
            pad_x, pad_y = (w.height + 1) // 2, (w.height + 3) // 4
            boxes.append((max(0, w.left - pad_x), max(0, w.top - pad_y),
                          min(image.width, w.left + w.width + pad_x),
                          min(image.height, w.top + w.height + pad_y)))
    if not boxes:
        return Image.new("L", (1, 1), 255), (0, 0)
    m = DIGIT_PASS_MARGIN_PX
    left, top = max(0, min(b[0] for b in boxes) - m), max(0, min(b[1] for b in boxes) - m)
    right = min(image.width, max(b[2] for b in boxes) + m)
    bottom = min(image.height, max(b[3] for b in boxes) + m)
    out = Image.new("L", (right - left, bottom - top), 255)
    for box in boxes:
        out.paste(image.crop(box), (box[0] - left, box[1] - top))
    return out, (left, top)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _digitish(ch: str) -> bool:
    return ch.isdigit() or ch in LOOKALIKES


def _cost(m: str, e: str) -> float:
    if m == e:
        return 0.0
    if m in LOOKALIKES and e in LOOKALIKES:
        return 0.2  # both passes read a round letter ('PO' over 'PQ'), not a digit
    if _digitish(m) and e.isdigit() or m.isdigit() and e in SIZE_LETTERS:
        return 0.4
    if _wide(m):
        # A kanji read as a digit is rarer than a digit the main pass lost before it.
        return 1.4 if e.isdigit() else 0.5
    return 1.0


def align(main: str, seen: str) -> list[tuple[int | None, int | None]]:
    """Pairs (main index, seen index), None for a gap; leading and trailing characters of
    `seen` are free (it may cover more than the word)."""
    n, k = len(main), len(seen)
    inf = float("inf")
    cost = [[inf] * (k + 1) for _ in range(n + 1)]
    back: list[list[int]] = [[0] * (k + 1) for _ in range(n + 1)]
    for j in range(k + 1):
        cost[0][j] = _END * j  # digit-pass characters before the word
        back[0][j] = 2
    for i in range(1, n + 1):
        cost[i][0] = cost[i - 1][0] + _MAIN_GAP
        back[i][0] = 1
        for j in range(1, k + 1):
            extra = _GAP_BESIDE_WIDE if _wide(main[i - 1]) else _GAP
            options = (
                (cost[i - 1][j - 1] + _cost(main[i - 1], seen[j - 1]), 0),
                (cost[i - 1][j] + _MAIN_GAP, 1),  # a main character the digit pass lacks
                (cost[i][j - 1] + extra, 2),  # a digit-pass character the main pass lacks
            )
            cost[i][j], back[i][j] = min(options)
    j = min(range(k + 1), key=lambda jj: cost[n][jj] + _END * (k - jj))  # and after it
    pairs: list[tuple[int | None, int | None]] = []
    i = n
    while i > 0 or j > 0:
        move = back[i][j] if i > 0 else 2
        if i == 0:
            j -= 1  # leading free characters are not part of the alignment
            continue
        if move == 0:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif move == 1:
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    pairs.reverse()
    return pairs


def repaired(main: str, seen: str, room: float = float("inf")) -> str:
    """`main` with digits taken from `seen` where the alignment says they are the same.

    `room`: how many more digits the main word's box could hold beside its text
    (`spare_digits`). A lost digit put back before a kanji or kana needs one each: the
    digit pass reads a unit written after a number ('6袋', '2個') as digits too ('68|',
    '282'), which the alignment alone cannot tell from a digit the main pass lost ('2本'
    over '20a', where the box does hold three characters)."""
    out: list[str] = []
    pairs = align(main, seen)
    for pos, (mi, si) in enumerate(pairs):
        if mi is not None:
            m = main[mi]
            s = seen[si] if si is not None else ""
            if si is None and _digitish(m) and mi and main[mi - 1] in "Oo" and (
                    pos and pairs[pos - 1][1] is not None):
                continue  # 'PO0-' over 'PO-': the Japanese model read one round O twice
            if s.isdigit() and _digitish(m):
                m = s
            elif s in SIZE_LETTERS and m.isdigit() and mi == len(main) - 1 and si and (
                    seen[si - 1].isdigit()):
                m = s  # '1.88' over '1.8L': the Japanese model reads a final L or g as a digit
            out.append(m)
            continue
        assert si is not None
        s = seen[si]
        # A lost digit: right after a main digit, with more of the word still to come.
        before = next((main[p] for p, _ in reversed(pairs[:pos]) if p is not None), "")
        after = next((main[p] for p, _ in pairs[pos + 1:] if p is not None), "")
        if s.isdigit() and before.isdigit() and after:
            if _wide(after):
                if room < 1:
                    continue
                room -= 1
            out.append(s)
    return "".join(out)


NARROW_EM = 0.5
"""Width of a digit, Latin letter or sign in character heights; a kanji or kana is about
one height wide (`spare_digits`)."""
MIN_SPARE_EM = 0.25
"""Spare width, in character heights, that counts as room for one more digit: half a digit
(a box is cut at the ink, so the digit actually there measures a little less than
NARROW_EM, and a text the box holds exactly leaves none)."""


def spare_digits(word: RawWord) -> float:
    """How many more digits the word's box holds beside its text: (box width - the width
    its text needs) / a digit's width, with a digit counted when half a digit is spare.
    The height of a word with a kanji is a full character's; in one of digits and Latin
    alone the digits' own height (narrower characters than assumed: more room, never
    less)."""
    em = word.height
    needed = sum(em if _wide(c) else NARROW_EM * em for c in word.text)
    return (word.width - needed - MIN_SPARE_EM * em) / (NARROW_EM * em) + 1


def _same_line(a: RawWord, b: RawWord) -> bool:
    top, bottom = max(a.top, b.top), min(a.top + a.height, b.top + b.height)
    return bottom - top >= 0.5 * min(a.height, b.height)


def _text_over(word: RawWord, over: list[RawWord]) -> str:
    """The digit pass's characters whose centres lie over the word (characters of a Latin
    reading are spread evenly over their word's box)."""
    slack = 0.3 * word.height
    lo, hi = word.left - slack, word.left + word.width + slack
    out = []
    for w in over:
        step = w.width / max(1, len(w.text))
        out += [c for i, c in enumerate(w.text) if lo <= w.left + (i + 0.5) * step <= hi]
    return "".join(out)


def reconcile_digits(main: list[RawWord], digit_pass: list[RawWord]) -> list[RawWord]:
    """The main pass's words with digits repaired from the digit pass (same pixel space)."""
    trusted = [w for w in digit_pass
               if w.confidence >= MIN_DIGIT_CONFIDENCE and any(c.isdigit() for c in w.text)]
    out = []
    for word in main:
        if not any(c.isdigit() for c in word.text):
            out.append(word)
            continue
        over = sorted((w for w in trusted
                       if w.left < word.left + word.width and word.left < w.left + w.width
                       and _same_line(word, w)),
                      key=lambda w: w.left)
        if not over:
            out.append(word)
            continue
        text = repaired(word.text, _text_over(word, over), spare_digits(word))
        out.append(word if text == word.text else dataclasses.replace(word, text=text))
    return out
