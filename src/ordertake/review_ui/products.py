"""Product typeahead: code substrings first, then the matching area's `Matcher.search`
(cached per master-data state) for names and kana; a LIKE search if no Matcher is available."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ordertake.db.models import CustomerAliasRow, ProductRow


def product_dict(row: ProductRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "code": row.code,
        "name": row.name,
        "name_kana": row.name_kana,
        "unit": row.unit,
        "price": float(row.price) if row.price is not None else None,
    }


class ProductSearch:
    """Holds one Matcher for the app, rebuilt when products or aliases change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._matcher: Any = None

    def _state_key(self, session: Session) -> tuple[Any, ...]:
        products = session.execute(
            select(func.count(ProductRow.id), func.max(ProductRow.updated_at))
        ).one()
        aliases = session.execute(
            select(func.count(CustomerAliasRow.id), func.max(CustomerAliasRow.id))
        ).one()
        return (*products, *aliases)

    def matcher(self, session: Session) -> Any:
        """The cached Matcher, rebuilt when the master data changes."""
        from ordertake.matching import Matcher
        from ordertake.matching.catalog import load_catalog_db

        key = self._state_key(session)
        with self._lock:
            if self._matcher is None or key != self._key:
                self._matcher = Matcher(load_catalog_db(session))
                self._key = key
            return self._matcher

    def search(self, session: Session, query: str, limit: int = 10) -> list[dict[str, Any]]:
        query = query.strip()
        if not query:
            return []
        # Part of a code ("10024") is what clerks type most; the matcher ranks names and kana.
        found = {p["code"]: p for p in like_search(session, query, limit, codes_only=True)}
        matcher = self.matcher(session)
        if matcher is not None:
            codes = [p.code for p in matcher.search(query, limit=limit)]
            rows = session.scalars(select(ProductRow).where(ProductRow.code.in_(codes))).all()
            by_code = {row.code: row for row in rows}
            for code in codes:
                if code in by_code:
                    found.setdefault(code, product_dict(by_code[code]))
        else:
            for product in like_search(session, query, limit):
                found.setdefault(product["code"], product)
        return list(found.values())[:limit]


def like_search(
    session: Session, query: str, limit: int, codes_only: bool = False
) -> list[dict[str, Any]]:
    pattern = f"%{query.replace('%', '').replace('_', '')}%"
    fields = [ProductRow.code] if codes_only else [
        ProductRow.code, ProductRow.name, ProductRow.name_kana
    ]
    rows = session.scalars(
        select(ProductRow)
        .where(ProductRow.active.is_(True), or_(*(f.ilike(pattern) for f in fields)))
        .order_by(ProductRow.code)
        .limit(limit)
    ).all()
    return [product_dict(row) for row in rows]
