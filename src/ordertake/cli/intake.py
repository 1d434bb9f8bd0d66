"""`ordertake ingest | worker | poll | watch | status`: intake and the work queue."""

from __future__ import annotations

import json
import logging
import signal
import threading
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from ordertake.cli.context import runtime
from ordertake.domain import SourceKind
from ordertake.errors import ConfigError, DocumentError, ExitCode

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from ordertake.ingest.poller import PollReport

log = logging.getLogger(__name__)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("worker")(worker)
    app.command("poll")(poll)
    app.command("watch")(watch)
    app.command("status")(status)


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()

    def handle(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
    return stop


def ingest(
    files: Annotated[list[Path], typer.Argument(help="PDF/TIFF/PNG/JPEG/xlsx/zip/.eml")],
) -> int:
    """Store and queue documents (files or .eml)."""
    from ordertake.ingest.store import ingest_file

    rt = runtime()
    failed = 0
    for path in files:
        if not path.is_file():
            typer.echo(f"ordertake: error: {path}: no such file", err=True)
            failed += 1
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            typer.echo(f"ordertake: error: {path}: cannot be read ({exc.strerror})", err=True)
            failed += 1
            continue
        with rt.sessions() as session:
            try:
                rows = ingest_file(session, data, path.name, SourceKind.CLI,
                                   max_bytes=rt.settings.max_file_bytes)
                session.commit()
            except DocumentError as exc:
                session.rollback()
                typer.echo(f"ordertake: error: {path}: {exc}", err=True)
                failed += 1
                continue
        for row in rows:
            typer.echo(f"{path}: document {row.id} {row.status} ({row.filename})")
    return int(ExitCode.INPUT if failed else ExitCode.OK)


def worker(
    once: Annotated[bool, typer.Option("--once", help="Stop when the queue is empty.")] = False,
    processes: Annotated[int, typer.Option("--processes", "-n",
                                           help="Worker processes (default: one per core).")] = 0,
    pipeline: Annotated[str, typer.Option(hidden=True, help="module:factory seam")] = "",
) -> int:
    """Process queued documents; SIGTERM finishes the current document, then exits."""
    from ordertake.queue.pool import default_processes, run_pool

    rt = runtime()
    rt.sessions  # noqa: B018 - fail now, with the hint, if the database is not initialised
    count = processes or default_processes(rt.settings)
    if not once:
        return run_pool(rt.settings, count, once=once, processor_spec=pipeline)
    done = threading.Event()
    progress = threading.Thread(target=_show_progress, args=(rt.sessions, done), daemon=True)
    progress.start()
    try:
        code = run_pool(rt.settings, count, once=once, processor_spec=pipeline)
    finally:
        done.set()
        progress.join()
    return code


def _waiting(sessions: sessionmaker[Session]) -> tuple[int, dict[str, int]]:
    from ordertake.queue.status import queue_status

    with sessions() as session:
        documents = queue_status(session)["documents"]
    return documents["queued"] + documents["processing"], documents


def _show_progress(sessions: sessionmaker[Session], done: threading.Event) -> None:
    """A progress bar over the documents waiting when `worker --once` started (stderr)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    total, before = _waiting(sessions)
    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("reading documents", total=total)
        while not done.wait(0.5):
            bar.update(task, completed=max(0, total - _waiting(sessions)[0]))
    _, after = _waiting(sessions)
    typer.echo(
        f"read {total} document(s): {after['review'] - before['review']} to review, "
        f"{after['failed'] - before['failed']} failed",
        err=True,
    )


def poll(once: Annotated[bool, typer.Option("--once", help="One pass, then exit.")] = False) -> int:
    """Fetch the configured IMAP mailbox (IDLE, or one pass with --once)."""
    from ordertake.ingest.poller import Poller

    rt = runtime()
    if not rt.settings.imap_host:
        raise ConfigError("no mailbox configured", hint="set ORDERTAKE_IMAP_HOST and friends")
    poller = Poller(rt.settings, rt.sessions)
    if once:
        report = poller.poll_once()
        if report.locked_out:
            typer.echo("another poller is handling this mailbox; nothing done")
            return 0
        typer.echo(f"imported {report.imported} message(s) → {report.documents} document(s), "
                   f"rejected {report.rejected}, duplicates {report.duplicates}")
        for error in report.errors:
            typer.echo(f"ordertake: error: {error}", err=True)
        return 1 if report.errors else 0
    stop = _stop_on_signals()
    poller.run(stop, idle_seconds=5.0, on_pass=_log_imports)
    return 0


def _log_imports(report: PollReport) -> None:
    if report.imported:
        log.warning("imported %d message(s)", report.imported)


def watch(directory: Annotated[Path, typer.Argument(help="Hot folder to watch.")]) -> int:
    """Ingest files dropped into a folder (moved to processed/ or failed/ afterwards)."""
    from ordertake.ingest.folder import HotFolder

    if not directory.is_dir():
        raise ConfigError(f"{directory} is not a folder", hint="create it or fix the path")
    rt = runtime()
    HotFolder(directory, rt.sessions, max_bytes=rt.settings.max_file_bytes).run(
        _stop_on_signals())
    return 0


def status(as_json: Annotated[bool, typer.Option("--json", help="Machine-readable.")] = False
           ) -> int:
    """Documents and orders per status, mailbox state, oldest waiting item."""
    from ordertake.queue.status import queue_status

    rt = runtime()
    with rt.sessions() as session:
        data = queue_status(session)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return 0
    docs, orders = data["documents"], data["orders"]
    typer.echo("documents: " + "  ".join(f"{k} {v}" for k, v in docs.items()))
    typer.echo("orders:    " + "  ".join(f"{k} {v}" for k, v in orders.items()))
    if data["mail"]:
        typer.echo("mail:      " + "  ".join(f"{k} {v}" for k, v in data["mail"].items()))
    for box in data["mailboxes"]:
        line = (f"mailbox:   {box['mailbox']} {box['folder']} last UID {box['last_uid']}"
                f" (UIDVALIDITY {box['uidvalidity']}), last poll {box['last_poll_at'] or 'never'}")
        typer.echo(line + (f", error: {box['last_error']}" if box["last_error"] else ""))
    oldest = data["oldest_waiting"]
    if oldest["document"]:
        d = oldest["document"]
        typer.echo(f"oldest waiting document: #{d['id']} {d['filename']} since {d['since']}")
    if oldest["draft"]:
        typer.echo(f"oldest draft to review: order #{oldest['draft']['id']} "
                   f"since {oldest['draft']['since']}")
    return 0
