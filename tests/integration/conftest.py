"""Fixtures for tests against real servers started here (Dovecot IMAP)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from dovecot import Dovecot, start_dovecot


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    """A real Dovecot on 127.0.0.1 (free port) with user `orders@example.jp`, empty INBOX.

    `dovecot.append(raw)` seeds mail; `dovecot.settings_overrides()` gives ORDERTAKE_IMAP_*.
    """
    root = Path(tempfile.mkdtemp(prefix="ordertake-dovecot-"))
    server = start_dovecot(root)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
