"""Exam attempts: saved exactly enough to resume, finished exactly once."""

from __future__ import annotations

import threading

import pytest

from awstui.state import Attempt, AttemptChanged, Store, StoreError

from .conftest import reopen

QIDS = ["e1", "e2", "e3"]
ORDERS = {"e1": [2, 0, 1, 3], "e2": [4, 3, 2, 1, 0], "e3": [0, 1, 2, 3]}


@pytest.fixture
def attempt_id(store):
    return store.create_attempt("full", {"count": 3, "seed": 7}, QIDS, ORDERS, 7800.0)


def test_create_attempt_saves_the_draw(store, events):
    aid = store.create_attempt("full", {"count": 3, "seed": 7}, QIDS, ORDERS, 7800)
    a = store.attempt(aid)
    assert isinstance(a, Attempt)
    assert (a.id, a.mode, a.config) == (aid, "full", {"count": 3, "seed": 7})
    assert a.question_ids == QIDS and a.option_orders == ORDERS
    assert (a.answers, a.flags, a.position, a.time_used_s, a.time_allowed_s) == ({}, set(), 0, 0.0, 7800.0)
    assert (a.status, a.result, a.finished_at) == ("in_progress", None, None)
    assert a.started_at == "2026-11-27T10:15:00.000000Z"
    assert a.in_progress and not a.finished and a.time_left_s == 7800.0
    assert len(a.uid) == 32
    assert events == [AttemptChanged(aid)]


def test_untimed_attempt(store):
    aid = store.create_attempt("practice", {}, ["e1"], {}, None)
    a = store.attempt(aid)
    assert a.time_allowed_s is None and a.time_left_s is None


def test_record_exam_answer_uses_original_indices(store, attempt_id, events):
    events.clear()
    assert store.record_exam_answer(attempt_id, "e1", [2], 12.5) is True
    assert store.record_exam_answer(attempt_id, "e2", [4, 0], 20.0) is True
    a = store.attempt(attempt_id)
    assert a.answers == {"e1": [2], "e2": [0, 4]}
    assert a.time_used_s == 20.0
    assert events == [AttemptChanged(attempt_id)] * 2


def test_changing_and_clearing_an_answer(store, attempt_id):
    store.record_exam_answer(attempt_id, "e1", [2], 1)
    store.record_exam_answer(attempt_id, "e1", [3], 2)
    assert store.attempt(attempt_id).answers == {"e1": [3]}
    store.record_exam_answer(attempt_id, "e1", [], 3)
    assert store.attempt(attempt_id).answers == {}


def test_flags(store, attempt_id, events):
    events.clear()
    store.set_flag(attempt_id, "e2", True, 5)
    store.set_flag(attempt_id, "e3", True, 6)
    store.record_exam_answer(attempt_id, "e2", [1], 7)
    store.set_flag(attempt_id, "e3", False, 8)
    a = store.attempt(attempt_id)
    assert a.flags == {"e2"} and a.answers == {"e2": [1]}
    assert len(events) == 4 and set(events) == {AttemptChanged(attempt_id)}


def test_save_progress(store, attempt_id, events):
    events.clear()
    assert store.save_progress(attempt_id, 30.0, position=2) is True
    a = store.attempt(attempt_id)
    assert (a.time_used_s, a.position) == (30.0, 2)
    assert store.save_progress(attempt_id, 31.0) is True  # position unchanged
    assert store.attempt(attempt_id).position == 2
    assert store.save_progress(attempt_id, 31.0, position=2) is False  # nothing new: no event
    assert len(events) == 2


def test_time_used_never_goes_back(store, attempt_id):
    store.save_progress(attempt_id, 100.0)
    store.save_progress(attempt_id, 40.0, position=1)  # a stale writer
    store.record_exam_answer(attempt_id, "e1", [0], 50.0)
    a = store.attempt(attempt_id)
    assert a.time_used_s == 100.0 and a.position == 1


def test_resume_is_exact_after_reopening(store, attempt_id, clock):
    store.record_exam_answer(attempt_id, "e1", [1], 10)
    store.set_flag(attempt_id, "e3", True, 20)
    store.save_progress(attempt_id, 33.25, position=2)
    before = store.attempt(attempt_id)
    store = reopen(store, clock)
    try:
        after = store.in_progress_attempt()
        assert after == before
        assert after.answers == {"e1": [1]} and after.flags == {"e3"} and after.position == 2
        assert after.time_used_s == 33.25 and after.option_orders == ORDERS
    finally:
        store.close()


def test_finish_attempt_exactly_once(store, attempt_id, events):
    events.clear()
    result = {"correct": 2, "total": 3, "percent": 66.7, "scaled": 700, "passed": False, "per_domain": {"1": [1, 2]}}
    assert store.finish_attempt(attempt_id, "submitted", result, 300.0) is True
    a = store.attempt(attempt_id)
    assert (a.status, a.result, a.time_used_s) == ("submitted", result, 300.0)
    assert a.finished_at is not None and a.finished and not a.in_progress
    assert store.finish_attempt(attempt_id, "expired", {"percent": 0}, 7800.0) is False
    assert store.attempt(attempt_id).status == "submitted"
    assert store.attempt(attempt_id).result == result
    assert events == [AttemptChanged(attempt_id)]
    assert store.in_progress_attempt() is None


def test_a_finished_attempt_takes_no_more_answers(store, attempt_id, events):
    store.record_exam_answer(attempt_id, "e1", [1], 10)
    store.finish_attempt(attempt_id, "expired", {"percent": 0.0}, 7800)
    events.clear()
    assert store.record_exam_answer(attempt_id, "e1", [2], 7801) is False
    assert store.set_flag(attempt_id, "e1", True, 7801) is False
    assert store.save_progress(attempt_id, 7900, 2) is False
    assert store.abandon_attempt(attempt_id) is False
    a = store.attempt(attempt_id)
    assert a.answers == {"e1": [1]} and a.flags == set() and a.time_used_s == 7800 and a.status == "expired"
    assert events == []


def test_finish_is_exactly_once_across_two_instances(store, attempt_id):
    other = Store(store.path)
    barrier = threading.Barrier(2)
    results = []

    def finish(s, status):
        barrier.wait()
        results.append(s.finish_attempt(attempt_id, status, {"by": status}, 10))

    threads = [threading.Thread(target=finish, args=(s, st)) for s, st in ((store, "submitted"), (other, "expired"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    other.close()
    assert sorted(results) == [False, True]
    a = store.attempt(attempt_id)
    assert a.result == {"by": a.status}


def test_abandon_attempt_keeps_it(store, attempt_id, events):
    store.record_exam_answer(attempt_id, "e1", [0], 5)
    events.clear()
    assert store.abandon_attempt(attempt_id) is True
    a = store.attempt(attempt_id)
    assert a.status == "abandoned" and a.answers == {"e1": [0]} and a.finished_at is not None
    assert not a.finished and not a.in_progress
    assert store.in_progress_attempt() is None
    assert store.finish_attempt(attempt_id, "submitted", {}, 5) is False
    assert events == [AttemptChanged(attempt_id)]


def test_attempts_newest_first_and_in_progress(store, clock):
    first = store.create_attempt("full", {}, ["a"], {}, 60)
    second = store.create_attempt("domain", {"domain": 2}, ["b"], {}, 60)
    third = store.create_attempt("practice", {}, ["c"], {}, None)
    store.finish_attempt(third, "submitted", {"percent": 100}, 1)
    assert [a.id for a in store.attempts()] == [third, second, first]
    assert store.in_progress_attempt().id == second
    store.abandon_attempt(second)
    assert store.in_progress_attempt().id == first


def test_unknown_attempt(store):
    with pytest.raises(StoreError, match="no exam attempt 99"):
        store.attempt(99)
    for call in (
        lambda: store.record_exam_answer(99, "e1", [0], 1),
        lambda: store.set_flag(99, "e1", True, 1),
        lambda: store.save_progress(99, 1),
        lambda: store.finish_attempt(99, "submitted", {}, 1),
        lambda: store.abandon_attempt(99),
    ):
        with pytest.raises(StoreError, match="no exam attempt"):
            call()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"mode": ""}, "mode"),
        ({"config": []}, "config"),
        ({"config": {"x": object()}}, "JSON"),
        ({"question_ids": "e1"}, "question_ids"),
        ({"question_ids": ["e1", "e1"]}, "twice"),
        ({"option_orders": {"e1": [0, 0, 1]}}, "permutation"),
        ({"option_orders": {"e1": [1, 2]}}, "permutation"),
        ({"option_orders": {"zz": [0, 1]}}, "not one of"),
        ({"time_allowed_s": -1}, "time_allowed_s"),
        ({"time_allowed_s": float("inf")}, "time_allowed_s"),
        ({"time_allowed_s": "7800"}, "time_allowed_s"),
    ],
)
def test_create_attempt_refuses_bad_input(store, events, kwargs, message):
    args = {"mode": "full", "config": {}, "question_ids": QIDS, "option_orders": ORDERS, "time_allowed_s": 60.0}
    args.update(kwargs)
    with pytest.raises(StoreError, match=message):
        store.create_attempt(**args)
    assert store.attempts() == [] and events == []


@pytest.mark.parametrize(
    "qid, selected, message",
    [
        ("nope", [0], "not a question of exam attempt"),
        ("e1", [4], "0..3"),
        ("e1", [-1], "0..3"),
        ("e1", [1, 1], "twice"),
        ("e1", "a", "list"),
        ("e1", [True], "list"),
    ],
)
def test_record_exam_answer_refuses_bad_input(store, attempt_id, qid, selected, message):
    with pytest.raises(StoreError, match=message):
        store.record_exam_answer(attempt_id, qid, selected, 1)
    assert store.attempt(attempt_id).answers == {}


def test_bad_times_and_statuses_are_refused(store, attempt_id):
    with pytest.raises(StoreError, match="time_used_s"):
        store.save_progress(attempt_id, -5)
    with pytest.raises(StoreError, match="position"):
        store.save_progress(attempt_id, 5, position=-1)
    with pytest.raises(StoreError, match="status"):
        store.finish_attempt(attempt_id, "abandoned", {}, 1)
    with pytest.raises(StoreError, match="result"):
        store.finish_attempt(attempt_id, "submitted", None, 1)
    with pytest.raises(StoreError, match="attempt id"):
        store.attempt("1")
    assert store.attempt(attempt_id).in_progress


def test_an_attempt_keeps_questions_missing_from_the_bank(store):
    aid = store.create_attempt("full", {}, ["gone-from-bank", "e1"], {"e1": [0, 1]}, 60)
    store.record_exam_answer(aid, "gone-from-bank", [3], 1)  # no option order known: any index >= 0
    assert store.attempt(aid).answers == {"gone-from-bank": [3]}


def test_attempts_without_answers_for_lists_and_totals(store, attempt_id):
    store.record_exam_answer(attempt_id, "e1", [1], 5)
    store.set_flag(attempt_id, "e2", True, 6)
    [light] = store.attempts(include_answers=False)
    [full] = store.attempts()
    assert (light.answers, light.flags) == ({}, set())
    assert (full.answers, full.flags) == ({"e1": [1]}, {"e2"})
    assert (light.id, light.status, light.question_ids, light.time_used_s) == (
        full.id,
        full.status,
        full.question_ids,
        full.time_used_s,
    )


def test_attempts_can_leave_result_keys_out(store):
    aid = store.create_attempt("full", {}, ["e1"], {}, 60)
    store.finish_attempt(aid, "submitted", {"percent": 50, "outcomes": [{"qid": "e1"}], "per_domain": {}}, 60)
    (whole,) = store.attempt_results()
    (light,) = store.attempt_results(("outcomes",))
    assert whole.result["outcomes"] == [{"qid": "e1"}] and (whole.id, whole.status) == (aid, "submitted")
    assert light.result == {"percent": 50, "per_domain": {}}
    assert light.finished_at == store.attempt(aid).finished_at and light.mode == "full"
    with pytest.raises(StoreError, match="plain key names"):
        store.attempt_results(("a'); DROP TABLE attempt; --",))
    assert len(store.attempts()) == 1


def test_statuses_are_one_enum_equal_to_their_saved_strings(store, attempt_id):
    from awstui.state import AttemptStatus

    assert store.attempt(attempt_id).status is AttemptStatus.IN_PROGRESS
    store.abandon_attempt(attempt_id)
    (row,) = store.attempt_results()
    assert row.status is AttemptStatus.ABANDONED and row.status == "abandoned"
