"""When the process was last continued after a stop: a module of its own, light enough for the
app's start (importing ``awstui.exam`` for it would load the whole exam engine)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class _Charged(Protocol):
    def not_charged(self, since: float, until: float | None = None) -> None: ...


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

    def take_off(self, session: _Charged, ticked_at: float) -> float:
        """A tick of ``session``'s clock, the last one at ``ticked_at``: if the process was
        continued since, the time from then to the continue is taken off (not used). Returns
        the moment of this tick (the next call's ``ticked_at``)."""
        if self.continued_at is not None and self.continued_at > ticked_at:
            session.not_charged(ticked_at, self.continued_at)
        return float(self._clock())
