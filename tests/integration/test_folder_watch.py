"""The hot folder: settled files only, processed/ and failed/ with the reason, restart-safe."""

from __future__ import annotations

from mailmaker import tiff_page
from sqlalchemy import func, select

from ordertake.db.models import DocumentRow
from ordertake.ingest.folder import HotFolder


def _docs(sessions) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(DocumentRow))


def test_file_is_taken_only_after_it_stops_changing(sessions, tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    folder = HotFolder(drop, sessions, settle_seconds=2)
    fax = drop / "fax_0312345678_20261120.tif"
    data = tiff_page(5)
    fax.write_bytes(data[:100])  # the fax server is still writing
    assert folder.scan(now=0).taken == []
    fax.write_bytes(data)
    assert folder.scan(now=1).taken == []
    assert folder.scan(now=2).taken == []  # unchanged for only one second
    assert folder.scan(now=3.5).taken == [fax.name]
    assert (drop / "processed" / fax.name).exists() and not fax.exists()
    with sessions() as session:
        doc = session.scalars(select(DocumentRow)).one()
        assert (doc.source, doc.fax_number, doc.status) == ("folder", "0312345678", "queued")


def test_unusable_file_goes_to_failed_with_reason(sessions, tmp_path):
    tmp_path = tmp_path / "drop"
    tmp_path.mkdir()
    folder = HotFolder(tmp_path, sessions, settle_seconds=0)
    (tmp_path / "note.docx").write_bytes(b"\x00\x01binary")
    (tmp_path / "empty.pdf").write_bytes(b"")
    folder.scan(now=0)
    report = folder.scan(now=1)
    assert sorted(name for name, _ in report.failed) == ["empty.pdf", "note.docx"]
    reason = (tmp_path / "failed" / "empty.pdf.reason.txt").read_text()
    assert "empty" in reason
    assert _docs(sessions) == 0


def test_restart_after_commit_before_move_creates_no_duplicate(sessions, tmp_path):
    tmp_path = tmp_path / "drop"
    tmp_path.mkdir()
    data = tiff_page(6)
    (tmp_path / "a.tif").write_bytes(data)
    first = HotFolder(tmp_path, sessions, settle_seconds=0)
    first.scan(now=0)
    assert first.scan(now=1).taken == ["a.tif"]
    # The same file dropped again (or left behind by a crash before the move).
    (tmp_path / "a.tif").write_bytes(data)
    fresh = HotFolder(tmp_path, sessions, settle_seconds=0)
    fresh.scan(now=0)
    assert fresh.scan(now=1).taken == ["a.tif"]
    assert _docs(sessions) == 1
    assert (tmp_path / "processed" / "a-1.tif").exists()
