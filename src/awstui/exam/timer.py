"""The exam clock: time used and left, pause/resume, warnings and when to save.

Computed from the injected clock on every call (never by counting ticks); every method takes an
optional ``now`` that overrides the clock. The session decides what being finished means: it
stops the timer with ``stop`` and asks nothing else of it afterwards.
"""

from __future__ import annotations

from .clock import MonotonicClock

SAVE_INTERVAL_S = 5.0
WARNING_MINUTES = (10, 5, 1)


class ExamTimer:
    """Time saved so far plus, while running, ``now - resumed_at``, clamped to [0, allowed]."""

    def __init__(
        self,
        clock: MonotonicClock,
        time_allowed_s: float | None,
        time_used_s: float,
        *,
        running: bool = False,
        now: float | None = None,
    ) -> None:
        self._clock = clock
        self.time_allowed_s = time_allowed_s
        used = max(0.0, time_used_s)
        if time_allowed_s is not None:
            used = min(used, time_allowed_s)
        self._used = used
        self._resumed_at: float | None = None
        start = self.now(now)
        self._last_saved = start
        self._dirty = False
        if running:
            self._resumed_at = start
        remaining = self.remaining(start)
        self._announced: set[int] = (
            {m for m in WARNING_MINUTES if remaining <= m * 60} if remaining is not None else set()
        )

    def now(self, now: float | None = None) -> float:
        return float(self._clock()) if now is None else float(now)

    @property
    def timed(self) -> bool:
        return self.time_allowed_s is not None

    @property
    def running(self) -> bool:
        return self._resumed_at is not None

    def time_used(self, now: float | None = None) -> float:
        """Seconds used. Never negative, never above the time allowed."""
        used = self._used
        if self._resumed_at is not None:
            used += max(0.0, self.now(now) - self._resumed_at)
        if self.time_allowed_s is not None:
            used = min(used, self.time_allowed_s)
        return max(0.0, used)

    def remaining(self, now: float | None = None) -> float | None:
        """Seconds left (never negative), or ``None`` when untimed."""
        if self.time_allowed_s is None:
            return None
        return max(0.0, self.time_allowed_s - self.time_used(now))

    def time_up(self, now: float | None = None) -> bool:
        remaining = self.remaining(now)
        return remaining is not None and remaining <= 0.0

    def pause(self, now: float | None = None) -> float:
        """Stop the clock; returns the time used. A pause counts as a change to save."""
        if self._resumed_at is not None:
            self._used = self.time_used(now)
            self._resumed_at = None
            self._dirty = True
        return self._used

    def resume(self, now: float | None = None) -> None:
        if self._resumed_at is None:
            self._resumed_at = self.now(now)

    def not_charged(self, since: float, until: float | None = None) -> None:
        """The process was stopped from ``since`` to ``until`` (SIGSTOP, ``ctrl+z``): the clock
        runs only while awstui is open, so that stretch is taken off. Only a running clock has
        anything to take off; what was used before ``since`` stays used."""
        if self._resumed_at is None:
            return
        until = self.now(until)
        since = min(max(since, self._resumed_at), until)
        self._used = self.time_used(since)
        self._resumed_at = until

    def stop(self, now: float | None = None) -> float:
        """Stop for good (the attempt ended); returns the time used."""
        self._used = self.time_used(now)
        self._resumed_at = None
        return self._used

    def warning_level(self, now: float | None = None) -> str | None:
        """None, "10min", "5min" or "1min": the tightest threshold the time left is within."""
        remaining = self.remaining(now)
        if remaining is None:
            return None
        for minutes in sorted(WARNING_MINUTES):
            if remaining <= minutes * 60:
                return f"{minutes}min"
        return None

    def crossed_thresholds(self, now: float | None = None) -> list[int]:
        """The thresholds crossed since the last call, largest first; each once."""
        remaining = self.remaining(now)
        if remaining is None:
            return []
        crossed = [m for m in WARNING_MINUTES if m not in self._announced and remaining <= m * 60]
        self._announced.update(crossed)
        return crossed

    def touch(self) -> None:
        """Something changed that the next save should carry (a move)."""
        self._dirty = True

    def needs_save(self, now: float | None = None) -> bool:
        """Running or changed since the last save, and ``SAVE_INTERVAL_S`` passed since it."""
        if not (self.running or self._dirty):
            return False
        return self.now(now) - self._last_saved >= SAVE_INTERVAL_S

    def mark_saved(self, now: float | None = None) -> None:
        self._last_saved = self.now(now)
        self._dirty = False
