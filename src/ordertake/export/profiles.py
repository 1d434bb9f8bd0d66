"""Export profiles: the columns, their order and headings, date format and fixed values.

A profile is a small TOML file. The shipped ones live in `export/profiles/`; `--profile` also
accepts a path to your own file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ordertake.errors import InputError

PROFILE_DIR = Path(__file__).parent / "profiles"
DEFAULT_PROFILE = "generic"

FIELDS = (
    "order_id",
    "customer_code",
    "customer_name",
    "order_number",
    "order_date",
    "delivery_date",
    "line_no",
    "product_code",
    "product_name",
    "description",
    "quantity",
    "unit",
    "base_quantity",
    "base_unit",
    "unit_price",
    "amount",
    "notes",
    "ship_to",
    "source",
    "approved_by",
    "approved_at",
    "auto_approved",
)
"""Every value an export row can carry (see export.csvwrite.ExportRecord)."""

NUMERIC_FIELDS = frozenset(
    {"order_id", "line_no", "quantity", "base_quantity", "unit_price", "amount", "auto_approved"}
)
"""Written from numbers, never from document text: a minus sign there is a real negative."""

FORMULA_ENCODINGS_DEFAULT = ("utf-8-sig",)
"""Where text cells that could run as a spreadsheet formula get a leading ' by default: the
UTF-8/BOM file is the one opened in Excel; CP932 files go to sales-system imports unchanged."""


@dataclass(frozen=True)
class Column:
    heading: str
    field: str | None = None
    """A name from FIELDS; None for a fixed value."""
    value: str = ""
    """The fixed value written in every row when `field` is None."""


@dataclass(frozen=True)
class ExportProfile:
    name: str
    columns: tuple[Column, ...]
    description: str = ""
    date_format: str = "%Y-%m-%d"
    datetime_format: str = "%Y-%m-%dT%H:%M:%S%z"
    timezone: str = "Asia/Tokyo"
    allow_ibm_extensions: bool = False
    """Let through the NEC/IBM extension kanji that CP932 has but JIS X 0208 lacks."""
    header: bool = True
    """Write a heading row first."""
    escape_formulas: tuple[str, ...] = FORMULA_ENCODINGS_DEFAULT
    """Encodings in which a text cell starting with = + - @ tab or CR gets a leading ' (OWASP
    CSV injection rule). Numeric columns are never touched."""


def list_profiles() -> list[str]:
    """Names of the shipped profiles."""
    return sorted(p.stem for p in PROFILE_DIR.glob("*.toml"))


def load_profile(name_or_path: str | None = None) -> ExportProfile:
    """A shipped profile by name, or a TOML file by path.

    Raises:
        InputError: unknown name, unreadable file, or a column naming an unknown field.
    """
    name = name_or_path or DEFAULT_PROFILE
    path = Path(name)
    if not (path.suffix == ".toml" and path.is_file()):
        path = PROFILE_DIR / f"{name}.toml"
        if not path.is_file():
            raise InputError(
                f"unknown export profile {name!r}",
                hint=f"use one of {', '.join(list_profiles())} or the path of a .toml file",
            )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read export profile: {exc}") from exc
    return profile_from_dict(data, default_name=path.stem, origin=str(path))


def profile_from_dict(data: dict, *, default_name: str, origin: str = "") -> ExportProfile:  # type: ignore[type-arg]
    """Validate a parsed TOML profile (pure)."""
    where = origin or default_name
    raw_columns = data.get("columns")
    if not isinstance(raw_columns, list) or not raw_columns:
        raise InputError(f"{where}: an export profile needs [[columns]] entries")
    columns = []
    for i, raw in enumerate(raw_columns, start=1):
        if not isinstance(raw, dict) or "heading" not in raw:
            raise InputError(f"{where}: column {i} needs a heading")
        field = raw.get("field")
        if field is None and "value" not in raw:
            raise InputError(f"{where}: column {i} ({raw['heading']}) needs a field or a value")
        if field is not None and field not in FIELDS:
            raise InputError(
                f"{where}: column {i} ({raw['heading']}) names unknown field {field!r}",
                hint=f"fields: {', '.join(FIELDS)}",
            )
        columns.append(Column(str(raw["heading"]), field, str(raw.get("value", ""))))
    timezone = str(data.get("timezone", "Asia/Tokyo"))
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(f"{where}: unknown timezone {timezone!r}") from exc
    escape = data.get("escape_formulas", list(FORMULA_ENCODINGS_DEFAULT))
    if not isinstance(escape, list) or any(e not in ("cp932", "utf-8-sig") for e in escape):
        raise InputError(
            f"{where}: escape_formulas must be a list of encodings",
            hint='e.g. escape_formulas = ["utf-8-sig"] (or [] / ["utf-8-sig", "cp932"])',
        )
    return ExportProfile(
        name=str(data.get("name", default_name)),
        columns=tuple(columns),
        description=str(data.get("description", "")),
        date_format=str(data.get("date_format", "%Y-%m-%d")),
        datetime_format=str(data.get("datetime_format", "%Y-%m-%dT%H:%M:%S%z")),
        timezone=timezone,
        allow_ibm_extensions=bool(data.get("allow_ibm_extensions", False)),
        header=bool(data.get("header", True)),
        escape_formulas=tuple(escape),
    )
