"""The changes a session hands the store: an answer, a flag, a save point, the end of the attempt."""

from __future__ import annotations

from ..records import record
from .scoring import Result
from .status import ExamStatus


@record
class AnswerChange:
    """An accepted answer: ``store.record_exam_answer(id, qid, selected, time_used_s)``.

    ``selected`` holds original option indices (empty = cleared). ``review`` is the grade (1..4,
    ``exam.reviews``) when this answer revealed a practice question's feedback: pass it on,
    ``record_exam_answer(..., review=change.review)``; otherwise None."""

    qid: str
    selected: list[int]
    time_used_s: float
    review: int | None = None


@record
class FlagChange:
    """An accepted flag change: ``store.set_flag(id, qid, flagged, time_used_s)``."""

    qid: str
    flagged: bool
    time_used_s: float


@record
class SavePoint:
    """For ``store.save_progress(id, time_used_s, position)``; ``position`` indexes the record's
    ``question_ids`` (which still list questions missing from the bank)."""

    time_used_s: float
    position: int


@record
class Finished:
    """The attempt ended, exactly once: ``store.finish_attempt(id, status, result.to_dict(),
    time_used_s, reviews=reviews)``. ``status`` is ``ExamStatus.SUBMITTED`` (the learner) or
    ``EXPIRED`` (the clock). ``reviews``: ``(qid, grade)`` for each answer not yet reviewed."""

    status: ExamStatus
    result: Result
    time_used_s: float
    reviews: tuple[tuple[str, int], ...] = ()
