"""The mailbox poller: new mail by UID → stored documents, then moved/flagged; IDLE for push.

Order of effects makes it crash-safe: the message row, its documents and the new last UID
commit together; only then is the message moved. A crash in between leaves a row with
`moved = False`, which the next pass moves without importing it again. A changed UIDVALIDITY
restarts from UID 0 and relies on Message-ID/content-hash dedupe in `store.ingest_mail`.
One poller per mailbox: a PostgreSQL advisory lock, or on SQLite (one machine) a file lock.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from sqlalchemy import ColumnElement, Connection, and_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from ordertake.config import Settings
from ordertake.db.models import MailboxStateRow, MailMessageRow
from ordertake.errors import ConfigError
from ordertake.ingest.imap import MailboxClient, MailboxUnavailable, connect, mailbox_name
from ordertake.ingest.mime import MimeLimits
from ordertake.ingest.store import ingest_mail

log = logging.getLogger(__name__)


@dataclass
class PollReport:
    imported: int = 0
    rejected: int = 0
    duplicates: int = 0
    documents: int = 0
    moved: int = 0
    locked_out: bool = False
    """Another poller holds this mailbox; nothing was done."""
    errors: list[str] = field(default_factory=list)


def _lock_key(name: str) -> int:
    return zlib.crc32(f"ordertake-poll:{name}".encode()) & 0x7FFFFFFF


class MailboxLock:
    """One poller per mailbox: a PostgreSQL advisory lock held on its own connection, or on
    SQLite (one machine) an flock on a file beside the database."""

    def __init__(self, sessions: sessionmaker[Session], mailbox: str, folder: str) -> None:
        self.engine = sessions.kw["bind"]
        self.base_key = f"{mailbox}/{folder}"
        self.key = _lock_key(self.base_key)
        self.conn: Connection | None = None
        self.file: IO[bytes] | None = None

    def acquire(self) -> bool:
        if self.engine.dialect.name == "postgresql":
            return self._acquire_pg()
        database = self.engine.url.database
        if not database or database == ":memory:":
            return True
        if self.file is None:
            self.file = open(f"{database}.poll-{self.key}.lock", "ab")  # noqa: SIM115
            try:
                fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self.file.close()
                self.file = None
                return False
        return True

    def _acquire_pg(self) -> bool:
        if self.conn is None:
            self.conn = self.engine.connect()
            # Advisory locks are per database; two installations in different schemas of one
            # database (or parallel test runs) must not lock each other out.
            schema = self.conn.execute(text("SELECT current_schema()")).scalar() or ""
            self.key = _lock_key(f"{schema}:{self.base_key}")
        got = bool(self.conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key})
                   .scalar())
        self.conn.commit()
        return got

    def release(self) -> None:
        if self.file is not None:
            self.file.close()  # closing drops the flock
            self.file = None
        if self.conn is not None:
            try:
                self.conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
                self.conn.commit()
            finally:
                self.conn.close()
                self.conn = None


class Poller:
    def __init__(self, settings: Settings, sessions: sessionmaker[Session],
                 connector: Callable[[Settings], MailboxClient] = connect) -> None:
        self.settings = settings
        self.sessions = sessions
        self.connector = connector
        self.mailbox = mailbox_name(settings)
        self.folder = settings.imap_folder
        self.limits = MimeLimits(max_attachment_bytes=settings.max_file_bytes)

    # ── one pass ───────────────────────────────────────────────────────────────────────

    def _state(self, session: Session) -> MailboxStateRow:
        state = session.scalar(select(MailboxStateRow).where(
            MailboxStateRow.mailbox == self.mailbox, MailboxStateRow.folder == self.folder))
        if state is None:
            state = MailboxStateRow(mailbox=self.mailbox, folder=self.folder, last_uid=0,
                                    last_error="")
            session.add(state)
            session.flush()
        return state

    def poll(self, client: MailboxClient) -> PollReport:
        """One full pass over the folder with an open connection."""
        report = PollReport()
        folder = client.select(self.folder)
        processed = self.settings.imap_processed_folder
        if processed:
            client.ensure_folder(processed)
            client.select(self.folder)
        with self.sessions() as session:
            state = self._state(session)
            if state.uidvalidity != folder.uidvalidity:
                if state.uidvalidity is not None:
                    log.warning("%s/%s: UIDVALIDITY changed %s → %s; rescanning with dedupe",
                                self.mailbox, self.folder, state.uidvalidity, folder.uidvalidity)
                state.uidvalidity = folder.uidvalidity
                state.last_uid = 0
            last_uid = state.last_uid
            session.commit()
        self._move_leftovers(client, folder.uidvalidity, report)
        for uid, raw in client.fetch_raw(client.uids_after(last_uid)):
            self._import_one(uid, raw, folder.uidvalidity, report)
            self._move(client, [uid], folder.uidvalidity, report)
        with self.sessions() as session:
            state = self._state(session)
            state.last_poll_at = dt.datetime.now(dt.UTC)
            state.last_error = ""
            session.commit()
        return report

    def _import_one(self, uid: int, raw: bytes, uidvalidity: int, report: PollReport) -> None:
        with self.sessions() as session:
            try:
                result = ingest_mail(session, raw, mailbox=self.mailbox, folder=self.folder,
                                     uidvalidity=uidvalidity, uid=uid, limits=self.limits)
                state = self._state(session)
                state.last_uid = max(state.last_uid, uid)
                session.commit()
            except IntegrityError:
                session.rollback()  # another process recorded this UID first: nothing to do
                report.duplicates += 1
                return
            except Exception as exc:  # noqa: BLE001 - one bad message never stops the poller
                session.rollback()
                log.exception("%s uid %s: could not be stored", self.folder, uid)
                report.errors.append(f"uid {uid}: {type(exc).__name__}: {exc}")
                return
        status = result.message.status
        if status == "duplicate" or result.duplicate_of is not None:
            report.duplicates += 1
        elif status == "rejected":
            report.rejected += 1
        else:
            report.imported += 1
            report.documents += len(result.documents)

    def _here(self, uidvalidity: int) -> ColumnElement[bool]:
        """Mail rows of this mailbox folder under the current UIDVALIDITY."""
        return and_(MailMessageRow.mailbox == self.mailbox, MailMessageRow.folder == self.folder,
                    MailMessageRow.uidvalidity == uidvalidity)

    def _move_leftovers(self, client: MailboxClient, uidvalidity: int,
                        report: PollReport) -> None:
        """Messages committed but not moved (a crash in between): move them now."""
        with self.sessions() as session:
            message_ids = {uid: mid or "" for uid, mid in session.execute(select(
                MailMessageRow.uid, MailMessageRow.message_id).where(
                self._here(uidvalidity), MailMessageRow.moved.is_(False)))
                if uid is not None}
        uids = sorted(message_ids)
        if uids:
            processed = self.settings.imap_processed_folder
            still_here = client.present(uids)
            how = client.handling(processed)
            copied: frozenset[int] = frozenset()
            if how == "flag":
                still_here = client.unflagged(still_here)
            elif how == "copy" and still_here:
                # A crash between COPY and EXPUNGE left a copy behind: do not copy again.
                copied = client.already_in(
                    processed, {u: message_ids[u] for u in still_here}, self.folder)
            client.mark_handled(still_here, processed, copied=copied)
            self._record_moved(uids, uidvalidity)
            report.moved += len(still_here)

    def _move(self, client: MailboxClient, uids: list[int], uidvalidity: int,
              report: PollReport) -> None:
        with self.sessions() as session:
            stored = session.scalars(select(MailMessageRow.uid).where(
                self._here(uidvalidity), MailMessageRow.uid.in_(uids)))
            known = [uid for uid in stored if uid is not None]
        known = client.present(known)
        if known:
            client.mark_handled(known, self.settings.imap_processed_folder)
            self._record_moved(known, uidvalidity)
            report.moved += len(known)

    def _record_moved(self, uids: list[int], uidvalidity: int) -> None:
        with self.sessions() as session:
            for row in session.scalars(select(MailMessageRow).where(
                    self._here(uidvalidity), MailMessageRow.uid.in_(uids))):
                row.moved = True
            session.commit()

    def _record_error(self, message: str) -> None:
        try:
            with self.sessions() as session:
                self._state(session).last_error = message[:2000]
                session.commit()
        except Exception:  # noqa: BLE001 - the database may be the thing that is down
            log.exception("could not record the poller error")

    # ── entry points ───────────────────────────────────────────────────────────────────

    def poll_once(self) -> PollReport:
        """Connect, take the mailbox lock, do one pass, disconnect."""
        lock = MailboxLock(self.sessions, self.mailbox, self.folder)
        if not lock.acquire():
            lock.release()
            return PollReport(locked_out=True)
        try:
            client = self.connector(self.settings)
            try:
                return self.poll(client)
            finally:
                client.close()
        finally:
            lock.release()

    def run(self, stop: threading.Event, *, idle_seconds: float = 60.0,
            on_pass: Callable[[PollReport], None] | None = None) -> None:
        """Poll until `stop`: IDLE for push, a full pass every imap_poll_interval anyway,
        reconnecting with backoff (1 s doubling to 60 s) when the server goes away."""
        lock = MailboxLock(self.sessions, self.mailbox, self.folder)
        backoff = 1.0
        try:
            while not stop.is_set():
                if not lock.acquire():
                    stop.wait(min(30.0, self.settings.imap_poll_interval))  # standby poller
                    continue
                try:
                    self._session(stop, idle_seconds, on_pass)
                    backoff = 1.0
                except ConfigError:
                    raise
                except (MailboxUnavailable, OSError) as exc:
                    log.warning("%s; reconnecting in %.0f s", exc, backoff)
                    self._record_error(str(exc))
                    stop.wait(backoff)
                    backoff = min(60.0, backoff * 2)
        finally:
            lock.release()

    def _session(self, stop: threading.Event, idle_seconds: float,
                 on_pass: Callable[[PollReport], None] | None) -> None:
        client = self.connector(self.settings)
        try:
            while not stop.is_set():
                report = self.poll(client)
                if on_pass:
                    on_pass(report)
                next_full = time.monotonic() + self.settings.imap_poll_interval
                while not stop.is_set() and time.monotonic() < next_full:
                    wait = min(idle_seconds, max(0.1, next_full - time.monotonic()))
                    if client.can_idle:
                        if client.wait_idle(wait):
                            break
                    else:
                        stop.wait(wait)
                        client.noop()
        finally:
            client.close()
