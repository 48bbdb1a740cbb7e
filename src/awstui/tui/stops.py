"""When the process was last continued after a stop: a module of its own, light enough for the
app's start (importing ``awstui.exam`` for it would load the whole exam engine)."""

from __future__ import annotations

from collections.abc import Callable


class StopLog:
    """When the process was last continued after a stop (SIGCONT), on ``clock`` (None: never).

    The app's SIGCONT handler calls ``continued``; the running exam takes the time from its
    last tick to that moment off the clock (``ExamSession.not_charged``): the clock runs only
    while awstui is open, and a stopped process (``ctrl+z``, SIGSTOP) is not open."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.continued_at: float | None = None

    def continued(self) -> None:
        self.continued_at = float(self._clock())
