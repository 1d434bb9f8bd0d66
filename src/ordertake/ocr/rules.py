"""Table rules on a page image: straight runs of ink longer than any character's stroke."""

from __future__ import annotations

import numpy as np


def rule_pixels(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels on a horizontal or vertical run of ink at least `length` long."""
    return long_runs(ink, length) | long_runs(ink.T, length).T


def long_runs(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels on a horizontal run of ink at least `length` long: an opening with a 1 × length
    line, done by doubling shifts (a few whole-array operations instead of a loop)."""
    length = max(1, length)
    full = ink.copy()  # full[:, x]: ink all along x .. x + span - 1
    span = 1
    while span < length:
        step = min(span, length - span)  # two overlapping windows make one of span + step
        full[:, :-step] &= full[:, step:]
        full[:, -step:] = False
        span += step
    covered = full  # covered[:, x]: a full window starts somewhere in x - span + 1 .. x
    span = 1
    while span < length:
        step = min(span, length - span)
        covered[:, step:] |= covered[:, :-step]
        span += step
    return covered
