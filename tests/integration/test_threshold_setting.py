"""ORDERTAKE_AUTO_ACCEPT_THRESHOLD reaches every Matcher: the worker's and the CLI's."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from ordertake.cli.reading import build_matcher
from ordertake.config import Settings
from ordertake.queue.reading import ReadingProcessor

MASTER = Path(__file__).resolve().parents[2] / "samples" / "master"


def test_worker_matcher_uses_the_configured_threshold(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path, secret_key="x", auto_accept_threshold=0.93)
    assert ReadingProcessor(settings, sessions).matcher().threshold == 0.93


def test_cli_matcher_uses_the_configured_threshold(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, secret_key="x", auto_accept_threshold=0.71)
    matcher = build_matcher(MASTER / "products.csv", MASTER / "customers.csv", settings)
    assert matcher.threshold == 0.71 and len(matcher.catalog.products) > 1000
