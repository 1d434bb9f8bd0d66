"""Pure CSV writing: export records + profile + encoding → bytes. No I/O here.

CP932 output has CRLF line ends (what 弥生販売-style importers require); UTF-8 output starts
with a BOM so Excel reads it, and its text cells that would run as formulas get a leading '
(per profile: `escape_formulas`). A character the target encoding cannot hold is reported with its
order and line, and the CSV is not produced unless the caller explicitly asks to replace it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from ordertake.errors import ExportError, InputError
from ordertake.export.profiles import NUMERIC_FIELDS, ExportProfile

ENCODINGS = ("cp932", "utf-8-sig")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection)."""
REPLACEMENT_CHAR = "〓"
"""げた記号: the customary Japanese mark for a character that could not be set."""

# Well-known 異体字 whose standard form every JIS X 0208 system has.
VARIANTS = {
    "髙": "高", "﨑": "崎", "𠮷": "吉", "德": "徳", "瀨": "瀬", "濵": "浜", "栁": "柳",
}  # fmt: skip


@dataclass(frozen=True)
class ExportRecord:
    """One CSV row: one line of one approved order, values already resolved from the database."""

    order_id: int
    line_no: int
    customer_code: str = ""
    customer_name: str = ""
    order_number: str = ""
    order_date: dt.date | None = None
    delivery_date: dt.date | None = None
    product_code: str = ""
    product_name: str = ""
    description: str = ""
    quantity: Decimal | None = None
    unit: str = ""
    base_quantity: Decimal | None = None
    base_unit: str = ""
    unit_price: Decimal | None = None
    amount: Decimal | None = None
    notes: str = ""
    ship_to: str = ""
    source: str = ""
    approved_by: str = ""
    approved_at: dt.datetime | None = None
    auto_approved: bool = False


@dataclass(frozen=True)
class EncodingProblem:
    order_id: int
    line_no: int
    column: str
    char: str
    reason: str

    def __str__(self) -> str:
        return (
            f"order {self.order_id} line {self.line_no} ({self.column}): "
            f"{self.char!r} U+{ord(self.char):04X} {self.reason}"
        )


@dataclass(frozen=True)
class Replacement:
    problem: EncodingProblem
    replaced_by: str


class UnencodableError(ExportError):
    """Some characters cannot be written in the chosen encoding; nothing was written."""

    def __init__(self, problems: list[EncodingProblem], encoding: str) -> None:
        shown = "; ".join(str(p) for p in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(
            f"{len(problems)} character(s) cannot be written as {encoding}: {shown}{more}",
            hint="correct them in the order, export as utf-8-sig, or pass "
            "--replace-unencodable to replace them (every replacement is listed)",
        )
        self.problems = problems
        self.encoding = encoding


@dataclass(frozen=True)
class CellNote:
    """A cell worth telling the clerk about (a neutralised or a formula-like value)."""

    order_id: int
    line_no: int
    column: str


@dataclass
class RenderedCsv:
    data: bytes
    line_count: int
    order_ids: list[int]
    replacements: list[Replacement] = field(default_factory=list)
    escaped: list[CellNote] = field(default_factory=list)
    """Text cells given a leading ' so Excel shows them instead of running them."""
    formula_like: list[CellNote] = field(default_factory=list)
    """Text cells starting like a formula, written unchanged (this encoding is not escaped)."""


@lru_cache(maxsize=4096)
def cp932_problem(char: str, allow_ibm_extensions: bool) -> str | None:
    """Why `char` cannot go into a CP932 export, or None if it can."""
    try:
        encoded = char.encode("cp932")
    except UnicodeEncodeError:
        return "is not in CP932"
    lead = encoded[0]
    if len(encoded) == 2 and 0xF0 <= lead <= 0xF9:
        return "is a user-defined character (外字) no other system can read"
    if len(encoded) == 2 and not allow_ibm_extensions and (lead in (0xED, 0xEE) or lead >= 0xFA):
        return "is an NEC/IBM extension kanji outside JIS X 0208"
    return None


def replacement_for(char: str, allow_ibm_extensions: bool) -> str:
    """The standard form of a variant kanji, else its NFKC form, else 〓."""
    candidates = [VARIANTS.get(char, ""), unicodedata.normalize("NFKC", char)]
    for candidate in candidates:
        if (
            candidate
            and candidate != char
            and all(cp932_problem(c, allow_ibm_extensions) is None for c in candidate)
        ):
            return candidate
    return REPLACEMENT_CHAR


def format_value(value: object, profile: ExportProfile) -> str:
    """A record value as CSV text: dates per profile, numbers without trailing zeros."""
    kind = type(value)
    if kind is str:
        text: str = value  # type: ignore[assignment]
        if "\n" in text or "\r" in text:
            # Importers read one record per physical line, so breaks inside a value become spaces.
            text = " ".join(text.splitlines())
        return text
    if value is None:
        return ""
    if kind is int:
        return str(value)
    if kind is Decimal:
        return _decimal_text(value)  # type: ignore[arg-type]
    if kind is dt.date:
        return _date_text(value, profile.date_format)  # type: ignore[arg-type]
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        local = value if value.tzinfo is None else value.astimezone(ZoneInfo(profile.timezone))
        return local.strftime(profile.datetime_format)
    if isinstance(value, dt.date):
        return _date_text(value, profile.date_format)
    if isinstance(value, Decimal):
        return _decimal_text(value)
    if isinstance(value, float):
        return _decimal_text(Decimal(repr(value)))
    return format_value(str(value), profile)


@lru_cache(maxsize=8192)
def _decimal_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


@lru_cache(maxsize=4096)
def _date_text(value: dt.date, date_format: str) -> str:
    return value.strftime(date_format)


@lru_cache(maxsize=65536)
def _cp932_bad_chars(text: str, allow_ibm_extensions: bool) -> tuple[tuple[str, str], ...]:
    """(character, reason) for each character of `text` CP932 export refuses (cached: names and
    product texts repeat on every line)."""
    found = []
    for char in text:
        reason = cp932_problem(char, allow_ibm_extensions)
        if reason is not None:
            found.append((char, reason))
    return tuple(found)


def render_csv(
    records: Iterable[ExportRecord],
    profile: ExportProfile,
    encoding: str = "cp932",
    *,
    replace_unencodable: bool = False,
) -> RenderedCsv:
    """Write `records` as CSV bytes.

    Raises:
        InputError: unknown encoding.
        UnencodableError: a character does not fit `encoding` and replacing was not asked for.
    """
    if encoding not in ENCODINGS:
        raise InputError(f"unknown export encoding {encoding!r}", hint="use cp932 or utf-8-sig")
    check = encoding == "cp932"
    allow_ibm = profile.allow_ibm_extensions
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    problems: list[EncodingProblem] = []
    replacements: list[Replacement] = []
    escape = encoding in profile.escape_formulas
    escaped: list[CellNote] = []
    formula_like: list[CellNote] = []
    if profile.header:
        writer.writerow(_checked_header(profile, check))
    line_count = 0
    order_ids: dict[int, None] = {}
    for record in records:
        row = []
        for column in profile.columns:
            text = (
                column.value
                if column.field is None
                else format_value(getattr(record, column.field), profile)
            )
            if check and not text.isascii() and _cp932_bad_chars(text, allow_ibm):
                text = _fit_cp932(
                    text, record, column.heading, profile, replace_unencodable,
                    problems, replacements,
                )  # fmt: skip
            if text.startswith(FORMULA_START) and column.field not in NUMERIC_FIELDS and (
                column.field is not None
            ):
                note = CellNote(record.order_id, record.line_no, column.heading)
                if escape:
                    text = "'" + text
                    escaped.append(note)
                else:
                    formula_like.append(note)
            row.append(text)
        writer.writerow(row)
        line_count += 1
        order_ids[record.order_id] = None
    if problems:
        raise UnencodableError(problems, encoding)
    return RenderedCsv(
        data=buffer.getvalue().encode(encoding),
        line_count=line_count,
        order_ids=list(order_ids),
        replacements=replacements,
        escaped=escaped,
        formula_like=formula_like,
    )


def _checked_header(profile: ExportProfile, check: bool) -> list[str]:
    headings = [c.heading for c in profile.columns]
    if check:
        for heading in headings:
            bad = [c for c in heading if cp932_problem(c, profile.allow_ibm_extensions)]
            if bad:
                raise InputError(
                    f"export profile {profile.name}: heading {heading!r} cannot be written as cp932"
                )
    return headings


def _fit_cp932(
    text: str,
    record: ExportRecord,
    heading: str,
    profile: ExportProfile,
    replace: bool,
    problems: list[EncodingProblem],
    replacements: list[Replacement],
) -> str:
    out = []
    for char in text:
        reason = cp932_problem(char, profile.allow_ibm_extensions)
        if reason is None:
            out.append(char)
            continue
        problem = EncodingProblem(record.order_id, record.line_no, heading, char, reason)
        if replace:
            substitute = replacement_for(char, profile.allow_ibm_extensions)
            replacements.append(Replacement(problem, substitute))
            out.append(substitute)
        else:
            problems.append(problem)
            out.append(char)
    return "".join(out)
