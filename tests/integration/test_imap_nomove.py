"""Servers without MOVE against a real Dovecot (imap_capability without MOVE): COPY + UID
EXPUNGE only after commit, no second copy after a crash between COPY and EXPUNGE; and the
keyword flag when there is no processed folder (or no UIDPLUS either)."""

from __future__ import annotations

import pytest
from mailmaker import order_mail, tiff_page
from sqlalchemy import func, select

from ordertake.config import Settings
from ordertake.db.models import DocumentRow, MailMessageRow
from ordertake.ingest.imap import DONE_KEYWORD, connect
from ordertake.ingest.poller import Poller

pytestmark = pytest.mark.imap
BASE_CAPS = "IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE CHILDREN UNSELECT"


class Crash(Exception):
    pass


def _settings(server, tmp_path, **extra) -> Settings:
    values = {**server.settings_overrides(), **extra}
    return Settings(data_dir=tmp_path / "var", secret_key="x", **values)


def _count(sessions, model) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def _flags(server, folder: str = "INBOX") -> dict[int, set[bytes]]:
    client = server.client()
    try:
        client.select_folder(folder, readonly=True)
        return {uid: set(item[b"FLAGS"]) for uid, item in
                client.fetch(client.search(["ALL"]), ["FLAGS"]).items()}
    finally:
        client.logout()


def test_copy_expunge_after_commit_and_no_second_copy_after_crash(dovecot_factory, sessions,
                                                                  tmp_path):
    server = dovecot_factory(capability=f"{BASE_CAPS} UIDPLUS")
    server.append(order_mail("一通目", attachment=tiff_page(50)))
    server.append(order_mail("二通目", attachment=tiff_page(51)))
    settings = _settings(server, tmp_path)
    client = connect(settings)
    assert client.handling("Processed") == "copy"  # MOVE really is missing
    imap = client.client
    committed_at_copy: list[int] = []
    real_copy = imap.copy

    def copy(uids, folder):
        committed_at_copy.append(_count(sessions, DocumentRow))  # seen from another session
        return real_copy(uids, folder)

    def crash(*_args, **_kwargs):
        raise Crash  # the process dies after COPY (and \Deleted), before UID EXPUNGE

    imap.copy, imap.uid_expunge = copy, crash
    with pytest.raises(Crash):
        Poller(settings, sessions).poll(client)
    client.close()
    assert committed_at_copy == [1]  # the first mail's document was committed before COPY
    assert len(server.uids("Processed")) == 1 and len(server.uids("INBOX")) == 2

    report = Poller(settings, sessions).poll_once()

    assert (report.imported, report.moved) == (1, 2)
    assert server.uids("INBOX") == []
    assert len(server.uids("Processed")) == 2  # the interrupted one was not copied twice
    assert _count(sessions, DocumentRow) == 2 and _count(sessions, MailMessageRow) == 2
    assert Poller(settings, sessions).poll_once().imported == 0


@pytest.mark.parametrize(("capability", "processed"), [
    ("", ""),                  # no processed folder configured
    (BASE_CAPS, "Processed"),  # neither MOVE nor UIDPLUS: a plain EXPUNGE is not safe
], ids=["no-processed-folder", "no-move-no-uidplus"])
def test_keyword_flag_marks_handled_mail_in_place(dovecot_factory, sessions, tmp_path,
                                                  capability, processed):
    server = dovecot_factory(capability=capability)
    server.append(order_mail("一通目", attachment=tiff_page(52)))
    settings = _settings(server, tmp_path, imap_processed_folder=processed)
    client = connect(settings)
    assert client.handling(processed) == "flag"

    def crash(*_args, **_kwargs):
        raise Crash  # dies after the commit, before the flag

    client.mark_handled = crash
    with pytest.raises(Crash):
        Poller(settings, sessions).poll(client)
    client.close()
    assert _flags(server) == {1: set()}
    server.append(order_mail("二通目", attachment=tiff_page(53)))

    report = Poller(settings, sessions).poll_once()

    assert (report.imported, report.moved) == (1, 2)
    flags = _flags(server)
    assert sorted(flags) == [1, 2]  # still in the folder, each with the keyword
    assert all(DONE_KEYWORD.encode() in f and b"\\Deleted" not in f for f in flags.values())
    assert _count(sessions, DocumentRow) == 2 and _count(sessions, MailMessageRow) == 2
    assert Poller(settings, sessions).poll_once().imported == 0
    assert _count(sessions, DocumentRow) == 2
