"""Every exam answer is a review: the grade each answer gets, when it is handed over (practice at
the reveal, the other modes at the finish), past attempts as seeding input; and the review queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from awstui.exam import ExamConfig, ExamSession
from awstui.exam.review_queue import (
    ReviewQueue,
    build_queue,
    day_bounds,
    format_interval,
    format_intervals,
    nothing_due_text,
)
from awstui.exam.reviews import AGAIN, EASY, GOOD, HARD, SLOW_S, history_answers, rating_for


def _session(questions, clock, mode):
    config = ExamConfig(mode, len(questions), None if mode == "practice" else 30.0, seed=1)
    orders = {q.id: list(range(len(q.options))) for q in questions}  # display = original
    return ExamSession(config, questions, orders, clock=clock, running=True)


def test_the_grade_of_an_answer():
    assert rating_for(False) == AGAIN
    assert rating_for(False, guessed=True, time_s=1.0) == AGAIN
    assert rating_for(True) == GOOD
    assert rating_for(True, guessed=True) == HARD
    assert rating_for(True, time_s=SLOW_S + 1) == HARD
    assert rating_for(True, time_s=SLOW_S) == GOOD


def test_a_finished_exam_hands_over_one_review_per_answer(make_q, clock):
    qs = [make_q("right", answer=("a",)), make_q("unsure", answer=("a",)), make_q("wrong"), make_q("blank")]
    s = _session(qs, clock, "custom")
    for qid, option in (("right", 0), ("unsure", 0), ("wrong", 2)):
        change = s.choose(option, at=qid)
        assert change is not None and change.review is None  # not revealed: reviewed at the end
    s.flag(at="unsure")
    finished = s.submit()
    assert finished.reviews == (("right", GOOD), ("unsure", HARD), ("wrong", AGAIN))  # no answer: no review


def test_practice_reviews_at_the_reveal_and_the_finish_leaves_those_out(make_q, clock):
    qs = [make_q("p1", answer=("b",)), make_q("m1", answer=("a", "c")), make_q("m2", answer=("a", "c"))]
    s = _session(qs, clock, "practice")
    assert s.choose(1, at="p1").review == GOOD  # revealed at once
    assert s.choose(0, at="m1").review is None  # one of two: not revealed yet
    assert s.choose(1, at="m1").review == AGAIN  # two chosen, wrong set: revealed
    assert s.choose(0, at="m2").review is None  # left half done
    assert s.submit().reviews == (("m2", AGAIN),)


def test_a_restored_practice_session_does_not_review_revealed_answers_again(make_q, clock):
    qs = [make_q("p1", answer=("b",)), make_q("p2")]
    s = _session(qs, clock, "practice")
    s.choose(1, at="p1")
    again = ExamSession.from_record(s.to_record(), qs, clock=clock)
    again.resume()
    assert again.choose(0, at="p2").review == GOOD
    assert again.submit().reviews == ()


@dataclass
class _Attempt:
    mode: str
    status: str
    finished_at: str | None
    result: dict | None


def test_history_answers_read_finished_attempts_oldest_first():
    def outcome(qid, kind, flagged=False):
        return {"qid": qid, "kind": kind, "flagged": flagged}

    attempts = [  # newest first, as the store lists them
        _Attempt("weak", "submitted", "2026-02-01T00:00:00.000000Z", {"outcomes": [outcome("a", "correct")]}),
        _Attempt("full", "abandoned", "2026-01-20T00:00:00.000000Z", {"outcomes": [outcome("x", "wrong")]}),
        _Attempt("full", "expired", "2026-01-10T00:00:00.000000Z", {"outcomes": [outcome("a", "partial"),
                 outcome("b", "correct", True), outcome("c", "unanswered"), {"kind": "wrong"}]}),
        _Attempt("custom", "submitted", None, {"outcomes": [outcome("z", "wrong")]}),
        _Attempt("custom", "submitted", "2026-01-05T00:00:00Z", None),
    ]  # fmt: skip
    got = history_answers(attempts)
    assert [(q, g, s) for q, g, _, s in got] == [("a", AGAIN, "full"), ("b", HARD, "full"), ("a", GOOD, "weak")]
    assert got[0][2] == datetime(2026, 1, 10, tzinfo=UTC)


@dataclass
class _Card:
    kind: str
    qid: str
    due: datetime


def test_the_queue_keeps_to_the_daily_limits():
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    due = [_Card("exam", f"q{i}", now - timedelta(hours=i)) for i in range(5)]
    new = [("own", "o1"), ("own", "o2"), ("own", "o3")]
    q = build_queue(due, new, done_today=(1, 2), limits={"review.new_per_day": 3, "review.reviews_per_day": 5})
    assert [i.qid for i in q.items] == ["q0", "q1", "q2", "o1", "o2"]
    assert (q.due_now, q.new_available, q.new_left, q.reviews_left) == (5, 3, 2, 3)
    assert [i.new for i in q.items] == [False, False, False, True, True]
    full = build_queue(due, new, done_today=(9, 9), limits={"review.new_per_day": 3, "review.reviews_per_day": 5})
    assert full.empty and "limit" in nothing_due_text(full)


def test_nothing_due_says_when_the_next_review_is():
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    q = ReviewQueue((), 0, 0, 20, 200, now + timedelta(hours=3))
    assert nothing_due_text(q, now) == "nothing due — next review in 3h"
    assert "no cards yet" in nothing_due_text(ReviewQueue((), 0, 0, 20, 200, None), now)


def test_intervals_are_formatted_as_anki_does():
    cases = {timedelta(seconds=30): "<1m", timedelta(minutes=10): "10m", timedelta(hours=3): "3h",
             timedelta(days=1): "1d", timedelta(days=8, hours=3): "8d", timedelta(days=45): "1.5mo",
             timedelta(days=60): "2mo", timedelta(days=400): "1.1y"}  # fmt: skip
    for delta, text in cases.items():
        assert format_interval(delta) == text, delta
    preview = {AGAIN: timedelta(minutes=10), HARD: timedelta(days=1), GOOD: timedelta(days=3), EASY: timedelta(days=8)}
    assert format_intervals(preview) == "10m · 1d · 3d · 8d"


def test_the_learners_day_is_their_local_calendar_day():
    tz = timezone(timedelta(hours=-5))
    start, end = day_bounds(datetime(2026, 12, 1, 23, 30, tzinfo=tz))
    assert start == datetime(2026, 12, 1, tzinfo=tz) and end == datetime(2026, 12, 2, tzinfo=tz)
    assert end.astimezone(UTC) == datetime(2026, 12, 2, 5, tzinfo=UTC)


def test_cards_of_questions_gone_from_the_content_take_no_place_in_the_days_limit(tmp_path):
    from awstui.exam.review_queue import review_queue
    from awstui.state import Store
    from awstui.state.repos.reviews import REVIEWS_PER_DAY

    earlier = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    with Store(tmp_path / "state.db", now=lambda: earlier) as store:
        for qid in ("gone-1", "gone-2", "kept-1", "kept-2"):  # missed: due 10 minutes later, in that order
            store.reviews.grade("exam", qid, AGAIN)
    with Store(tmp_path / "state.db") as store:
        store.set_setting(REVIEWS_PER_DAY, 2)
        queue = review_queue(store, datetime(2026, 11, 2, 9, 0, tzinfo=UTC), known={"kept-1", "kept-2"})
        assert [i.qid for i in queue.items] == ["kept-1", "kept-2"]


def test_the_queue_the_count_and_the_empty_text_go_by_the_stores_clock(tmp_path):
    """One "today": the review queue, the count due today and the empty text read the store's
    clock (the one its grades and due dates are written by), not the machine's."""
    from awstui.exam.review_queue import due_today, local_now, review_queue
    from awstui.state import Store

    moments = [datetime(2026, 11, 1, 9, 0, tzinfo=UTC)]
    with Store(tmp_path / "state.db", now=lambda: moments[0]) as store:
        store.reviews.grade("exam", "q1", AGAIN)  # due again 10 minutes later, at 09:10
        moments[0] = datetime(2026, 11, 1, 9, 5, tzinfo=UTC)
        assert local_now(store) == moments[0]
        queue = review_queue(store)
        assert queue.items == () and nothing_due_text(queue, local_now(store)) == "nothing due — next review in 5m"
        moments[0] = datetime(2026, 11, 1, 9, 20, tzinfo=UTC)
        assert [i.qid for i in review_queue(store).items] == ["q1"]
        moments[0] = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)  # days before it is due
        assert due_today(store) == 0
        moments[0] = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
        assert due_today(store) == 1
