"""Navigation entries that each `routes_*.py` module may contribute to the base layout."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    href: str
    ja: str
    en: str
    admin_only: bool = False
    order: int = 50
    """Position in the nav bar (lower first)."""
