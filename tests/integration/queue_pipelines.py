"""Processor factories for queue tests (the worker's `--pipeline module:factory` seam).

They stand in for the reading pipeline so queue mechanics are tested fast; the worker code
around them (claim, lease, commit, retry) is the real one.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from ordertake.domain import (
    Candidate,
    CustomerMatch,
    DraftLine,
    MatchedLine,
    MatchedOrder,
    OrderDraft,
    SourceMeta,
)
from ordertake.errors import DocumentError
from ordertake.queue.reading import Processed


def one_order(data: bytes, meta: SourceMeta) -> Processed:
    draft = OrderDraft(source=meta.filename, order_number=data.decode(errors="replace")[:60])
    line = MatchedLine(draft=DraftLine(description="醤油 1.8L", quantity=6, unit="本"),
                       product_code=None, product_name=None, quantity=6, unit="本",
                       unit_price=None, confidence=0.5,
                       candidates=[Candidate("A-1", 0.5)])
    return Processed(pages=[], orders=[MatchedOrder(draft, CustomerMatch(None, None, 0.0), [line])])


def cheap(settings, sessions):  # noqa: ANN001, ANN201
    return one_order


def slow(settings, sessions):  # noqa: ANN001, ANN201
    """Announces itself in $ORDERTAKE_TEST_MARKER, then takes $ORDERTAKE_TEST_SLEEP seconds."""

    def run(data: bytes, meta: SourceMeta) -> Processed:
        marker = os.environ.get("ORDERTAKE_TEST_MARKER")
        if marker:
            Path(marker).write_text(str(os.getpid()))
        time.sleep(float(os.environ.get("ORDERTAKE_TEST_SLEEP", "3")))
        return one_order(data, meta)

    return run


def unreadable(data: bytes, meta: SourceMeta) -> Processed:
    raise DocumentError("the PDF is encrypted", reason="encrypted",
                        hint="send it again without a password")


def always_broken(data: bytes, meta: SourceMeta) -> Processed:
    raise RuntimeError("tesseract crashed")
