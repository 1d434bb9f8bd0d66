"""Table rules on a page image: straight runs of ink longer than any character's stroke."""

from __future__ import annotations

import numpy as np


def rule_pixels(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels on a horizontal or vertical run of ink at least `length` (a power of two) long."""
    return _runs(ink, length) | _runs(ink.T, length).T


def _runs(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels on a horizontal run of ink at least `length` long: an opening with a 1 × length
    line, done by doubling shifts (a few whole-array operations instead of a loop)."""
    full = ink.copy()  # full[:, x]: ink all along x .. x + span - 1
    span = 1
    while span < length:
        full[:, :-span] &= full[:, span:]
        full[:, -span:] = False
        span *= 2
    covered = full  # covered[:, x]: a full window starts somewhere in x - span + 1 .. x
    span = 1
    while span < length:
        covered[:, span:] |= covered[:, :-span]
        span *= 2
    return covered
