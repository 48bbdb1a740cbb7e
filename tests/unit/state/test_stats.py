"""compute_stats(store, library) (awstui.exam.stats, for `awstui stats`) on a real store: what was done, against what there is."""

from __future__ import annotations

import pytest

from awstui.content.models import Library, OpenQuestion, Service
from awstui.exam.stats import compute_stats, score_percent


def library(n_services: int = 4, n_questions: int = 5) -> Library:
    return Library(
        services=tuple(
            Service(id=f"svc{i}", name=f"Service {i}", category="compute", docs=("https://docs.aws.amazon.com/",))
            for i in range(n_services)
        ),
        questions=tuple(
            OpenQuestion(id=f"q{i}", services=("svc0",), text=f"Question {i}?") for i in range(n_questions)
        ),
    )


def test_stats_of_a_fresh_store(store):
    s = compute_stats(store, library())
    assert s["services_reviewed"] == 0 and s["services_total"] == 4
    assert s["questions_answered"] == 0 and s["questions_total"] == 5
    assert s["attempts"] == 0 and s["best_score"] is None and s["last_score"] is None
    assert s["in_progress_attempt"] is None


def test_stats_count_only_what_the_content_has_and_keep_the_rest(store):
    store.mark_reviewed("svc0")
    store.mark_reviewed("svc1")
    store.mark_reviewed("gone-service")  # kept, but not counted against the content
    store.tick_question("q0")
    store.tick_question("gone-question")
    store.save_answer("q1", "written")
    store.save_answer("gone-2", "kept too")
    mine = store.add_question("svc0", "my own")
    store.tick_question(mine)
    store.add_question("svc0", "another")
    s = compute_stats(store, library())
    assert (s["services_reviewed"], s["services_total"]) == (2, 4)
    assert (s["questions_answered"], s["questions_total"]) == (2, 7)  # bundled 5 + own 2
    assert s["answers_written"] == 1 and s["learner_questions"] == 2
    assert s["orphaned_questions"] == 2 and s["orphaned_services"] == 1


def test_best_and_last_score(store, clock):
    scores = [
        ("submitted", {"percent": 61.5, "scaled": 690}),
        ("expired", {"correct": 40, "total": 50}),
        ("submitted", {"percent": 72.25, "scaled": 735, "passed": True}),
    ]
    for status, result in scores:
        aid = store.create_attempt("full", {}, ["e1"], {}, 60)
        store.finish_attempt(aid, status, result, 60)
    abandoned = store.create_attempt("full", {}, ["e1"], {}, 60)
    store.abandon_attempt(abandoned)
    running = store.create_attempt("full", {}, ["e1"], {}, 60)
    s = compute_stats(store, library())
    assert s["attempts"] == 3 and s["attempts_started"] == 5 and s["attempts_abandoned"] == 1
    assert s["best_score"] == 80.0 and s["best_scaled"] is None
    assert s["last_score"] == 72.2 or s["last_score"] == 72.3  # rounded to one decimal
    assert s["last_scaled"] == 735 and s["last_passed"] is True
    assert s["in_progress_attempt"] == running


@pytest.mark.parametrize(
    "result, expected",
    [
        ({"percent": 50}, 50.0),
        ({"score_percent": 12.34}, 12.3),
        ({"correct": 1, "total": 3}, 33.3),
        ({"correct": 1, "total": 0}, None),
        ({"percent": "50"}, None),
        ({"percent": True}, None),
        ({"percent": float("inf")}, None),
        ({}, None),
        (None, None),
    ],
)
def test_score_percent(result, expected):
    assert score_percent(result) == expected
