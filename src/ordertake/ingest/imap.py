"""The IMAP connection (the only imapclient user): login, select, search, fetch, move, IDLE.

Errors are translated here once: a refused login becomes ConfigError (a person must fix it),
anything on the wire becomes MailboxUnavailable (the poller reconnects with backoff).
Passwords and tokens are never logged or put into messages.
"""

from __future__ import annotations

import imaplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from imapclient import IMAPClient
from imapclient import exceptions as imap_errors

from ordertake.config import Settings
from ordertake.errors import ConfigError, OrdertakeError

DONE_KEYWORD = "OrdertakeImported"
FETCH_BATCH = 25
NOT_TLS_REASONS = frozenset({"WRONG_VERSION_NUMBER", "UNSUPPORTED_PROTOCOL", "HTTP_REQUEST",
                             "UNKNOWN_PROTOCOL", "RECORD_LAYER_FAILURE"})
"""OpenSSL reasons meaning the port answered in plain text: a setting to fix, not to retry."""


class MailboxUnavailable(OrdertakeError):
    """The IMAP server cannot be reached or dropped the connection (retried with backoff)."""


@dataclass(frozen=True)
class FolderState:
    uidvalidity: int
    uidnext: int
    exists: int


def mailbox_name(settings: Settings) -> str:
    """How a mailbox is named in mailbox_state and mail_messages: user@host."""
    return f"{settings.imap_user}@{settings.imap_host}"


@contextmanager
def translate_errors(where: str) -> Iterator[None]:
    try:
        yield
    except ssl.SSLCertVerificationError as exc:
        # Not retried: an untrusted certificate is a configuration problem or an attack.
        raise ConfigError(
            f"IMAP server {where} presented an untrusted certificate: "
            f"{exc.verify_message or exc.reason}",
            hint="if the server uses a private CA or a self-signed certificate, set "
                 "ORDERTAKE_IMAP_CA_FILE to that CA's PEM file") from exc
    except ssl.SSLError as exc:
        if exc.reason not in NOT_TLS_REASONS:
            raise MailboxUnavailable(f"IMAP server {where}: TLS failed: {exc}",
                                     hint="the poller retries by itself") from exc
        raise ConfigError(f"IMAP server {where} does not speak implicit TLS on this port",
                          hint="use port 993 with ORDERTAKE_IMAP_SSL=true, or port 143 with "
                               "ORDERTAKE_IMAP_SSL=false and ORDERTAKE_IMAP_STARTTLS=true") from exc
    except imap_errors.LoginError as exc:
        raise ConfigError(f"IMAP login refused for {where}",
                          hint="check ORDERTAKE_IMAP_USER and ORDERTAKE_IMAP_PASSWORD "
                               "(or ORDERTAKE_IMAP_OAUTH2_TOKEN)") from exc
    except (OSError, imaplib.IMAP4.abort, imap_errors.IMAPClientAbortError, EOFError) as exc:
        raise MailboxUnavailable(f"IMAP server {where} unavailable: {type(exc).__name__}: {exc}",
                                 hint="the poller retries by itself") from exc
    except (imap_errors.IMAPClientError, imaplib.IMAP4.error) as exc:
        raise MailboxUnavailable(f"IMAP error on {where}: {exc}") from exc


class MailboxClient:
    """One logged-in IMAP connection with the few operations the poller needs."""

    def __init__(self, client: IMAPClient, where: str) -> None:
        self.client = client
        self.where = where

    def select(self, folder: str) -> FolderState:
        with translate_errors(self.where):
            info = self.client.select_folder(folder)
        return FolderState(int(info.get(b"UIDVALIDITY", 0)), int(info.get(b"UIDNEXT", 0)),
                           int(info.get(b"EXISTS", 0)))

    def uids_after(self, last_uid: int) -> list[int]:
        """UIDs above `last_uid`. ASCII-only criteria (no CHARSET), so Exchange never says
        BADCHARSET; "n:*" also returns the highest message when none is newer, hence the filter."""
        with translate_errors(self.where):
            uids = self.client.search(["UID", f"{last_uid + 1}:*"])
        return sorted(u for u in uids if u > last_uid)

    def present(self, uids: list[int]) -> list[int]:
        if not uids:
            return []
        with translate_errors(self.where):
            return sorted(self.client.search(["UID", ",".join(map(str, uids))]))

    def fetch_raw(self, uids: list[int]) -> Iterator[tuple[int, bytes]]:
        """(uid, raw message) in UID order; BODY.PEEK[] leaves \\Seen alone."""
        for start in range(0, len(uids), FETCH_BATCH):
            batch = uids[start : start + FETCH_BATCH]
            with translate_errors(self.where):
                data = self.client.fetch(batch, ["BODY.PEEK[]"])
            for uid in batch:
                item = data.get(uid)
                if item is not None:
                    yield uid, bytes(item.get(b"BODY[]") or b"")

    def ensure_folder(self, folder: str) -> None:
        with translate_errors(self.where):
            if not self.client.folder_exists(folder):
                self.client.create_folder(folder)

    def handling(self, processed_folder: str) -> str:
        """How handled mail leaves the folder: "move", "copy" (COPY + UID EXPUNGE) or "flag".

        Without UIDPLUS a plain EXPUNGE would also remove other clients' \\Deleted mail, so
        such servers get the keyword instead."""
        if not processed_folder:
            return "flag"
        if self.client.has_capability("MOVE"):
            return "move"
        return "copy" if self.client.has_capability("UIDPLUS") else "flag"

    def mark_handled(self, uids: list[int], processed_folder: str, *,
                     copied: frozenset[int] = frozenset()) -> None:
        """Move to `processed_folder` (MOVE, else COPY+UID EXPUNGE), or flag with a keyword.

        `copied`: UIDs already found in the processed folder (an interrupted COPY+EXPUNGE);
        they are only expunged, never copied twice."""
        if not uids:
            return
        how = self.handling(processed_folder)
        with translate_errors(self.where):
            if how == "move":
                self.client.move(uids, processed_folder)
            elif how == "copy":
                to_copy = [u for u in uids if u not in copied]
                if to_copy:
                    self.client.copy(to_copy, processed_folder)
                self.client.add_flags(uids, [b"\\Deleted"], silent=True)
                self.client.uid_expunge(uids)
            else:
                self.client.add_flags(uids, [DONE_KEYWORD.encode()], silent=True)

    def already_in(self, folder: str, message_ids: dict[int, str], back_to: str) -> frozenset[int]:
        """Which of {uid: Message-ID} already have a copy in `folder` (searched by Message-ID;
        ASCII ids only, so no CHARSET is needed); `back_to` is selected again afterwards."""
        wanted = {uid: mid for uid, mid in message_ids.items() if mid and mid.isascii()}
        if not wanted:
            return frozenset()
        found = set()
        with translate_errors(self.where):
            self.client.select_folder(folder, readonly=True)
            try:
                for uid, mid in wanted.items():
                    if self.client.search(["HEADER", "Message-ID", mid]):
                        found.add(uid)
            finally:
                self.client.select_folder(back_to)
        return frozenset(found)

    def unflagged(self, uids: list[int]) -> list[int]:
        if not uids:
            return []
        with translate_errors(self.where):
            return sorted(self.client.search(
                ["UID", ",".join(map(str, uids)), "UNKEYWORD", DONE_KEYWORD]))

    @property
    def can_idle(self) -> bool:
        return bool(self.client.has_capability("IDLE"))

    def wait_idle(self, seconds: float) -> bool:
        """IDLE up to `seconds`; True when the server announced a change."""
        with translate_errors(self.where):
            self.client.idle()
            try:
                responses = self.client.idle_check(timeout=seconds)
            finally:
                self.client.idle_done()
        return any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses)

    def noop(self) -> None:
        with translate_errors(self.where):
            self.client.noop()

    def close(self) -> None:
        try:
            self.client.logout()
        except Exception:  # noqa: BLE001 - closing a dead connection must not fail
            try:
                self.client.shutdown()
            except Exception:  # noqa: BLE001
                pass


def _login(client: IMAPClient, settings: Settings) -> None:
    if settings.imap_oauth2_token:
        try:
            client.oauth2_login(settings.imap_user, settings.imap_oauth2_token)
        except imap_errors.LoginError as exc:
            raise ConfigError(
                f"IMAP XOAUTH2 token refused for {settings.imap_user}@{settings.imap_host}",
                hint="access tokens expire (about an hour for Microsoft 365 and Gmail): put a "
                     "fresh one into ORDERTAKE_IMAP_OAUTH2_TOKEN and check ORDERTAKE_IMAP_USER "
                     "is the mailbox the token was issued for") from exc
        return
    try:
        client.login(settings.imap_user, settings.imap_password)
    except UnicodeEncodeError:
        # LOGIN is ASCII-only; AUTHENTICATE PLAIN carries UTF-8 user names and passwords.
        client.plain_login(settings.imap_user, settings.imap_password)


def tls_context(settings: Settings) -> ssl.SSLContext:
    """Certificate and host name always verified; against ORDERTAKE_IMAP_CA_FILE when set."""
    ca_file = settings.imap_ca_file
    if ca_file is None:
        return ssl.create_default_context()
    try:
        return ssl.create_default_context(cafile=str(ca_file))
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"ORDERTAKE_IMAP_CA_FILE {ca_file} is not a readable PEM file: {exc}",
                          hint="point it at the PEM certificate of the CA that signed the "
                               "IMAP server's certificate") from exc


def connect(settings: Settings) -> MailboxClient:
    """A logged-in connection as configured (SSL, STARTTLS or plain; password or XOAUTH2)."""
    if not settings.imap_host:
        raise ConfigError("no IMAP server configured", hint="set ORDERTAKE_IMAP_HOST")
    where = f"{settings.imap_user}@{settings.imap_host}:{settings.imap_port}"
    context = tls_context(settings)
    with translate_errors(where):
        try:
            client = IMAPClient(settings.imap_host, port=settings.imap_port,
                                ssl=settings.imap_ssl, ssl_context=context,
                                timeout=settings.imap_timeout)
        except socket.gaierror as exc:
            raise ConfigError(f"IMAP server {settings.imap_host} not found",
                              hint="check ORDERTAKE_IMAP_HOST") from exc
        if settings.imap_starttls and not settings.imap_ssl:
            if not client.has_capability("STARTTLS"):
                client.shutdown()
                raise ConfigError(
                    f"IMAP server {where} does not offer STARTTLS; the password is not sent "
                    "unencrypted", hint="use the server's implicit-TLS port (993) with "
                    "ORDERTAKE_IMAP_SSL=true, or ask for STARTTLS to be enabled")
            client.starttls(context)
        _login(client, settings)
    return MailboxClient(client, where)


def check_login(settings: Settings) -> str:
    """Log in and select the folder (for `ordertake doctor`): e.g. "INBOX: 12 messages"."""
    mailbox = connect(settings)
    try:
        state = mailbox.select(settings.imap_folder)
    finally:
        mailbox.close()
    return f"{settings.imap_folder}: {state.exists} messages"
