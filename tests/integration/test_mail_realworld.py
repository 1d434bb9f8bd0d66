"""Every real-world e-mail goes through mail ingest: documents or an explained rejection."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from ordertake.db.models import BlobRow, DocumentRow, MailMessageRow
from ordertake.ingest.mime import unpack
from ordertake.ingest.store import ingest_mail

EML = Path(__file__).resolve().parents[2].parent / "shared" / "realworld" / "eml"
FILES = sorted(EML.rglob("*.eml"))


def test_realworld_mail_folder_is_present():
    assert len(FILES) > 100


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_unpack_never_crashes(path: Path):
    mail = unpack(path.read_bytes())
    for part in mail.attachments:
        assert part.data and "/" not in part.filename


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_realworld_mail_ends_as_documents_or_explained_rejection(sessions):
    with sessions() as session:
        for uid, path in enumerate(FILES, start=1):
            result = ingest_mail(session, path.read_bytes(), mailbox="test", folder="INBOX",
                                 uidvalidity=1, uid=uid)
            row = result.message
            assert row.status in ("imported", "rejected", "duplicate"), path
            if row.status == "imported":
                assert result.documents, path
            else:
                assert row.reason, path
            assert session.get(BlobRow, row.sha256) is not None  # the raw mail is kept
        session.commit()
        imported = session.scalars(select(MailMessageRow).where(
            MailMessageRow.status == "imported")).all()
        assert imported and session.scalars(select(DocumentRow)).first() is not None
