"""Readiness: per domain and task statement, with ranges, "not enough data", the scaled estimate;
and its calibration against simulated learners of known accuracy per task (seeded)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from awstui.content.models import DOMAINS, TASKS, ExamQuestion
from awstui.exam.readiness import CALIBRATION_ANSWERS, MIN_ANSWERS, area_index, estimate, readiness
from awstui.exam.reviews import rating_for
from awstui.state import Store

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def task_bank(per_task: int = 30) -> list[ExamQuestion]:
    return [
        ExamQuestion(
            id=f"t{t}-{i:02d}", domain=int(t[0]), services=("s3",), stem="Which?", options=("a", "b", "c", "d"),
            answer=("a",), explanation="", references=(), tasks=(t,),
        )
        for t in TASKS
        for i in range(per_task)
    ]  # fmt: skip


@dataclass(frozen=True)
class Stat:
    retrievability: float
    reps: int
    correct: int
    expected: float
    first_correct: bool


def test_every_domain_and_task_is_there_and_thin_data_is_not_enough():
    bank = task_bank()
    r = estimate(bank, {})
    assert set(r.domains) == {str(d) for d in DOMAINS} and set(r.tasks) == set(TASKS)
    assert all(not a.enough for a in [*r.domains.values(), *r.tasks.values()]) and r.scaled is None
    data = r.to_dict()
    assert data["scaled_estimate"] is None and all(v is None for v in data["tasks"].values())
    few = {f"t1.1-{i:02d}": Stat(0.9, 1, 1, 0.0, True) for i in range(MIN_ANSWERS - 1)}
    assert not estimate(bank, few).tasks["1.1"].enough
    few["t1.1-29"] = Stat(0.9, 1, 1, 0.0, True)
    area = estimate(bank, few).tasks["1.1"]
    assert area.enough and area.answers == MIN_ANSWERS and area.seen == MIN_ANSWERS
    assert area.low < area.chance < area.high


def test_a_strong_learner_is_estimated_above_the_pass_mark_and_a_weak_one_below():
    bank = task_bank()

    def learner(right: bool) -> dict:
        stat = Stat(0.95, 3, 3, 1.8, True) if right else Stat(0.6, 3, 0, 1.5, False)
        return {q.id: stat for q in bank}

    strong, weak = estimate(bank, learner(True)), estimate(bank, learner(False))
    assert strong.scaled_low <= strong.scaled <= strong.scaled_high and strong.scaled > 720
    assert weak.scaled < 720
    assert strong.to_dict()["scaled_estimate"]["pass"] == 720


def _simulate(seed: int, answers_per_task: int, path) -> tuple[dict[str, float], object]:
    """A learner with a fixed, known accuracy per task answers ``answers_per_task`` random
    questions of each task over 30 days; the store replays them through FSRS."""
    rng = random.Random(seed)
    bank = task_bank()
    accuracy = {t: rng.uniform(0.3, 0.95) for t in TASKS}
    by_task = {t: [q.id for q in bank if q.tasks == (t,)] for t in TASKS}
    answers = [
        (rng.choice(by_task[t]), T0 + timedelta(days=rng.uniform(0, 30)), t)
        for t in TASKS
        for _ in range(answers_per_task)
    ]
    answers.sort(key=lambda a: a[1])
    graded = [(qid, rating_for(rng.random() < accuracy[t]), at, "custom") for qid, at, t in answers]
    with Store(path) as store:
        store._conn.execute("INSERT INTO meta (key, value) VALUES ('seed_pending', '1')")
        assert store.reviews.seed(graded) == len(graded)
        estimated = readiness(store, bank, T0 + timedelta(days=31))
    return accuracy, estimated


def test_calibration_with_simulated_learners_of_known_accuracy(tmp_path):
    """After CALIBRATION_ANSWERS (100) answers per task statement, at least 9 estimates in 10 land
    within ±10 percentage points of the true accuracy, with no bias beyond 3 points, and the
    stated range holds the true accuracy for at least 9 tasks in 10 (20 learners × 13 tasks)."""
    errors, covered = [], 0
    for seed in range(20):
        accuracy, r = _simulate(seed, CALIBRATION_ANSWERS, tmp_path / f"learner-{seed}.db")
        for t in TASKS:
            area = r.tasks[t]
            errors.append(area.chance - accuracy[t])
            covered += area.low <= accuracy[t] <= area.high
    within = sum(abs(e) <= 0.10 for e in errors) / len(errors)
    assert within >= 0.9, within
    assert abs(sum(errors) / len(errors)) <= 0.03
    assert covered / len(errors) >= 0.9


def test_readiness_is_kept_in_the_derived_cache_until_a_review_changes_it(tmp_path, monkeypatch):
    bank = task_bank()
    with Store(tmp_path / "state.db") as store:
        for q in bank[:12]:
            store.reviews.grade("exam", q.id, 3)
        first = readiness(store, bank)
        assert first.tasks["1.1"].enough

        def no_reading(*a, **k):
            raise AssertionError("read the cards again")

        with monkeypatch.context() as m:
            m.setattr(type(store.reviews), "exam_stats", no_reading)
            assert readiness(store, bank) == first  # from the cache
            assert readiness(store, area_index(bank)) == first  # the same bank, indexed
        store.reviews.grade("exam", bank[0].id, 1)
        after = readiness(store, bank)
        assert after.tasks["1.1"].answers == first.tasks["1.1"].answers + 1
        assert readiness(store, bank[:-1]).tasks["4.3"].questions == 29  # another bank: computed
