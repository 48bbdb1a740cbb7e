"""Scoring: every question type, all-or-nothing, the scaled estimate, Result round trip."""

from __future__ import annotations

import json

import pytest

from awstui.exam import (
    SCALED_SCORE_NOTE,
    ExamConfig,
    ExamSession,
    Result,
    judge,
    scaled_score,
    score,
    score_answers,
)


@pytest.fixture
def qs(make_q):
    return {
        "single": make_q("single", domain=1, services=("lambda",), answer=("b",)),
        "multi2": make_q("multi2", domain=2, services=("kms", "s3"), answer=("a", "c")),
        "multi3": make_q("multi3", domain=3, services=("s3",), answer=("b", "d", "e")),
        "imported": make_q("imported", domain="unclassified", services=("sqs",), answer=("d",)),
    }


@pytest.mark.parametrize(
    "name, selected, kind",
    [
        ("single", [1], "correct"),
        ("single", [0], "wrong"),
        ("single", [], "unanswered"),
        ("multi2", [0, 2], "correct"),
        ("multi2", [2, 0], "correct"),
        ("multi2", [0], "partial"),  # too few
        ("multi2", [0, 1], "partial"),  # one right, one wrong
        ("multi2", [0, 2, 4], "partial"),  # over-selection
        ("multi2", [0, 1, 2, 3, 4], "partial"),
        ("multi2", [1, 3], "wrong"),
        ("multi2", [], "unanswered"),
        ("multi3", [1, 3, 4], "correct"),
        ("multi3", [1, 3], "partial"),
    ],
)
def test_judge_every_question_type(qs, name, selected, kind):
    assert judge(qs[name], selected) == kind


def test_score_counts_only_exact_answers(qs):
    result = score_answers(
        qs.values(), {"single": [1], "multi2": [0, 2, 4], "multi3": [1, 3, 4]}, flags={"multi2"}, time_used_s=42.5
    )
    assert (result.correct, result.total) == (2, 4)
    assert result.percent == 50.0
    assert result.unanswered == 1 and result.answered == 3
    assert result.per_domain == {1: (1, 1), 2: (0, 1), 3: (1, 1), "unclassified": (0, 1)}
    assert result.per_service == {"kms": (0, 1), "lambda": (1, 1), "s3": (1, 2), "sqs": (0, 1)}
    assert result.time_used_s == 42.5
    assert [o.kind for o in result.outcomes] == ["correct", "partial", "correct", "unanswered"]
    assert result.outcome("multi2").flagged and not result.outcome("single").flagged
    assert list(result.history()) == [("single", True), ("multi2", False), ("multi3", True)]
    assert ("imported", False) in list(result.history(include_unanswered=True))


def test_all_unanswered_scores_zero(qs):
    result = score_answers(qs.values(), {})
    assert result.correct == 0 and result.percent == 0 and result.scaled == 100 and not result.passed


@pytest.mark.parametrize(
    "percent, scaled",
    [
        (0, 100),
        (36, 410),
        (72, 720),
        (86, 860),
        (100, 1000),
        (-5, 100),
        (120, 1000),
    ],
)
def test_scaled_score_is_the_documented_piecewise_linear_map(percent, scaled):
    assert scaled_score(percent) == scaled


def test_pass_mark_on_a_65_question_exam():
    # 47/65 = 72.3 % passes, 46/65 = 70.8 % does not
    assert scaled_score(100 * 47 / 65) >= 720
    assert scaled_score(100 * 46 / 65) < 720
    # never 720 below 72 %, however many questions
    assert all(scaled_score(100 * c / n) < 720 for n in range(1, 400) for c in range(n + 1) if 100 * c / n < 72)
    assert "estimate" in SCALED_SCORE_NOTE.lower() and "720" in SCALED_SCORE_NOTE


def test_passed_follows_scaled(make_q):
    bank = [make_q(f"q{i}", answer=("a",)) for i in range(25)]
    pass_ = score_answers(bank, {f"q{i}": [0] for i in range(18)})  # 72 %
    fail = score_answers(bank, {f"q{i}": [0] for i in range(17)})  # 68 %
    assert pass_.scaled == 720 and pass_.passed
    assert fail.scaled < 720 and not fail.passed


def test_result_round_trips_through_json(qs):
    result = score_answers(qs.values(), {"single": [1], "multi2": [0]}, {"single"}, 12.25)
    again = Result.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again == result


def test_score_of_a_session_uses_its_answers_and_time(qs, clock):
    questions = list(qs.values())
    s = ExamSession(ExamConfig("custom", 4, 10), questions, {}, clock=clock, running=True)
    s.answer([s.view(0).options[k].display_index for k in range(4) if s.view(0).options[k].original_index == 1], at=0)
    clock.advance(30)
    result = score(s)
    assert result.correct == 1 and result.time_used_s == 30
    assert s.submit().result == result


def test_results_carry_accuracy_per_task_statement(make_q):
    from dataclasses import replace

    a = replace(make_q("a", answer=("a",)), tasks=("1.1", "1.2"))
    b = replace(make_q("b", answer=("a",)), tasks=("1.1",))
    c = make_q("c")  # no tasks: counts toward none
    result = score_answers([a, b, c], {"a": [0], "b": [1], "c": [0]})
    assert result.per_task == {"1.1": (1, 2), "1.2": (1, 1)}
    again = Result.from_dict(result.to_dict())
    assert again.per_task == result.per_task
    old = result.to_dict()
    del old["per_task"]  # a result saved before per-task accuracy
    assert Result.from_dict(old).per_task == {}
