"""A 注文請書 the SMTP server refused or could not take is recorded, shown on the order, and sent
again from there (real aiosmtpd servers on 127.0.0.1, real app, SQLite)."""

from __future__ import annotations

import mailbox
import re
import socket
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from export_support import order
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_seed import add_user, make_settings, sign_in

from ordertake.db.models import AuditEventRow
from ordertake.db.session import make_engine, make_session_factory, migrate
from ordertake.review_ui.app import create_app


class Refusing:
    """An SMTP server that refuses every recipient, as a real one does for a dead mailbox."""

    async def handle_RCPT(self, server, session, envelope, address, options):  # type: ignore[no-untyped-def]
        return f"550 5.1.1 <{address}>: mailbox unavailable"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _state(html: str) -> str:
    match = re.search(r'id="confirmation-state">(.*?)</div>', html, re.S)
    assert match, "the order screen shows no confirmation state"
    return " ".join(match.group(1).split())


def test_failed_sends_are_recorded_shown_and_retried(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ordertake.db'}"
    engine = make_engine(url)
    migrate(engine)
    factory = make_session_factory(engine)
    with factory.begin() as s:
        add_user(s, "hanako")
        order_id = order(s, sender="山田商店 <order@yamada.example>").id
    base = make_settings(url, tmp_path / "var").model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_from": "juchu@sample.example"})
    app = create_app(base.model_copy(update={"smtp_port": _free_port()}))  # nobody listens
    c = TestClient(app)
    csrf = sign_in(c, "hanako")

    # 1. unreachable: recorded with the error, shown in red with a "send again" button
    r = c.post(f"/orders/{order_id}/confirmation/send", data={"csrf_token": csrf},
               follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    page = c.get(f"/orders/{order_id}").text
    assert "ConnectionRefusedError" in _state(page) and "送信に失敗" in _state(page)
    assert "注文請書を再送信" in page and "注文請書の送信失敗" in page  # button and history

    # 2. refused by the server: the API says so (503) and the server's words are kept
    refusing = Controller(Refusing(), hostname="127.0.0.1", port=_free_port())
    refusing.start()
    try:
        app.state.settings = base.model_copy(update={"smtp_port": refusing.port})
        r = c.post(f"/api/orders/{order_id}/confirmation", headers={"X-CSRF-Token": csrf})
        assert r.status_code == 503 and "550" in r.json()["detail"]
    finally:
        refusing.stop()
    assert "550 5.1.1" in _state(c.get(f"/orders/{order_id}").text)

    # 3. the server is back: retry from the order screen delivers it
    good = Controller(Mailbox(tmp_path / "Maildir"), hostname="127.0.0.1", port=_free_port())
    good.start()
    try:
        app.state.settings = base.model_copy(update={"smtp_port": good.port})
        c.post(f"/orders/{order_id}/confirmation/send", data={"csrf_token": csrf})
    finally:
        good.stop()
    assert len(list(mailbox.Maildir(tmp_path / "Maildir", create=False))) == 1
    page = c.get(f"/orders/{order_id}").text
    assert _state(page).startswith("注文請書 送信済: order@yamada.example")
    with factory() as s:
        actions = s.scalars(select(AuditEventRow.action).where(AuditEventRow.entity_id == order_id)
                            .order_by(AuditEventRow.id)).all()  # fmt: skip
        errors = s.scalars(select(AuditEventRow).where(
            AuditEventRow.action == "send_confirmation_failed")).all()  # fmt: skip
    assert actions == ["send_confirmation_failed"] * 2 + ["send_confirmation"]
    assert all(e.details["to"] == "order@yamada.example" and e.details["error"] for e in errors)
    app.state.engine.dispose()
    engine.dispose()
