"""Clocks: the engine reads time only through an injected ``MonotonicClock`` (a callable returning
monotonic seconds; not ``state.clock.Clock``, which returns wall-clock datetimes for the store).

The app passes ``time.monotonic`` (the default); tests and snapshots pass a ``ManualClock`` and
move it by hand. Only differences between two readings of the same clock are ever used, so any
monotonic source works; the time already used is carried across restarts in the saved record.
"""

from __future__ import annotations

import time
from collections.abc import Callable

MonotonicClock = Callable[[], float]


def default_clock() -> float:
    """The clock the app uses: ``time.monotonic()`` (immune to wall-clock changes)."""
    return time.monotonic()


class ManualClock:
    """A clock that moves only when told to: ``clock.advance(30)``, ``clock.set(100.0)``."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = float(start)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += float(seconds)
        return self.now

    def set(self, now: float) -> float:
        self.now = float(now)
        return self.now

    def __repr__(self) -> str:
        return f"ManualClock({self.now!r})"
