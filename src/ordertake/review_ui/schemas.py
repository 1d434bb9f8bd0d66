"""Request bodies of the JSON API (pydantic); responses are the dicts built in `views.py`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field


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


class ApproveIn(BaseModel):
    version: int
    confirm_duplicate: bool = Field(
        False, description="Approve a possible duplicate anyway: it is a separate order."
    )


class RejectIn(BaseModel):
    version: int
    reason: str = Field(min_length=1, max_length=2000)
