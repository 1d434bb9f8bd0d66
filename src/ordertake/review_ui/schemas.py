"""Request bodies of the JSON API (pydantic); responses are the dicts built in `views.py`."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

DATE_FORMAT_HINT = "2026/11/20"
DATE_PATTERN = "[0-9０-９]{4}[^0-9０-９][0-9０-９]{1,2}[^0-9０-９][0-9０-９]{1,2}日?"
"""The browser-side hint (HTML pattern attribute); the server parses and explains."""
_DATE = re.compile(r"^(\d{4})\s*[/\-.年]\s*(\d{1,2})\s*[/\-.月]\s*(\d{1,2})\s*日?$")


def parse_date_text(value: Any) -> dt.date | None:
    """A date typed by a clerk: 2026/11/20, 2026-11-20, 2026年11月20日 (full-width too); '' → None.

    Raises:
        ValueError: anything else, with a message saying how to write it.
    """
    if value is None or isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    match = _DATE.match(text)
    try:
        if match is None:
            raise ValueError(text)
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise ValueError(
            f"「{str(value)[:40]}」は日付として読めません。"
            f"{DATE_FORMAT_HINT} の形で入力してください"
            f" / not a date: write it as {DATE_FORMAT_HINT}"
        ) from None


class LineIn(BaseModel):
    """One line as the clerk left it; `id` is null for a line added on the screen."""

    id: int | None = None
    product_id: int | None = None
    description: str = Field("", max_length=2000)
    quantity: Decimal | None = Field(None, ge=0, le=Decimal("99999999"))
    unit: str = Field("", max_length=32)
    unit_price: Decimal | None = Field(None, ge=0, le=Decimal("999999999"))


class OrderPatch(BaseModel):
    """Only the fields present are changed; `lines`, when present, is the full new list."""

    version: int = Field(description="The version the edit was based on (optimistic locking).")
    customer_id: int | None = None
    order_number: str | None = Field(None, max_length=128)
    order_date: dt.date | None = None
    delivery_date: dt.date | None = None
    ship_to: str | None = Field(None, max_length=2000)
    notes: str | None = Field(None, max_length=4000)
    duplicate_confirmed: bool | None = Field(
        None, description="The clerk checked that a flagged possible duplicate is a separate order."
    )
    lines: list[LineIn] | None = None

    @field_validator("order_date", "delivery_date", mode="before")
    @classmethod
    def _typed_date(cls, value: Any) -> dt.date | None:
        try:
            return parse_date_text(value)
        except ValueError as exc:
            raise PydanticCustomError("date_format", str(exc)) from None


class ApproveIn(BaseModel):
    version: int
    confirm_duplicate: bool = Field(
        False, description="Approve a possible duplicate anyway: it is a separate order."
    )


class RejectIn(BaseModel):
    version: int
    reason: str = Field(min_length=1, max_length=2000)
