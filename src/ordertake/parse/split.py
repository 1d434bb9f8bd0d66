"""Several orders in one document: where a page starts an order of its own (pure, no I/O).

A chain's head office faxes the orders of three stores in one transmission, an ordering
system prints one purchase order per delivery day into one PDF: each page is an order form
of its own, with its own order number or ship-to. A continuation page of a long order
repeats the same header, or none. So each page is read alone first, and a page starts a new
order when the order it shows differs from the one before in the first of these that both
show: order number, ship-to, the customer's name (and, between order numbers one character
apart, the delivery date). A page without lines (a fax cover sheet, a page of notes) never
starts one, and the lines a cover sheet lacks never make an order end.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ordertake.domain import OrderDraft, Page

SAME_NUMBER_EDITS = 1
"""Two order numbers this many characters apart (look-alike letters and digits folded:
PO-2026-3338 and P0-2026-3338 are equal) may be one number misread, or consecutive numbers:
the next field decides. Further apart, they are two orders."""
SAME_PLACE_SCORE = 85
"""rapidfuzz ratio (0..100) above which two ship-to texts (or two customer names) are one read
twice."""

_FOLD = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "|": "1", "S": "5",
                       "B": "8", "Z": "2"})
_NOT_ALNUM = re.compile(r"[\W_]+")


def split_orders(pages: list[Page], read_alone: Callable[[Page], OrderDraft]
                 ) -> list[list[Page]]:
    """`pages` (in order) grouped into the orders they hold: one group unless some page
    shows another order than the pages before it. `read_alone(page)` parses one page."""
    if len(pages) < 2:
        return [pages] if pages else []
    groups: list[list[Page]] = [[pages[0]]]
    current = read_alone(pages[0])
    for page in pages[1:]:
        draft = read_alone(page)
        if current.lines and draft.lines and _another_order(current, draft):
            groups.append([page])
            current = draft
            continue
        groups[-1].append(page)
        current = _known(current, draft)
    return groups


def _another_order(before: OrderDraft, page: OrderDraft) -> bool:
    """Whether `page` shows another order than `before`, judged on the first field both
    show (a field one of them lacks says nothing)."""
    numbered = bool(before.order_number and page.order_number)
    if before.order_number and page.order_number:
        edits = Levenshtein.distance(_folded(before.order_number), _folded(page.order_number))
        if edits == 0:
            return False
        if edits > SAME_NUMBER_EDITS:
            return True
        # One character apart: an OCR slip, or the next number of a series (one order per
        # store or per day); the ship-to or the delivery date tells which.
    if before.ship_to and page.ship_to:
        return not _same_place(before.ship_to, page.ship_to)
    if before.customer_name and page.customer_name:
        return not _same_place(before.customer_name, page.customer_name)
    if numbered and before.delivery_date and page.delivery_date:
        # Only beside an order number: on a continuation page a page number such as 2/2 is
        # read as a date (2 February) as easily as a date is.
        return before.delivery_date != page.delivery_date
    return False


def _known(current: OrderDraft, page: OrderDraft) -> OrderDraft:
    """The order so far, with what a continuation page shows that its first page lacked."""
    return OrderDraft(
        source=current.source,
        order_number=current.order_number or page.order_number,
        ship_to=current.ship_to or page.ship_to,
        customer_name=current.customer_name or page.customer_name,
        delivery_date=current.delivery_date or page.delivery_date,
        lines=current.lines or page.lines,
    )


def _folded(number: str) -> str:
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", number).upper()).translate(_FOLD)


def _same_place(a: str, b: str) -> bool:
    a, b = (_NOT_ALNUM.sub("", unicodedata.normalize("NFKC", s)) for s in (a, b))
    return fuzz.ratio(a, b) >= SAME_PLACE_SCORE
