"""Fixtures for tests against real servers started here (Dovecot IMAP, TLS, OAuth2)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from dovecot import Dovecot, start_dovecot
from tlsca import TestCA, make_test_ca


@pytest.fixture
def dovecot_factory() -> Iterator[Callable[..., Dovecot]]:
    """Start Dovecots with options (tls=, capability=, oauth2_introspection_url=); all are
    stopped and removed afterwards."""
    started: list[Dovecot] = []

    def start(**options: object) -> Dovecot:
        root = Path(tempfile.mkdtemp(prefix="ordertake-dovecot-"))
        server = start_dovecot(root, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def dovecot(dovecot_factory: Callable[..., Dovecot]) -> Dovecot:
    """A real Dovecot on 127.0.0.1 (free port) with user `orders@example.jp`, empty INBOX.

    `dovecot.append(raw)` seeds mail; `dovecot.settings_overrides()` gives ORDERTAKE_IMAP_*.
    """
    return dovecot_factory()


@pytest.fixture(scope="session")
def test_ca() -> Iterator[TestCA]:
    """A CA + server certificate for 127.0.0.1 made with the openssl CLI (once per run)."""
    directory = Path(tempfile.mkdtemp(prefix="ordertake-ca-"))
    directory.chmod(0o755)
    try:
        yield make_test_ca(directory)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
