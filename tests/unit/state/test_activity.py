"""Study activity per local day, counted in SQL over a window."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from awstui.state.repos.activity import local_days


def test_local_days_bin_by_the_learners_day():
    late = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)
    early = datetime(2026, 12, 3, 0, 15, tzinfo=UTC)
    assert local_days([(late, 2), (early, 3)], UTC) == {date(2026, 12, 2): 2, date(2026, 12, 3): 3}
    # in UTC+5:30 both are the 3rd; in UTC-5 both the 2nd
    assert local_days([(late, 2), (early, 3)], timezone(timedelta(hours=5, minutes=30))) == {date(2026, 12, 3): 5}
    assert local_days([(late, 2), (early, 3)], timezone(timedelta(hours=-5))) == {date(2026, 12, 2): 5}


def test_store_counts_answers_ticks_and_reviews_per_day(store, clock):
    from awstui.content import load_library
    from awstui.exam import ExamSession, ManualClock, practice_config
    from awstui.paths import content_dirs

    bank = load_library(content_dirs(None)).exam
    clock.t = datetime(2026, 12, 1, 23, 50, tzinfo=UTC)
    session = ExamSession.start(bank, practice_config(3, seed=1), clock=ManualClock())
    aid = store.create_attempt(**session.to_record().create_kwargs())
    for i in range(3):
        store.record_exam_answer(aid, session.question(i).id, [0], 1.0)  # 23:50:0x on the 1st (UTC)
    clock.t = datetime(2026, 12, 2, 0, 20, tzinfo=UTC)
    store.record_exam_answer(aid, session.question(0).id, [1], 2.0)  # changed: now on the 2nd
    store.tick_question("vpc-1")
    store.mark_reviewed("lambda")
    clock.t = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    store.mark_reviewed("ec2")
    since = datetime(2026, 11, 1, tzinfo=UTC)
    got = store.activity_by_day(since, UTC)
    assert got["exam"] == {date(2026, 12, 1): 2, date(2026, 12, 2): 1}
    assert got["questions"] == {date(2026, 12, 2): 1}
    assert got["services"] == {date(2026, 12, 2): 1, date(2026, 12, 3): 1}
    east = store.activity_by_day(since, timezone(timedelta(hours=2)))
    assert east["exam"] == {date(2026, 12, 2): 3}
    assert store.activity_by_day(datetime(2026, 12, 3, tzinfo=UTC), UTC)["services"] == {date(2026, 12, 3): 1}


def test_exam_answers_are_read_through_the_window_not_by_a_scan_of_every_answer(store):
    from awstui.state.repos.activity import EXAM_SQL, FINAL_AFTER, IN_PROGRESS

    conn = store._conn
    args = {"since": "2026", "attempts_since": "2026", "after": 0}
    for which in (FINAL_AFTER, IN_PROGRESS):
        plan = " ".join(
            str(row[-1]) for row in conn.execute("EXPLAIN QUERY PLAN " + EXAM_SQL.format(which=which), args)
        )
        assert "SEARCH a" in plan and "SCAN aa" not in plan, plan


def test_attempt_results_after_an_id_read_only_the_newer_attempts(store):
    ids = [store.create_attempt("practice", {}, ["e1"], {}, None) for _ in range(3)]
    for aid in ids:
        store.finish_attempt(aid, "submitted", {"correct": 1, "total": 1}, 1.0)
    assert [r.id for r in store.attempt_results(after_id=ids[0])] == sorted(ids[1:], reverse=True)
    assert len(store.attempt_results()) == 3 and store.attempt_results(after_id=ids[-1]) == []


def _attempt(store, qids, status=None):
    aid = store.create_attempt("practice", {}, qids, {}, None)
    for qid in qids:
        store.record_exam_answer(aid, qid, [0], 1.0)
    if status == "abandoned":
        store.abandon_attempt(aid)
    elif status:
        store.finish_attempt(aid, status, {"correct": 0, "total": len(qids)}, 1.0)
    return aid


def test_finished_answers_are_counted_once_and_kept_the_open_attempt_each_time(store, clock):
    from awstui.state.repos.activity import CACHE_KEY

    clock.t = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    since = datetime(2026, 11, 1, tzinfo=UTC)
    _attempt(store, ["a", "b"], "submitted")
    _attempt(store, ["c"], "abandoned")
    assert store.activity_by_day(since, UTC)["exam"] == {date(2026, 12, 1): 3}
    kept = store.cached(CACHE_KEY)
    assert kept["count"] == 2 and sum(n for _, _, n in kept["exam"]) == 3
    clock.t = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    open_id = _attempt(store, ["d", "e"])  # in progress: read each time, not kept
    assert store.activity_by_day(since, UTC)["exam"] == {date(2026, 12, 1): 3, date(2026, 12, 2): 2}
    assert store.cached(CACHE_KEY) == kept
    store.record_exam_answer(open_id, "d", [1], 2.0)
    store.finish_attempt(open_id, "submitted", {"correct": 0, "total": 2}, 2.0)
    assert store.activity_by_day(since, UTC)["exam"] == {date(2026, 12, 1): 3, date(2026, 12, 2): 2}
    assert store.cached(CACHE_KEY)["count"] == 3  # folded in once finished


def test_the_kept_counts_are_made_again_when_an_older_attempt_changes_underneath(store, clock):
    clock.t = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    since = datetime(2026, 11, 1, tzinfo=UTC)
    first = _attempt(store, ["a", "b"], "submitted")
    _attempt(store, ["c"], "submitted")
    assert store.activity_by_day(since, UTC)["exam"] == {date(2026, 12, 1): 3}
    store._conn.execute("DELETE FROM attempt WHERE id = ?", (first,))  # as a repair or an old bug might
    store._conn.commit()
    assert store.activity_by_day(since, UTC)["exam"] == {date(2026, 12, 1): 1}


def test_attempt_scores_are_the_newest_finished_scaled_scores(store):
    ids = [store.create_attempt("practice", {}, ["e1"], {}, None) for _ in range(3)]
    store.finish_attempt(ids[0], "submitted", {"correct": 0, "total": 1, "scaled": 100}, 1.0)
    store.finish_attempt(ids[1], "expired", {"correct": 1, "total": 1, "scaled": 1000}, 1.0)
    store.save_summaries({ids[1]: {"scaled": 1000}})
    assert store.attempt_scores(5) == [1000, 100]  # newest first; the one in progress has none
    assert store.attempt_scores(1) == [1000]
    assert store.attempt_scores(0) == []
