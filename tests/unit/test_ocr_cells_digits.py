"""What the cell reader makes of tesseract's digits with the glyphs it saw (ocr/cells.py)."""

from __future__ import annotations

from ordertake.ocr.cells import zeros_unslashed


def test_an_eight_the_picture_shows_as_a_slashed_zero_is_a_zero() -> None:
    assert zeros_unslashed("38", (False, True)) == "30"
    assert zeros_unslashed("48", (False, False)) == "48"
    assert zeros_unslashed("38", (True,)) == "38"  # digits and glyphs not one for one
