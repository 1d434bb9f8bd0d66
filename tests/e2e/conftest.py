"""Fixtures for the browser tests: one headless Chromium per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from live import launch_chromium
from playwright.sync_api import Browser, sync_playwright


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        chromium = launch_chromium(pw)
        yield chromium
        chromium.close()
