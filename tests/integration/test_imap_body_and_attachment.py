"""A mail with an order attachment AND text, through a real Dovecot: the attachment is always
the order; the body is a second document only when it has order lines of its own (rule in
ingest/bodyorder.py). Covering notes and fax-gateway bodies never become documents or drafts."""

from __future__ import annotations

import pytest
from mailmaker import order_mail, tiff_page
from sqlalchemy import select

from ordertake.config import Settings
from ordertake.db.models import DocumentRow
from ordertake.domain import PageSource, SourceMeta
from ordertake.ingest.blobs import get_blob
from ordertake.ingest.mime import unpack
from ordertake.ingest.poller import Poller
from ordertake.pipeline import read_and_parse

pytestmark = [pytest.mark.imap, pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]
TYPED = "お世話になっております。\n添付の注文書に加えて、下記も追加でお願いします。\n" \
        "醤油 特選丸大豆1.8L 6本\nKT-0451 10\n以上よろしくお願いいたします。"


def test_body_is_a_document_only_when_it_orders_by_itself(dovecot, sessions, tmp_path):
    dovecot.append(order_mail("注文書と追加", attachment=tiff_page(70), body=TYPED))
    dovecot.append(order_mail("転送", attachment=tiff_page(71), body="FAXを転送します"))
    dovecot.append(order_mail("FAX受信 03-1234-5678", attachment=tiff_page(72),
                              body="受信日時: 2026/11/20 09:30\nページ数: 2\n"
                                   "送信元: 03-1234-5678"))
    settings = Settings(data_dir=tmp_path / "var", secret_key="x",
                        **dovecot.settings_overrides())

    report = Poller(settings, sessions).poll_once()

    assert (report.imported, report.documents) == (3, 4)
    with sessions() as session:
        docs = session.scalars(select(DocumentRow).order_by(DocumentRow.id)).all()
        by_subject: dict[str, list[DocumentRow]] = {}
        for doc in docs:
            by_subject.setdefault(doc.subject, []).append(doc)
        both = by_subject["注文書と追加"]
        assert [d.content_type for d in both] == ["image/tiff", "message/rfc822"]
        assert [d.content_type for d in by_subject["転送"]] == ["image/tiff"]
        assert [d.content_type for d in by_subject["FAX受信 03-1234-5678"]] == ["image/tiff"]
        body_bytes = get_blob(session, both[1].sha256)

    # The body document holds the text only: reading it never reads the TIFF a second time.
    assert unpack(body_bytes).attachments == ()
    result = read_and_parse(body_bytes, SourceMeta(filename=both[1].filename), settings)
    assert len(result.drafts) == 1 and len(result.drafts[0].lines) == 2
    assert all(page.source == PageSource.TEXT for page in result.pages)
