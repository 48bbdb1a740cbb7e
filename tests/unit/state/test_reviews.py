"""Schema v5: spaced-repetition cards and review logs; grading, undo, the due queue's reads, the
exam's reviews written with its answers, and the one-time seeding from past exam answers."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from awstui.exam.reviews import AGAIN, GOOD, HARD, seed_from_history
from awstui.state import SCHEMA_VERSION, Store, StoreError, open_store
from awstui.state.events import ReviewChanged


def _outcome(qid: str, kind: str, flagged: bool = False) -> dict:
    return {"qid": qid, "kind": kind, "selected": [], "answer": [0], "domain": 1, "services": [], "flagged": flagged}


def _finished(store: Store, mode: str, outcomes: list[dict]) -> int:
    qids = [o["qid"] for o in outcomes]
    aid = store.create_attempt(mode, {"mode": mode}, qids, {}, 600.0)
    result = {"correct": 0, "total": len(qids), "percent": 0.0, "scaled": 100, "passed": False, "outcomes": outcomes}
    assert store.finish_attempt(aid, "submitted", result, 60.0)
    return aid


def _to_v4(path) -> None:
    """What the v4 release left: the same schema without the v5 tables."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE review_card")
    conn.execute("DROP TABLE review_log")
    conn.execute("DELETE FROM meta WHERE key = 'seed_pending'")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()


def test_a_v4_database_with_history_gains_the_tables_and_seeds_the_scheduler_once_in_order(data_dir, clock):
    with open_store(data_dir, now=clock) as store:
        _finished(store, "full", [_outcome("q1", "wrong"), _outcome("q2", "correct", flagged=True)])
        clock.advance(days=3)
        _finished(store, "practice", [_outcome("q1", "correct"), _outcome("q3", "unanswered")])
        aid = store.create_attempt("custom", {}, ["q9"], {}, None)  # in progress: not history
        store.record_exam_answer(aid, "q9", [1], 1.0)
        store.save_answer("s3-q1", "kept")
    _to_v4(data_dir / "state.db")

    with open_store(data_dir, now=clock) as store:
        assert store.migrated_from == 4 and SCHEMA_VERSION == 5
        assert store.question_state("s3-q1").answer == "kept" and store.attempt(aid).answers == {"q9": [1]}
        assert store.reviews.seed_pending()
        assert seed_from_history(store) == 3  # the unanswered one is no review
        assert not store.reviews.seed_pending() and seed_from_history(store) == 0
        logs = store._conn.execute(
            "SELECT qid, rating, source, first FROM review_log ORDER BY reviewed_at, id"
        ).fetchall()
        assert logs == [("q1", AGAIN, "full", 1), ("q2", HARD, "full", 1), ("q1", GOOD, "practice", 0)]
        q1 = store.reviews.card("exam", "q1")
        assert q1.reps == 2 and q1.correct == 1 and q1.state == "review"
        assert store.reviews.card("exam", "q3") is None and store.reviews.card("exam", "q9") is None
    with open_store(data_dir, now=clock) as store:  # once: not again on the next start
        assert not store.reviews.seed_pending()


def test_a_fresh_store_has_nothing_to_seed(data_dir):
    with open_store(data_dir) as store:
        assert store.created and not store.reviews.seed_pending()


def test_grading_an_own_card_schedules_it_and_undo_restores_it_exactly(data_dir, clock):
    with open_store(data_dir, now=clock) as store:
        events = []
        store.subscribe(events.append)
        first = store.reviews.grade("own", "s3-q1", GOOD)
        assert events[-1] == ReviewChanged("own", "s3-q1")
        assert first.due - first.reviewed_at >= timedelta(days=1)  # Good on a new card: days
        before = store._conn.execute("SELECT * FROM review_card").fetchall()
        clock.advance(days=3)
        second = store.reviews.grade("own", "s3-q1", AGAIN)
        assert second.due - second.reviewed_at == timedelta(minutes=10)  # missed: back the same day
        assert store.reviews.undo_last() == second
        assert store._conn.execute("SELECT * FROM review_card").fetchall() == before
        assert store._conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 1
        assert store.reviews.undo_last() == first
        assert store.reviews.card("own", "s3-q1") is None  # it was new: gone again
        assert store._conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 0
        assert store.reviews.undo_last() is None


def test_undo_does_not_take_back_a_grade_that_is_no_longer_the_newest(data_dir, clock):
    a, b = open_store(data_dir, now=clock), open_store(data_dir, now=clock)
    try:
        a.reviews.grade("own", "x", GOOD)
        b.reviews.grade("own", "x", AGAIN)  # another window graded it since
        assert a.reviews.undo_last() is None
        assert a.reviews.card("own", "x").reps == 2
    finally:
        a.close()
        b.close()


def test_bad_grades_are_refused(data_dir):
    with open_store(data_dir) as store:
        for kind, rating in (("exam", 0), ("exam", 5), ("exam", True), ("other", 3), ("own", "3")):
            with pytest.raises(StoreError):
                store.reviews.grade(kind, "q", rating)


def test_due_reads_count_and_order_and_the_next_due(data_dir, clock):
    with open_store(data_dir, now=clock) as store:
        store.save_answer("c", "the learner's answer")
        start = clock.t
        store.reviews.grade("exam", "a", AGAIN)  # due in 10 min
        store.reviews.grade("exam", "b", GOOD)  # due in days
        store.reviews.grade("own", "c", AGAIN)
        soon = start + timedelta(hours=1)
        assert store.reviews.due_count(soon) == 2
        assert [c.qid for c in store.reviews.due(soon)] == ["a", "c"]
        assert [c.qid for c in store.reviews.due(soon, kind="own")] == ["c"]
        assert store.reviews.due_count(start) == 0
        assert store.reviews.next_due(start) == store.reviews.card("exam", "a").due
        assert store.reviews.done_since(start - timedelta(seconds=1)) == (3, 0)
        store.reviews.grade("exam", "a", GOOD)
        assert store.reviews.done_since(start - timedelta(seconds=1)) == (3, 1)
        assert store.reviews.next_due(datetime(2100, 1, 1, tzinfo=UTC)) is None


def test_daily_limits_are_settings_with_defaults(data_dir):
    with open_store(data_dir) as store:
        assert store.reviews.limits() == {"review.new_per_day": 20, "review.reviews_per_day": 200}
        store.set_setting("review.new_per_day", 5)
        store.set_setting("review.reviews_per_day", "lots")  # not a count: the default
        assert store.reviews.limits() == {"review.new_per_day": 5, "review.reviews_per_day": 200}


def test_own_new_lists_written_answers_without_a_card(data_dir, clock):
    with open_store(data_dir, now=clock) as store:
        store.save_answer("s3-q1", "one")
        store.save_answer("s3-q2", "two")
        store.save_answer("s3-q3", "")
        assert store.reviews.own_new() == ["s3-q1", "s3-q2"]
        store.reviews.grade("own", "s3-q1", GOOD)
        assert store.reviews.own_new() == ["s3-q2"]


def test_an_answer_of_only_white_space_is_no_card(data_dir, clock):
    """Spaces and line breaks are no written answer: no new card, and a card whose answer was
    blanked so is not due (its back showed "(empty)")."""
    with open_store(data_dir, now=clock) as store:
        store.save_answer("s3-q1", "one")
        store.reviews.grade("own", "s3-q1", 1)
        store.save_answer("s3-q1", " \n\t ")
        store.save_answer("s3-q2", "  \r\n")
        assert store.reviews.own_new() == []
        clock.advance(days=1)
        assert store.reviews.due(clock.t) == []


def test_an_exams_reviews_are_written_with_its_finish_exactly_once(data_dir):
    with open_store(data_dir) as store:
        aid = store.create_attempt("weak", {}, ["q1", "q2"], {}, 600.0)
        result = {"correct": 1, "total": 2}
        assert store.finish_attempt(aid, "submitted", result, 5.0, reviews=[("q1", GOOD), ("q2", AGAIN)])
        assert not store.finish_attempt(aid, "submitted", result, 5.0, reviews=[("q1", GOOD)])
        rows = store._conn.execute("SELECT qid, rating, source FROM review_log ORDER BY id").fetchall()
        assert rows == [("q1", GOOD, "weak"), ("q2", AGAIN, "weak")]


def test_a_practice_reveal_is_reviewed_with_its_answer_and_not_when_refused(data_dir):
    with open_store(data_dir) as store:
        aid = store.create_attempt("practice", {}, ["q1", "q2"], {"q1": [0, 1, 2, 3]}, None)
        assert store.record_exam_answer(aid, "q1", [2], 1.0, review=AGAIN)
        assert store.record_exam_answer(aid, "q2", [1], 2.0)  # no review: nothing revealed
        store.abandon_attempt(aid)
        assert not store.record_exam_answer(aid, "q2", [0], 3.0, review=GOOD)
        assert store._conn.execute("SELECT qid, rating, source FROM review_log").fetchall() == [
            ("q1", AGAIN, "practice")
        ]


def test_exam_stats_carry_what_readiness_reads(data_dir, clock):
    with open_store(data_dir, now=clock) as store:
        store.reviews.grade("exam", "q1", AGAIN)
        clock.advance(days=2)
        store.reviews.grade("exam", "q1", GOOD)
        store.reviews.grade("own", "o1", GOOD)
        stats = store.reviews.exam_stats(clock.t + timedelta(days=1))
        assert set(stats) == {"q1"}
        s = stats["q1"]
        assert s.reps == 2 and s.correct == 1 and not s.first_correct
        assert 0 < s.expected < 1 and 0 < s.retrievability < 1


def test_seeding_gives_the_same_cards_as_grading_one_by_one(tmp_path):
    t0 = datetime(2026, 1, 1, 9, tzinfo=UTC)
    answers = [("q1", AGAIN, t0), ("q2", GOOD, t0), ("q1", GOOD, t0 + timedelta(days=1)),
               ("q1", HARD, t0 + timedelta(days=4)), ("q2", AGAIN, t0 + timedelta(days=9))]  # fmt: skip
    now = [t0]
    with Store(tmp_path / "one.db", now=lambda: now[0]) as one:
        for qid, rating, at in answers:
            now[0] = at
            one.reviews.grade("exam", qid, rating)
        graded = one._conn.execute(
            "SELECT qid, card, due, state, last_review, reps, correct, expected, first_rating FROM review_card"
        ).fetchall()
    with Store(tmp_path / "seeded.db") as seeded:
        seeded._conn.execute("INSERT INTO meta (key, value) VALUES ('seed_pending', '1')")
        assert seeded.reviews.seed([(q, r, at, "full") for q, r, at in reversed(answers)]) == 5  # (any order)
        replayed = seeded._conn.execute(
            "SELECT qid, card, due, state, last_review, reps, correct, expected, first_rating FROM review_card"
        ).fetchall()
    assert sorted(replayed) == sorted(graded)


def test_an_own_card_whose_answer_was_emptied_is_not_due(data_dir, clock):
    with open_store(data_dir, now=clock) as store:
        store.save_answer("s3-q1", "an answer")
        store.reviews.grade("own", "s3-q1", AGAIN)
        later = clock.t + timedelta(hours=1)
        assert store.reviews.due_count(later) == 1
        store.save_answer("s3-q1", "")
        assert store.reviews.due_count(later) == 0 and store.reviews.due(later) == []
        assert store.reviews.next_due() is None
        store.save_answer("s3-q1", "written again")
        assert [c.qid for c in store.reviews.due(later)] == ["s3-q1"]


def test_opening_a_store_does_not_import_the_scheduler(tmp_path):
    """fsrs is imported on the first grade or read that needs it, never by the app's start."""
    import subprocess
    import sys

    code = (
        "import sys; from awstui.state import open_store; s = open_store(sys.argv[1]); "
        "s.reviews.seed_pending(); s.reviews.due_count(__import__('datetime').datetime.now()); "
        "print('fsrs' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_exams_grades_are_one_event_not_one_per_question(tmp_path):
    from awstui.state import Store

    with Store(tmp_path / "state.db") as store:
        aid = store.create_attempt("full", {}, ["e1", "e2", "e3"], {}, 600)
        events = []
        store.subscribe(events.append)
        assert store.finish_attempt(
            aid, "submitted", {"percent": 50.0}, 20.0, reviews=[("e1", 3), ("e2", 1), ("e3", 3)]
        )
        assert [e for e in events if isinstance(e, ReviewChanged)] == [ReviewChanged("exam", "")]
