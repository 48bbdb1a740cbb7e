"""Accuracy by task statement: one result's, and every finished attempt's from the cache."""

from __future__ import annotations

from dataclasses import replace

from awstui.exam import ManualClock, practice_config
from awstui.exam.draw import AreaAccuracy, draw_for
from awstui.exam.session import ExamSession
from awstui.exam.tasks import (
    PER_QUESTION_KEY,
    question_totals,
    result_task_accuracy,
    task_accuracy,
    weakest_task,
)
from awstui.state import AttemptResult

from .conftest import build_bank


def _tagged(bank):
    """Tasks by domain: every question of domain d is "d.1", every third also "d.2"."""
    return [
        replace(q, tasks=(f"{q.domain}.1",) + ((f"{q.domain}.2",) if i % 3 == 0 else ())) for i, q in enumerate(bank)
    ]


def test_task_accuracy_counts_each_tag_once_in_guide_order():
    bank = _tagged(build_bank({1: 3, 2: 3}))
    bank[0] = replace(bank[0], tasks=("1.2", "1.1", "1.1", "9.9"))  # a repeat and a tag not in the guide
    outcomes = [(bank[0].id, True), (bank[1].id, False), (bank[3].id, True), ("gone", True)]
    acc = task_accuracy(outcomes, bank)
    assert list(acc) == ["1.1", "1.2", "2.1", "2.2"]
    assert acc["1.1"] == AreaAccuracy(1, 2) and acc["1.2"] == AreaAccuracy(1, 1)
    assert acc["2.1"] == AreaAccuracy(1, 1) and acc["2.2"] == AreaAccuracy(1, 1)


def test_a_results_unanswered_questions_count_as_wrong():
    bank = _tagged(build_bank({1: 4}))
    session = ExamSession.start(bank, practice_config(4, seed=1), clock=ManualClock())
    finished = session.submit()
    acc = result_task_accuracy(finished.result, bank)
    assert acc["1.1"] == AreaAccuracy(0, 4)
    older = replace(finished.result, per_task={})  # scored before results kept per_task
    assert result_task_accuracy(older, bank) == acc  # from the outcomes and the bank's tags


def test_a_drill_by_task_draws_only_its_questions():
    bank = _tagged(build_bank({1: 12, 2: 12}))
    config = practice_config(10, tasks=["1.2"], seed=3)
    assert config.tasks == ("1.2",)
    drawn = draw_for(bank, config)
    assert drawn and len(drawn) == 4 and all("1.2" in q.tasks for q in drawn)
    assert type(config).from_dict(config.to_dict()) == config
    assert "tasks" not in practice_config(3).to_dict()  # configs without it are stored as before


class FakeStore:
    def __init__(self, rows):
        self.rows, self.cache, self.reads = rows, {}, []

    def attempt_counts(self):
        done = [r for r in self.rows if r.status == "submitted"]
        return {"submitted": len(done), "finished_max_id": max((r.id for r in done), default=None)}

    def attempt_results(self, result_omits=(), *, after_id=None):
        self.reads.append(after_id)
        return [r for r in self.rows if after_id is None or r.id > after_id][::-1]

    def cached(self, key):
        return self.cache.get(key)

    def keep_cached(self, key, value):
        self.cache[key] = value
        return True


def _row(bank, aid, seed, right):
    session = ExamSession.start(bank, practice_config(5, seed=seed), clock=ManualClock())
    for i in range(len(session)):
        right_ones = session.question(i).correct_indices
        keys = [o.key for o in session.view(i).options if (o.original_index in right_ones) == right]
        session.answer(keys if right else keys[:1], at=i)
    result = session.submit().result.to_dict()
    return AttemptResult(aid, "practice", "submitted", f"2026-01-0{aid}T10:00:00Z", None, result)


def test_question_totals_are_cached_and_brought_up_to_date_from_new_attempts_only():
    bank = _tagged(build_bank({1: 5, 2: 5}))
    store = FakeStore([_row(bank, 1, 1, True)])
    first = question_totals(store)
    assert len(first.seen) == 5 and all(c == t == 1 for c, t in first.per_question.values())
    assert store.reads == [None] and PER_QUESTION_KEY in store.cache
    question_totals(store)
    assert store.reads == [None]  # current: nothing read
    store.rows.append(_row(bank, 2, 2, False))
    second = question_totals(store)
    assert store.reads == [None, 1]  # only the attempt finished since
    assert sum(t for _, t in second.per_question.values()) == 10
    by_task = second.by_task(bank)
    assert sum(a.total for k, a in by_task.items() if k.endswith(".1")) == 10


def test_the_weakest_task_is_the_lowest_smoothed_accuracy():
    by_task = {"1.1": AreaAccuracy(0, 1), "2.3": AreaAccuracy(10, 40), "3.1": AreaAccuracy(30, 40)}
    assert weakest_task(by_task) == ("2.3", AreaAccuracy(10, 40))  # 11/42 is lower than 1/3
    assert weakest_task({"1.1": AreaAccuracy(1, 2), "1.2": AreaAccuracy(2, 4)})[0] == "1.2"  # more answered
    assert weakest_task({}) is None
