"""Saving and reloading: the record maps onto the store, and reloads exactly."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from awstui.exam import ExamRecord, ExamSession, ManualClock, custom_config, full_exam_config, practice_config


def snapshot(s: ExamSession):
    """Everything observable about a session (paused, so time is stable)."""
    return {
        "ids": [q.id for q in s.questions],
        "orders": {q.id: s.option_order(q.id) for q in s.questions},
        "views": s.views(),
        "answers": s.answers,
        "flags": s.flags,
        "position": s.position,
        "time": s.time_used(),
        "remaining": s.remaining(),
        "status": s.status,
        "config": s.config,
        "result": s.result,
    }


def json_round_trip(record: ExamRecord) -> dict:
    """What a JSON-backed store gives back: lists for tuples, str keys, a set of flags."""
    fields = json.loads(json.dumps({k: v for k, v in record.fields().items() if k != "flags"}))
    fields["flags"] = set(record.flags)
    return fields


@pytest.fixture
def exam(bank, clock):
    s = ExamSession.start(bank, full_exam_config(21), clock=clock)
    for i in range(0, 40, 3):
        s.choose(i % 4, at=i)
    multi = next(i for i in range(65) if s.view(i).is_multi and not s.is_answered(i))
    s.answer([0, 1, 2], at=multi)  # an over-selection is saved as it is
    s.flag(at=5)
    s.flag(at=9)
    s.goto(17)
    clock.advance(1234.5)
    return s


def test_record_has_what_the_store_needs(exam):
    record = exam.to_record()
    create = record.create_kwargs()
    assert set(create) == {"mode", "config", "question_ids", "option_orders", "time_allowed_s"}
    assert create["mode"] == "full" and create["time_allowed_s"] == 7800
    assert create["config"]["seed"] == 21 and create["config"]["count"] == 65
    assert len(create["question_ids"]) == 65
    assert all(sorted(o) == list(range(len(o))) for o in create["option_orders"].values())
    assert record.position == 17 and record.time_used_s == 1234.5 and record.status == "in_progress"
    assert record.flags == {exam.questions[5].id, exam.questions[9].id}
    assert all(isinstance(i, int) for v in record.answers.values() for i in v)
    json.dumps(record.fields(), default=sorted)  # JSON-ready (flags is a set for the store)


def test_reload_is_exact(exam, bank, clock):
    exam.pause()
    record = exam.to_record()
    again = ExamSession.from_attempt_fields({q.id: q for q in bank}, clock=clock, **json_round_trip(record))
    assert snapshot(again) == snapshot(exam)
    assert again.to_record() == record
    assert not again.running and again.missing_ids == () and again.changed_ids == ()
    clock.advance(10)
    again.resume()
    clock.advance(6)
    assert again.time_used() == 1240.5


def test_reload_while_running_keeps_the_time_of_the_save(exam, bank, clock):
    record = exam.to_record()
    clock.advance(999)  # the app died here: the time after the last save is lost, nothing else
    again = ExamSession.from_record(record, bank, clock=clock)
    assert again.time_used() == 1234.5


def test_reload_a_finished_attempt(exam, bank, clock):
    finished = exam.submit()
    record = exam.to_record()
    again = ExamSession.from_attempt_fields(bank, clock=clock, **json_round_trip(record))
    assert again.finished and again.status == "submitted"
    assert again.result == finished.result
    assert again.submit() is None and again.tick() is None
    assert again.check(again.questions[0].id) is not None  # review


def test_reload_an_attempt_that_ran_out_while_closed(bank, clock):
    s = ExamSession.start(bank, full_exam_config(4), clock=clock)
    clock.advance(7800)
    record = s.to_record()  # saved at 0 s left, the app closed before the tick
    again = ExamSession.from_record(record, bank, clock=clock)
    assert again.time_used() == 7800 and again.remaining() == 0
    finished = again.tick()
    assert finished.status == "expired" and again.tick() is None


def test_missing_questions_are_skipped_and_noted(exam, bank, clock):
    exam.pause()
    record = exam.to_record()
    gone = {exam.questions[0].id, exam.questions[5].id, exam.questions[17].id}
    smaller = {q.id: q for q in bank if q.id not in gone}
    again = ExamSession.from_attempt_fields(smaller, clock=clock, **record.fields())
    assert set(again.missing_ids) == gone and len(again) == 62
    assert again.answers == {k: v for k, v in exam.answers.items() if k not in gone}
    assert again.flags == exam.flags - gone
    # the position was on a missing question: it moves to the next one that is there
    assert again.view().qid == exam.questions[18].id
    # the saved data of missing questions survives a save, positions index the record's list
    assert again.to_record().question_ids == record.question_ids
    assert again.to_record().answers == record.answers
    assert again.to_record().flags == record.flags
    assert again.progress().position == 18
    assert again.submit().result.total == 62


def test_everything_missing_does_not_crash(exam, clock):
    record = exam.to_record()
    empty = ExamSession.from_attempt_fields({}, clock=clock, **record.fields())
    assert len(empty) == 0 and len(empty.missing_ids) == 65
    assert empty.statuses() == [] and empty.find("unanswered") is None
    assert empty.submit().result.total == 0


def test_a_question_whose_options_changed_is_reordered_and_noted(exam, bank, clock, make_q):
    record = exam.to_record()
    changed = exam.questions[0]
    fewer = make_q(changed.id, changed.domain, changed.services, ("a",), n_options=3)
    by_id = {q.id: q for q in bank} | {changed.id: fewer}
    again = ExamSession.from_attempt_fields(by_id, clock=clock, **record.fields())
    assert again.changed_ids == (changed.id,)
    assert sorted(again.option_order(changed.id)) == [0, 1, 2]
    assert changed.id not in again.answers or all(i < 3 for i in again.answers[changed.id])
    # the fresh order comes from the seed, so it is the same on every reload
    assert ExamSession.from_attempt_fields(by_id, clock=clock, **record.fields()).option_order(
        changed.id
    ) == again.option_order(changed.id)


def test_a_stored_config_with_absurd_minutes_still_resumes(bank, clock):
    s = ExamSession.start(bank, custom_config(5, 10, seed=3), clock=clock)
    fields = s.to_record().fields()
    fields.update(config={"mode": "custom", "minutes": 1e308, "count": 5}, time_allowed_s=6e307 * 1e2)
    again = ExamSession.from_attempt_fields(bank, clock=clock, **fields)
    assert again.config.minutes is None and len(again) == 5


def test_bad_stored_values_do_not_crash(bank, clock):
    s = ExamSession.start(bank, practice_config(5, seed=3), clock=clock)
    fields = s.to_record().fields()
    fields.update(
        config={"mode": "practice", "minutes": "soon", "count": -1},
        time_used_s=float("nan"),
        position=999,
        status="weird",
        result={"nonsense": 1},
        answers={s.questions[0].id: [99], "ghost": [0]},
    )
    again = ExamSession.from_attempt_fields(bank, clock=clock, **fields)
    assert again.time_used() == 0 and again.position == 4 and again.status == "in_progress"
    assert again.answers == {} and s.questions[0].id in again.changed_ids
    assert again.config.mode == "practice"


@dataclass
class Attempt:  # the shape of the store's Attempt
    mode: str
    config: dict
    question_ids: list
    option_orders: dict
    answers: dict = field(default_factory=dict)
    flags: set = field(default_factory=set)
    position: int = 0
    time_used_s: float = 0.0
    time_allowed_s: float | None = None
    status: str = "in_progress"
    result: dict | None = None
    id: int = 1


def test_from_a_store_attempt_as_created(bank, clock):
    s = ExamSession.start(bank, full_exam_config(8), clock=ManualClock(0))
    attempt = Attempt(**s.to_record().create_kwargs())  # a fresh attempt, nothing answered
    again = ExamSession.from_attempt(attempt, bank, clock=clock)
    assert [q.id for q in again.questions] == [q.id for q in s.questions]
    assert again.views() == s.views() and again.time_allowed_s == 7800
    # then the store's answer rows come back as original indices
    change = again.choose("b", at=3)
    attempt.answers[change.qid] = change.selected
    third = ExamSession.from_attempt(attempt, bank, clock=clock)
    assert third.view(3).selected_keys == ("b",)
