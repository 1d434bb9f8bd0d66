"""The hot folder: files a fax server or MFP drops are taken once they stop changing.

A taken file is stored and queued, then moved to `processed/`; a file that cannot be used
goes to `failed/` with `<name>.reason.txt` beside it. Restart-safe: documents are keyed by
content hash, so a crash between commit and move re-finds the same document.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from ordertake.domain import SourceKind
from ordertake.errors import DocumentError
from ordertake.ingest.store import MAX_FILE_BYTES, ingest_file

log = logging.getLogger(__name__)

PROCESSED = "processed"
FAILED = "failed"
_PARTIAL_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".filepart", ".reason.txt")


@dataclass
class FolderReport:
    taken: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def _unique_target(folder: Path, name: str) -> Path:
    target = folder / name
    counter = 1
    while target.exists():
        target = folder / f"{Path(name).stem}-{counter}{Path(name).suffix}"
        counter += 1
    return target


class HotFolder:
    def __init__(self, root: Path, sessions: sessionmaker[Session],
                 settle_seconds: float = 2.0, max_bytes: int = MAX_FILE_BYTES) -> None:
        self.root = root
        self.sessions = sessions
        self.settle_seconds = settle_seconds
        self.max_bytes = max_bytes
        self._seen: dict[Path, tuple[int, int, float]] = {}

    def _candidates(self) -> list[Path]:
        files = []
        for path in sorted(self.root.iterdir()):
            if path.is_file() and not path.name.startswith(".") \
                    and not path.name.lower().endswith(_PARTIAL_SUFFIXES):
                files.append(path)
        return files

    def _is_settled(self, path: Path, now: float) -> bool:
        """True once size and mtime have not changed for `settle_seconds`."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            self._seen.pop(path, None)
            return False
        signature = (stat.st_size, stat.st_mtime_ns)
        previous = self._seen.get(path)
        if previous is None or previous[:2] != signature:
            self._seen[path] = (*signature, now)
            return False
        return now - previous[2] >= self.settle_seconds

    def scan(self, now: float | None = None) -> FolderReport:
        """One look at the folder: take every settled file."""
        now = time.monotonic() if now is None else now
        report = FolderReport()
        (self.root / PROCESSED).mkdir(exist_ok=True)
        (self.root / FAILED).mkdir(exist_ok=True)
        for path in self._candidates():
            if self._is_settled(path, now):
                try:
                    self._take(path, report)
                except OSError as exc:
                    # Unreadable for now (permissions, gone): the other files still go in;
                    # this one is tried again once it has settled again.
                    log.warning("%s: cannot be taken yet: %s", path.name, exc)
                self._seen.pop(path, None)
        return report

    def _take(self, path: Path, report: FolderReport) -> None:
        try:
            data = path.read_bytes()
            with self.sessions() as session:
                ingest_file(session, data, path.name, SourceKind.FOLDER, max_bytes=self.max_bytes)
                session.commit()
        except DocumentError as exc:
            target = _unique_target(self.root / FAILED, path.name)
            path.replace(target)
            target.with_name(target.name + ".reason.txt").write_text(f"{exc}\n", "utf-8")
            report.failed.append((path.name, str(exc)))
            log.warning("%s → failed/: %s", path.name, exc)
            return
        path.replace(_unique_target(self.root / PROCESSED, path.name))
        report.taken.append(path.name)

    def run(self, stop: threading.Event, interval: float = 1.0) -> None:
        while not stop.is_set():
            try:
                self.scan()
            except Exception:  # noqa: BLE001 - e.g. database briefly down: try again
                log.exception("hot folder scan failed; retrying")
            stop.wait(interval)
