"""Change events: what the store tells its subscribers after every committed change.

The store knows nothing of Textual; the app bridges these into a ``textual.signal.Signal``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """Base of every change event."""


@dataclass(frozen=True)
class QuestionChanged(Change):
    """An open question's tick or written answer changed."""

    qid: str


@dataclass(frozen=True)
class ServiceChanged(Change):
    """A service's reviewed mark or annotation changed."""

    sid: str


@dataclass(frozen=True)
class SettingChanged(Change):
    key: str


@dataclass(frozen=True)
class AttemptChanged(Change):
    """An exam attempt was created, answered, flagged, saved, finished or abandoned."""

    attempt_id: int


@dataclass(frozen=True)
class LearnerQuestionsChanged(Change):
    """A question of the learner's own was added, edited or deleted."""

    qid: str


@dataclass(frozen=True)
class ExternalChange(Change):
    """Anything may have changed: reload. ``source`` is ``"other-instance"`` (another process
    committed, seen by ``poll_external``) or ``"import"`` (``import_state`` merged a file)."""

    source: str = "other-instance"
