"""A session: answering (single/multi), flags, navigation, statuses, practice feedback, views."""

from __future__ import annotations

import pytest

from awstui.exam import (
    AnswerChange,
    ExamConfig,
    ExamError,
    ExamSession,
    FlagChange,
    practice_config,
)


def session_of(questions, clock, mode="custom", minutes=30.0, seed=1):
    config = ExamConfig(mode, len(questions), minutes if mode != "practice" else None, seed=seed)
    orders = {q.id: list(reversed(range(len(q.options)))) for q in questions}  # display d = n-1-d
    return ExamSession(config, questions, orders, clock=clock, running=True)


@pytest.fixture
def two(make_q, clock):
    single = make_q("s1", answer=("b",))
    multi = make_q("m1", answer=("a", "c"))
    return session_of([single, multi], clock)


def test_single_answer_replaces_and_reports_original_indices(two):
    change = two.choose("a")  # display a = original 3 (reversed order)
    assert change == AnswerChange("s1", [3], 0.0)
    two.choose(2)
    assert two.view().selected == (2,) and two.view().selected_keys == ("c",)
    assert two.answers == {"s1": [1]}
    two.choose("c")  # choosing the same again keeps it
    assert two.answers == {"s1": [1]}
    with pytest.raises(ExamError):
        two.answer([0, 1])  # one answer only
    with pytest.raises(ExamError):
        two.choose("e")  # a 4-option question has no "e"


def test_multi_answer_toggles_and_allows_any_count(two):
    two.next()
    view = two.view()
    assert view.is_multi and view.choose == 2 and view.keys == "abcde"
    two.choose("a")
    two.choose("b")
    two.choose("c")
    assert two.view().selected_keys == ("a", "b", "c") and not two.view().complete
    two.choose("b")  # toggles off
    assert two.view().selected_keys == ("a", "c") and two.view().complete
    assert two.answer(["e"]).selected == [0]
    assert two.clear() == AnswerChange("m1", [], 0.0)
    assert not two.is_answered()


def test_views_show_options_in_display_order(two, clock):
    view = two.view(0)
    assert [o.key for o in view.options] == ["a", "b", "c", "d"]
    assert [o.text for o in view.options] == [f"s1 option {k}" for k in "dcba"]
    assert [o.original_index for o in view.options] == [3, 2, 1, 0]
    assert view.number == 1 and view.total == 2 and view.stem == "Question s1?"
    assert view.feedback is None
    assert two.current == two.view(0)


def test_flags_statuses_and_counts(two):
    assert two.statuses() == ["unanswered", "unanswered"]
    assert two.unanswered_count == 2 and two.flagged_count == 0
    assert two.flag() == FlagChange("s1", True, 0.0)
    assert two.status_of(0) == "flagged" and two.view(0).status == "flagged"
    two.choose("a", at=1)
    assert two.statuses() == ["flagged", "answered"]
    assert (two.answered_count, two.unanswered_count, two.flagged_count) == (1, 1, 1)
    assert two.toggle_flag(at="s1") == FlagChange("s1", False, 0.0)
    assert two.unflag(at=1).flagged is False
    assert two.flags == set()


def test_navigation_is_clamped_and_finds(make_q, clock):
    qs = [make_q(f"q{i}") for i in range(5)]
    s = session_of(qs, clock)
    assert s.prev() == 0
    assert s.next() == 1
    assert s.goto(99) == 4 and s.goto(-3) == 0
    s.choose("a", at=1)
    s.flag(at=3)
    assert s.find("unanswered") == 2
    assert s.find("flagged") == 3
    assert s.find("answered", start=2) == 1  # wraps
    assert s.find("answered", start=2, wrap=False) is None
    assert s.find("unanswered", forward=False) == 4


def test_practice_mode_checks_after_an_answer(make_q, clock):
    qs = [make_q("p1", answer=("b",)), make_q("p2", answer=("a", "c"))]
    s = ExamSession(
        practice_config(2, seed=3), qs, {q.id: [0, 1, 2, 3, 4][: len(q.options)] for q in qs}, clock=clock, running=True
    )
    assert not s.can_check("p1")
    with pytest.raises(ExamError):
        s.check("p1")
    s.choose("a")
    fb = s.check("p1")
    assert not fb.correct and fb.kind == "wrong" and fb.right_keys == ("b",) and fb.right_original == (1,)
    assert fb.explanation == "Because of p1." and fb.references
    s.answer(["a"], at="p2")
    assert s.check("p2").kind == "partial" and not s.locked("p2")  # one of two: not revealed yet
    s.choose("c", at="p2")
    assert s.check("p2").correct


def test_a_practice_answer_is_locked_once_revealed(make_q, clock):
    qs = [make_q("p1", answer=("b",)), make_q("p2", answer=("a", "c"))]
    s = ExamSession(
        practice_config(2, seed=3), qs, {q.id: [0, 1, 2, 3, 4][: len(q.options)] for q in qs}, clock=clock, running=True
    )
    assert not s.locked("p1")
    assert s.choose("a") is not None and s.locked("p1")
    # the right answer is shown now: changing to it must not count as right
    assert s.choose("b") is None and s.answer(["b"]) is None and s.clear() is None
    assert not s.check("p1").correct and s.answers["p1"] == [0]
    s.answer(["a", "b"], at="p2")
    assert s.locked("p2") and s.clear(at="p2") is None and s.choose("c", at="p2") is None
    assert s.submit().result.correct == 0


def test_no_feedback_during_a_real_exam_but_after_it(two):
    two.choose("a")
    with pytest.raises(ExamError):
        two.check("s1")
    two.submit()
    assert two.check("s1").right_keys == ("c",)  # original b -> display c (reversed)
    assert two.check("m1").kind == "unanswered"
    assert two.view(1).feedback is not None


def test_nothing_changes_after_the_end(two):
    two.choose("a")
    two.flag()
    finished = two.submit()
    assert finished.status == "submitted"
    assert two.choose("b") is None and two.clear() is None and two.unflag() is None
    assert two.answer(["a"], at=1) is None
    assert two.answers == {"s1": [3]} and two.flags == {"s1"}
    assert two.goto(1) == 1  # review still navigates


def test_a_session_cannot_hold_a_question_twice(make_q, clock):
    q = make_q("x")
    with pytest.raises(ExamError):
        ExamSession(ExamConfig("custom", 2, None), [q, q], {}, clock=clock)
