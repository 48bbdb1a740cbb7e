"""Browser fixtures: Playwright driving Debian's Chromium, or a skip that says what is missing."""

from __future__ import annotations

import pytest

from .serving import CHROMIUM_ENV, chromium_path


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium (the system's; Playwright never downloads one here)."""
    path = chromium_path()
    if path is None:
        pytest.skip(f"no Chromium: `apt-get install chromium` (Debian), or set ${CHROMIUM_ENV} to its executable")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]' (.ci/run does)"
    )
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()
