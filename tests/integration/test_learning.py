"""Learning from approvals on SQLite and PostgreSQL: aliases and contacts, listed and removed."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ordertake.db.models import (
    BlobRow,
    CustomerRow,
    DocumentRow,
    OrderLineRow,
    OrderRow,
    ProductRow,
)
from ordertake.db.session import transaction
from ordertake.domain import Customer, DraftLine, MatchTier, OrderDraft, Product, SourceMeta
from ordertake.errors import InputError
from ordertake.masterdata import import_customers, import_products
from ordertake.matching import Matcher, load_catalog_db
from ordertake.matching.learning import list_learned, record_approval, remove_learned


def _seed(session: Session) -> OrderRow:
    import_products(
        session,
        [
            Product("B-2001", "朝霧ビバレッジ 緑茶 525ml", "本", 92.0, "", 24),
            Product("B-2002", "朝霧ビバレッジ 緑茶 500ml", "本", 88.0, "", 24),
        ],
    )
    import_customers(
        session,
        [
            Customer("C001", "株式会社山田商店", ("03-1234-5678",), ("order@yamada.co.jp",)),
            Customer("C002", "有限会社さくら食堂", ("045-222-3333",), ()),
        ],
    )
    session.flush()
    ids = {c: i for c, i in session.execute(select(ProductRow.code, ProductRow.id))}
    cust = {c: i for c, i in session.execute(select(CustomerRow.code, CustomerRow.id))}
    session.add(BlobRow(sha256="0" * 64, size=1, data=b"x"))
    doc = DocumentRow(
        ingest_key="k1",
        sha256="0" * 64,
        source="cli",
        fax_number="06-9999-8888",
        sender="kitchen@sakura-new.jp",
    )
    session.add(doc)
    session.flush()
    order = OrderRow(
        document_id=doc.id,
        customer_id=cust["C002"],
        suggested_customer_id=cust["C001"],
        status="approved",
        evidence={"fax_header": {"text": "2026/11/20 10:15 FROM:06-1111-2222 さくら食堂 P.001"}},
    )
    order.lines = [
        OrderLineRow(
            line_no=1,
            description="緑茶525",
            product_id=ids["B-2001"],
            suggested_product_id=ids["B-2002"],
        ),
        OrderLineRow(
            line_no=2,
            description="緑茶 500ml",
            product_id=ids["B-2002"],
            suggested_product_id=ids["B-2002"],
        ),
    ]
    session.add(order)
    session.flush()
    return order


def test_correction_is_learned_and_matches_next_time(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        order = _seed(session)
        messages = record_approval(session, order, None)
        assert any("緑茶525" in m and "B-2001" in m for m in messages)
        assert any("06-9999-8888" in m for m in messages)
        assert any("06-1111-2222" in m for m in messages)
        assert any("kitchen@sakura-new.jp" in m for m in messages)
        assert len(messages) == 4  # the unchanged line teaches nothing
        assert record_approval(session, order, None) == []  # idempotent
    with sessions() as session:
        matcher = Matcher(load_catalog_db(session))
    best = matcher.match_text("緑茶525", customer_code="C002")[0]
    assert (best.product_code, best.score, best.tier) == ("B-2001", 1.0, MatchTier.CUSTOMER_ALIAS)
    assert matcher.match_text("緑茶525", customer_code="C001")[0].tier != MatchTier.CUSTOMER_ALIAS
    who = matcher.identify_customer(OrderDraft("x"), SourceMeta(fax_number="06-9999-8888"))
    assert who.customer_code == "C002"
    order = matcher.match_order(
        OrderDraft("x", lines=[DraftLine("緑茶525", quantity=1)]),
        SourceMeta(sender="kitchen@sakura-new.jp"),
    )
    assert order.customer.customer_code == "C002" and order.lines[0].product_code == "B-2001"


def test_admin_lists_and_removes(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        record_approval(session, _seed(session), None)
    with sessions() as session:
        entries = list_learned(session)
    kinds = sorted(e.kind for e in entries)
    assert kinds == ["alias", "email", "fax", "fax"]
    alias = next(e for e in entries if e.kind == "alias")
    assert (alias.customer_code, alias.text, alias.target) == ("C002", "緑茶525", "B-2001")
    with transaction(sessions) as session:
        remove_learned(session, alias.id)
        fax = next(e for e in entries if e.kind == "fax")
        remove_learned(session, fax.id, "fax")
    with transaction(sessions) as session, pytest.raises(InputError):
        remove_learned(session, alias.id)
    with sessions() as session:
        assert sorted(e.kind for e in list_learned(session)) == ["email", "fax"]
        matcher = Matcher(load_catalog_db(session))
    assert matcher.match_text("緑茶525", customer_code="C002")[0].tier != MatchTier.CUSTOMER_ALIAS


def test_catalog_history_from_approved_orders(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        _seed(session)
    with sessions() as session:
        catalog = load_catalog_db(session)
    assert catalog.history["C002"] == {"B-2001": 1, "B-2002": 1}
    assert {c.code for c in catalog.customers} == {"C001", "C002"}
    assert len(catalog.products) == 2
