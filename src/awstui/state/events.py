"""Change events: what the store tells its subscribers after every committed change.

The store knows nothing of Textual; the app bridges these into a ``textual.signal.Signal``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from ..records import record


@record
class Change:
    """Base of every change event."""


@record
class QuestionChanged(Change):
    """An open question's tick or written answer changed."""

    qid: str


@record
class ServiceChanged(Change):
    """A service's reviewed mark or annotation changed."""

    sid: str


@record
class SettingChanged(Change):
    """A setting was set (``key``)."""

    key: str


@record
class AttemptChanged(Change):
    """An exam attempt was created, answered, flagged, saved, finished or abandoned."""

    attempt_id: int


@record
class LearnerQuestionsChanged(Change):
    """A question of the learner's own was added, edited or deleted."""

    qid: str


@record
class ReviewChanged(Change):
    """A spaced-repetition card was graded or a grade undone (``qid`` "" : many at once, as when
    past exam answers seeded the scheduler)."""

    kind: str  # "exam" | "own"
    qid: str


@record
class ExternalChange(Change):
    """Anything may have changed: reload. ``source`` is ``"other-instance"`` (another process
    committed, seen by ``poll_external``) or ``"import"`` (``import_state`` merged a file)."""

    source: str = "other-instance"


Subscriber = Callable[[Change], object]


class Hub:
    """The store's subscribers: each is called after every committed change."""

    def __init__(self, lock: threading.RLock):
        self._lock = lock
        self._subscribers: list[Subscriber] = []

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback(event)`` after every committed change; returns the unsubscribe function."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock, contextlib.suppress(ValueError):
                self._subscribers.remove(callback)

        return unsubscribe

    def emit(self, *events: Change) -> None:
        """Tell every subscriber, then let the first subscriber's error (a bug) surface."""
        with self._lock:
            subscribers = list(self._subscribers)
        first_error: BaseException | None = None
        for event in events:
            for callback in subscribers:
                try:
                    callback(event)
                except Exception as err:
                    if first_error is None:
                        first_error = err
        if first_error is not None:
            raise first_error


@record
class UnsavedChanges(Change):
    """How many changes are kept in memory because they could not be saved (``count``; 0: all
    saved now) and why the last try failed (``reason``); ``taken_back``: the count went down
    because a kept change was undone, not saved. Not a change of the state itself."""

    count: int
    reason: str | None = None
    taken_back: bool = False
