"""Several worker processes; SIGTERM lets each finish its current document, then exit."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from types import FrameType

from ordertake.config import Settings
from ordertake.db.session import make_engine, make_session_factory
from ordertake.queue.reading import load_processor_factory, reading_processor
from ordertake.queue.worker import run_worker

log = logging.getLogger(__name__)


def default_processes(settings: Settings) -> int:
    return settings.workers if settings.workers > 0 else (os.cpu_count() or 1)


def _install_stop_handlers(stop: threading.Event) -> None:
    def handle(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %d: finishing the current document", signum)
        stop.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)


def worker_process(settings_json: str, processor_spec: str, once: bool) -> dict[str, int]:
    """Entry point of one worker process (also used in-process for a single worker)."""
    settings = Settings.model_validate_json(settings_json)
    stop = threading.Event()
    _install_stop_handlers(stop)
    engine = make_engine(settings.effective_database_url)
    sessions = make_session_factory(engine)
    factory = load_processor_factory(processor_spec) if processor_spec else reading_processor
    try:
        return run_worker(sessions, factory(settings, sessions), settings, once=once, stop=stop)
    finally:
        engine.dispose()


def _child(settings_json: str, processor_spec: str, once: bool) -> None:
    worker_process(settings_json, processor_spec, once)


def run_pool(settings: Settings, processes: int, *, once: bool = False,
             processor_spec: str = "") -> int:
    """Run `processes` workers until they end (`once`) or SIGTERM/SIGINT; returns an exit code."""
    settings_json = settings.model_dump_json()
    if processes <= 1:
        worker_process(settings_json, processor_spec, once)
        return 0
    context = multiprocessing.get_context("spawn")  # no engine or lock shared across a fork
    children = [context.Process(target=_child, args=(settings_json, processor_spec, once),
                                name=f"ordertake-worker-{i}") for i in range(processes)]
    for child in children:
        child.start()
    stopping = threading.Event()

    def forward(signum: int, _frame: FrameType | None) -> None:
        stopping.set()
        for child in children:
            if child.is_alive() and child.pid:
                os.kill(child.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    for child in children:
        child.join()
    failed = [c for c in children if c.exitcode not in (0, -signal.SIGTERM)]
    return 1 if failed else 0
