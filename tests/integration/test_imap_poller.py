"""The mailbox poller against a real Dovecot: new mail, restarts, crashes, UIDVALIDITY, races."""

from __future__ import annotations

import threading
import time

import pytest
from mailmaker import order_mail, tiff_page
from sqlalchemy import func, select

from ordertake.config import Settings
from ordertake.db.models import DocumentRow, MailboxStateRow, MailMessageRow
from ordertake.ingest.imap import connect
from ordertake.ingest.poller import Poller

pytestmark = pytest.mark.imap


def _settings(dovecot, tmp_path, **extra) -> Settings:
    values = {**dovecot.settings_overrides(), **extra}
    return Settings(data_dir=tmp_path / "var", secret_key="x", imap_poll_interval=60, **values)


def _count(sessions, model, *where) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_new_mail_becomes_queued_documents_and_is_moved(dovecot, sessions, tmp_path):
    dovecot.append(order_mail("FAX受信 03-1234-5678", attachment=tiff_page(1)))
    dovecot.append(order_mail("追加注文", body="A-10023 醤油 6本\nB-2 味噌 2ケース"))
    dovecot.append(order_mail("ただの挨拶", body=""))

    report = Poller(_settings(dovecot, tmp_path), sessions).poll_once()

    assert (report.imported, report.rejected, report.documents) == (2, 1, 2)
    with sessions() as session:
        docs = session.scalars(select(DocumentRow).order_by(DocumentRow.id)).all()
        assert [d.status for d in docs] == ["queued", "queued"]
        assert docs[0].content_type == "image/tiff" and docs[0].fax_number == "0312345678"
        assert docs[1].content_type == "message/rfc822" and docs[1].filename.endswith(".eml")
        rejected = session.scalars(select(MailMessageRow).where(
            MailMessageRow.status == "rejected")).one()
        assert "no order" in rejected.reason and rejected.sha256  # raw kept
    assert dovecot.uids("INBOX") == [] and len(dovecot.uids("Processed")) == 3
    # A second pass finds nothing new.
    assert Poller(_settings(dovecot, tmp_path), sessions).poll_once().imported == 0


def test_crash_after_store_before_move_creates_no_duplicate(dovecot, sessions, tmp_path):
    dovecot.append(order_mail(attachment=tiff_page(2)))
    settings = _settings(dovecot, tmp_path)
    poller = Poller(settings, sessions)

    class Crash(Exception):
        pass

    def crash_on_move(*_args, **_kwargs):
        raise Crash

    client = connect(settings)
    client.mark_handled = crash_on_move  # the process dies between commit and MOVE
    with pytest.raises(Crash):
        poller.poll(client)
    client.close()
    assert _count(sessions, DocumentRow) == 1 and dovecot.uids("INBOX")

    report = Poller(settings, sessions).poll_once()

    assert report.imported == 0 and report.moved == 1
    assert _count(sessions, DocumentRow) == 1 and _count(sessions, MailMessageRow) == 1
    assert dovecot.uids("INBOX") == []


def test_uidvalidity_change_neither_reimports_nor_skips(dovecot, sessions, tmp_path):
    settings = _settings(dovecot, tmp_path, imap_processed_folder="")  # flag mode: mail stays
    first = order_mail("一通目", attachment=tiff_page(3))
    dovecot.append(first)
    assert Poller(settings, sessions).poll_once().imported == 1
    # The server rebuilds the mailbox: same messages, new UIDVALIDITY, plus one new mail.
    dovecot.stop()
    import shutil
    shutil.rmtree(dovecot.root / "mail")
    (dovecot.root / "mail").mkdir()
    time.sleep(1.1)  # Dovecot derives a new UIDVALIDITY from the clock's seconds
    dovecot.start()
    dovecot.append(first)
    dovecot.append(order_mail("二通目", attachment=tiff_page(4)))

    report = Poller(settings, sessions).poll_once()

    assert (report.imported, report.duplicates) == (1, 1)
    assert _count(sessions, DocumentRow) == 2
    with sessions() as session:
        states = session.scalars(select(MailboxStateRow)).all()
        assert len(states) == 1 and states[0].last_uid == 2
        uidvalidities = set(session.scalars(select(MailMessageRow.uidvalidity)))
        assert len(uidvalidities) == 2  # the server really changed it


def test_two_pollers_at_once_import_once(dovecot, sessions, tmp_path):
    for i in range(6):
        dovecot.append(order_mail(f"注文 {i}", attachment=tiff_page(10 + i)))
    settings = _settings(dovecot, tmp_path)
    reports = []
    barrier = threading.Barrier(2)

    def run():
        barrier.wait()
        reports.append(Poller(settings, sessions).poll_once())

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert _count(sessions, DocumentRow) == 6
    assert _count(sessions, MailMessageRow, MailMessageRow.status == "imported") == 6
    assert sum(r.imported for r in reports) == 6
    assert dovecot.uids("INBOX") == []


def test_idle_delivery_and_dovecot_restart_mid_run(dovecot, sessions, tmp_path):
    settings = _settings(dovecot, tmp_path)
    stop = threading.Event()
    poller = Poller(settings, sessions)
    thread = threading.Thread(target=poller.run, args=(stop,), kwargs={"idle_seconds": 2})
    thread.start()
    try:
        time.sleep(0.5)
        dovecot.append(order_mail("IDLE", attachment=tiff_page(30)))
        _wait(lambda: _count(sessions, DocumentRow) == 1, 10)
        dovecot.restart()  # the poller's connection dies; it must reconnect by itself
        dovecot.append(order_mail("after restart", attachment=tiff_page(31)))
        _wait(lambda: _count(sessions, DocumentRow) == 2, 30)
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()
    assert dovecot.uids("INBOX") == []


def _wait(predicate, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("condition not reached in time")
