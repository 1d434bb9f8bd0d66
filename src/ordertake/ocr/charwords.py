"""PDF characters → words: lines by vertical position, words split at spaces and gaps (pure).

Same rules as pdfplumber's extract_words (x/y tolerance 3 pt), without building pdfplumber's
per-character attribute dicts, which cost two thirds of the time on dense pages.
"""

from __future__ import annotations

from dataclasses import dataclass

X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def group_words(chars: list[Char]) -> list[Char]:
    """Words (as Char spans with joined text), top to bottom, left to right."""
    lines: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: (c.top, c.x0)):
        if lines and abs(ch.top - lines[-1][0].top) <= Y_TOLERANCE:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    words: list[Char] = []
    for line in lines:
        current: list[Char] = []
        for ch in sorted(line, key=lambda c: c.x0):
            if not ch.text.strip():
                _flush(current, words)
                current = []
                continue
            if current and ch.x0 - current[-1].x1 > X_TOLERANCE:
                _flush(current, words)
                current = []
            current.append(ch)
        _flush(current, words)
    return words


def _flush(chars: list[Char], words: list[Char]) -> None:
    if chars:
        words.append(Char("".join(c.text for c in chars), min(c.x0 for c in chars),
                          max(c.x1 for c in chars), min(c.top for c in chars),
                          max(c.bottom for c in chars)))
