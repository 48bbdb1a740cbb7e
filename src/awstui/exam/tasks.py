"""Accuracy by exam-guide task statement ("1.1" ... "4.3"), and which questions were seen.

A result keeps accuracy by domain, service and (since h-srs) task statement; for a result
scored before it kept ``per_task``, ``result_task_accuracy`` computes it from the per-question
outcomes and each question's ``tasks`` in the bank as it is now.

Over every finished attempt (Progress: the weakest task statement, the questions not yet seen)
the outcomes are tallied per question and kept in the store's cache (``PER_QUESTION_KEY``),
brought up to date from only the attempts finished since, as ``history.history_totals`` does:
the cache holds one entry per question ever drawn, bounded by the bank, not by the history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from awstui.content.models import TASKS, ExamQuestion

from ..records import record
from .draw import AreaAccuracy
from .history import kept_sums, result_of
from .scoring import Result
from .status import FINISHED_STATUSES

PER_QUESTION_KEY = "exam.per_question"
PER_QUESTION_VERSION = 1


def task_accuracy(outcomes: Iterable[tuple[str, bool]], bank: Iterable[ExamQuestion]) -> dict[str, AreaAccuracy]:
    """``(qid, correct)`` pairs tallied by the task statements the bank tags each question with,
    in exam-guide order; questions no longer in the bank, and tags that are not task statements
    of the guide, are left out."""
    return _by_task(((qid, int(bool(correct)), 1) for qid, correct in outcomes), bank)


def _by_task(tallies: Iterable[tuple[str, int, int]], bank: Iterable[ExamQuestion]) -> dict[str, AreaAccuracy]:
    """``(qid, correct, total)`` summed by the bank's task tags, in exam-guide order."""
    tags = {q.id: q.tasks for q in bank}
    tally: dict[str, list[int]] = {}
    for qid, correct, total in tallies:
        for task in dict.fromkeys(tags.get(qid, ())):
            if task in TASKS:
                pair = tally.setdefault(task, [0, 0])
                pair[0] += correct
                pair[1] += total
    return {t: AreaAccuracy(*tally[t]) for t in TASKS if t in tally}


def result_task_accuracy(result: Result, bank: Iterable[ExamQuestion]) -> dict[str, AreaAccuracy]:
    """One attempt's accuracy by task statement, in guide order: the result's ``per_task`` (as
    it was tagged then), or for a result scored before results kept it, from its outcomes and
    the bank's tags now. Unanswered counts as wrong, as in the exam."""
    if result.per_task:
        return {t: AreaAccuracy(*result.per_task[t]) for t in TASKS if t in result.per_task}
    return task_accuracy(((o.qid, o.correct) for o in result.outcomes), bank)


def weakest_task(by_task: dict[str, AreaAccuracy]) -> tuple[str, AreaAccuracy] | None:
    """The task statement to drill: the lowest smoothed accuracy (``AreaAccuracy.smoothed``: one
    miss in one answer is not yet a weakness), the more answered first among equals."""
    ranked = sorted(by_task.items(), key=lambda kv: (kv[1].smoothed, -kv[1].total))
    return ranked[0] if ranked else None


class ResultsStore(Protocol):
    """What the per-question totals read and write of the store (``awstui.state.Store``)."""

    def attempt_results(self, result_omits: Iterable[str] = (), *, after_id: int | None = None) -> Sequence[Any]: ...

    def attempt_counts(self) -> dict[str, Any]: ...

    def cached(self, key: str) -> Any: ...

    def keep_cached(self, key: str, value: Any) -> bool: ...


@record
class QuestionTotals:
    """Per question of every finished attempt: ``(correct, times drawn)``."""

    per_question: dict[str, tuple[int, int]]

    @property
    def seen(self) -> frozenset[str]:
        return frozenset(self.per_question)

    def by_task(self, bank: Iterable[ExamQuestion]) -> dict[str, AreaAccuracy]:
        """Accuracy by task statement over every finished attempt, by the bank's tags now."""
        return _by_task(((qid, c, t) for qid, (c, t) in self.per_question.items()), bank)


def _add(acc: dict[str, Any], rows: Iterable[Any]) -> None:
    for row in rows:
        if row.status not in FINISHED_STATUSES:
            continue
        acc["finished"] += 1
        acc["max_id"] = row.id if acc["max_id"] is None else max(acc["max_id"], row.id)
        result = result_of(row.result)
        for o in result.outcomes if result is not None else ():
            pair = acc["questions"].setdefault(o.qid, [0, 0])
            pair[0] += o.correct
            pair[1] += 1


def question_totals(store: ResultsStore) -> QuestionTotals:
    """Tallies per question over every finished attempt: from the cache when it is current,
    else brought up to date from the attempts finished since (or summed again) and kept."""

    def empty() -> dict[str, Any]:
        return {"version": PER_QUESTION_VERSION, "finished": 0, "max_id": None, "questions": {}}

    def add(acc: dict[str, Any], after_id: int | None) -> None:
        _add(acc, store.attempt_results(after_id=after_id) if after_id is not None else store.attempt_results())

    acc = kept_sums(store, PER_QUESTION_KEY, empty, add, lambda acc: isinstance(acc.get("questions"), dict))
    return QuestionTotals({str(k): (int(v[0]), int(v[1])) for k, v in acc["questions"].items()})
