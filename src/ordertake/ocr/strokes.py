"""How thick a page's strokes are: a page printed or faxed too dark (pure, on pixels).

On a dark original, or a fax sent at a dark setting, every stroke is a pixel or two bolder:
the loops of 0, 6, 8 and 9 close up and neighbouring digits touch. The page OCR then misreads
digits with high confidence (30 read 36, 12 read 4), and the cleaned cell read again from the
picture no longer counts its glyphs right (two digits touching are one glyph), which is what
settles a disagreement between the two readings (parse/rereads.py). Such a page is told by its
mean stroke width.
"""

from __future__ import annotations

import numpy as np

INK = 128
"""A pixel of the 16-level grey review picture darker than this is ink."""
THICK_STROKES_PX = 3.0
"""Mean stroke width (pixels of the 150 dpi review picture, 0.5 mm) from which a page counts
as printed too bold. On the tuning faxes (samples, s89, h801 and their skewed and streaked
variants) no page reached 2.7; the same faxes a pixel bolder (bench/fax_robustness.py `bold`)
measured 2.9 to 5.7, all but one sparse page at 3.4 or more."""


def stroke_width(gray: np.ndarray) -> float:
    """The mean width of the ink's strokes in pixels: twice the ink's area over the length of
    its edges (a stroke w wide and l long has area w·l and edges 2·l, its ends aside); 0.0 on
    a page without ink."""
    ink = gray < INK
    edges = int(np.count_nonzero(ink[:, 1:] != ink[:, :-1])
                + np.count_nonzero(ink[1:, :] != ink[:-1, :]))
    return 2.0 * int(np.count_nonzero(ink)) / edges if edges else 0.0


def thick_strokes(gray: np.ndarray) -> bool:
    """Whether the page's strokes are too thick for its digits to be read unseen."""
    return stroke_width(gray) >= THICK_STROKES_PX
