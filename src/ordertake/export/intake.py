"""What happens to fresh drafts inside the worker's transaction: duplicate check, then touchless."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from ordertake.config import Settings
from ordertake.db.models import OrderRow
from ordertake.export.duplicates import flag_duplicates
from ordertake.export.touchless import maybe_auto_approve


def after_drafts_saved(session: Session, orders: Iterable[OrderRow], settings: Settings) -> None:
    """Flag possible duplicates, then approve what trusted customers sent cleanly.

    Duplicates are flagged first so a resent fax is never approved without a clerk.
    """
    for order in orders:
        flag_duplicates(session, order, days=settings.duplicate_days)
        maybe_auto_approve(session, order, settings.auto_accept_threshold)
