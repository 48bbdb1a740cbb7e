"""The status of an exam attempt, one enum for the engine (the store keeps the same four values)."""

from __future__ import annotations

from enum import StrEnum


class ExamStatus(StrEnum):
    """``in_progress`` until ``submitted`` (the learner) or ``expired`` (the clock); the store
    also keeps ``abandoned`` (discarded by the learner), which the engine treats as in progress."""

    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    EXPIRED = "expired"
    ABANDONED = "abandoned"


IN_PROGRESS = ExamStatus.IN_PROGRESS
SUBMITTED = ExamStatus.SUBMITTED
EXPIRED = ExamStatus.EXPIRED
FINISHED_STATUSES = (ExamStatus.SUBMITTED, ExamStatus.EXPIRED)
