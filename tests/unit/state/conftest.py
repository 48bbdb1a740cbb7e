"""Fixtures for the state store tests: a private data dir on tmp_path, a clock the test moves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from awstui.state import Store, open_store


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    """No test touches the real home: the data dir and every XDG dir point into tmp_path."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("AWSTUI_DATA_DIR", str(tmp_path / "data"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    yield


class FakeClock:
    """Returns ``t`` and then moves it on by ``step`` (so every change has its own moment)."""

    def __init__(self, start: datetime | None = None, step: timedelta = timedelta(seconds=1)):
        self.t = start or datetime(2026, 11, 27, 10, 15, 0, tzinfo=UTC)
        self.step = step

    def __call__(self) -> datetime:
        now = self.t
        self.t = self.t + self.step
        return now

    def advance(self, **kwargs) -> None:
        self.t = self.t + timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def store(data_dir, clock):
    start = clock.t
    s = open_store(data_dir, now=clock)
    clock.t = start  # the first change happens at the start time (opening read the clock)
    yield s
    s.close()


@pytest.fixture
def events(store):
    seen: list = []
    store.subscribe(seen.append)
    return seen


def reopen(store: Store, clock=None) -> Store:
    store.close()
    return Store(store.path, now=clock)
