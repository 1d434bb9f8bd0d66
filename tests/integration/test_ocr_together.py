"""One-page documents read at the same time share tesseract runs (ocr/together.py), with the
real tesseract: each document gets its own words, a failing run is repeated document by
document, and a document that needs no OCR never keeps the others waiting. The worker reads
a queue of one-page faxes that way."""

from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ordertake.config import Settings
from ordertake.domain import DocumentStatus, Page
from ordertake.errors import DocumentError
from ordertake.ocr import page as ocr_page
from ordertake.ocr import together
from ordertake.ocr.load import read_document
from ordertake.ocr.together import ReadTogether

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.fixtures.ocr.pages import render_page, tiff_bytes  # noqa: E402
from tests.fixtures.ocr.runs import count_tesseract_runs  # noqa: E402

FAXES = [["発注書 一号店 御中", "KT-0451 特選丸大豆醤油1.8L 6 本 5,880"],
         ["発注書 二号店 御中", "GT-0525 緑茶525ml 2 ケース 3,240"],
         ["発注書 三号店 御中", "SO-0033 食塩1kg 10 袋 1,200"]]
OWN = ["一号", "二号", "三号"]
pytestmark = pytest.mark.ocr


def _fax(lines: list[str]) -> bytes:
    return tiff_bytes([render_page(lines, height_in=1.6).convert("1")], "group4", (300, 300))


def _read_together(documents: list[bytes], settings: Settings
                   ) -> list[list[Page] | BaseException]:
    """Each document read in its own thread, all of them members of one group."""
    all_in = threading.Barrier(len(documents))
    with (ReadTogether(settings.read_together, 1) as group,
          ThreadPoolExecutor(max_workers=len(documents)) as pool):

        def one(data: bytes) -> list[Page] | BaseException:
            with group.member():
                all_in.wait()  # as the worker's threads, members before their first page
                try:
                    return read_document(data, "fax.tif", settings, render_images=False)
                except DocumentError as exc:
                    return exc

        return list(pool.map(one, documents, timeout=300))


def _text(pages: list[Page] | BaseException) -> str:
    assert isinstance(pages, list)
    return "".join(w.text for p in pages for w in p.words)


def test_three_one_page_faxes_share_one_run_per_pass_and_keep_their_own_words(
        monkeypatch: pytest.MonkeyPatch) -> None:
    runs = count_tesseract_runs(monkeypatch)
    read = _read_together([_fax(lines) for lines in FAXES], Settings(read_together=3))

    texts = [_text(pages) for pages in read]
    for text, own in zip(texts, OWN, strict=True):
        assert own in text and not any(o in text for o in OWN if o != own)
    assert "5,880" in texts[0] and "3,240" in texts[1] and "0033" in texts[2]
    assert [pages[0].number for pages in read if isinstance(pages, list)] == [1, 1, 1]
    assert ("jpn", 3) in runs and ("eng", 3) in runs  # main and digit pass: one run each
    assert len([r for r in runs if r[0] == "jpn" and r[1] < 3]) <= 1  # (an unread re-read)


def test_a_failing_run_is_repeated_document_by_document(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """tesseract failing on one page fails that page's document only (the failure is made
    here: a page whose picture is wider than the others)."""
    real = ocr_page.ocr_pages

    def fails_on_wide(pages: list, options: object, workdir: str) -> list[Page]:
        if any(p.image.width < 2000 for p in pages):
            raise DocumentError("OCR failed on page 1 (tesseract: bad page)",
                                reason="ocr_failed")
        return real(pages, options, workdir)  # type: ignore[arg-type]

    monkeypatch.setattr(together, "ocr_pages", fails_on_wide)
    narrow = tiff_bytes([render_page(FAXES[2], width_in=4.0, height_in=1.6).convert("1")],
                        "group4", (300, 300))
    read = _read_together([_fax(FAXES[0]), narrow, _fax(FAXES[1])], Settings(read_together=3))

    assert isinstance(read[1], DocumentError) and read[1].reason == "ocr_failed"
    assert "一号" in _text(read[0]) and "二号" in _text(read[2])


def test_a_document_without_pictures_does_not_keep_the_others_waiting() -> None:
    """The fax waits for more pages; when the typed order ends without adding any, the fax
    is read alone."""
    typed = "発注書\nKT-0451 特選丸大豆醤油1.8L 6本\n".encode()
    read = _read_together([_fax(FAXES[0]), typed], Settings(read_together=3))
    assert "一号" in _text(read[0]) and "KT-0451" in _text(read[1])


def _run_worker_on(sessions, documents: list[bytes], attempts: list[int]  # type: ignore[no-untyped-def]
                   ) -> tuple[dict[str, int], dict[str, str]]:
    """The worker (read_together 3, one OCR thread) on the documents queued as fax-<i>.tif,
    each with its attempts so far; its counts and the text read from each document."""
    from ordertake.domain import SourceKind, SourceMeta
    from ordertake.ingest.store import store_document
    from ordertake.queue.reading import Processed
    from ordertake.queue.worker import run_worker

    with sessions() as session:
        for i, (data, tried) in enumerate(zip(documents, attempts, strict=True)):
            row = store_document(session, data, SourceMeta(filename=f"fax-{i}.tif",
                                                           kind=SourceKind.CLI), f"test:{i}")
            row.attempts = tried
        session.commit()
    settings = Settings(secret_key="x", read_together=3, ocr_jobs=1)
    seen: dict[str, str] = {}
    lock = threading.Lock()

    def reading(data: bytes, meta: SourceMeta) -> Processed:
        pages = read_document(data, meta.filename, settings, render_images=False)
        with lock:
            seen[meta.filename] = _text(pages)
        return Processed(pages=pages)

    with ThreadPoolExecutor(max_workers=1) as outside:  # a hang fails the test, not the run
        counts = outside.submit(run_worker, sessions, reading, settings, once=True
                                ).result(timeout=300)
    return counts, seen


def test_the_worker_reads_queued_one_page_faxes_together(
        monkeypatch: pytest.MonkeyPatch, sessions) -> None:  # type: ignore[no-untyped-def]
    runs = count_tesseract_runs(monkeypatch)
    documents = [_fax(lines) for lines in FAXES] + [b"II*\x00 broken tiff"]
    counts, seen = _run_worker_on(sessions, documents, [0] * len(documents))

    assert counts == {str(DocumentStatus.REVIEW): 3, str(DocumentStatus.FAILED): 1}
    for i, own in enumerate(OWN):
        assert own in seen[f"fax-{i}.tif"]
    assert sum(1 for languages, _ in runs if languages == "jpn") < len(FAXES)


def test_a_fax_on_a_later_attempt_is_read_alone_and_the_others_still_go_through(
        sessions) -> None:  # type: ignore[no-untyped-def]
    counts, seen = _run_worker_on(sessions, [_fax(lines) for lines in FAXES], [0, 1, 0])
    assert counts == {str(DocumentStatus.REVIEW): 3}
    for i, own in enumerate(OWN):
        assert own in seen[f"fax-{i}.tif"]


def test_a_document_read_on_its_own_does_not_keep_the_others_waiting() -> None:
    """A document of as many pages as a run takes is read on its own; a one-page fax read
    meanwhile is read at once, not after it."""
    import time

    long = tiff_bytes([render_page(lines, height_in=1.6).convert("1") for lines in FAXES * 2],
                      "group4", (300, 300))
    settings = Settings(read_together=3, ocr_jobs=1)
    finished: dict[str, float] = {}
    all_in = threading.Barrier(2)
    with (ReadTogether(settings.read_together, 1) as group,
          ThreadPoolExecutor(max_workers=2) as pool):

        def one(name: str, data: bytes, wait_s: float) -> int:
            with group.member():
                all_in.wait()
                time.sleep(wait_s)  # the long document is under way first
                pages = read_document(data, name, settings, render_images=False)
                finished[name] = time.perf_counter()
                return len(pages)

        read = list(pool.map(one, ["long.tif", "fax.tif"], [long, _fax(FAXES[0])],
                             [0.0, 0.2], timeout=300))
    assert read == [6, 1]
    assert finished["fax.tif"] < finished["long.tif"]
