"""A service's exam questions and how the learner did on them (for its page in the Study view).

Here, not in ``awstui.exam``: the Study view counts the questions at startup, and importing
the exam engine then cost ~20 ms and ~0.8 MB (bench/startup.py). The answers come in as plain
``(qid, correct)`` pairs (``exam.history.answer_history``)."""

from __future__ import annotations

from collections.abc import Iterable

from ..records import record
from .models import ExamQuestion


@record
class ServiceExam:
    """``total`` questions tag the service; ``answered`` of them were answered in a finished
    exam; ``correct`` of the ``answers`` given to them were right (every attempt counts)."""

    total: int
    answered: int = 0
    correct: int = 0
    answers: int = 0

    @property
    def accuracy(self) -> float | None:
        """Share of right answers (0..1), ``None`` before any answer."""
        return self.correct / self.answers if self.answers else None

    def describe(self) -> str:
        """One line: "12 exam questions · 5 answered · 80% right"."""
        if not self.total:
            return "No exam questions on this service"
        head = f"{self.total} exam question{'s' if self.total != 1 else ''}"
        if not self.answered:
            return f"{head} · none answered yet"
        acc = self.accuracy or 0.0
        return f"{head} · {self.answered} answered · {acc:.0%} right"


def by_service(bank: Iterable[ExamQuestion], history: Iterable[tuple[str, bool]]) -> dict[str, ServiceExam]:
    """Every tagged service's ``ServiceExam``, from the bank and the ``(qid, correct)`` answers of
    finished exams (``history.answer_history``); answers to questions no longer in the bank are
    ignored, each question counts for every service it tags now."""
    services_of: dict[str, tuple[str, ...]] = {}
    for q in bank:
        services_of.setdefault(q.id, tuple(dict.fromkeys(q.services)))
    acc: dict[str, list] = {}  # service -> [total, answered ids, correct, answers]
    for services in services_of.values():
        for s in services:
            acc.setdefault(s, [0, set(), 0, 0])[0] += 1
    for qid, correct in history:
        for s in services_of.get(qid, ()):
            entry = acc[s]
            entry[1].add(qid)
            entry[2] += bool(correct)
            entry[3] += 1
    return {s: ServiceExam(total, len(ids), right, n) for s, (total, ids, right, n) in acc.items()}
