"""Which customer sent an order, from every signal, with a confidence and the reason (pure).

Signals: the fax number known from the gateway (subject, sender, file name), the fax header line
printed on the page, the form's own FAX/TEL lines, the e-mail sender address and its domain, and
the customer name on the form (fuzzy, with 株式会社 forms removed). Agreeing signals add up,
disagreeing ones lower the confidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ordertake.domain import Customer, CustomerMatch, OrderDraft, SourceMeta
from ordertake.matching.normalize import company_key, email_key, phone_key

# Free-mail domains say nothing about who is writing.
PUBLIC_DOMAINS = frozenset(
    "gmail.com yahoo.co.jp yahoo.com ezweb.ne.jp docomo.ne.jp softbank.ne.jp i.softbank.jp "
    "icloud.com outlook.com outlook.jp hotmail.com hotmail.co.jp au.com nifty.com live.jp".split()
)
NAME_MIN_SIMILARITY = 80
_NUMBER = re.compile(r"[+(]?\d[\d\-() ]{7,}\d")


@dataclass(frozen=True)
class Signal:
    customer_code: str
    confidence: float
    reason: str


class CustomerIdentifier:
    def __init__(self, customers: list[Customer]) -> None:
        self.customers = {c.code: c for c in customers}
        self.by_phone: dict[str, set[str]] = defaultdict(set)
        self.by_email: dict[str, set[str]] = defaultdict(set)
        self.by_domain: dict[str, set[str]] = defaultdict(set)
        self.by_name: dict[str, set[str]] = defaultdict(set)
        for c in customers:
            for fax in c.faxes:
                if phone_key(fax):
                    self.by_phone[phone_key(fax)].add(c.code)
            for email in c.emails:
                key = email_key(email)
                self.by_email[key].add(c.code)
                domain = key.rpartition("@")[2]
                if domain and domain not in PUBLIC_DOMAINS:
                    self.by_domain[domain].add(c.code)
            if company_key(c.name):
                self.by_name[company_key(c.name)].add(c.code)
        self._names = list(self.by_name)

    def _phone(self, number: str | None, weight: float, where: str) -> list[Signal]:
        key = phone_key(number or "")
        if not key:
            return []
        codes = self.by_phone.get(key, set())
        if codes:
            return [Signal(c, weight / len(codes), f"{where} {number}") for c in codes]
        return self._near_phone(key, where)

    def _near_phone(self, key: str, where: str) -> list[Signal]:
        """A number one or two digits off a known one: OCR misread it (93-7439 for 03-7430)."""
        near = {
            known
            for known in self.by_phone
            if len(known) == len(key) and sum(a != b for a, b in zip(known, key, strict=True)) <= 2
        }
        codes = {c for known in near for c in self.by_phone[known]}
        if len(codes) != 1:
            return []
        (code,) = codes
        return [Signal(code, 0.6, f"{where} {key}（{min(near)} の読み違いとみなす）")]

    def _header(self, draft: OrderDraft) -> list[Signal]:
        """The fax header line: its number, even misread, and a customer's name printed in it."""
        evidence = draft.evidence.get("fax_header")
        text = evidence.text if evidence else ""
        if not text:
            return []
        out: list[Signal] = []
        if not draft.sender_fax:
            for number in _NUMBER.findall(text):
                out += self._phone(number, 0.9, "FAXヘッダーの番号")
        for key, codes in self._names_in(text):
            out += [Signal(c, 0.85 / len(codes), f"FAXヘッダーの社名「{key}」") for c in codes]
        return out

    def _names_in(self, text: str) -> list[tuple[str, set[str]]]:
        """Customers' names (three characters or more) standing anywhere in a text."""
        compact = company_key(text)
        return [(key, codes) for key, codes in self.by_name.items()
                if len(key) >= 3 and key in compact]

    def _header_texts(self, draft: OrderDraft) -> list[Signal]:
        """Known numbers and names anywhere outside the table: the form's own labels may be
        garbled ('TAX', '定文日'), or the value read stands under another label."""
        found: dict[str, Signal] = {}
        for text in draft.header_texts:
            for number in _NUMBER.findall(text):
                for code in self.by_phone.get(phone_key(number), ()):
                    found.setdefault(code, Signal(code, 0.8, f"注文書中の番号 {number}"))
            for key, codes in self._names_in(text):
                why = f"注文書中の社名「{key}」"
                for code in codes:
                    found.setdefault(code, Signal(code, 0.8 / len(codes), why))
        return list(found.values())

    def _email(self, sender: str) -> list[Signal]:
        key = email_key(sender)
        if not key or "@" not in key:
            return []
        codes = self.by_email.get(key)
        if codes:
            return [Signal(c, 0.97 / len(codes), f"送信元メール {key}") for c in codes]
        domain = key.rpartition("@")[2]
        codes = self.by_domain.get(domain, set())
        return [Signal(c, 0.85 / len(codes), f"メールのドメイン {domain}") for c in codes]

    def _name(self, name: str | None) -> list[Signal]:
        key = company_key(name)
        if len(key) < 2 or not self._names:
            return []
        if key in self.by_name:
            codes = self.by_name[key]
            return [Signal(c, 0.93 / len(codes), f"注文書の社名「{name}」") for c in codes]
        found = process.extractOne(key, self._names, scorer=fuzz.ratio)
        if found is None or found[1] < NAME_MIN_SIMILARITY:
            # The name read with something beside it ("山田商店 P.1/2"): the master's name inside.
            found = process.extractOne(key, self._names, scorer=fuzz.partial_ratio)
            if found is None or found[1] < 95 or len(found[0]) < 3:
                return []
        codes = self.by_name[found[0]]
        weight = 0.88 * found[1] / 100
        return [
            Signal(c, weight / len(codes), f"社名類似 {found[1]:.0f}%「{name}」") for c in codes
        ]

    def signals(self, draft: OrderDraft, meta: SourceMeta) -> list[Signal]:
        out: list[Signal] = []
        out += self._phone(meta.fax_number, 0.95, "受信FAX番号")
        out += self._phone(draft.sender_fax, 0.93, "FAXヘッダーの送信元")
        out += self._phone(draft.customer_fax, 0.93, "注文書のFAX")
        out += self._phone(draft.customer_tel, 0.85, "注文書のTEL")
        out += self._email(meta.sender)
        out += self._name(draft.customer_name)
        out += self._header(draft)
        out += self._header_texts(draft)
        return out

    def identify(self, draft: OrderDraft, meta: SourceMeta) -> CustomerMatch:
        """The most likely customer; customer_code None (with the reason) when none is."""
        signals = self.signals(draft, meta)
        if not signals:
            return CustomerMatch(
                None, draft.customer_name, 0.0, "得意先を特定できる情報がありません"
            )
        doubt: dict[str, float] = defaultdict(lambda: 1.0)
        reasons: dict[str, list[str]] = defaultdict(list)
        for s in signals:
            doubt[s.customer_code] *= 1.0 - s.confidence
            reasons[s.customer_code].append(s.reason)
        ranked = sorted(doubt, key=lambda code: (doubt[code], code))
        best = ranked[0]
        confidence = 1.0 - doubt[best]
        reason = "・".join(dict.fromkeys(reasons[best]))
        if len(ranked) > 1:
            second = 1.0 - doubt[ranked[1]]
            confidence = max(0.0, confidence - 0.6 * second)
            reason += f"（{self.customers[ranked[1]].name} を示す情報もあり: "
            reason += "・".join(dict.fromkeys(reasons[ranked[1]])) + "）"
        customer = self.customers[best]
        return CustomerMatch(customer.code, customer.name, round(min(confidence, 0.999), 4), reason)
