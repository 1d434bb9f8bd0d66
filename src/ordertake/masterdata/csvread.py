"""Read and validate master-data CSVs (DESIGN.md formats) into domain values.

Encoding is detected (UTF-8, UTF-8 with BOM, CP932); the delimiter is sniffed from the header
line. A bad row becomes a RowError with its physical line number; good rows are still returned.
A file that cannot be read at all raises MasterDataError naming the fix.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Generic, TypeVar

from ordertake.domain import Customer, Product
from ordertake.errors import MasterDataError
from ordertake.units import UNITS, canonical_unit

T = TypeVar("T")

MAX_CSV_BYTES = 64 * 1024 * 1024
PRODUCT_REQUIRED = ("code", "name", "unit", "price")
PRODUCT_OPTIONAL = ("name_kana", "case_qty", "aliases", "jan")
CUSTOMER_REQUIRED = ("code", "name", "fax", "email")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class RowError:
    line: int
    code: str
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f" (code {self.code})" if self.code else "")
        return f"{where}: {self.reason}"


@dataclass
class ReadResult(Generic[T]):
    path: Path
    encoding: str
    rows: list[T] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    """Physical line number of each row in `rows`."""
    errors: list[RowError] = field(default_factory=list)


class _RowRejected(Exception):
    pass


def decode_csv_bytes(data: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding name) for UTF-8 (with or without BOM) or CP932 bytes."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return text, encoding
    raise MasterDataError(
        f"{path}: the file is neither UTF-8 nor CP932 (Shift_JIS)",
        hint="save it from Excel as 'CSV UTF-8' or 'CSV (comma delimited)'",
    )


def _load(path: Path, required: tuple[str, ...], optional: tuple[str, ...]):  # type: ignore[no-untyped-def]
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise MasterDataError(f"{path}: cannot open ({exc.strerror})") from exc
    if size == 0:
        raise MasterDataError(
            f"{path}: the file is empty", hint=f"expected a header line {','.join(required)}"
        )
    if size > MAX_CSV_BYTES:
        raise MasterDataError(
            f"{path}: {size / 1e6:.0f} MB is more than the {MAX_CSV_BYTES // 2**20} MiB limit",
            hint="split the file and import the parts one after another",
        )
    text, encoding = decode_csv_bytes(path.read_bytes(), path)
    first_line = text.split("\n", 1)[0]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(first_line, ",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [unicodedata.normalize("NFKC", h).strip().lower() for h in next(reader)]
    except StopIteration:
        raise MasterDataError(f"{path}: the file is empty") from None
    missing = [name for name in required if name not in header]
    if missing:
        raise MasterDataError(
            f"{path}: line 1: the header lacks {', '.join(missing)} (found: {','.join(header)})",
            hint=f"the first line must be {','.join(required)}"
            + (f" optionally followed by {','.join(optional)}" if optional else ""),
        )
    return reader, header, encoding


def _records(reader, header: list[str]) -> Iterator[tuple[int, dict[str, str]]]:  # type: ignore[no-untyped-def]
    line = reader.line_num
    for values in reader:
        start, line = line + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue
        record = {
            name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(header)
        }
        if len(values) > len(header):
            record["__extra__"] = ",".join(values[len(header) :])
        yield start, record


def _read(
    path: Path,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    build: Callable[[dict[str, str]], T],
    code_of: Callable[[T], str],
) -> ReadResult[T]:
    reader, header, encoding = _load(path, required, optional)
    result: ReadResult[T] = ReadResult(path=path, encoding=encoding)
    first_line_of: dict[str, int] = {}
    try:
        for line, record in _records(reader, header):
            code = record.get("code", "")
            try:
                if "__extra__" in record:
                    raise _RowRejected(
                        f"more fields than the header has columns ({record['__extra__']!r});"
                        " quote values that contain the delimiter"
                    )
                item = build(record)
            except _RowRejected as exc:
                result.errors.append(RowError(line, code, str(exc)))
                continue
            key = code_of(item)
            if key in first_line_of:
                result.errors.append(
                    RowError(line, code, f"duplicate code; first seen on line {first_line_of[key]}")
                )
                continue
            first_line_of[key] = line
            result.rows.append(item)
            result.lines.append(line)
    except csv.Error as exc:
        raise MasterDataError(
            f"{path}: line {reader.line_num}: broken CSV ({exc})",
            hint="check for an unclosed quote on that line",
        ) from exc
    return result


def parse_decimal(text: str) -> Decimal | None:
    """'1,200', '¥1,200', '１２００円' → Decimal; '' → None; otherwise ValueError."""
    cleaned = unicodedata.normalize("NFKC", text).replace(",", "").replace("¥", "")
    cleaned = cleaned.replace("\\", "").replace("円", "").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def _code(record: dict[str, str]) -> str:
    code = unicodedata.normalize("NFKC", record["code"]).strip()
    if not code:
        raise _RowRejected("missing code")
    if len(code) > 64:
        raise _RowRejected("code longer than 64 characters")
    return code


def _name(record: dict[str, str]) -> str:
    name = record["name"].strip()
    if not name:
        raise _RowRejected("missing name")
    return name


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _product(record: dict[str, str]) -> Product:
    code, name = _code(record), _name(record)
    unit = canonical_unit(record["unit"])
    if unit is None:
        raise _RowRejected(
            f"unknown unit {record['unit']!r}; use one of {', '.join(UNITS[:12])}, ..."
        )
    try:
        price = parse_decimal(record["price"])
    except ValueError:
        raise _RowRejected(f"bad price {record['price']!r}; write a number such as 420") from None
    if price is not None and price < 0:
        raise _RowRejected(f"negative price {record['price']!r}")
    case_qty: int | None = None
    if record.get("case_qty"):
        try:
            case_qty = int(unicodedata.normalize("NFKC", record["case_qty"]))
        except ValueError:
            raise _RowRejected(
                f"bad case_qty {record['case_qty']!r}; write a whole number"
            ) from None
        if case_qty <= 0:
            raise _RowRejected(f"case_qty must be positive, not {case_qty}")
    return Product(
        code=code,
        name=name,
        unit=unit,
        price=float(price) if price is not None else None,
        name_kana=record.get("name_kana", ""),
        case_qty=case_qty,
        aliases=_split(record.get("aliases", "")),
        jan=unicodedata.normalize("NFKC", record.get("jan", "")).strip(),
    )


def _customer(record: dict[str, str]) -> Customer:
    code, name = _code(record), _name(record)
    faxes = _split(record["fax"])
    for fax in faxes:
        digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", fax))
        if not 9 <= len(digits) <= 13:
            raise _RowRejected(f"bad fax number {fax!r}; write it like 03-1234-5678")
    emails = _split(record["email"])
    for email in emails:
        if not _EMAIL.match(email):
            raise _RowRejected(f"bad e-mail address {email!r}")
    return Customer(code=code, name=name, faxes=faxes, emails=tuple(e.lower() for e in emails))


def read_products_csv(path: Path) -> ReadResult[Product]:
    return _read(Path(path), PRODUCT_REQUIRED, PRODUCT_OPTIONAL, _product, lambda p: p.code)


def read_customers_csv(path: Path) -> ReadResult[Customer]:
    return _read(Path(path), CUSTOMER_REQUIRED, (), _customer, lambda c: c.code)
