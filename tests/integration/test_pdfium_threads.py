"""PDFium is not thread-safe: reading and previewing PDFs from several threads at once (as
`eval --jobs` and the review screen's thread pool do) must not corrupt the process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from ordertake.config import Settings
from ordertake.review_ui.routes_documents import preview_png

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = ROOT.parent / "shared" / "realworld"

# Run in a child: a heap corrupted by concurrent pdfium calls aborts the whole interpreter.
HAMMER = textwrap.dedent("""
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path
    from ordertake.config import Settings
    from ordertake.ocr.load import read_document
    from ordertake.review_ui.routes_documents import preview_png

    datas = [p.read_bytes() for p in sorted(Path("samples/documents/pdf-text").glob("*.pdf"))[:4]]
    settings = Settings()

    def work(i):
        data = datas[i % len(datas)]
        if i % 4:
            assert preview_png(data, 1, settings)[:4] == b"\\x89PNG"
        else:
            assert read_document(data, "order.pdf", settings)[0].words

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(720)))
    print("all read")
""")


def test_pdfs_read_and_previewed_from_eight_threads_at_once() -> None:
    done = subprocess.run([sys.executable, "-c", HAMMER], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "all read"


def test_preview_of_a_pdf_bomb_is_refused_without_drawing_it() -> None:
    bomb = (REALWORLD / "pdf/pagesize/ocrmypdf__hugemono.pdf").read_bytes()
    assert preview_png(bomb, 1, Settings()) is None


def test_preview_of_a_page_past_the_end_is_none() -> None:
    data = next((ROOT / "samples/documents/pdf-text").glob("*.pdf")).read_bytes()
    assert preview_png(data, 1, Settings()) is not None
    assert preview_png(data, 99, Settings()) is None
