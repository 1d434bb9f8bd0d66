"""Fast loop for the fax reader: OCR the sample faxes once, then parse+match+score from cache.

The first run reads every document of the chosen kinds through `ocr.load.read_document` and
keeps each document's pages (words with boxes) in build/ocr-cache/<tag>/<sha256>.json; later
runs parse, match and score from there in seconds and print every miss (truth line beside the
line read), so parse and matching changes can be measured without running tesseract again.

    .venv/bin/python bench/fax_errors.py                     # fax kinds, cached
    .venv/bin/python bench/fax_errors.py --kinds fax-standard --quiet
    .venv/bin/python bench/fax_errors.py --tag new --refresh # re-OCR into another cache
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import hashlib
import json
import logging
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "ocr-cache"
FAX_KINDS = ("fax-fine", "fax-standard", "email-forward")


def _page_to_json(page: Any) -> dict[str, Any]:
    return {"number": page.number, "width": page.width, "height": page.height,
            "source": str(page.source), "part": page.part,
            "image": base64.b64encode(page.image_png).decode() if page.image_png else None,
            "words": [[w.text, w.box.page, w.box.x0, w.box.y0, w.box.x1, w.box.y1,
                       w.confidence] for w in page.words]}


def _page_from_json(raw: dict[str, Any]) -> Any:
    from ordertake.domain import Box, Page, PageSource, Word

    words = [Word(t, Box(p, x0, y0, x1, y1), c) for t, p, x0, y0, x1, y1, c in raw["words"]]
    image = base64.b64decode(raw["image"]) if raw.get("image") else None
    return Page(raw["number"], raw["width"], raw["height"], PageSource(raw["source"]), words,
                image, part=raw.get("part", 0))


class CachedReader:
    """Stands in for ocr.load.read_document: pages from the cache, else read and stored."""

    def __init__(self, real: Any, directory: Path, refresh: bool) -> None:
        self.real, self.directory, self.refresh = real, directory, refresh
        self.ocr_seconds = 0.0
        directory.mkdir(parents=True, exist_ok=True)

    def __call__(self, data: bytes, filename: str, settings: Any, **_: Any) -> list[Any]:
        path = self.directory / f"{hashlib.sha256(data).hexdigest()}.json"
        if path.is_file() and not self.refresh:
            return [_page_from_json(p) for p in json.loads(path.read_text())]
        started = time.perf_counter()
        pages = self.real(data, filename, settings)  # with pictures: parse re-reads cells
        self.ocr_seconds += time.perf_counter() - started
        path.write_text(json.dumps([_page_to_json(p) for p in pages], ensure_ascii=False))
        return list(pages)


class CachedRows:
    """Stands in for tesseract.ocr_rows: rows cached by image bytes, languages, psm and
    tesseract's other options, so OCR-stage changes (preparation aside) are measured
    without running tesseract again."""

    def __init__(self, real: Any, directory: Path) -> None:
        self.real, self.directory = real, directory
        directory.mkdir(parents=True, exist_ok=True)

    def __call__(self, image_paths: Any, languages: str, psm: int, timeout: float, what: str
                 ) -> list[Any]:
        from ordertake.ocr import tesseract
        from ordertake.ocr.words import RawWord

        single = isinstance(image_paths, str)  # older checkouts read one file a run
        paths = [image_paths] if single else list(image_paths)
        config = getattr(tesseract, "PAGE_CONFIG", "")  # none in older checkouts
        options = hashlib.sha256(config.encode()).hexdigest()[:8] if config else ""
        cached = [self.directory / (f"{hashlib.sha256(Path(p).read_bytes()).hexdigest()[:32]}"
                                    f"-{languages}-{psm}{options}.json") for p in paths]
        missing = [i for i, path in enumerate(cached) if not path.is_file()]
        if missing:
            todo = [paths[i] for i in missing]
            read = ([self.real(todo[0], languages, psm, timeout, what)] if single
                    else self.real(todo, languages, psm, timeout, what))
            for i, rows in zip(missing, read, strict=True):
                cached[i].write_text(json.dumps([dataclasses.astuple(r) for r in rows],
                                                ensure_ascii=False))
        out = [[RawWord(*r[:6], tuple(r[6])) for r in json.loads(path.read_text())]
               for path in cached]
        return out[0] if single else out


class CachedLines:
    """Stands in for tesseract.ocr_line (quantity cells read again): text cached by image
    bytes, languages and whitelist, so parse changes are measured without tesseract."""

    def __init__(self, real: Any, directory: Path) -> None:
        self.real, self.directory = real, directory
        directory.mkdir(parents=True, exist_ok=True)

    def __call__(self, image_path: str, languages: str, whitelist: str, timeout: float,
                 what: str) -> str:
        digest = hashlib.sha256(Path(image_path).read_bytes()).hexdigest()[:32]
        key = hashlib.sha256(f"{languages}|{whitelist}".encode()).hexdigest()[:8]
        path = self.directory / f"{digest}-{key}.txt"
        if path.is_file():
            return path.read_text()
        text = self.real(image_path, languages, whitelist, timeout, what)
        path.write_text(text)
        return text


def _ocr_code_hash() -> str:
    """Changes whenever the OCR stage's code does, so a page cache is never stale."""
    digest = hashlib.sha256(b"pictures, parts")  # what the cache holds, as well as the code
    for path in sorted((ROOT / "src" / "ordertake" / "ocr").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _truth_key(line: Any) -> tuple[str, float]:
    return line.product_code, line.quantity


def _show_doc(doc_name: str, truths: Any, predicted: list[dict[str, Any]],
              products: dict[str, str]) -> list[str]:
    """Lines of text describing every miss in one document."""
    from ordertake.evaluate.score import pair_orders

    out = []
    for truth, pred in pair_orders(truths, predicted):
        t_lines = list(truth.lines) if truth else []
        p_lines = list(pred.get("lines") or []) if pred else []
        p_keys = [(str(p.get("product_code") or ""), float(p.get("quantity") or 0))
                  for p in p_lines]
        t_left = [t for t in t_lines]
        p_left = list(range(len(p_lines)))
        for t in list(t_left):
            key = _truth_key(t)
            for i in p_left:
                if p_keys[i] == key:
                    p_left.remove(i)
                    t_left.remove(t)
                    break
        for t in t_left:
            # The predicted line most likely meant for it: same product, else same quantity.
            guess = next((i for i in p_left if p_keys[i][0] == t.product_code), None)
            if guess is None:
                guess = next((i for i in p_left if p_keys[i][1] == t.quantity), None)
            name = products.get(t.product_code, "?")
            want = f"{t.product_code} {t.quantity:g}{t.unit or ''} {name}"
            if guess is None:
                out.append(f"  MISSING  {want}")
                continue
            p_left.remove(guess)
            p = p_lines[guess]
            got = (f"{p.get('product_code')} {p.get('quantity')}{p.get('unit') or ''} "
                   f"desc={p.get('description')!r} code={p.get('code_written')} "
                   f"price={p.get('unit_price')} amount={p.get('amount')} "
                   f"conf={p.get('confidence')}")
            out.append(f"  WRONG    {want}\n           got {got}")
        for i in p_left:
            p = p_lines[i]
            out.append(f"  EXTRA    {p.get('product_code')} {p.get('quantity')} "
                       f"desc={p.get('description')!r}")
    if out:
        out.insert(0, doc_name)
    return out


def _field_confidences(sample: Any, predicted: list[dict[str, Any]], doc: Any,
                       counts: dict[str, list[int]], show: bool) -> None:
    """Counts (fields, sure, sure but wrong, right but unsure) per kind; shows each wrong field
    with its confidence."""
    from ordertake.evaluate.score import pair_orders

    pairs = [(t, p) for t, p in pair_orders(sample.orders, predicted) if t is not None]
    for (_, pred), order in zip(pairs, doc.orders, strict=False):
        evidence = (pred or {}).get("evidence") or {}
        for name, ok in order.fields.items():
            if name == "customer_code":
                conf = (pred or {}).get("customer_confidence")
            else:
                conf = (evidence.get(name) or {}).get("confidence")
            sure = isinstance(conf, int | float) and conf >= 0.8
            row = counts.setdefault(sample.kind, [0, 0, 0, 0])
            row[0] += 1
            row[1] += sure
            row[2] += sure and not ok
            row[3] += ok and not sure and order.values.get(name, (None,))[0] is not None
            if show and not ok:
                print(f"{doc.name}: {name} {order.values.get(name)} conf={conf}")


def main() -> int:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # as the CLI: a line per glyph
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--kinds", nargs="+", default=list(FAX_KINDS))
    parser.add_argument("--tag", default="", help="page cache name")
    parser.add_argument("--lang", default="", help="tesseract languages (default: settings)")
    parser.add_argument("--psm", type=int, default=0, help="page segmentation mode (default 3)")
    parser.add_argument("--refresh", action="store_true", help="OCR again into the cache")
    parser.add_argument("--rows", action="store_true",
                        help="only tesseract's rows from cache (pages read again)")
    parser.add_argument("--quiet", action="store_true", help="only the per-kind scores")
    parser.add_argument("--only", default="", help="documents whose name contains this")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--fields", action="store_true",
                        help="header fields' confidence: wrong ones shown with it, and per kind "
                        "the fields read sure (>= 0.8) and the sure ones wrong")
    args = parser.parse_args()

    import ordertake.ocr.load as load
    from ordertake.config import Settings
    from ordertake.evaluate.score import score_document, summarise
    from ordertake.evaluate.truth import HEADER_FIELDS, find_samples
    from ordertake.matching import Matcher, load_catalog_csv
    from ordertake.pipeline import parse_file

    settings = Settings(data_dir=Path("/tmp/ordertake-bench"), ocr_jobs=1,
                        **({"ocr_languages": args.lang} if args.lang else {}))
    if args.psm:
        options = load.ocr_options
        load.ocr_options = lambda *a, **k: dataclasses.replace(options(*a, **k), psm=args.psm)
    tag = args.tag or f"{settings.ocr_languages}-psm{args.psm or 3}-{_ocr_code_hash()}"
    reader = CachedReader(load.read_document, CACHE / tag, args.refresh)
    from ordertake.ocr import tesseract

    tesseract.ocr_rows = CachedRows(tesseract.ocr_rows, CACHE / "rows")
    tesseract.ocr_line = CachedLines(tesseract.ocr_line, CACHE / "lines")
    if not args.rows:
        load.read_document = reader  # pipeline imports it at call time
    master = args.samples / "master"
    catalog = load_catalog_csv(master / "products.csv", master / "customers.csv")
    matcher = Matcher(catalog)
    names = {p.code: p.name for p in catalog.products}
    samples = [s for s in find_samples(args.samples / "documents")
               if s.kind in args.kinds and s.document and args.only in s.document.name]

    def run(sample: Any) -> tuple[Any, list[dict[str, Any]], str]:
        try:
            return sample, parse_file(sample.document, matcher, settings), ""
        except Exception as exc:  # noqa: BLE001 — reported per document
            return sample, [], f"{type(exc).__name__}: {exc}"

    started = time.perf_counter()
    field_counts: dict[str, list[int]] = {}
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(run, samples))
    docs = []
    for sample, predicted, error in results:
        name = sample.document.name
        docs.append(score_document(name, sample.kind, sample.orders,
                                   None if error else predicted, error))
        if not args.quiet:
            if error:
                print(f"{name}: FAILED {error}")
            for text in _show_doc(name, sample.orders, predicted, names):
                print(text)
    if not args.quiet:
        for doc in docs:
            for order in doc.orders:
                for name, ok in order.fields.items():
                    if not ok:
                        truth, got = order.values.get(name, (None, None))
                        print(f"{doc.name}: {name} {truth} read as {got}")
    if args.fields:
        for (sample, predicted, _), doc in zip(results, docs, strict=True):
            _field_confidences(sample, predicted, doc, field_counts, not args.quiet)
    per_kind, overall = summarise(docs)
    fields = "  ".join(f"{n[:8]:>8}" for n in HEADER_FIELDS)
    print(f"\n{'kind':15} {'docs':>4} {'P':>6} {'R':>6} {'F1':>6}  right/truth/pred  {fields}"
          "  sure/wrong")
    for kind, t in [*per_kind.items(), ("overall", overall)]:
        print(f"{kind:15} {t.documents:4} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f}  "
              f"{t.right_lines}/{t.truth_lines}/{t.predicted_lines}  "
              + "  ".join(f"{t.field_accuracy(n) or 0:8.3f}" for n in HEADER_FIELDS)
              + f"  {t.sure_lines}/{t.sure_wrong}")
    if args.fields:
        print(f"\n{'kind':15} fields  sure  sure-wrong  unsure-right")
        for kind, (total, sure, sure_wrong, unsure_right) in sorted(field_counts.items()):
            print(f"{kind:15} {total:6} {sure:5} {sure_wrong:11} {unsure_right:13}")
    print(f"[{time.perf_counter() - started:.1f} s, OCR {reader.ocr_seconds:.1f} s]",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
