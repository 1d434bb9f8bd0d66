"""A real 30 MB attachment and a 0-byte one through a real Dovecot and the poller: refused and
recorded above the configured size limit, accepted under it, the raw message kept either way,
and the poller goes on to the next message."""

from __future__ import annotations

import os
import uuid
from email.message import EmailMessage

import pytest
from mailmaker import order_mail, tiff_page
from sqlalchemy import select

from ordertake.config import Settings
from ordertake.db.models import BlobRow, DocumentRow, MailMessageRow
from ordertake.ingest.poller import Poller

pytestmark = [pytest.mark.imap, pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]
BIG = 30 * 1024 * 1024


def _mail(subject: str, data: bytes, filename: str, body: str = "") -> bytes:
    msg = EmailMessage()
    msg["From"] = "fax-gateway@example.co.jp"
    msg["To"] = "orders@example.jp"
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{uuid.uuid4().hex}@example.co.jp>"
    msg.set_content(body)
    msg.add_attachment(data, maintype="application", subtype="pdf", filename=filename)
    return msg.as_bytes()


def test_30mb_and_empty_attachments_are_recorded_and_the_poller_goes_on(dovecot_factory,
                                                                        sessions, tmp_path):
    server = dovecot_factory()
    big_pdf = b"%PDF-1.4\n" + os.urandom(BIG) + b"\n%%EOF\n"  # incompressible, like a scan
    server.append(_mail("大きい注文書", big_pdf, "scan.pdf"))
    server.append(_mail("空の注文書", b"", "empty.pdf"))
    server.append(order_mail("普通の注文書", attachment=tiff_page(60)))
    server.append(_mail("大きい注文書 (再送)", big_pdf, "scan.pdf"), folder="Big")
    base = {**server.settings_overrides(), "data_dir": tmp_path / "var", "secret_key": "x"}

    limited = Poller(Settings(**base, max_file_bytes=20_000_000), sessions).poll_once()
    default = Poller(Settings(**{**base, "imap_folder": "Big"}), sessions).poll_once()  # 40 MB

    assert (limited.imported, limited.rejected, limited.moved, limited.errors) == (1, 2, 3, [])
    assert (default.imported, default.documents) == (1, 1)
    assert server.uids("INBOX") == [] and server.uids("Big") == []
    with sessions() as session:
        rows = {m.subject: m for m in session.scalars(select(MailMessageRow))}
        big, empty = rows["大きい注文書"], rows["空の注文書"]
        assert big.status == "rejected" and "above the 20000000 limit" in big.reason
        assert "scan.pdf" in big.reason
        assert empty.status == "rejected" and "empty attachment (0 bytes)" in empty.reason
        for row in rows.values():  # every raw message kept, the 30 MB ones whole
            assert session.get(BlobRow, row.sha256) is not None
        assert session.get(BlobRow, big.sha256).size > BIG
        docs = session.scalars(select(DocumentRow).order_by(DocumentRow.id)).all()
        assert [d.content_type for d in docs] == ["image/tiff", "application/pdf"]
        accepted = session.get(BlobRow, docs[1].sha256)
        assert docs[1].filename == "scan.pdf" and accepted.size == len(big_pdf)
