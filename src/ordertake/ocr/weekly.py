"""Weekly order sheets (週間発注表, 曜日別発注書) → one order sheet per delivery day (pure).

Such a sheet lists each product once with one count column per delivery day, titled by date
(11/24, 11/24(月), 2026/11/24, 24日) or by weekday (月 … 日, 月曜), the week written above the
table (2026年11月24日週, 納品週: 11/24～11/29, 対象期間 2026/11/24-2026/11/30) or the dates in
a second title row. Each day is a delivery of its own, so each day with a count becomes an
order: the sheet's header block, a 納品日 row, and the table with that day's column as its
数量 column and only the rows counted that day. Parse then reads each as any order sheet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ordertake.parse.dates import find_dates
from ordertake.parse.layout import HEADER_KEYWORDS, TOTAL_WORDS, title_key
from ordertake.parse.numbers import nfkc

MIN_DAY_COLUMNS = 2
"""One dated column is a table's date column, not a week."""
HEADER_ROWS = 40
"""The table's title row is looked for this far down (a form's header block is shorter)."""
DAY_LABEL = "納品日"
QUANTITY_TITLE = "数量"
WEEKDAYS = "月火水木金土日"
_WEEKDAY = re.compile(r"[(（]?([月火水木金土日])(?:曜日?)?[)）]?")
_WEEKDAY_MARK = re.compile(r"\s*[(（]\s*([月火水木金土日])\s*(?:曜日?)?\s*[)）]\s*$")
_DAY_OF_MONTH = re.compile(r"(\d{1,2})日?")
_WEEK_WORDS = re.compile(r"週|期間")
"""A header-block row naming the week: its first date is the week's first day."""
_NO_COUNT = {"", "0", "-", "－", "ー", "―", "‐", "—"}
"""What a day cell holds when nothing is ordered that day: nothing, a zero, a dash."""


def _titles(*roles: str) -> set[str]:
    return {title_key(t) for role in roles for t in HEADER_KEYWORDS[role]}


_ITEM_TITLES = _titles("code", "description")
_COUNT_TITLES = _titles("quantity", "cases", "loose")
"""A table with a count column of its own is no weekly table (月 | 日 | 品名 | 数量: each
line's month and day)."""
_WEEK_TOTALS = _titles("amount")
"""An amount beside day columns is the week's, not a day's: left out with the 合計 column."""


@dataclass(frozen=True)
class WeeklyTable:
    block: int
    """Rows above the table's title (the form's header block)."""
    title: int
    """The title row (code, name, the days...)."""
    body: int
    """The first row under the title (after a second title row of dates or weekdays)."""
    days: dict[int, str]
    """Each day column and the delivery date to write for it."""


def day_orders(rows: list[list[str]]) -> list[list[list[str]]]:
    """The rows of each day's order of a weekly sheet, in column order, for each day that
    has a count; any other sheet is one order, as it is."""
    table = _weekly_table(rows)
    if table is None:
        return [rows]
    days, header = table.days, rows[table.title]
    first = min(days)
    weekly = {i for i, cell in enumerate(header) if i > first and i not in days
              and (TOTAL_WORDS.match(key := title_key(cell)) or key.endswith("計")
                   or key in _WEEK_TOTALS)}  # 合計, 週計, 金額: the week's, no day's
    dropped = set(days) | weekly

    def one_day(row: list[str], count: str) -> list[str]:
        """`row` with the day and week columns gone and `count` where the first day stood."""
        cells = list(row) + [""] * (first + 1 - len(row))
        return [count if i == first else c for i, c in enumerate(cells)
                if i == first or i not in dropped]

    out = []
    for column, day in days.items():
        lines = [one_day(header, QUANTITY_TITLE)]
        for row in rows[table.body:]:
            count = _cell(row, column)
            if count not in _NO_COUNT or all(_cell(row, i) in _NO_COUNT for i in days):
                # (a row counted on no day, a blank row or a note under the table, stays)
                lines.append(one_day(row, count))
        if any(_cell(row, column) not in _NO_COUNT for row in rows[table.body:]):
            out.append(rows[:table.block] + [[DAY_LABEL, day], []] + lines)
    return out or [rows]


def _weekly_table(rows: list[list[str]]) -> WeeklyTable | None:
    """The title row of a weekly table (a code or name title and MIN_DAY_COLUMNS day titles
    or more, no count title), a second title row of dates or weekdays over or under it, and
    each day column's delivery date: yyyy/mm/dd where the sheet gives the year, else the
    title as written (parse takes the year from the order or receive date)."""
    for at, row in enumerate(rows[:HEADER_ROWS]):
        titles = _cells(row)
        keys = {title_key(t) for t in titles.values()}
        if not keys & _ITEM_TITLES or keys & _COUNT_TITLES:
            continue
        block, body = at, at + 1
        if body < len(rows) and (under := _day_titles(rows[body])):
            titles, body = _merged(titles, under), body + 1
        elif at > 0 and (over := _day_titles(rows[at - 1])):
            titles, block = _merged(titles, over), at - 1
        start, dated = _week_start(rows[:block])
        days = _resolve(titles, start, dated)
        if len(days) >= MIN_DAY_COLUMNS:
            return WeeklyTable(block, at, body, days)
    return None


def _day_titles(row: list[str]) -> dict[int, str]:
    """A row of day titles only (dates over the weekdays, or under them); else none."""
    titles = _cells(row)
    if len(titles) < MIN_DAY_COLUMNS or not all(_title_date(t, None, None)
                                                  for t in titles.values()):
        return {}
    return titles


def _merged(titles: dict[int, str], other: dict[int, str]) -> dict[int, str]:
    """Two title rows' cells as one: a date and a weekday as '11/24(月)'."""
    out = dict(titles)
    for i, text in other.items():
        pair = [t for t in (out.get(i, ""), text) if _title_date(t, None, None)]
        named = [m.group(1) for t in pair if (m := _WEEKDAY.fullmatch(t))]
        dated = [t for t in pair if not _WEEKDAY.fullmatch(t)]
        if named and dated and not _WEEKDAY_MARK.search(dated[0]):
            out[i] = f"{dated[0]}({named[0]})"
        else:
            out[i] = (dated or pair)[0]
    return out


def _week_start(block: list[list[str]]) -> tuple[dt.date | None, dt.date | None]:
    """From the header block above the table: the week's first day (a row naming the week),
    and the first date written with its year (the order date, the week)."""
    texts = [" ".join(_cells(row).values()) for row in block]
    dated = next((day for text in texts for day, _, _ in find_dates(text)), None)
    for text in texts:
        if _WEEK_WORDS.search(text) and (found := find_dates(text, dated)):
            return found[0][0], dated
    return None, dated


def _resolve(titles: dict[int, str], start: dt.date | None,
             dated: dt.date | None) -> dict[int, str]:
    """The day columns among `titles` and their delivery dates. Weekdays and days of the
    month follow on from the week's first day (else from the day after the dated header: an
    order is delivered after it is written), each column after the one before."""
    cursor = start or (dated + dt.timedelta(days=1) if dated else None)
    days: dict[int, str] = {}
    for i, title in titles.items():
        day = _title_date(title, cursor, dated)
        if isinstance(day, dt.date):
            days[i] = f"{day:%Y/%m/%d}"
            cursor = day + dt.timedelta(days=1)
        elif day:
            days[i] = day
    return days


def _title_date(title: str, cursor: dt.date | None, dated: dt.date | None) -> dt.date | str:
    """A column title's date (from `cursor` on, for a weekday or a day of the month); the
    title itself when it names a day no date is known for; '' when it names no day."""
    mark = _WEEKDAY_MARK.search(title)
    weekday = mark.group(1) if mark else None
    bare = title[:mark.start()] if mark else title
    if (named := _WEEKDAY.fullmatch(title)) is not None:
        return _next(cursor, lambda d: WEEKDAYS[d.weekday()] == named.group(1)) or title
    if (numbered := _DAY_OF_MONTH.fullmatch(bare)) is not None and (weekday or "日" in bare):
        return _next(cursor, lambda d: d.day == int(numbered.group(1))
                     and weekday in (None, WEEKDAYS[d.weekday()])) or title
    if not re.search(r"\d", title):
        return ""  # (find_dates reads 明日 or 当日 as a date)
    written = find_dates(bare)  # with the year written
    if len(written) == 1 and written[0][1:] == (0, len(bare)):
        return written[0][0]
    month_day = find_dates(title, dated or dt.date(2000, 1, 1))  # (2000: 2/29 is a day)
    if len(month_day) == 1 and month_day[0][1:] == (0, len(title)):
        return month_day[0][0] if dated else title
    return ""


def _next(cursor: dt.date | None, wanted: Callable[[dt.date], bool]) -> dt.date | None:
    """The first day from `cursor` on that is `wanted`, within a month."""
    if cursor is None:
        return None
    return next((day for ahead in range(31)
                 if wanted(day := cursor + dt.timedelta(days=ahead))), None)


def _cells(row: list[str]) -> dict[int, str]:
    """A row's filled cells by column, NFKC."""
    return {i: text for i, cell in enumerate(row) if (text := nfkc(cell).strip())}


def _cell(row: list[str], index: int) -> str:
    return nfkc(row[index]).strip() if index < len(row) else ""
