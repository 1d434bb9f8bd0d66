"""A real Dovecot IMAP server for tests: foreground, own config, passwd-file user, maildir.

Started from a temp dir on a free port on 127.0.0.1 (see REAL-COMPONENTS.md). As root the
login processes keep their default users and mail belongs to `nobody`, so the directory must
be world-traversable.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from imapclient import IMAPClient
from tlsca import TestCA

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Dovecot:
    root: Path
    port: int = 0
    user: str = "orders@example.jp"
    password: str = "s3cret-pässword"
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    tls: TestCA | None = None
    """With a CA: ssl = yes (STARTTLS on `port`, implicit TLS on `imaps_port`)."""
    imaps_port: int = 0
    capability: str = ""
    """Dovecot's imap_capability: the capability list announced after login."""
    oauth2_introspection_url: str = ""
    """With a URL: XOAUTH2/OAUTHBEARER through Dovecot's oauth2 passdb (token introspection)."""

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def _config(self) -> str:
        mail_uid = "nobody" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        entry = pwd.getpwnam(mail_uid)
        as_user = ""
        if os.geteuid() != 0:
            me = pwd.getpwuid(os.geteuid()).pw_name
            as_user = (f"default_internal_user = {me}\ndefault_internal_group = {me}\n"
                       f"default_login_user = {me}\n")
        chroot = "" if os.geteuid() == 0 else "  chroot =\n"
        ssl = "ssl = no"
        if self.tls is not None:
            ssl = (f"ssl = yes\nssl_cert = <{self.tls.server_cert}\n"
                   f"ssl_key = <{self.tls.server_key}")
        mechanisms = "plain login"
        oauth2 = ""
        if self.oauth2_introspection_url:
            mechanisms += " xoauth2 oauthbearer"
            (self.root / "oauth2.conf").write_text(
                f"introspection_mode = post\nintrospection_url = {self.oauth2_introspection_url}\n"
                "username_attribute = username\nactive_attribute = active\nactive_value = true\n")
            oauth2 = f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n" \
                     f"  args = {self.root}/oauth2.conf\n}}\n"
        capability = f"imap_capability = {self.capability}" if self.capability else ""
        return f"""
base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.root}/dovecot.log
info_log_path = {self.root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
auth_failure_delay = 0
mail_location = maildir:{self.root}/mail/%u
{as_user}
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.root}/passwd
}}
{oauth2}userdb {{
  driver = static
  args = uid={entry.pw_uid} gid={entry.pw_gid} home={self.root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    port = {self.port}
  }}
  inet_listener imaps {{
    port = {self.imaps_port}
  }}
{chroot}}}
service anvil {{
{chroot}}}
protocol imap {{
  mail_max_userip_connections = 50
  {capability}
}}
"""

    def start(self) -> Dovecot:
        self.root.mkdir(parents=True, exist_ok=True)
        for sub in ("run", "state", "mail", "home"):
            (self.root / sub).mkdir(exist_ok=True)
        os.chmod(self.root, 0o755)
        for parent in self.root.parents:  # pytest tmp dirs are 0700; nobody must traverse
            if str(parent) in ("/", "/tmp"):
                break
            os.chmod(parent, os.stat(parent).st_mode | 0o711)
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            for sub in ("mail", "home"):
                os.chown(self.root / sub, nobody.pw_uid, nobody.pw_gid)
        (self.root / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}\n")
        self.port = self.port or free_port()
        if self.tls is not None:
            self.imaps_port = self.imaps_port or free_port()
        (self.root / "dovecot.conf").write_text(self._config())
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                stdout = self.process.stdout
                out = stdout.read().decode(errors="replace") if stdout else ""
                raise RuntimeError(f"dovecot exited: {out}\n{self.log()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as sock:
                    if sock.recv(64).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not greet on port {self.port}\n{self.log()}")

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self) -> None:
        """Kill this Dovecot's own process group at once (SIGTERM takes ~1 s per server, which
        adds up over the suite; the maildir is synced on every write anyway)."""
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(10)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    # ── helpers for tests ──────────────────────────────────────────────────────────────

    def client(self) -> IMAPClient:
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.plain_login(self.user, self.password)
        return client

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        client = self.client()
        try:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            client.append(folder, raw)
        finally:
            client.logout()

    def uids(self, folder: str = "INBOX") -> list[int]:
        client = self.client()
        try:
            if not client.folder_exists(folder):
                return []
            client.select_folder(folder, readonly=True)
            return sorted(client.search(["ALL"]))
        finally:
            client.logout()

    def settings_overrides(self) -> dict[str, object]:
        return {"imap_host": self.host, "imap_port": self.port, "imap_ssl": False,
                "imap_user": self.user, "imap_password": self.password,
                "imap_folder": "INBOX", "imap_processed_folder": "Processed",
                "imap_timeout": 10.0}


def start_dovecot(root: Path | None = None, **options: object) -> Dovecot:
    """Options: tls (a TestCA), capability, oauth2_introspection_url (see Dovecot)."""
    root = root or Path(tempfile.mkdtemp(prefix="ordertake-dovecot-"))
    return Dovecot(root, **options).start()  # type: ignore[arg-type]
