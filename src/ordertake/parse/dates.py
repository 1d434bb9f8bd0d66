"""Japanese and western dates as written on orders, resolved to datetime.date (pure, no I/O).

Handles 2026年11月20日, 令和8年11月20日, R8.11.20, H31.4.30, 2026/11/20, 2026-11-20, 11/20(金)
(year taken from a reference date: the receive date or the fax header), 明日/明後日.
Also what a faxed date may have been before OCR damaged it (`misread_variants`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ordertake.parse.numbers import nfkc

_ERA_START = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925, "S": 1925}
_WEEKDAYS = "月火水木金土日"
_EN_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}

# 令 of 令和 is often read as another kanji with 人 on top (信和, 飼和, 今和).
_REIWA_MISREAD = re.compile(r"[今合冷信飼命介](?=和\s*(?:\d{1,2}|元)\s*年)")
_ERA = re.compile(
    r"(令和|平成|昭和|(?<![A-Za-z])[RHS])\s*(\d{1,2}|元)\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*"
    r"(\d{1,2})(?!\d)\s*日?"
)
_YMD = re.compile(
    r"(?<![\d.\-/])((?:19|20)\d{2})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})(?!\d)\s*日?"
)
_YYMD = re.compile(r"(?<![\d.\-/])(\d{2})/(\d{1,2})/(\d{1,2})(?![\d/])")
# A day followed by more digits is no day as read ('4月115': 日 read as a digit).
_MD = re.compile(
    r"(?<![\d./\-:])(\d{1,2})\s*(?:月\s*(\d{1,2})(?!\d)\s*日?|/\s*(\d{1,2})(?![\d/:]))"
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
    norm = _REIWA_MISREAD.sub("令", nfkc(text))
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


_WEEKDAY_MARK = re.compile(r"[(（]\s*([月火水木金土日])")


def written_weekday(text: str) -> str | None:
    """The first weekday written in brackets in a text ('11/20(金)'), else None."""
    m = _WEEKDAY_MARK.search(nfkc(text))
    return m.group(1) if m else None


_WEEKDAY_LOOKALIKES = {"水": "木火", "木": "水", "火": "水", "月": "日", "日": "月"}
"""Weekdays whose kanji a fax blurs into each other's."""


def weekday_agrees(day: dt.date, weekday: str | None) -> bool | None:
    """Whether a written weekday is the date's own; None when no weekday is written."""
    return None if weekday is None else _WEEKDAYS[day.weekday()] == weekday


# What one faxed character may have been when OCR read it as the key: a stroke lost or a
# speck added turns 0 into 9/6/8, 8 into 3/0; a digit may come back as a look-alike letter.
# The digit pass writes 1 for a 3 whose curves the fax broke (2月3日 read 2月1日).
LOOKALIKES = {"0": "986", "9": "0487", "6": "058", "8": "0369", "3": "8", "4": "982",
              "7": "192", "1": "743", "5": "6", "2": "7",
              "S": "58", "s": "5", "B": "8", "O": "0", "o": "0", "D": "0", "Z": "2", "z": "2",
              "I": "1", "l": "1", "|": "1", "]": "1", "L": "1"}
# Faxed digits lose strokes all over a line: every 9 (and 6) may be a 0 (2926/97/08).
_ALL_ZEROS = (str.maketrans("9", "0"), str.maketrans("96", "00"))


def _substituted(text: str) -> list[str]:
    """Every 9 (or 6) a lost-stroke 0, or one character read as a look-alike."""
    out = [text.translate(table) for table in _ALL_ZEROS]
    for i, ch in enumerate(text):
        out += [text[:i] + other + text[i + 1:] for other in LOOKALIKES.get(ch, "")]
    return out


# Both slashes of a year/month/day read as 7 or 1 ('2026712729' for 2026/12/29).
_SLASHES_READ = re.compile(r"(?<!\d)((?:19|20)\d\d)[71](\d\d)[71](\d\d)(?!\d)")


def _deleted(text: str) -> list[str]:
    """A speck read as a digit, or a slash read as 7 or 1 between digits ('2026/02725'), or
    both of a date's ('2026712729')."""
    out = [_SLASHES_READ.sub(r"\1/\2/\3", text)] if _SLASHES_READ.search(text) else []
    for i, ch in enumerate(text):
        if ch.isdigit():
            out.append(text[:i] + text[i + 1:])
            if ch in "71" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and (
                    text[i + 1].isdigit()):
                out.append(text[:i] + "/" + text[i + 1:])
    return out


_LONE_DIGIT = re.compile(r"(?<!\d)\d(?!\d)")


def _inserted(text: str) -> list[str]:
    """A digit the fax lost beside a lone digit: a thin 1 before or after it ('3月8日' for
    3月18日), a faint 0 after it ('5月3日' for 5月30日), or the second of a doubled digit
    ('3月2日' for 3月22日)."""
    out = []
    for m in _LONE_DIGIT.finditer(text):
        before, digit, after = text[:m.start()], m.group(), text[m.end():]
        out += [before + "1" + digit + after, before + digit + "1" + after,
                before + digit + "0" + after, before + digit + digit + after]
    return out


_MISREADINGS = (_substituted, _deleted, _inserted)


def misread_variants(text: str, *, well_formed: bool = False) -> list[str]:
    """The text as it may have been written, one faxed misreading away: a character read as a
    look-alike (every 9 a lost-stroke 0), a thin 1 lost, and unless the text reads as a date
    already (`well_formed`), a speck read as a digit or a slash read as 7 or 1."""
    edits = (_substituted, _inserted) if well_formed else _MISREADINGS
    out = [t for edit in edits for t in edit(text)]
    return [t for t in dict.fromkeys(out) if t != text]


_DAMAGED_YMD = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[年./\-]\s*\d{1,3}\s*[月./\-]\s*\d{1,3}(?!\d)")


def repair_full_date(text: str) -> tuple[dt.date, int, int] | None:
    """A year-month-day that does not exist as read ('2026/87/09', '2026/190/20') when one kind of
    faxed misreading (look-alikes first, then a speck, then a lost 1) gives exactly one real date,
    with the span read in the NFKC text; None otherwise."""
    m = _DAMAGED_YMD.search(nfkc(text))
    if m is None or find_dates(m.group()):
        return None
    for edit in _MISREADINGS:
        found = {hit[0] for variant in edit(m.group()) if (hit := find_date(variant))}
        if found:
            return (found.pop(), m.start(), m.end()) if len(found) == 1 else None
    return None


def damaged_date_options(text: str) -> list[dt.date]:
    """Every real date a year-month-day that does not exist as read ('2026/08/81',
    '2027-82-062') may have been: one faxed misreading, or a look-alike and a speck together.
    For a caller with another date to choose by (the fax date against the page's dates)."""
    m = _DAMAGED_YMD.search(nfkc(text))
    if m is None or find_dates(m.group()):
        return []

    def twice(read: str) -> list[str]:
        return [w for v in _substituted(read) for w in _deleted(v)]

    for edit in (*_MISREADINGS, twice):  # the likeliest kind of misreading that gives any
        days = {hit[0] for v in edit(m.group()) if (hit := find_date(v))}
        if days:
            return sorted(days)
    return []


def misreading_of(raw: str, day: dt.date, reference: dt.date | None = None) -> str | None:
    """How a faxed `day` could have come out as the date text `raw`: "lost" when a digit the
    fax lost gives it back, "lookalike" when a character read as a look-alike does; None when
    neither does (or `raw` already reads as `day`)."""
    text = _SPLIT_DAY.sub("", nfkc(raw))
    if (hit := find_date(text, reference)) is not None and hit[0] == day:
        return None
    for kind, edit in (("lost", _inserted), ("lookalike", _substituted)):
        if any((found := find_date(v, reference)) and found[0] == day for v in edit(text)):
            return kind
    return None


def one_digit_from(raw: str, day: dt.date, reference: dt.date | None = None) -> bool:
    """True when the date text `raw` reads as `day` with any one of its digits changed (a
    faxed digit read as a digit no look-alike table lists: '1月55日' for 1月25日)."""
    text = _SPLIT_DAY.sub("", nfkc(raw))
    return any((found := find_date(text[:i] + d + text[i + 1:], reference)) and found[0] == day
               for i, ch in enumerate(text) if ch.isdigit() for d in "0123456789" if d != ch)


def one_digit_lost_from(raw: str, day: dt.date, reference: dt.date | None = None) -> bool:
    """True when the date text `raw` reads as `day` with one digit put back beside a lone digit
    (any digit the fax lost: '3月1日' for 3月15日)."""
    text = _SPLIT_DAY.sub("", nfkc(raw))
    for m in _LONE_DIGIT.finditer(text):
        for d in "0123456789":
            for variant in (text[:m.start()] + d + text[m.start():],
                            text[:m.end()] + d + text[m.end():]):
                if (found := find_date(variant, reference)) and found[0] == day:
                    return True
    return False


def find_lookalike_dates(text: str, reference: dt.date) -> list[dt.date]:
    """Dates in a text that reads as none because OCR read a digit as a letter ('2/S(月)'): a
    letter put back as a digit gives a date only when the written weekday bears it out."""
    norm = nfkc(text)
    if find_dates(norm, reference):
        return []
    out = []
    for i, ch in enumerate(norm):
        if not ch.isalpha() or not ch.isascii():
            continue
        for digit in LOOKALIKES.get(ch, ""):
            variant = norm[:i] + digit + norm[i + 1:]
            weekday = written_weekday(variant)
            out += [day for day, _, _ in find_dates(variant, reference)
                    if weekday_agrees(day, weekday)]
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class DateRead:
    """A field's date: `checked` is False when it was repaired from a faxed misreading, or
    disagrees with its written weekday, or its unwritten year came from a date that is not a
    fax or receive date (a clerk should look); `in_window` is False when it lies outside the
    field's window and no misreading lands inside."""

    value: dt.date
    checked: bool = True
    in_window: bool = True
    guessed: bool = False
    """True for a month/day guessed from a reading no known misreading explains."""


# A space OCR put inside the last number of a date ('2026/03/1 3').
_SPLIT_DAY = re.compile(r"(?<=[/.\-年月]\d) (?=\d(?!\d))")
_WIDE = 120
"""Days from the reference beyond which a date's year is taken as misread."""


# A date written with no separators in a date field ('20260406').
_COMPACT_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*[月./\-]\s*(\d{1,2})(?!\d)")


def _guess_month_day(raw: str, reference: dt.date, inside: Callable[[dt.date], bool],
                     rank: Callable[[dt.date], tuple[object, ...]]) -> dt.date | None:
    """The last month/day written in a date with any one digit changed (its year taken as
    misread too), or with a month that cannot be (52月) replaced whole, the day kept: of those
    inside the window, the first by `rank`."""
    found = list(_MONTH_DAY.finditer(nfkc(raw)))
    if not found:
        return None
    month_read, day_read = found[-1].group(1), found[-1].group(2)
    written = month_read + "/" + day_read
    texts = {written} | {written[:i] + d + written[i + 1:]
                         for i, ch in enumerate(written) if ch.isdigit() for d in "0123456789"}
    if int(month_read) > 12:
        texts |= {f"{month}/{day_read}" for month in range(1, 13)}
    days = set()
    for text in texts:
        month, day = (int(x) for x in text.split("/"))
        if 1 <= month <= 12 and 1 <= day <= 31 and (
                guess := _closest_year(month, day, None, reference)) and inside(guess):
            days.add(guess)
    return min(days, key=rank) if days else None


def looks_like_date(text: str) -> bool:
    """True for a text that is written as a date, even one OCR damaged ('1月71「1',
    '2926/12/28', '20260406'): a month and day, a year, or a compact year-month-day."""
    norm = _REIWA_MISREAD.sub("令", nfkc(text))
    return bool(_MONTH_DAY.search(norm) or _COMPACT_YMD.search(norm)
                or re.search(r"\d\s*年|(?:19|20)\d\d\s*[./\-]\s*\d{1,2}(?!\d)", norm))


def read_field_date(raw: str, reference: dt.date | None,
                    window: tuple[int, int] | None = None, *,
                    guess: bool = False, later: bool = False,
                    usual: tuple[int, int] | None = None) -> DateRead | None:
    """The date in a field's text. A month/day takes its year from the reference. With a window
    (days from the reference), a reading outside it is taken as a faxed misreading and repaired
    when a variant inside results (one with the written weekday first, then the nearest to the
    reference). With `guess`, a reading nothing repairs that cannot be right (no date, or one
    before the window) gives the month/day one digit away that lands inside nearest the
    reference (`guessed`: a clerk must look). With `later` (a delivery), a repair on the
    reference's own day ranks after those following it. With `usual` (days from the reference
    a date usually lies within), a reading inside the window but later than usual, that no
    written weekday bears out, is taken as misread when a look-alike makes it usual (2月8日
    read 4月8日)."""
    raw = _COMPACT_YMD.sub(r"\1/\2/\3", _SPLIT_DAY.sub("", nfkc(raw)))
    hit = find_date(raw, reference)
    weekday = written_weekday(raw)
    if reference is None or window is None:
        if hit is None:
            return None
        year_read = find_date(raw) is not None or weekday_agrees(hit[0], weekday) is True
        return DateRead(hit[0], checked=reference is None or year_read)
    low, high = window

    def inside(day: dt.date) -> bool:
        return low <= (day - reference).days <= high

    def rank(day: dt.date) -> tuple[object, ...]:
        return (weekday_agrees(day, weekday) is False, later and day == reference,
                abs((day - reference).days), day)

    def _usual_lookalike(text: str, day: dt.date) -> dt.date | None:
        """For a day later than usual (on the reference's day itself is usual enough to keep)
        that no weekday bears out, the usual one a look-alike in `text` gives."""
        if usual is None or (day - reference).days <= usual[1] or (
                weekday_agrees(day, weekday) is True):
            return None
        usual_days = sorted((found[0] for variant in _substituted(text)
                             if (found := find_date(variant, reference))
                             and usual[0] <= (found[0] - reference).days <= usual[1]), key=rank)
        return usual_days[0] if usual_days else None

    def _found(text: str) -> tuple[dt.date, int, int] | None:
        return find_date(_COMPACT_YMD.sub(r"\1/\2/\3", text), reference)

    if hit and inside(hit[0]):
        if (usual_day := _usual_lookalike(raw, hit[0])) is not None:
            return DateRead(usual_day, checked=False)
        if weekday_agrees(hit[0], weekday) is False:
            # A weekday that disagrees may be the misread part when it looks like the date's
            # own (水 for 木); otherwise a digit is likelier misread ('5/11(木)' for 5/14): one
            # look-alike or lost digit that the weekday bears out and that lands inside is
            # taken. Either way the clerk decides.
            agreeing = sorted({found[0] for text in misread_variants(raw, well_formed=True)
                               if (found := _found(text)) and inside(found[0])
                               and weekday_agrees(found[0], weekday)}, key=rank)
            own = _WEEKDAYS[hit[0].weekday()]
            if agreeing and own not in _WEEKDAY_LOOKALIKES.get(str(weekday), ""):
                return DateRead(agreeing[0], checked=False)
            return DateRead(hit[0], checked=False)
        return DateRead(hit[0])

    variants = {found[0] for text in misread_variants(raw, well_formed=hit is not None)
                if (found := _found(text))}
    near = sorted((day for day in variants if inside(day)), key=rank)
    if near:
        return DateRead(near[0], checked=False)
    month_day = None
    if hit and abs((hit[0] - reference).days) > _WIDE:
        month_day = find_date(f"{hit[0].month}/{hit[0].day}", reference)  # the year misread
        if month_day and abs((month_day[0] - reference).days) > _WIDE:
            month_day = None
    if month_day and inside(month_day[0]):
        if (usual_day := _usual_lookalike(f"{month_day[0].month}/{month_day[0].day}",
                                          month_day[0])) is not None:
            return DateRead(usual_day, checked=False)
        return DateRead(month_day[0], checked=False)
    # Only a date that cannot be right is guessed: none read, or one before the window (a
    # delivery before the order). One far after it may be a real date: kept as written.
    impossible = hit is None or (hit[0] - reference).days < low
    if guess and impossible and (
            day := _guess_month_day(raw, reference, inside, rank)) is not None:
        return DateRead(day, checked=False, guessed=True)
    if month_day:
        return DateRead(month_day[0], checked=False, in_window=False)
    return DateRead(hit[0], checked=False, in_window=False) if hit else None
