"""The header line a fax machine prints on every page: date, time, FROM number, name, P.001/002.

Pure, no I/O. Formats differ per machine, e.g.
`2026/11/20 09:41  FROM:03-1234-5679  山田商店  P.001/002` or
`NOV-20-2026 09:41AM FAX 0312345679 P. 1`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ordertake.parse.dates import damaged_date_options, find_dates, repair_full_date
from ordertake.parse.numbers import nfkc

# A speck before the hour reads as one more digit ('2026/02/15 908:03'): a machine prints the
# hour in two digits, so a third before them is set aside. Minutes are any two digits: the
# time only marks the line, and a faxed 0 read as 8 ('13:81') must not hide the header.
_TIME = re.compile(
    r"(?<![\d:])(?:\d(?=[01]\d|2[0-3]))?([01]?\d|2[0-3])\s*[:：]\s*(\d\d)"
    r"(?:\s*[:：]\s*\d\d)?(?!\d)"
)
# The page mark may follow the sender's name with no space ('(株)給食東都P. 1/1').
_PAGE = re.compile(
    r"(?i)(?<![A-Za-z0-9])P(?:AGE)?\s*[.:]?\s*(\d{1,3})(?:\s*/\s*(\d{1,3}))?(?!\d)"
)
_PHONE = re.compile(
    r"(?<![\d])(\+81[\s\-]?\d{1,4}|0\d{1,4})[\s\-()]{0,2}(\d{1,4})[\s\-()]{0,2}(\d{3,4})(?!\d)"
)
# A faxed 1 comes back as a bracket or bar glued to the digit before it ('2026-12-3]'), or
# standing between a date's separators ('2026/]]/04', 11 read as two brackets).
_GLUED_ONE = re.compile(r"(?<=\d)[\]|]|(?<=[/\-])[\]|]+(?=[\d\]|]*[/\-])")
# A space OCR put inside the day, before the time ('2026/04/1 1 09:49' for 04/11): a machine
# prints the day before the time, so a lone digit left between them is the day's second.
_SPLIT_DAY = re.compile(r"(?<=[/\-]\d) (?=\d\s+\d{1,2}\s*[:：])")
_FROM = re.compile(r"(?i)(FROM|送信元|発信元|FAX|TEL/FAX|差出)\s*[:：]?\s*")


@dataclass(frozen=True)
class FaxHeader:
    """What the sending machine printed; every field optional."""

    date: dt.date | None
    sender_fax: str | None
    sender_name: str | None
    page: int | None
    pages: int | None
    date_options: tuple[dt.date, ...] = ()
    """With no date read: the dates a damaged one may have been (2026/08/81: 08/01 or 08/31),
    for the caller to choose by the dates written on the page."""


def find_phone(text: str) -> tuple[str, int, int] | None:
    """The first phone/fax number in a text as written (digits and hyphens) with its span."""
    m = _PHONE.search(nfkc(text))
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group())
    if len(digits) < 9 or len(digits) > 12:
        return None
    # Written without separators: keep the digits rather than guess where hyphens go.
    written = "-".join(m.groups()) if re.search(r"[\s\-()]", m.group()) else digits
    return written, m.start(), m.end()


def parse_fax_header(text: str) -> FaxHeader | None:
    """A FaxHeader when the line looks like one (a time plus a page mark or FROM number)."""
    norm = _SPLIT_DAY.sub("", _GLUED_ONE.sub(lambda m: "1" * len(m.group()), nfkc(text)))
    time = _TIME.search(norm)
    page = _PAGE.search(norm)
    from_mark = _FROM.search(norm)
    if time is None or (page is None and from_mark is None):
        return None
    timeless = norm[: time.start()] + " " * (time.end() - time.start()) + norm[time.end():]
    dates = find_dates(timeless)
    if not dates and (repaired := repair_full_date(timeless)) is not None:
        dates = [repaired]  # a machine prints a real date: one that does not exist is misread
    date = dates[0][0] if dates else None
    if date is None and page is None:
        return None
    options = () if date is not None else tuple(damaged_date_options(timeless))
    rest = norm
    spans = [(d[1], d[2]) for d in dates] + [time.span()] + ([page.span()] if page else [])
    for start, end in spans:
        # Blank out in place: spans may overlap, so the string must keep its length.
        rest = rest[:start] + " " * (end - start) + rest[end:]
    rest = re.sub(r"(?i)\b(AM|PM)\b", " ", rest)
    phone = find_phone(rest)
    sender_fax = phone[0] if phone else None
    name = rest
    if phone:
        name = rest[: phone[1]] + " " + rest[phone[2]:]
    name = re.sub(r"[\s#:：\-]+", " ", _FROM.sub(" ", name)).strip()
    return FaxHeader(
        date=date,
        sender_fax=sender_fax,
        sender_name=name or None,
        page=int(page.group(1)) if page else None,
        pages=int(page.group(2)) if page and page.group(2) else None,
        date_options=options,
    )
