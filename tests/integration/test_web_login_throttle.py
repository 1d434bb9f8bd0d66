"""Login throttling against a real database: locks per user name and per client, no enumeration."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from web_seed import add_user, csrf_of, make_settings

from ordertake.db.models import AuditEventRow, LoginThrottleRow
from ordertake.db.session import make_engine, make_session_factory, migrate
from ordertake.review_ui.app import create_app


@pytest.fixture
def app(db_url: str, tmp_path) -> Iterator:  # type: ignore[no-untyped-def]
    engine = make_engine(db_url)
    migrate(engine)
    factory = make_session_factory(engine)
    with factory() as session:
        add_user(session, "hanako", password="right-pw")
        session.commit()
    settings = make_settings(db_url, tmp_path / "var").model_copy(update={
        "login_max_failures": 3, "login_max_failures_per_client": 5, "login_lockout_seconds": 600,
    })  # fmt: skip
    application = create_app(settings)
    application.state.factory = factory
    yield application
    application.state.engine.dispose()
    engine.dispose()


def _try(client: TestClient, name: str, password: str) -> tuple[int, str]:
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"name": name, "password": password, "csrf_token": token},
                    follow_redirects=False)  # fmt: skip
    return r.status_code, r.text


def _message(html: str) -> str:
    start = html.index('class="flash error"')
    return html[start : html.index("</p>", start)]


def test_a_name_is_locked_after_failures_and_unknown_names_look_the_same(app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app)
    assert _try(client, "hanako", "wrong")[0] == 401
    assert _try(client, "hanako", "wrong")[0] == 401
    status, known = _try(client, "hanako", "wrong")
    assert status == 429 and "ロック" in known
    # Locked: even the right password is refused, with the same message.
    status, again = _try(client, "hanako", "right-pw")
    assert status == 429 and _message(again) == _message(known)

    # An unknown name walks the same path to the same words: nothing tells which names exist.
    other = TestClient(app, client=("10.0.0.9", 50000))
    assert [_try(other, "nobody", "x")[0] for _ in range(3)] == [401, 401, 429]
    assert _message(_try(other, "nobody", "x")[1]) == _message(known)

    with app.state.factory() as s:
        locks = s.scalars(select(AuditEventRow).where(AuditEventRow.action == "login_locked")).all()
        assert {(e.details["kind"], e.details["key"]) for e in locks} >= {
            ("name", "hanako"), ("name", "nobody")}
        assert all("password" not in str(e.details) for e in locks)

    with app.state.factory.begin() as s:  # the lock runs out
        s.execute(update(LoginThrottleRow).values(
            locked_until=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
    assert _try(client, "hanako", "right-pw")[0] == 303


def test_success_resets_the_name_and_one_client_is_limited_across_names(app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app, client=("10.0.0.7", 50000))
    assert _try(client, "hanako", "wrong")[0] == 401
    assert _try(client, "hanako", "wrong")[0] == 401
    assert _try(client, "hanako", "right-pw")[0] == 303  # resets the count for hanako
    client.cookies.clear()
    assert _try(client, "hanako", "wrong")[0] == 401
    assert _try(client, "hanako", "wrong")[0] == 401  # would be the 4th failure without the reset
    # Spraying many names from one address: the client's own limit (5 failures) locks it.
    assert _try(client, "someone-else", "x")[0] == 429  # the address's 5th failure
    assert _try(client, "hanako", "right-pw")[0] == 429
    # Another address is not affected.
    assert _try(TestClient(app, client=("10.0.0.8", 50000)), "hanako", "right-pw")[0] == 303
