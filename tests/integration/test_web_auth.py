"""Sign-in, roles, CSRF and API tokens of the review app, against a real database."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount
from web_seed import LineSpec, add_draft, add_user, csrf_of, make_settings, seed_master, sign_in

from ordertake.db.session import make_engine, make_session_factory, migrate
from ordertake.review_ui.app import create_app, iter_routes

PUBLIC = {"/login", "/healthz"}


@pytest.fixture
def app_and_data(db_url: str, tmp_path) -> Iterator[tuple]:
    engine = make_engine(db_url)
    migrate(engine)
    factory = make_session_factory(engine)
    with factory() as session:
        seed_master(session)
        clerk, clerk_token = add_user(session, "hanako", "clerk", token=True)
        add_user(session, "boss", "admin")
        order = add_draft(session, [LineSpec("醤油 特選丸大豆 1.8L", "A-10023")])
        session.commit()
        ids = {"order": order.id, "document": order.document_id, "token": clerk_token}
    app = create_app(make_settings(db_url, tmp_path / "var"))
    yield app, ids
    app.state.engine.dispose()
    engine.dispose()


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_every_route_but_login_and_healthz_refuses_strangers(app_and_data) -> None:
    app, _ = app_and_data
    client = TestClient(app)
    checked = 0
    mounts = [r.path for r in app.routes if isinstance(r, Mount)]
    assert mounts == ["/static"], "only static files (no data) may be served without a user"
    for path, methods in iter_routes(app):
        for method in methods:
            response = client.request(method, _concrete(path), follow_redirects=False)
            if path in PUBLIC:
                continue
            checked += 1
            refused = response.status_code in (401, 403) or (
                response.status_code == 303 and response.headers["location"].startswith("/login")
            )
            assert refused, f"{method} {path} answered {response.status_code} to a stranger"
    assert checked >= 15
    # static files hold no data, but the pages that use them do
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/", follow_redirects=False).headers["location"] == "/login?next=/"


def test_login_wrong_password_then_right(app_and_data) -> None:
    app, _ = app_and_data
    client = TestClient(app)
    token = csrf_of(client.get("/login").text)
    bad = client.post("/login", data={"name": "hanako", "password": "nope", "csrf_token": token})
    assert bad.status_code == 401
    assert "ユーザー名またはパスワードが違います" in bad.text
    sign_in(client, "hanako")
    page = client.get("/")
    assert page.status_code == 200 and "hanako" in page.text
    cookie = next(c for c in client.cookies.jar if c.name == "ordertake_session")
    assert cookie.has_nonstandard_attr("HttpOnly") or "httponly" in str(cookie._rest).lower()


def test_login_and_forms_refuse_missing_csrf(app_and_data) -> None:
    app, ids = app_and_data
    client = TestClient(app)
    client.get("/login")
    no_token = client.post("/login", data={"name": "hanako", "password": "secret-pw"})
    assert no_token.status_code == 403
    token = sign_in(client, "hanako")
    # A form post and a JSON call with the cookie but without the token are refused ...
    assert client.post(f"/documents/{ids['document']}/manual").status_code == 403
    approve_url = f"/api/orders/{ids['order']}/approve"
    assert client.post(approve_url, json={"version": 1}).status_code == 403
    assert client.post("/logout", data={"csrf_token": "wrong"}).status_code == 403
    # ... and the same calls with it go through.
    ok = client.post(f"/api/orders/{ids['order']}/approve", json={"version": 1},
                     headers={"X-CSRF-Token": token})
    assert ok.status_code == 200, ok.text
    out = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/api/orders").status_code == 401


def test_bearer_token_works_without_csrf_and_bad_token_is_refused(app_and_data) -> None:
    app, ids = app_and_data
    client = TestClient(app)
    auth = {"Authorization": f"Bearer {ids['token']}"}
    listed = client.get("/api/orders?status=draft", headers=auth)
    assert listed.status_code == 200 and listed.json()["total"] == 1
    approved = client.post(f"/api/orders/{ids['order']}/approve", json={"version": 1},
                           headers=auth)
    assert approved.status_code == 200
    forged = {"Authorization": "Bearer otk_forged"}
    assert client.get("/api/orders", headers=forged).status_code == 401
    spec = client.get("/api/openapi.json", headers=auth).json()
    assert {"/api/orders", "/api/orders/{order_id}", "/api/orders/{order_id}/approve",
            "/api/orders/{order_id}/reject", "/api/documents"} <= set(spec["paths"])


def test_passwords_are_stored_hashed(app_and_data) -> None:
    app, _ = app_and_data
    from ordertake.db.models import UserRow

    with app.state.sessions() as session:
        user = session.query(UserRow).filter_by(name="hanako").one()
        assert user.password_hash.startswith("$argon2id$")
        assert "secret-pw" not in user.password_hash


def test_admin_pages_refuse_clerks(app_and_data) -> None:
    app, _ = app_and_data
    clerk = TestClient(app)
    sign_in(clerk, "hanako")
    refused = clerk.get("/admin/users")
    assert refused.status_code == 403 and "権限がありません" in refused.text
    assert "/admin/users" not in clerk.get("/").text  # not offered in the nav either
    admin = TestClient(app)
    sign_in(admin, "boss")
    page = admin.get("/admin/users")
    assert page.status_code == 200 and "hanako" in page.text
