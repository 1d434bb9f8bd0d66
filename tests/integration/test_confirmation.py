"""注文請書: a one-page PDF from an approved order, mailed through a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import io
import mailbox
import socket
from collections.abc import Iterator
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pdfplumber
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from export_support import order
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ordertake.config import Settings
from ordertake.db.models import AuditEventRow, BlobRow, ConfirmationRow
from ordertake.errors import ExportError, InputError
from ordertake.export.confirmations import create_confirmation, send_confirmation


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_maildir(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """A real SMTP server on 127.0.0.1 delivering into a Maildir."""
    maildir = tmp_path / "Maildir"
    port = _free_port()
    controller = Controller(Mailbox(maildir), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, maildir
    finally:
        controller.stop()


def _settings(tmp_path: Path, port: int) -> Settings:
    return Settings(
        data_dir=tmp_path, smtp_host="127.0.0.1", smtp_port=port,
        smtp_from="juchu@sample-foods.example", company_name="株式会社サンプル食品",
    )  # fmt: skip


LINES = [("A-10023", 6, "本", 420), ("B-2", 2, "ケース", 3000)]


def test_pdf_is_one_page_with_the_order_on_it(sessions: sessionmaker[Session], tmp_path) -> None:  # type: ignore[no-untyped-def]
    with sessions.begin() as s:
        row = order(s, lines=LINES, order_number="PO-2026-1182", notes="午前着希望",
                    product_names={"A-10023": "醤油 特選丸大豆 1.8L"})  # fmt: skip
        conf, pdf = create_confirmation(s, row.id, _settings(tmp_path, 25), user_id=None)
        assert s.get(BlobRow, conf.sha256) is not None and conf.sent_at is None
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        text = doc.pages[0].extract_text()
    for expected in ("注 文 請 書", "山田商店 御中", "PO-2026-1182", "2026年11月25日",
                     "醤油 特選丸大豆 1.8L", "A-10023", "2,520", "8,520", "株式会社サンプル食品",
                     "午前着希望"):  # fmt: skip
        assert expected in text, expected
    assert b"/FontFile2" in pdf  # the IPA Gothic font travels with the file


def test_many_lines_still_fit_one_page(sessions: sessionmaker[Session], tmp_path) -> None:  # type: ignore[no-untyped-def]
    with sessions.begin() as s:
        row = order(s, lines=[(f"P-{i}", 1, "個", 10) for i in range(120)])
        _, pdf = create_confirmation(s, row.id, _settings(tmp_path, 25))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        assert "ほか" in doc.pages[0].extract_text() and "1,200" in doc.pages[0].extract_text()


def test_sent_to_the_orders_sender_and_recorded(
    sessions: sessionmaker[Session], smtp_maildir: tuple[int, Path], tmp_path: Path
) -> None:
    port, maildir = smtp_maildir
    with sessions.begin() as s:
        row = order(s, lines=LINES, sender="山田商店 受注係 <order@yamada.example>")
        conf = send_confirmation(s, row.id, _settings(tmp_path, port), user_id=None)
        order_id, conf_id = row.id, conf.id
    messages = list(mailbox.Maildir(maildir, create=False))
    assert len(messages) == 1
    msg = BytesParser(policy=policy.default).parsebytes(messages[0].as_bytes())
    assert msg["To"] == "order@yamada.example"
    assert msg["Subject"] == "注文請書 (ご注文番号 PO-1)"
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_filename() == "注文請書-PO-1.pdf"
    pdf = attachment.get_content()
    with sessions() as s:
        stored = s.get(ConfirmationRow, conf_id)
        assert stored is not None and stored.sent_to == "order@yamada.example"
        assert stored.sent_at is not None
        blob = s.get(BlobRow, stored.sha256)
        assert blob is not None and bytes(blob.data) == pdf
        audit = s.scalars(select(AuditEventRow).where(AuditEventRow.entity_id == order_id)).all()
        assert [a.action for a in audit] == ["send_confirmation"]


def test_refusals_are_explained(
    sessions: sessionmaker[Session], smtp_maildir: tuple[int, Path], tmp_path: Path
) -> None:
    port, _ = smtp_maildir
    with sessions.begin() as s:
        draft = order(s, status="draft", sender="a@b.example").id
        by_fax = order(s, sender="").id
    with sessions() as s:
        with pytest.raises(InputError, match="only approved orders"):
            send_confirmation(s, draft, _settings(tmp_path, port))
        with pytest.raises(InputError, match="fax it"):
            send_confirmation(s, by_fax, _settings(tmp_path, port))
        closed = _free_port()
        with pytest.raises(ExportError, match="could not be sent"):
            send_confirmation(s, by_fax, _settings(tmp_path, closed), to="x@y.example")
        s.rollback()
        assert s.scalars(select(ConfirmationRow)).all() == []
