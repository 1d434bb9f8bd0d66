"""ORDERTAKE_MAX_FILE_BYTES governs every entry point: CLI ingest, hot folder and upload."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from ordertake.errors import DocumentError
from ordertake.ingest.folder import HotFolder
from ordertake.ingest.store import ingest_file, ingest_upload

PDF = (
    Path(__file__).resolve().parents[2] / "samples/documents/pdf-text/pdf-text-001.pdf"
).read_bytes()


def test_ingest_file_and_upload_honour_the_limit(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        with pytest.raises(DocumentError, match="MAX_FILE_BYTES") as info:
            ingest_file(session, PDF, "order.pdf", max_bytes=len(PDF) - 1)
        assert info.value.reason == "too_large"
        with pytest.raises(DocumentError):
            ingest_upload(session, PDF, "order.pdf", None, max_bytes=100)
        assert len(ingest_file(session, PDF, "order.pdf", max_bytes=len(PDF))) == 1


def test_hot_folder_moves_an_oversized_file_to_failed_with_the_reason(
    tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "big.pdf").write_bytes(PDF)
    folder = HotFolder(drop, sessions, settle_seconds=0, max_bytes=100)
    folder.scan(now=0.0)
    folder.scan(now=10.0)
    assert (drop / "failed" / "big.pdf").exists()
    assert "limit" in (drop / "failed" / "big.pdf.reason.txt").read_text("utf-8")
