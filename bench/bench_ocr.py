"""OCR benchmark: ordertake's OCR pipeline vs the raw tesseract CLI on the same page images
with the same number of processes, side by side; text-layer PDFs in pages per second.

    .venv/bin/python bench/bench_ocr.py             # 4 fax pages, 2 jobs, 2 rounds, 20 PDF pages
    .venv/bin/python bench/bench_ocr.py --pages 8 --jobs 2 --rounds 3 --pdf-pages 100
    .venv/bin/python bench/bench_ocr.py --steps         # accuracy of each preparation step
    .venv/bin/python bench/bench_ocr.py --sample-faxes --pages 10  # the committed faxes' pages

The machine may be shared: rounds alternate the order of the two sides (raw, ours, ours, raw,
...) so a change in load hits both, and CPU seconds (ours: this process + its tesseract
children) are printed beside wall time, as a measure that load does not distort.
An older checkout can be measured with this script: PYTHONPATH=<old>/src (render_images off
is skipped when the old read_document lacks it).
"""

from __future__ import annotations

import argparse
import inspect
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageSequence  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from ordertake.config import Settings  # noqa: E402
from ordertake.domain import Page  # noqa: E402
from ordertake.ocr.load import read_document  # noqa: E402
from ordertake.ocr.page import OcrOptions, ocr_page  # noqa: E402
from ordertake.ocr.pageimage import PageImage  # noqa: E402
from ordertake.ocr.prepare import PrepareSteps, prepare  # noqa: E402
from tests.fixtures.ocr.pages import (  # noqa: E402
    GOTHIC,
    ORDER_LINES,
    faxify,
    render_page,
    tiff_bytes,
)


def fax_document(pages: int) -> tuple[bytes, list[Image.Image]]:
    """A standard-resolution G4 fax TIFF of full A4 order pages, and its page images."""
    lines = ORDER_LINES + [f"AB-{i:04d}    商品サンプル{i}号 500g      {i}   個    {i}00" for i in
                           range(1, 25)]
    images = [faxify(render_page(lines, height_in=11.69), skew=0.6 * (i % 3 - 1), seed=i)
              for i in range(pages)]
    return tiff_bytes(images, "group4", (204, 98)), images


def sample_fax_document(pages: int) -> tuple[bytes, list[Image.Image]]:
    """The pages of the committed standard-resolution sample faxes (order forms with names,
    sizes and figures, unlike the synthetic pages' figures on every word), as one G4 TIFF."""
    images = []
    for path in sorted((ROOT / "samples" / "documents" / "fax-standard").glob("*.tif")):
        with Image.open(path) as tif:
            images += [frame.convert("1") for frame in ImageSequence.Iterator(tif)]
    images = images[:pages]
    return tiff_bytes(images, "group4", (204, 98)), images


def raw_cli(paths: list[str], jobs: int, passes: list[str]) -> float:
    """Seconds for `tesseract IMG - -l LANGS tsv` per language pass over all paths, `jobs`
    pages at a time (a page's passes one after the other, as the pipeline runs them)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def run(path: str) -> None:
        for languages in passes:
            subprocess.run(["tesseract", path, "-", "-l", languages, "--psm", "3", "--dpi",
                            "300", "tsv"], check=True, capture_output=True, env=env)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(run, paths))
    return time.perf_counter() - start


def pipeline_passes(settings: Settings) -> list[str]:
    """The tesseract passes ocr_page runs per page (a digit pass when it has one)."""
    from ordertake.ocr.load import ocr_options

    languages = settings.ocr_languages
    try:
        from ordertake.ocr.digits import split_passes
    except ImportError:  # an older checkout: one pass
        return [languages]
    if not getattr(ocr_options(settings), "digit_pass", False):
        return [languages]
    return [p for p in split_passes(languages) if p]


def _cpu_seconds() -> tuple[float, float]:
    """CPU time of this process (all threads) and of its finished children (tesseract)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _measure(run: Callable[[], object]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds in all, CPU seconds of this process itself) of one call."""
    (own, children), wall = _cpu_seconds(), time.perf_counter()
    run()
    wall = time.perf_counter() - wall
    own_after, children_after = _cpu_seconds()
    return wall, own_after - own + children_after - children, own_after - own


def count_tesseract_runs() -> Counter[str]:
    """From now on, count the pipeline's tesseract runs by kind ("jpn --psm 3", "orientation")."""
    from ordertake.ocr import tesseract

    runs: Counter[str] = Counter()
    rows, orientation = tesseract.ocr_rows, tesseract.detect_orientation

    def counted_rows(paths: Any, languages: str, psm: int, *rest: Any) -> Any:
        # pages read, not tesseract processes: one run may read several (a list file)
        runs[f"{languages} --psm {psm}"] += 1 if isinstance(paths, str) else len(paths)
        return rows(paths, languages, psm, *rest)

    def counted_orientation(*args: Any) -> Any:
        runs["orientation (--psm 0)"] += 1
        return orientation(*args)

    tesseract.ocr_rows = counted_rows  # type: ignore[assignment]
    tesseract.detect_orientation = counted_orientation  # type: ignore[assignment]
    return runs


def _has_render_images() -> bool:
    return "render_images" in inspect.signature(read_document).parameters


def bench_throughput(pages: int, jobs: int, rounds: int, sample_faxes: bool,
                     repeat: int = 1) -> None:
    settings = Settings(ocr_jobs=jobs)
    data, images = sample_fax_document(pages) if sample_faxes else fax_document(pages)
    pages = len(images)
    languages = settings.ocr_languages
    passes = pipeline_passes(settings)
    what = "pages of the sample faxes" if sample_faxes else "synthetic fax pages (A4)"
    times = f" read {repeat} times over (a stream of {pages * repeat})" if repeat > 1 else ""
    print(f"OCR, {pages} standard-resolution {what}{times}, {jobs} processes, sides in "
          f"turn over {rounds} round(s): wall s (CPU s incl. tesseract)")
    with tempfile.TemporaryDirectory() as tmp:
        # The raw CLI gets the very images our pipeline hands tesseract (prepared, 300 dpi),
        # as uncompressed TIFF: the file tesseract reads fastest (PNG costs it 0.04 CPU s more
        # per run, PGM 0.19 s), so the raw side is never slowed by its input format.
        paths = []
        for i, image in enumerate(images):
            prepared = prepare(PageImage(i + 1, image.convert("L"), 204, 98))
            path = os.path.join(tmp, f"p{i}.tif")
            prepared.save(path, format="TIFF")
            paths.append(path)
        paths *= repeat

        def ours() -> None:
            for _ in range(repeat):
                result = read_document(data, "bench.tif", settings)  # review images: the worker
                assert len(result) == pages and all(p.image_png for p in result)

        # Each page its own document, `jobs` documents at a time (the worker pool's processes,
        # here threads): a one-page fax gains nothing from reading a document's pages together.
        singles = [tiff_bytes([image], "group4", (204, 98)) for image in images] * repeat

        def ours_one_page_each() -> None:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                read = list(pool.map(lambda one: read_document(one, "page.tif", settings),
                                     singles))
            assert all(len(r) == 1 and r[0].image_png for r in read)

        def ours_together() -> None:
            # As the worker reads one-page documents: ocr_jobs x read_together at a time, one
            # thread each, their pages read together (ocr/together.py).
            from ordertake.ocr.together import ReadTogether

            with (ReadTogether(settings.read_together, jobs) as group,
                  ThreadPoolExecutor(max_workers=jobs * settings.read_together) as pool):

                def one(page: bytes) -> list[Page]:
                    with group.member():
                        return read_document(page, "page.tif", settings)

                read = list(pool.map(one, singles))
            assert all(len(r) == 1 and r[0].image_png for r in read)

        raw: dict[str, Callable[[], object]] = {
            f"raw CLI -l {languages}": lambda: raw_cli(paths, jobs, [languages])}
        if passes != [languages]:
            raw[f"raw CLI {', then '.join('-l ' + p for p in passes)} (pipeline's passes)"] = (
                lambda: raw_cli(paths, jobs, passes))
        mine: dict[str, Callable[[], object]] = {
            f"ordertake read_document, one {pages}-page TIFF": ours,
            "ordertake read_document, one TIFF per page": ours_one_page_each}
        if getattr(settings, "read_together", 1) > 1:
            mine[f"ordertake, one TIFF per page, {settings.read_together} pages a run"] = (
                ours_together)
        sides = raw | mine
        names = list(sides)
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in names}
        runs = count_tesseract_runs()
        for round_no in range(rounds):
            order = names[round_no % len(names):] + names[:round_no % len(names)]
            for name in order:
                results[name].append(_measure(sides[name]))
    for name in names:
        walls = " ".join(f"{w:6.2f} ({c:5.2f})" for w, c, _ in results[name])
        best = min(w for w, _, _ in results[name])
        # CPU s / wall s: how many cores the side kept busy (at most `jobs` on a quiet machine).
        busy = statistics.median(c / w for w, c, _ in results[name])
        print(f"  {name:52s} {walls}  best {pages * repeat / best * 60:5.1f} pages/min, "
              f"{busy:.2f} cores busy")
    for ours_name in mine:
        print(f"  {ours_name}:")
        for name in raw:
            pairs = list(zip(results[ours_name], results[name], strict=True))
            wall = statistics.median(m[0] / r[0] for m, r in pairs)
            cpu = statistics.median(m[1] / r[1] for m, r in pairs)
            print(f"    vs {name}: wall {wall:.3f} ({(wall - 1) * 100:+.1f} %), "
                  f"CPU {cpu:.3f} ({(cpu - 1) * 100:+.1f} %)  (median of rounds; "
                  "target <= +10 %)")
        own_s = statistics.median(m[2] for m in results[ours_name]) / pages / repeat
        raw_s = statistics.median(r[1] for r in results[names[0]]) / pages / repeat
        print(f"    its own work (this process's CPU, not tesseract's): {own_s:.3f} s per page "
              f"= {own_s / raw_s * 100:+.1f} % of {names[0]!r} ({raw_s:.2f} CPU s/page)")
    per_page = ", ".join(f"{kind} {count / rounds / pages / repeat / len(mine):.2f}"
                         for kind, count in sorted(runs.items()))
    print(f"  the pipeline's tesseract runs per page: {per_page}")


def text_pdf(pages: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("IPAGothic", GOTHIC))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for _ in range(pages):
        pdf.setFont("IPAGothic", 10)
        y = 800
        for line in ORDER_LINES * 4:
            pdf.drawString(40, y, line)
            y -= 22
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def bench_text_layer(pages: int, rounds: int) -> None:
    """Pages per second of a text-layer PDF, with review images (worker) and without
    (`ordertake parse`/`eval`); the first call of the process (fonts, CMaps loaded) apart."""
    data = text_pdf(pages)
    settings = Settings()
    variants: dict[str, Callable[[], list[Page]]] = {
        "with 150 dpi review PNGs (worker)": lambda: read_document(data, "bench.pdf", settings)}
    if _has_render_images():
        variants["render_images=False (parse, eval)"] = lambda: read_document(
            data, "bench.pdf", settings, render_images=False)
    start = time.perf_counter()
    first = read_document(data, "bench.pdf", settings)
    cold = time.perf_counter() - start
    words = len(first[0].words)
    assert all(p.source == "text-layer" for p in first)
    print(f"Text-layer PDF, {pages} pages of {words} words, best of {rounds} round(s) "
          f"(wall pages/s; CPU pages/s):")
    print(f"  {'first call of the process (worker)':36s} {cold:6.3f} s  "
          f"{pages / cold:6.1f} pages/s")
    for name, run in variants.items():
        best = min((_measure(run) for _ in range(rounds)), key=lambda m: m[0])
        print(f"  {name:36s} {best[0]:6.3f} s  {pages / best[0]:6.1f} pages/s  "
              f"({pages / best[1]:6.1f} per CPU s)  target >= 20")


def char_accuracy(text: str, truth: str) -> float:
    return 1 - Levenshtein.normalized_distance(text, truth)


def bench_steps(jobs: int) -> None:
    """Character accuracy of tesseract on fax-like pages with each preparation step on/off."""
    truth = "".join("".join(line.split()) for line in ORDER_LINES)
    clean = render_page()
    cases = {
        "standard 204x98, skew 1.2": (faxify(clean, skew=1.2, seed=3), 204, 98),
        "standard 204x98, skew 0": (faxify(clean, skew=0.0, seed=4), 204, 98),
        "fine 204x196, skew -0.8": (faxify(clean, ydpi=196, skew=-0.8, seed=5), 204, 196),
        "fine 204x196, skew 2.5, specks": (
            faxify(clean, ydpi=196, skew=2.5, specks=3000, seed=6), 204, 196),
    }
    variants = {
        "none (image as sent)": PrepareSteps(resolution=False, despeckle=False, deskew=False),
        "resolution": PrepareSteps(despeckle=False, deskew=False),
        "resolution+deskew": PrepareSteps(despeckle=False),
        "resolution+despeckle": PrepareSteps(deskew=False),
        "resolution+deskew+despeckle (default)": PrepareSteps(),
    }
    print("Character accuracy (1 - normalised edit distance, spaces ignored) / seconds per page")
    print(f"  {'variant':30s} " + " ".join(f"{name[:22]:>22s}" for name in cases) + "    mean")
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=jobs) as pool:
        for vname, steps in variants.items():
            options = OcrOptions(steps=steps, orientation=False, display=False)

            def run(case: tuple[Image.Image, int, int],
                    options: OcrOptions = options) -> tuple[float, float]:
                image, xdpi, ydpi = case
                start = time.perf_counter()
                page = ocr_page(PageImage(1, image.convert("L"), xdpi, ydpi), options, tmp)
                text = "".join(w.text for w in page.words)
                return char_accuracy(text, truth), time.perf_counter() - start

            scores = list(pool.map(run, cases.values()))
            mean = sum(s for s, _ in scores) / len(scores)
            print(f"  {vname:30s} " + " ".join(f"{s:14.3f} /{t:5.1f}s" for s, t in scores)
                  + f"  {mean:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=4, help="fax pages to OCR (0: skip)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for both sides")
    parser.add_argument("--pdf-pages", type=int, default=20,
                        help="text-layer PDF pages (0: skip the text-layer part)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds per comparison")
    parser.add_argument("--steps", action="store_true", help="measure preparation steps")
    parser.add_argument("--repeat", type=int, default=1,
                        help="read the pages this many times over (a stream, not a burst)")
    parser.add_argument("--sample-faxes", action="store_true",
                        help="OCR the committed standard-resolution sample faxes' pages")
    args = parser.parse_args()
    if args.steps:
        bench_steps(args.jobs)
        return
    if args.pages > 0:
        bench_throughput(args.pages, args.jobs, args.rounds, args.sample_faxes, args.repeat)
    if args.pdf_pages > 0:
        bench_text_layer(args.pdf_pages, args.rounds + 1)


if __name__ == "__main__":
    main()
