"""Rows for the review-screen tests and bench: master data, users, drafts with real page images.

Drafts are written straight through the models (as the worker would), each with a rendered
Japanese order-sheet PNG whose line boxes point at where the text really is on the image.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select
from sqlalchemy.orm import Session

from ordertake.db.models import (
    BlobRow,
    CustomerRow,
    DocumentRow,
    OrderLineRow,
    OrderRow,
    PageRow,
    ProductRow,
    UserRow,
)
from ordertake.review_ui.auth import create_api_token
from ordertake.review_ui.passwords import hash_password

FONT = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"
PAGE_W, PAGE_H = 850, 1100

PRODUCTS = [
    ("A-10023", "醤油 特選丸大豆 1.8L", "ショウユ トクセンマルダイズ", "本", 420),
    ("A-10024", "醤油 濃口 1L", "ショウユ コイクチ", "本", 260),
    ("B-20001", "米酢 500ml", "コメズ", "本", 198),
    ("C-30010", "みりん風調味料 1L", "ミリンフウチョウミリョウ", "本", 310),
    ("D-40100", "かつお節パック 5g×10", "カツオブシパック", "袋", 380),
]
CUSTOMERS = [("C012", "株式会社 山田商店"), ("C013", "有限会社 佐藤食品")]


@dataclass
class LineSpec:
    description: str
    product_code: str | None
    quantity: float | None = 6
    unit: str = "本"
    unit_price: float | None = 420
    confidence: float = 0.97
    candidates: list[tuple[str, float, str]] = field(default_factory=list)


_HASHES: dict[str, str] = {}


def seed_master(session: Session) -> None:
    for code, name, kana, unit, price in PRODUCTS:
        session.add(ProductRow(code=code, name=name, name_kana=kana, unit=unit,
                               price=Decimal(price), aliases=[]))
    for code, name in CUSTOMERS:
        session.add(CustomerRow(code=code, name=name))
    session.flush()


def add_user(session: Session, name: str, role: str = "clerk", password: str = "secret-pw",
             token: bool = False) -> tuple[UserRow, str | None]:
    user = UserRow(name=name, role=role, password_hash=_hash(password))
    session.add(user)
    session.flush()
    return user, create_api_token(session, user) if token else None


def _hash(password: str) -> str:
    # argon2 is slow on purpose; tests create many users with the same few passwords.
    if password not in _HASHES:
        _HASHES[password] = hash_password(password)
    return _HASHES[password]


def render_sheet(title: str, customer: str, lines: list[LineSpec]) -> tuple[bytes, list[dict]]:
    """A PNG order sheet and, per line, its box as page fractions (where it is drawn)."""
    image = Image.new("L", (PAGE_W, PAGE_H), 255)
    draw = ImageDraw.Draw(image)
    big, font = ImageFont.truetype(FONT, 34), ImageFont.truetype(FONT, 22)
    draw.text((60, 50), "注 文 書", font=big, fill=0)
    draw.text((60, 120), f"{customer} 御中", font=font, fill=0)
    draw.text((60, 160), title, font=font, fill=0)
    boxes = []
    y = 260
    draw.line((50, y - 14, PAGE_W - 50, y - 14), fill=0, width=2)
    for line in lines:
        text = f"{line.description}"
        qty = "" if line.quantity is None else f"{line.quantity:g} {line.unit}"
        draw.text((60, y), text, font=font, fill=0)
        draw.text((560, y), qty, font=font, fill=0)
        boxes.append({"page": 1, "x0": 55 / PAGE_W, "y0": (y - 4) / PAGE_H,
                      "x1": (PAGE_W - 55) / PAGE_W, "y1": (y + 30) / PAGE_H})
        y += 48
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue(), boxes


def _blob(session: Session, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    if session.get(BlobRow, digest) is None:
        session.add(BlobRow(sha256=digest, size=len(data), data=data))
        session.flush()
    return digest


def add_draft(
    session: Session,
    lines: list[LineSpec],
    *,
    customer_code: str | None = "C012",
    customer_name_read: str = "株式会社 山田商店",
    subject: str = "注文書の送付",
    received_at: dt.datetime | None = None,
    warnings: list[str] | None = None,
    page_png: tuple[bytes, list[dict]] | None = None,
    key: str | None = None,
) -> OrderRow:
    """A document in review with one page image and one draft order, as the worker leaves it."""
    products = {p.code: p for p in session.scalars(select(ProductRow))}
    customers = {c.code: c for c in session.scalars(select(CustomerRow))}
    png, boxes = page_png or render_sheet(subject[:30], customer_name_read, lines)
    image = _blob(session, png)
    received_at = received_at or dt.datetime.now(dt.UTC)
    doc = DocumentRow(
        ingest_key=key or f"test:{received_at.isoformat()}:{id(lines)}:{subject}",
        sha256=image, filename="fax.png", content_type="image/png", source="mail",
        sender="order@yamada.example", subject=subject, received_at=received_at, status="review",
    )
    session.add(doc)
    session.flush()
    session.add(PageRow(document_id=doc.id, number=1, width=PAGE_W, height=PAGE_H, source="ocr",
                        words=[], image_sha256=image))
    customer = customers.get(customer_code) if customer_code else None
    order = OrderRow(
        document_id=doc.id, position=0, status="draft", version=1,
        customer_id=customer.id if customer else None,
        customer_confidence=0.98 if customer else 0, customer_reason="fax number",
        customer_name_read=customer_name_read, order_number="PO-1", order_date=received_at.date(),
        confidence=min([ln.confidence for ln in lines], default=0), warnings=warnings or [],
        evidence={"customer_name": {"confidence": 0.9, "text": customer_name_read,
                                    "box": {"page": 1, "x0": 0.06, "y0": 0.1, "x1": 0.5,
                                            "y1": 0.14}}},
    )
    for no, (spec, box) in enumerate(zip(lines, boxes, strict=True), start=1):
        product = products.get(spec.product_code) if spec.product_code else None
        cands: list[dict[str, Any]] = [
            {"product_code": code, "score": score, "tier": "fuzzy", "reason": reason}
            for code, score, reason in spec.candidates
        ]
        order.lines.append(OrderLineRow(
            line_no=no, product_id=product.id if product else None, description=spec.description,
            quantity=spec.quantity, unit=spec.unit, unit_price=spec.unit_price,
            amount=(spec.quantity or 0) * (spec.unit_price or 0) or None,
            confidence=spec.confidence, candidates=cands, box=box,
            suggested_product_id=product.id if product else None,
        ))
    session.add(order)
    session.flush()
    return order


# ── web clients ─────────────────────────────────────────────────────────────────────────

CSRF_RE = r'name="csrf-token" content="([^"]+)"'


def make_settings(db_url: str, data_dir: Any) -> Any:
    from ordertake.config import Settings

    return Settings(data_dir=data_dir, database_url=db_url, secret_key="test-secret-key")


def csrf_of(html: str) -> str:
    import re

    match = re.search(CSRF_RE, html)
    assert match, "page has no CSRF token"
    return match.group(1)


def sign_in(client: Any, name: str, password: str = "secret-pw") -> str:
    """Sign `client` in through the login form; returns the session's CSRF token."""
    page = client.get("/login")
    token = csrf_of(page.text)
    response = client.post("/login", data={"name": name, "password": password,
                                           "csrf_token": token, "next": "/"},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/").text)
