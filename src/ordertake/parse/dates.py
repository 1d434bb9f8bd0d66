"""Japanese and western dates as written on orders, resolved to datetime.date (pure, no I/O).

Handles 2026年11月20日, 令和8年11月20日, R8.11.20, H31.4.30, 2026/11/20, 2026-11-20, 11/20(金)
(year taken from a reference date: the receive date or the fax header), 明日/明後日.
"""

from __future__ import annotations

import datetime as dt
import re

from ordertake.parse.numbers import nfkc

_ERA_START = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925, "S": 1925}
_WEEKDAYS = "月火水木金土日"
_EN_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}

_ERA = re.compile(
    r"(令和|平成|昭和|(?<![A-Za-z])[RHS])\s*(\d{1,2}|元)\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*"
    r"(\d{1,2})(?!\d)\s*日?"
)
_YMD = re.compile(
    r"(?<![\d.\-/])((?:19|20)\d{2})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})(?!\d)\s*日?"
)
_YYMD = re.compile(r"(?<![\d.\-/])(\d{2})/(\d{1,2})/(\d{1,2})(?![\d/])")
_MD = re.compile(
    r"(?<![\d./\-:])(\d{1,2})\s*(?:月\s*(\d{1,2})\s*日?|/\s*(\d{1,2})(?![\d/:]))"
    r"(?:\s*[(（]\s*([月火水木金土日])\s*(?:曜日?)?\s*[)）])?"
)
_EN = re.compile(
    r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-]*(\d{1,2}),?[\s\-]*"
    r"((?:19|20)\d{2})\b|\b(\d{1,2})[\s\-]*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?[\s\-]*((?:19|20)\d{2})\b"
)
_RELATIVE = {"明々後日": 3, "明明後日": 3, "しあさって": 3, "明後日": 2, "あさって": 2,
             "明日": 1, "あす": 1, "あした": 1, "翌日": 1, "本日": 0, "今日": 0, "当日": 0}


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _closest_year(m: int, d: int, weekday: str | None, ref: dt.date) -> dt.date | None:
    """Of last, this and next year, the date closest to the reference; a written weekday wins."""
    options = [x for x in (_date(ref.year + k, m, d) for k in (-1, 0, 1)) if x is not None]
    if weekday:
        matching = [x for x in options if _WEEKDAYS[x.weekday()] == weekday]
        options = matching or options
    if not options:
        return None
    # A date far in the past is unlikely on an order: a small bias towards the future.
    return min(options, key=lambda x: abs((x - ref).days) + (30 if x < ref else 0))


def find_date(text: str, reference: dt.date | None = None) -> tuple[dt.date, int, int] | None:
    """The first date written in a text with its span in the NFKC text, or None."""
    found = find_dates(text, reference)
    return found[0] if found else None


def find_dates(text: str, reference: dt.date | None = None) -> list[tuple[dt.date, int, int]]:
    """Every date written in a text, in reading order, as (date, start, end)."""
    norm = nfkc(text)
    hits: list[tuple[dt.date, int, int]] = []
    taken: list[tuple[int, int]] = []

    def add(value: dt.date | None, m: re.Match[str]) -> None:
        if value is None or any(s < m.end() and m.start() < e for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        hits.append((value, m.start(), m.end()))

    for m in _ERA.finditer(norm):
        n = 1 if m.group(2) == "元" else int(m.group(2))
        add(_date(_ERA_START[m.group(1)] + n, int(m.group(3)), int(m.group(4))), m)
    for m in _YMD.finditer(norm):
        add(_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m)
    for m in _EN.finditer(norm):
        if m.group(1):
            add(_date(int(m.group(3)), _EN_MONTHS[m.group(1).lower()], int(m.group(2))), m)
        else:
            add(_date(int(m.group(6)), _EN_MONTHS[m.group(5).lower()], int(m.group(4))), m)
    for m in _YYMD.finditer(norm):
        add(_date(2000 + int(m.group(1)), int(m.group(2)), int(m.group(3))), m)
    if reference is not None:
        for m in _MD.finditer(norm):
            month, day = int(m.group(1)), int(m.group(2) or m.group(3))
            if 1 <= month <= 12 and 1 <= day <= 31:
                add(_closest_year(month, day, m.group(4), reference), m)
        for word, days in _RELATIVE.items():
            for m in re.finditer(word, norm):
                add(reference + dt.timedelta(days=days), m)
    hits.sort(key=lambda h: h[1])
    return hits


def parse_date(text: str, reference: dt.date | None = None) -> dt.date | None:
    """The first date in a text (see module doc), None when there is none."""
    hit = find_date(text, reference)
    return hit[0] if hit else None
