"""Browser fixtures: one headless Chromium per session (viz.browser), maps opened offline."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from viz.browser import MapBrowser, chromium_path, launch_chromium


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the whole session, closed at the end."""
    if chromium_path() is None:
        pytest.fail("chromium is not installed: run `bash dev.sh test` or `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def map_browser(chromium: Any) -> Iterator[MapBrowser]:
    """Open maps offline; every context is closed after the test."""
    opener = MapBrowser(chromium)
    try:
        yield opener
    finally:
        opener.close()
