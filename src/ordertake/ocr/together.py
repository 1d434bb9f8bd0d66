"""One-page documents read at the same time share tesseract runs.

Every tesseract run pays its start and model load: 0.08 CPU s with jpn, 0.065 with eng,
about a seventh of a one-page fax's reading. The pages of one document share their runs
(ocr/load.py); one-page faxes read one after another cannot. So a worker reads several
documents at a time, one thread each (queue/worker.py), and their few pages meet here: once
`pages` of them wait, or no other document being read could still add any, the waiting pages
are read by one `ocr_pages` call on one of the group's `jobs` threads (one tesseract process
each, as ocr/load.py runs a document's batches). A run that fails is repeated document by
document, so that only the document at fault fails.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

from ordertake.domain import Page
from ordertake.ocr.page import OcrOptions, make_workdir, ocr_pages
from ordertake.ocr.pageimage import PageImage

_local = threading.local()


def current() -> ReadTogether | None:
    """The group the calling thread reads its document with, if any."""
    return getattr(_local, "group", None)


@dataclass
class _Request:
    pages: list[PageImage]
    options: OcrOptions
    result: Future[list[Page]] = field(default_factory=Future)


class ReadTogether:
    """Threads each reading one document (inside `member()`) read their pages together, on
    `jobs` threads of the group's own (one tesseract process each)."""

    def __init__(self, pages: int, jobs: int) -> None:
        self.pages = pages
        """Pages read by one tesseract run; documents with as many or more read alone."""
        self._jobs = jobs
        self._pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="ocr-together")
        self._lock = threading.Lock()
        self._members = 0
        self._inside = 0
        """Members waiting in `read`: their pages wait or are being read."""
        self._running = 0
        self._waiting: list[_Request] = []

    def __enter__(self) -> ReadTogether:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown()

    @contextmanager
    def member(self) -> Iterator[None]:
        """The calling thread reads a document with the others until the block ends."""
        with self._lock:
            self._members += 1
        _local.group = self
        try:
            yield
        finally:
            _local.group = None
            with self._lock:
                self._members -= 1
                self._start_ready()  # members that waited for this one's pages

    @contextmanager
    def aside(self) -> Iterator[None]:
        """The calling member reads a document of many pages on its own meanwhile: the
        others do not wait for its pages."""
        with self._lock:
            self._inside += 1
            self._start_ready()
        try:
            yield
        finally:
            with self._lock:
                self._inside -= 1

    def read(self, pages: list[PageImage], options: OcrOptions) -> list[Page]:
        """`ocr_pages(pages, options)`, run with the other members' waiting pages."""
        request = _Request(pages, options)
        with self._lock:
            self._waiting.append(request)
            self._inside += 1
            self._start_ready()
        return request.result.result()

    def _start_ready(self) -> None:
        """Start runs of the waiting pages (the lock held) while a thread is free and there
        are enough pages for a run, or every member is waiting, so no more pages can come."""
        while self._waiting and self._running < self._jobs and (
                sum(len(r.pages) for r in self._waiting) >= self.pages
                or self._inside == self._members):
            options = self._waiting[0].options  # one run reads pages of one kind
            ready = [r for r in self._waiting if r.options == options]
            self._waiting = [r for r in self._waiting if r.options != options]
            runs = [ready]
            if self._inside == self._members:  # no more pages to wait for: every free thread
                free = self._jobs - self._running
                runs = [ready[i::free] for i in range(min(free, len(ready)))]
            for run in runs:
                self._running += 1
                self._pool.submit(self._run, run)

    def _run(self, requests: list[_Request]) -> None:
        """Read the requests' pages in one tesseract run (ocr_pages); each request gets its
        pages or, when its own reading fails, its error."""
        outcomes: list[list[Page] | BaseException] = []
        try:
            read = _read_pages([p for r in requests for p in r.pages], requests[0].options)
            for request in requests:
                outcomes.append(read[:len(request.pages)])
                read = read[len(request.pages):]
        except Exception as exc:  # noqa: BLE001 - the document at fault is found below
            outcomes = [exc] if len(requests) == 1 else [_read_alone(r) for r in requests]
        with self._lock:  # before waking them: they no longer wait for pages
            self._inside -= len(requests)
            self._running -= 1
            self._start_ready()
        for request, outcome in zip(requests, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                request.result.set_exception(outcome)
            else:
                request.result.set_result(outcome)


def _read_pages(pages: list[PageImage], options: OcrOptions) -> list[Page]:
    with make_workdir() as workdir:
        # Copies: ocr_pages lets go of each page's pixels, which a repeat still needs.
        return ocr_pages([dataclasses.replace(page) for page in pages], options, workdir)


def _read_alone(request: _Request) -> list[Page] | BaseException:
    try:
        return _read_pages(request.pages, request.options)
    except Exception as exc:  # noqa: BLE001 - handed to the request's own thread
        return exc
