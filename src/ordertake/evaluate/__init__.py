"""Ground-truth evaluation of the reading pipeline (`ordertake eval`)."""

from __future__ import annotations

from ordertake.evaluate.runner import evaluate, pipeline_parser
from ordertake.evaluate.score import DocumentScore, Totals, score_document, summarise
from ordertake.evaluate.truth import Sample, find_samples

__all__ = [
    "DocumentScore",
    "Sample",
    "Totals",
    "evaluate",
    "find_samples",
    "pipeline_parser",
    "score_document",
    "summarise",
]
