"""Run `parse` on every sample and score it; one failing document never stops the run."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ordertake.config import Settings
from ordertake.errors import OrdertakeError
from ordertake.evaluate.score import DEFAULT_THRESHOLD, DocumentScore, score_document
from ordertake.evaluate.truth import Sample

ParseFn = Callable[[Path], list[dict[str, Any]]]
"""A document path → parse-result JSON objects (DESIGN.md), one per order."""


class ParserUnavailable(RuntimeError):
    """The reading pipeline or the matcher could not be set up."""


@dataclass(frozen=True)
class Unavailable:
    """Stands in for the parser when it cannot be built; every document reports the reason."""

    reason: str

    def __call__(self, path: Path) -> list[dict[str, Any]]:
        raise ParserUnavailable(self.reason)


def pipeline_parser(matcher: Any, settings: Settings) -> ParseFn:
    """`ordertake.pipeline.parse_file` bound to a matcher, or Unavailable with the import error."""
    try:
        from ordertake.pipeline import parse_file
    except Exception as exc:  # noqa: BLE001 — the reading stage may not exist yet: say so
        return Unavailable(f"ordertake.pipeline.parse_file is not available: {exc!r}")

    def parse(path: Path) -> list[dict[str, Any]]:
        return parse_file(path, matcher, settings)

    return parse


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, OrdertakeError | ParserUnavailable):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def evaluate_sample(sample: Sample, parse: ParseFn, root: Path,
                    threshold: float = DEFAULT_THRESHOLD) -> DocumentScore:
    name = str((sample.document or sample.truth_path).relative_to(root))
    if sample.problem or sample.document is None:
        return score_document(name, sample.kind, sample.orders, None, sample.problem, threshold)
    started = time.perf_counter()
    try:
        predicted = parse(sample.document)
        error = ""
    except Exception as exc:  # noqa: BLE001 — score zero, show why, go on with the next
        predicted, error = None, describe_error(exc)
    doc = score_document(name, sample.kind, sample.orders, predicted, error, threshold)
    doc.seconds = time.perf_counter() - started
    return doc


def evaluate(
    samples: list[Sample],
    parse: ParseFn,
    root: Path,
    on_done: Callable[[DocumentScore], None] | None = None,
    jobs: int = 1,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[DocumentScore]:
    """Score every sample, in sample order; `jobs` documents are parsed at the same time;
    lines at `threshold` (the auto-accept threshold) with no warning count as sure.

    Threads suffice: the time goes into tesseract subprocesses and C libraries, and a
    one-page fax keeps only one core busy, so two documents side by side use both.
    """
    if jobs <= 1:
        results = []
        for sample in samples:
            doc = evaluate_sample(sample, parse, root, threshold)
            results.append(doc)
            if on_done is not None:
                on_done(doc)
        return results
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(evaluate_sample, s, parse, root, threshold): i
                   for i, s in enumerate(samples)}
        done: dict[int, DocumentScore] = {}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            if on_done is not None:
                on_done(done[futures[future]])
    return [done[i] for i in range(len(samples))]
