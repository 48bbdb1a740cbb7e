"""Pilot fixtures: a real store in a real data dir under tmp_path, the bundled content."""

from __future__ import annotations

from pathlib import Path

import pytest

from awstui.content import load_library
from awstui.paths import content_dirs
from awstui.state import open_store
from awstui.tui.app import AwsTuiApp

SIZE = (120, 36)


class FakeClock:
    def __init__(self, t: float = 1000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_app(data_dir, clock):
    """Build an app on the data dir (call again to 'reopen' it); stores are closed at the end."""
    stores = []

    def build(extra_content: list[Path] | None = None, library=None, **kwargs) -> AwsTuiApp:
        if library is None:
            library = load_library(content_dirs(data_dir, extra_content))
        store = open_store(data_dir)
        stores.append(store)
        kwargs.setdefault("poll_external", False)
        return AwsTuiApp(library, store, clock=clock, notices=store.notices, **kwargs)

    yield build
    for s in stores:
        s.close()
