"""Export, duplicates, touchless and 注文請書 through the HTTP app (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from export_support import customer, order
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_seed import add_user, make_settings, sign_in

from ordertake.db.models import AuditEventRow, CustomerRow, OrderRow
from ordertake.db.session import make_engine, make_session_factory, migrate
from ordertake.export.touchless import maybe_auto_approve
from ordertake.review_ui.app import create_app


@pytest.fixture
def web(db_url: str, tmp_path) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    engine = make_engine(db_url)
    migrate(engine)
    factory = make_session_factory(engine)
    with factory.begin() as s:
        add_user(s, "hanako")
        add_user(s, "boss", role="admin")
    app = create_app(make_settings(db_url, tmp_path / "var"))

    def client(name: str = "hanako") -> tuple[TestClient, dict[str, str]]:
        c = TestClient(app)
        return c, {"X-CSRF-Token": sign_in(c, name)}

    yield {"client": client, "factory": factory}
    app.state.engine.dispose()
    engine.dispose()


def test_api_export_once_then_empty_then_redownload(web) -> None:  # type: ignore[no-untyped-def]
    with web["factory"].begin() as s:
        first = order(s, lines=[("A-1", 6, "本", 420)]).id
    c, h = web["client"]()
    stranger = TestClient(c.app)
    assert stranger.get("/api/exports").status_code == 401
    assert stranger.post("/api/exports").status_code in (401, 403)
    assert stranger.get("/exports", follow_redirects=False).status_code == 303
    assert c.post("/api/exports").status_code == 403  # cookie without CSRF token

    made = c.post("/api/exports", headers=h, json={"profile": "japanese"})
    assert made.status_code == 200
    assert made.headers["content-type"].startswith("text/csv")
    assert made.content.decode("cp932").startswith("伝票番号,受注日,")
    assert f"\r\n{first},2026/11/20,".encode() in made.content
    batch_id = made.headers["x-export-batch-id"]

    assert c.post("/api/exports", headers=h).status_code == 204
    again = c.get(f"/api/exports/{batch_id}")
    assert again.status_code == 200 and again.content == made.content
    assert c.get("/api/exports").json()["batches"][0]["orders"] == 1
    assert c.get("/api/exports/999").status_code == 404

    with web["factory"].begin() as s:
        order(s, order_number="PO-2", customer_code="C009", customer_name="髙島屋")
    refused = c.post("/api/exports", headers=h)
    assert refused.status_code == 422
    assert refused.json()["problems"][0]["char"] == "髙"
    bad_profile = c.post("/api/exports", headers=h, json={"profile": "/etc/passwd"})
    assert bad_profile.status_code == 422
    utf8 = c.post("/api/exports", headers=h, json={"encoding": "utf-8-sig"})
    assert utf8.status_code == 200 and utf8.content.startswith(b"\xef\xbb\xbf")
    assert "髙島屋".encode() in utf8.content


def test_export_page_shows_problems_and_downloads(web) -> None:  # type: ignore[no-untyped-def]
    with web["factory"].begin() as s:
        bad = order(s, notes="🍣 大至急").id
    c, h = web["client"]()
    page = c.get("/exports")
    assert page.status_code == 200 and 'id="due-count">1<' in page.text
    token = h["X-CSRF-Token"]
    refused = c.post("/exports", data={"csrf_token": token, "profile": "japanese"})
    assert refused.status_code == 422
    assert f'href="/orders/{bad}"' in refused.text and "U+1F363" in refused.text
    done = c.post("/exports", data={"csrf_token": token, "profile": "japanese",
                                    "replace_unencodable": "true"})  # fmt: skip
    assert done.status_code == 200 and "attachment" in done.headers["content-disposition"]
    assert "〓 大至急".encode("cp932") in done.content
    empty = c.post("/exports", data={"csrf_token": token}, follow_redirects=True)
    assert "Nothing new to export" in empty.text
    unknown = c.post("/exports", data={"csrf_token": token, "profile": "nope"})
    assert unknown.status_code == 422 and "unknown export profile" in unknown.text
    assert unknown.headers["content-type"].startswith("text/html")


def test_approving_a_possible_duplicate_needs_confirmation(web) -> None:  # type: ignore[no-untyped-def]
    with web["factory"].begin() as s:
        original = order(s)
        dup = order(s, status="draft", duplicate_of_id=original.id)
        dup_id, version = dup.id, dup.version
    c, h = web["client"]()
    asked = c.post(f"/api/orders/{dup_id}/approve", headers=h, json={"version": version})
    assert asked.status_code == 422
    assert {"field": "duplicate", "line_id": None} in asked.json()["problems"]
    ok = c.post(f"/api/orders/{dup_id}/approve", headers=h,
                json={"version": version, "confirm_duplicate": True})  # fmt: skip
    assert ok.status_code == 200, ok.text
    with web["factory"]() as s:
        row = s.get(OrderRow, dup_id)
        assert row is not None and (row.status, row.duplicate_confirmed) == ("approved", True)
    made = c.post("/api/exports", headers=h)
    assert f"\r\n{dup_id},".encode() in made.content


def test_touchless_admin_and_dashboard(web) -> None:  # type: ignore[no-untyped-def]
    with web["factory"].begin() as s:
        cid = customer(s, "C001").id
        customer(s, "C001").auto_approve = True
        touchless = order(s, status="draft")
        assert maybe_auto_approve(s, touchless, 0.9) == []
        edited = order(s)
        details = {
            "order_number": ["PO-1", "PO-9"],
            "lines": {"changed": {"1": {"quantity": [6, 7]}}},
        }
        s.add(AuditEventRow(action="edit", entity="order", entity_id=edited.id, details=details))
    clerk, ch = web["client"]()
    assert clerk.get("/admin/touchless").status_code == 403
    board = clerk.get("/dashboard")
    assert board.status_code == 200 and 'id="total-rate">50.0%<' in board.text
    assert "C001 山田商店" in board.text
    trail = clerk.get(f"/orders/{touchless.id}").text
    assert "自動承認" in trail and "system" in trail

    admin, ah = web["client"]("boss")
    token = ah["X-CSRF-Token"]
    assert (
        admin.post("/admin/touchless", data={"customer_id": cid, "enabled": "true"}).status_code
        == 403
    )
    page = admin.get("/admin/touchless")
    assert page.status_code == 200 and "C001" in page.text
    admin.post(
        "/admin/touchless", data={"csrf_token": token, "customer_id": cid, "enabled": "false"}
    )
    with web["factory"]() as s:
        assert s.get(CustomerRow, cid).auto_approve is False  # type: ignore[union-attr]
        events = s.scalars(select(AuditEventRow.action).where(AuditEventRow.entity == "customer"))
        assert list(events) == ["touchless_off"]


def test_confirmation_pdf_from_the_order_screen(web) -> None:  # type: ignore[no-untyped-def]
    with web["factory"].begin() as s:
        approved = order(s).id
        draft = order(s, status="draft").id
    c, h = web["client"]()
    assert 'id="confirmation-pdf"' in c.get(f"/orders/{approved}").text
    assert 'id="confirmation-pdf"' not in c.get(f"/orders/{draft}").text
    pdf = c.get(f"/orders/{approved}/confirmation.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    refused = c.post(f"/orders/{approved}/confirmation/send",
                     data={"csrf_token": h["X-CSRF-Token"]}, follow_redirects=True)  # fmt: skip
    assert "ORDERTAKE_SMTP_HOST" in refused.text  # no SMTP configured: explained, not a crash
