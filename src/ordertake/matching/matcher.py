"""The Matcher: customer and products for a parsed order, built once per catalog (pure)."""

from __future__ import annotations

import bisect
import dataclasses

from rapidfuzz import fuzz

from ordertake.domain import (
    Candidate,
    CustomerMatch,
    DraftLine,
    MatchedLine,
    MatchedOrder,
    OrderDraft,
    Product,
    SourceMeta,
)
from ordertake.matching.catalog import Catalog
from ordertake.matching.customers import CustomerIdentifier
from ordertake.matching.index import match_key
from ordertake.matching.normalize import normalize
from ordertake.matching.products import PriceHint, ProductMatcher
from ordertake.matching.units import (
    CASE,
    check_price,
    expected_price,
    quantity_from_amount,
    reconcile_units,
)
from ordertake.units import canonical_unit

SEARCH_MAX = 50
WARNED_LINE_CONFIDENCE = 0.6
"""Highest confidence of a line carrying a warning: below any sensible auto-accept
threshold, so the review screen marks it like a doubtful product."""
REREAD_CAP = 0.65
"""Highest confidence of a product the name's second reading (from the page picture) named
where the first reading named another or none: the clerk confirms it."""


class Matcher:
    def __init__(self, catalog: Catalog, auto_accept_threshold: float = 0.8) -> None:
        self.catalog = catalog
        self.threshold = auto_accept_threshold
        self.products = ProductMatcher(catalog.products, catalog.customer_aliases, catalog.history)
        self.customers = CustomerIdentifier(catalog.customers)
        self._codes = sorted((code, i) for i, code in enumerate(self.products.codes))

    # ── products ───────────────────────────────────────────────────────────────────────

    def match_text(
        self,
        text: str,
        customer_code: str | None = None,
        code: str | None = None,
        unit_price: float | None = None,
        unit: str | None = None,
    ) -> list[Candidate]:
        """Up to five scored candidates for one written line, best first.

        A written unit price (and unit) counts as a little evidence for products priced so, a
        unit as a little evidence for products sold in it.
        """
        price = None
        if unit_price is not None or unit:
            agreed = self.catalog.customer_prices.get(customer_code or "", {})
            price = PriceHint(unit_price, canonical_unit(unit) if unit else None, agreed)
        return self.products.match(text or "", code, customer_code, price)

    def product(self, code: str) -> Product | None:
        i = self.products.position(code)
        return None if i is None else self.products.product(i)

    def search(self, query: str, limit: int = 10) -> list[Product]:
        """Typeahead: products by code prefix, then by name or reading, best first."""
        limit = max(1, min(limit, SEARCH_MAX))
        norm = normalize(query)
        if not norm:
            return []
        found: list[int] = []
        start = bisect.bisect_left(self._codes, (norm, -1))
        for code, i in self._codes[start : start + limit]:
            if not code.startswith(norm):
                break
            found.append(i)
        key = match_key(query)
        if len(found) < limit and (key.text or key.specs):
            index = self.products.index
            scored = []
            for i, _ in index.candidates(key, limit=max(30, 3 * limit)):
                item = index.items[i]
                sim = max(
                    fuzz.WRatio(key.text, item.name.text), fuzz.WRatio(key.text, item.kana.text)
                )
                scored.append((-sim, i))
            found += [i for _, i in sorted(scored) if i not in found]
        return [self.products.product(i) for i in found[:limit]]

    # ── customers and whole orders ─────────────────────────────────────────────────────

    def identify_customer(self, draft: OrderDraft, meta: SourceMeta) -> CustomerMatch:
        return self.customers.identify(draft, meta)

    def match_order(self, draft: OrderDraft, meta: SourceMeta) -> MatchedOrder:
        customer = self.identify_customer(draft, meta)
        code = customer.customer_code
        lines = [self._match_line(line, code) for line in draft.lines]
        warnings = list(draft.warnings)
        if code is None:
            warnings.append("得意先を特定できません: 得意先を選んでください")
        flagged = sum(1 for line in lines
                      if not line.candidates or line.candidates[0].score < self.threshold)
        if flagged:
            warnings.append(f"{flagged}行の商品は確認が必要です")
        return MatchedOrder(draft=draft, customer=customer, lines=lines, warnings=warnings)

    def _line_candidates(self, line: DraftLine, customer_code: str | None) -> list[Candidate]:
        """The candidates for the line's name as the page OCR read it, or as it was read again
        from the page picture (parse/namereads.py) where that names a product more surely.
        Two readings naming one product make it surer; a product only the second reading
        names is left for the clerk to confirm."""
        candidates = self.match_text(
            line.description, customer_code, line.code, line.unit_price, line.unit
        )
        for reading in line.readings:
            other = self.match_text(reading, customer_code, line.code, line.unit_price,
                                    line.unit)
            if not other or (candidates and other[0].score <= candidates[0].score):
                continue
            agrees = bool(candidates) and other[0].product_code == candidates[0].product_code
            candidates = [
                dataclasses.replace(c, score=c.score if agrees else min(c.score, REREAD_CAP),
                                    reason=c.reason + "・品名を画像から再読")
                for c in other
            ]
        return candidates

    def _match_line(self, line, customer_code: str | None) -> MatchedLine:  # type: ignore[no-untyped-def]
        candidates = self._line_candidates(line, customer_code)
        warnings = list(line.warnings)
        top = self.product(candidates[0].product_code) if candidates else None
        if top is None:
            warnings.append("該当する商品が見つかりません")
            return MatchedLine(
                draft=line,
                product_code=None,
                product_name=None,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                confidence=0.0,
                candidates=candidates,
                warnings=warnings,
            )
        agreed = self.catalog.customer_prices.get(customer_code or "", {}).get(top.code)
        quantity = line.quantity
        written_unit = canonical_unit(line.unit) if line.unit else None
        units_meant = [written_unit] if written_unit else [top.unit, CASE]
        prices = [expected_price(top, unit, agreed) for unit in units_meant]
        implied = None if line.quantity_kept else quantity_from_amount(
            quantity, line.unit_price, line.amount, [p for p in prices if p is not None])
        if implied is not None:
            warnings.append(f"数量 {quantity:g} を {implied:g} と読み替えました"
                            f"（金額 {line.amount:,.0f}円 ÷ 単価）: 確認してください")
            quantity = implied
        units = reconcile_units(quantity, line.unit, top)
        warnings += units.warnings + check_price(line.unit_price, top, units.unit, agreed)
        score = candidates[0].score
        if score < self.threshold:
            warnings.append(f"商品の確からしさ {score:.0%}: 確認してください")
        return MatchedLine(
            draft=line,
            product_code=top.code,
            product_name=top.name,
            quantity=quantity,
            unit=units.unit,
            unit_price=line.unit_price,
            # A line the clerk is asked about (a doubtful quantity, price or unit) is never
            # sure, however well its product matched.
            confidence=min(score, WARNED_LINE_CONFIDENCE) if warnings else score,
            candidates=candidates,
            base_quantity=units.base_quantity,
            base_unit=units.base_unit,
            warnings=warnings,
        )
