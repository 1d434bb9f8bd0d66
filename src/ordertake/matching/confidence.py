"""Turn raw match evidence into calibrated confidences (pure).

The constants were fitted with `bench/bench_matching.py` on noisy queries against a generated
100,000-product master: at or above Settings.auto_accept_threshold the top candidate was right
at least 99 % of the time (the bench prints the whole curve).
"""

from __future__ import annotations

CLEAR_MARGIN = 0.12
"""A lead over the runner-up of this much (in raw score) counts as unambiguous."""

SCORE_CODE_EXACT = 0.99
SCORE_CODE_OCR = 0.95
SCORE_CODE_AMBIGUOUS = 0.55
SCORE_CUSTOMER_ITEM_CODE = 0.99
SCORE_LEARNED = 1.0
SCORE_GLOBAL_ALIAS = 0.96
NAME_DISAGREES_CAP = 0.7
"""A code hit whose written name clearly means something else is left for the clerk."""


def fuzzy_confidence(raw: float, runner_up: float) -> float:
    """Confidence of the best fuzzy candidate from its raw score and the runner-up's."""
    margin = max(0.0, raw - runner_up)
    doubt = max(0.0, CLEAR_MARGIN - margin) / CLEAR_MARGIN
    return round(max(0.0, min(1.0, raw - 0.35 * doubt)), 4)


def other_confidence(raw: float, best_raw: float, best_confidence: float) -> float:
    """Runner-up candidates: never above the best, scaled by how close they came."""
    if best_raw <= 0:
        return 0.0
    return round(min(best_confidence - 0.01, raw * best_confidence / best_raw), 4)
