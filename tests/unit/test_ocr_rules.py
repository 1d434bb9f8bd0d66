"""Table rules: runs of ink long enough to be a rule."""

from __future__ import annotations

import numpy as np

from ordertake.ocr.rules import long_runs


def test_runs_marks_exactly_the_pixels_of_long_runs() -> None:
    rng = np.random.default_rng(7)
    ink = rng.random((40, 200)) < 0.85
    for length in (1, 5, 8, 13):
        expected = np.zeros_like(ink)
        for y in range(ink.shape[0]):
            for x in range(ink.shape[1] - length + 1):
                if ink[y, x:x + length].all():
                    expected[y, x:x + length] = True
        assert (long_runs(ink, length) == expected).all()
