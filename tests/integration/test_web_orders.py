"""Review flow through the HTTP app on SQLite and PostgreSQL: queue, edits with versions,
conflicts, approve/reject with the next draft, manual entry, upload and escaping."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from web_seed import (
    LineSpec,
    add_draft,
    add_user,
    make_settings,
    render_sheet,
    seed_master,
    sign_in,
)

from ordertake.db.models import AuditEventRow, DocumentRow, OrderRow, ProductRow
from ordertake.db.session import make_engine, make_session_factory, migrate
from ordertake.review_ui.app import create_app

XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
T0 = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def web(db_url: str, tmp_path) -> Iterator[dict]:
    engine = make_engine(db_url)
    migrate(engine)
    factory = make_session_factory(engine)
    with factory() as s:
        seed_master(s)
        add_user(s, "hanako")
        add_user(s, "taro")
        older = add_draft(s, [LineSpec("醤油 特選丸大豆 1.8L", "A-10023")], received_at=T0,
                          key="older")
        newer = add_draft(
            s,
            [LineSpec("醤油 特選丸大豆 1.8L", "A-10023"),
             LineSpec("コイクチ 1L", None, quantity=3, unit_price=None, confidence=0.41,
                      candidates=[("A-10024", 0.61, "fuzzy name"), ("B-20001", 0.2, "kana")])],
            received_at=T0 + dt.timedelta(hours=1), warnings=["price differs"], key="newer")
        s.commit()
        ids = {"older": older.id, "newer": newer.id, "newer_lines": [ln.id for ln in newer.lines],
               "A-10024": s.query(ProductRow).filter_by(code="A-10024").one().id}
    app = create_app(make_settings(db_url, tmp_path / "var"))
    clients = []

    def client(name: str = "hanako") -> tuple[TestClient, dict[str, str]]:
        c = TestClient(app)
        clients.append(c)
        return c, {"X-CSRF-Token": sign_in(c, name)}

    yield {"app": app, "ids": ids, "client": client, "factory": factory}
    app.state.engine.dispose()
    engine.dispose()


def _lines_payload(order_json: dict) -> list[dict]:
    return [{"id": ln["id"], "product_id": ln["product"]["id"] if ln["product"] else None,
             "description": ln["description"], "quantity": ln["quantity"], "unit": ln["unit"],
             "unit_price": ln["unit_price"]} for ln in order_json["lines"]]


def test_queue_lists_newest_first_with_counts_and_warnings(web) -> None:
    c, _ = web["client"]()
    page = c.get("/")
    assert page.status_code == 200
    body = page.text
    ids = web["ids"]
    assert body.index(f"/orders/{ids['newer']}") < body.index(f"/orders/{ids['older']}")
    assert 'data-status="draft">2<' in body
    assert "price differs" in body and "株式会社 山田商店" in body
    api = c.get("/api/orders?status=draft").json()
    assert [o["id"] for o in api["orders"]] == [web["ids"]["newer"], web["ids"]["older"]]
    assert api["orders"][0]["line_count"] == 2
    filtered = c.get("/?status=draft&customer=佐藤").text
    assert "該当する注文はありません" in filtered
    english = c.get("/?lang=en").text
    assert "Drafts" in english and "Queue" in english


def test_edit_then_conflicting_edit_gets_409_and_current_state(web) -> None:
    ids = web["ids"]
    alice, a_csrf = web["client"]("hanako")
    bob, b_csrf = web["client"]("taro")
    seen = alice.get(f"/api/orders/{ids['newer']}").json()
    lines = _lines_payload(seen)
    lines[1]["product_id"] = ids["A-10024"]
    saved = alice.patch(f"/api/orders/{ids['newer']}", headers=a_csrf,
                        json={"version": seen["version"], "lines": lines, "notes": "午前着"})
    assert saved.status_code == 200, saved.text
    assert saved.json()["version"] == seen["version"] + 1
    assert saved.json()["lines"][1]["product"]["code"] == "A-10024"
    # Bob still holds version 1: his save is refused and told what is there now.
    stale = bob.patch(f"/api/orders/{ids['newer']}", headers=b_csrf,
                      json={"version": seen["version"], "notes": "Bob was here"})
    assert stale.status_code == 409
    assert "changed by someone else" in stale.json()["detail"]
    assert stale.json()["current"]["notes"] == "午前着"
    assert stale.json()["current"]["version"] == seen["version"] + 1
    # Saving again on top of the current version keeps both changes.
    again = bob.patch(f"/api/orders/{ids['newer']}", headers=b_csrf,
                      json={"version": stale.json()["current"]["version"], "notes": "Bob"})
    assert again.status_code == 200 and again.json()["lines"][1]["product"]["code"] == "A-10024"
    trail = alice.get(f"/api/orders/{ids['newer']}").json()["audit"]
    assert [e["action"] for e in trail] == ["edit", "edit"]
    assert trail[1]["details"]["lines"]["changed"]["2"]["product_id"] == [None, ids["A-10024"]]
    page = alice.get(f"/orders/{ids['newer']}").text
    assert "taro" in page and "hanako" in page


def test_approve_blocks_incomplete_then_opens_next_draft(web) -> None:
    ids = web["ids"]
    c, csrf = web["client"]()
    blocked = c.post(f"/api/orders/{ids['newer']}/approve", headers=csrf, json={"version": 1})
    assert blocked.status_code == 422
    assert blocked.json()["problems"] == [{"field": "product", "line_id": ids["newer_lines"][1]}]
    seen = c.get(f"/api/orders/{ids['newer']}").json()
    lines = _lines_payload(seen)
    lines[1]["product_id"] = ids["A-10024"]
    lines.append({"id": None, "product_id": ids["A-10024"], "description": "追加", "quantity": 2,
                  "unit": "本", "unit_price": 260})
    del lines[0]
    v2 = c.patch(f"/api/orders/{ids['newer']}", headers=csrf,
                 json={"version": 1, "lines": lines}).json()
    assert [ln["line_no"] for ln in v2["lines"]] == [1, 2]
    assert v2["lines"][1]["amount"] == 520
    done = c.post(f"/api/orders/{ids['newer']}/approve", headers=csrf, json={"version": 2})
    assert done.status_code == 200, done.text
    assert done.json()["order"]["status"] == "approved"
    assert done.json()["order"]["approved_by"] == "hanako"
    assert done.json()["next_order_id"] == ids["older"]
    # The corrected product was fed to learning and the clerk is told so.
    assert any("コイクチ" in m and "A-10024" in m for m in done.json()["messages"])
    assert "記憶しました" in c.get(f"/orders/{ids['newer']}").text  # in the history too
    again = c.post(f"/api/orders/{ids['newer']}/approve", headers=csrf, json={"version": 3})
    assert again.status_code == 409 and "already approved" in again.json()["detail"]
    rejected = c.post(f"/api/orders/{ids['older']}/reject", headers=csrf,
                      json={"version": 1, "reason": "二重送信"})
    assert rejected.status_code == 200 and rejected.json()["next_order_id"] is None
    assert rejected.json()["order"]["rejected_reason"] == "二重送信"
    assert c.post(f"/api/orders/{ids['older']}/reject", headers=csrf,
                  json={"version": 2, "reason": ""}).status_code == 422


def test_failed_document_opens_for_manual_entry(web) -> None:
    png, _ = render_sheet("読めないFAX", "不明", [])
    with web["factory"]() as s:
        from ordertake.ingest.blobs import put_blob

        digest = put_blob(s, png)
        doc = DocumentRow(ingest_key="failed-1", sha256=digest, filename="broken.png",
                          content_type="image/png", source="folder", status="failed",
                          error="OCR found no text", error_reason="no_text")
        s.add(doc)
        s.commit()
        doc_id = doc.id
    c, csrf = web["client"]()
    queue = c.get("/").text
    assert "OCR found no text" in queue and f"/documents/{doc_id}/manual" in queue
    made = c.post(f"/documents/{doc_id}/manual", data={"csrf_token": csrf["X-CSRF-Token"]},
                  follow_redirects=False)
    assert made.status_code == 303
    order_url = made.headers["location"]
    page = c.get(order_url).text
    assert f"/documents/{doc_id}/preview/1" in page
    assert c.get(f"/documents/{doc_id}/preview/1").headers["content-type"] == "image/png"
    order_id = int(order_url.rsplit("/", 1)[1])
    with web["factory"]() as s:
        customer_id = s.get(OrderRow, web["ids"]["older"]).customer_id
    patch = {"version": 1, "customer_id": customer_id,
             "lines": [{"product_id": web["ids"]["A-10024"], "quantity": 4, "unit": "本"}]}
    assert c.patch(f"/api/orders/{order_id}", headers=csrf, json=patch).status_code == 200
    approved = c.post(f"/api/orders/{order_id}/approve", headers=csrf, json={"version": 2})
    assert approved.status_code == 200
    assert f"/documents/{doc_id}/manual" not in c.get("/").text  # no longer waiting


def test_upload_api_queues_a_real_image(web) -> None:
    c, csrf = web["client"]()
    png, _ = render_sheet("アップロード", "山田商店", [LineSpec("米酢 500ml", "B-20001")])
    up = c.post("/api/documents", headers=csrf, files={"file": ("order.png", png, "image/png")})
    assert up.status_code == 201, up.text
    assert up.json()["documents"][0]["status"] == "queued"
    bad = c.post("/api/documents", headers=csrf, files={"file": ("x.txt", b"", "text/plain")})
    assert bad.status_code == 422 and bad.json()["reason"] == "empty"
    form = c.post("/documents", data={"csrf_token": csrf["X-CSRF-Token"]},
                  files={"file": ("notes.docx", b"PK\x03\x04junk", "application/zip")})
    assert form.status_code == 200  # back on the queue with the reason shown
    with web["factory"]() as s:
        assert s.query(AuditEventRow).filter_by(action="upload").count() == 1


def test_upload_over_the_size_limit_is_refused(web) -> None:
    c, csrf = web["client"]()
    c.app.state.settings.max_file_bytes = 1000  # type: ignore[attr-defined]
    png, _ = render_sheet("大きすぎ", "山田商店", [LineSpec("米酢 500ml", "B-20001")])
    assert len(png) > 1000
    up = c.post("/api/documents", headers=csrf, files={"file": ("big.png", png, "image/png")})
    assert up.status_code == 422 and up.json()["reason"] == "too_large"
    assert "MAX_FILE_BYTES" in up.json()["detail"]


def test_payloads_from_documents_are_shown_as_text(web) -> None:
    with web["factory"]() as s:
        prod = s.query(ProductRow).filter_by(code="A-10023").one()
        prod.name = "醤油" + XSS
        order = add_draft(s, [LineSpec("説明" + XSS, "A-10023")], subject="件名" + XSS,
                          customer_code=None, customer_name_read="客" + XSS, key="xss",
                          warnings=["line 2: amount 1 ≠ quantity 2 × unit price 3",
                                    "line 3: " + XSS])
        s.commit()
        order_id = order.id
    c, _ = web["client"]()
    for url in ("/", f"/orders/{order_id}"):
        body = c.get(url).text
        assert "<script>window.__pwned" not in body
        assert 'onerror="window' not in body
        assert html.escape("<script>window.__pwned=1</script>", quote=False) in body
    assert "script-src 'self'" in c.get("/").headers["content-security-policy"]
    # warnings in the UI language; an unknown one is shown as written, escaped
    body = c.get(f"/orders/{order_id}").text
    assert "2行目: 金額 1 が 数量 2 × 単価 3 と合いません" in body
    assert "3行目: " + html.escape(XSS, quote=False)[:20] in body


def test_probable_duplicate_needs_a_confirmation_before_approval(web) -> None:
    ids = web["ids"]
    with web["factory"]() as s:
        s.get(OrderRow, ids["older"]).duplicate_of_id = ids["newer"]
        s.commit()
    c, csrf = web["client"]()
    assert "重複の可能性" in c.get("/").text
    blocked = c.post(f"/api/orders/{ids['older']}/approve", headers=csrf, json={"version": 1})
    assert blocked.status_code == 422
    assert {"field": "duplicate", "line_id": None} in blocked.json()["problems"]
    ok = c.patch(f"/api/orders/{ids['older']}", headers=csrf,
                 json={"version": 1, "duplicate_confirmed": True})
    assert ok.json()["duplicate_confirmed"] is True
    done = c.post(f"/api/orders/{ids['older']}/approve", headers=csrf, json={"version": 2})
    assert done.status_code == 200
