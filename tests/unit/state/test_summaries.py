"""Schema v2: attempts keep the summary the exam layer made of their result, so that history
lists and totals never decode per-question outcomes. Old rows (a v1 database, an older export)
get theirs from the exam layer on the first read, once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from awstui.exam import Result
from awstui.exam.draw import AreaAccuracy
from awstui.exam.history import (
    TOTALS_KEY,
    finished_results,
    history,
    history_totals,
    read_summaries,
    summaries,
    summary_of,
)
from awstui.state import SCHEMA_VERSION, StoreError, open_store

V1_SQL = Path(__file__).parent / "data" / "state-v1.sql"


def _v1_data_dir(tmp_path: Path) -> Path:
    """A data dir holding the v1 database the release before schema v2 made (data/state-v1.sql)."""
    data_dir = tmp_path / "v1"
    data_dir.mkdir(mode=0o700)
    conn = sqlite3.connect(data_dir / "state.db")
    conn.executescript(V1_SQL.read_text(encoding="utf-8"))
    conn.close()
    return data_dir


class Counting:
    """A store whose ``save_summaries`` calls are counted."""

    def __init__(self, store):
        self.store, self.saved = store, []

    def __getattr__(self, name):
        return getattr(self.store, name)

    def save_summaries(self, found):
        self.saved.append(dict(found))
        return self.store.save_summaries(found)


def test_a_v1_database_with_real_data_migrates_and_keeps_everything(tmp_path):
    data_dir = _v1_data_dir(tmp_path)
    store = open_store(data_dir)
    try:
        assert store.migrated_from == 1 and SCHEMA_VERSION >= 2
        assert list((data_dir / "backups").glob(f"state-*-pre-v{SCHEMA_VERSION}.db"))
        assert [(q.answered, q.answer) for q in store.question_states().values()] == [(True, "Use a VPC endpoint.")]
        assert any(s.annotation == "retries with backoff" for s in store.service_states().values())
        assert store.get_setting("view") == "progress"
        assert store.in_progress_attempt() is not None
        rows = store.attempt_summaries()
        finished = [r for r in rows if r.status == "submitted"]
        assert len(finished) == 2
        assert all(r.summary is None and "outcomes" in r.result for r in finished)  # not yet summarised
        whole = finished_results(store.attempt_results())
    finally:
        store.close()
    assert len(whole) == 2


def test_old_rows_are_summarised_by_the_exam_layer_once_and_read_cheaply_after(tmp_path):
    data_dir = _v1_data_dir(tmp_path)
    with open_store(data_dir) as store:
        expected = [(a.id, r.percent, r.scaled, r.per_domain) for a, r in finished_results(store.attempt_results())]
        counting = Counting(store)
        first = read_summaries(counting)
        assert [(s.id, s.result.percent, s.result.scaled, s.result.per_domain) for s in first] == expected
        assert len(counting.saved) == 1 and sorted(counting.saved[0]) == [e[0] for e in expected]
        second = read_summaries(counting)
        assert len(counting.saved) == 1  # nothing left to compute
        assert second == first
    with open_store(data_dir) as again:  # kept on disk
        rows = {r.id: r for r in again.attempt_summaries()}
        for aid, *_ in expected:
            assert rows[aid].summary is not None and "outcomes" not in rows[aid].summary
            assert rows[aid].result is None  # the whole result is not read when there is a summary


def test_finish_attempt_keeps_the_summary_it_is_handed(store, bank_result):
    aid = store.create_attempt("full", {}, ["e1"], {}, 60)
    summary = summary_of(bank_result)
    assert store.finish_attempt(aid, "submitted", bank_result.to_dict(), 60, summary=summary)
    (row,) = store.attempt_summaries()
    assert row.summary == summary and row.result is None
    assert store.attempt(aid).result == bank_result.to_dict()  # the whole result is kept as well
    counting = Counting(store)
    (done,) = read_summaries(counting)
    assert counting.saved == [] and done.result.percent == bank_result.percent
    with pytest.raises(StoreError, match="summary must be a dict"):
        store.finish_attempt(store.create_attempt("full", {}, ["e1"], {}, 60), "submitted", {}, 1, summary=[1])


def test_save_summaries_fills_only_what_is_missing_and_says_nothing(store, events):
    first = store.create_attempt("full", {}, ["e1"], {}, 60)
    store.finish_attempt(first, "submitted", {"percent": 50.0}, 60, summary={"percent": 50.0})
    second = store.create_attempt("full", {}, ["e1"], {}, 60)
    store.finish_attempt(second, "submitted", {"percent": 75.0}, 60)
    events.clear()
    assert store.save_summaries({first: {"percent": 0.0}, second: {"percent": 75.0}})
    assert events == []
    rows = {r.id: r.summary for r in store.attempt_summaries()}
    assert rows == {first: {"percent": 50.0}, second: {"percent": 75.0}}  # a summary, once made, stays
    with pytest.raises(StoreError):
        store.save_summaries({"1": {}})
    store.close()
    assert store.save_summaries({first: {"percent": 1.0}}) is False  # a cache: a failed write is no error


def test_history_reads_unreadable_results_as_they_were(store):
    aid = store.create_attempt("full", {}, ["e1"], {}, 60)
    store.finish_attempt(aid, "submitted", {"percent": 61.5}, 60)  # not a Result: no summary to make
    counting = Counting(store)
    (row,) = history(counting)
    assert row.result == {"percent": 61.5} and counting.saved == []
    assert summaries([row]) == []


def test_the_summary_travels_with_an_export_and_an_older_export_is_summarised_on_read(store, tmp_path, bank_result):
    aid = store.create_attempt("full", {}, ["e1"], {}, 60)
    store.finish_attempt(aid, "submitted", bank_result.to_dict(), 60, summary=summary_of(bank_result))
    exported = store.export_state()
    assert exported["attempts"][0]["summary"] == summary_of(bank_result)
    with open_store(tmp_path / "other") as other:
        other.import_state(exported)
        (row,) = other.attempt_summaries()
        assert row.summary == summary_of(bank_result)
    older = {**exported, "attempts": [{k: v for k, v in a.items() if k != "summary"} for a in exported["attempts"]]}
    with open_store(tmp_path / "third") as third:
        third.import_state(older)
        (row,) = third.attempt_summaries()
        assert row.summary is None
        counting = Counting(third)
        (done,) = read_summaries(counting)
        assert done.result.scaled == bank_result.scaled and len(counting.saved) == 1
    bad = {**exported, "attempts": [{**exported["attempts"][0], "summary": [1]}]}
    with pytest.raises(StoreError, match=r"attempts\[0\]\.summary: expected an object"):
        store.import_state(bad)


@pytest.fixture
def bank_result() -> Result:
    return Result(
        correct=2,
        total=3,
        percent=66.7,
        scaled=676,
        passed=False,
        per_domain={1: (1, 2), 3: (1, 1)},
        per_service={"s3": (2, 3)},
        time_used_s=60.0,
    )


def _finish(store, summary_percent: float, *, summary: bool = True) -> int:
    aid = store.create_attempt("full", {}, ["e1"], {}, 60)
    result = Result(
        correct=1,
        total=2,
        percent=summary_percent,
        scaled=int(summary_percent * 10),
        passed=False,
        per_domain={1: (1, 2)},
        per_service={"s3": (1, 2)},
    )
    store.finish_attempt(aid, "submitted", result.to_dict(), 60, summary=summary_of(result) if summary else None)
    return aid


class Reads(Counting):
    """Counts the rows each ``attempt_summaries`` call read."""

    def __init__(self, store):
        super().__init__(store)
        self.read = []

    def attempt_summaries(self, **filters):
        rows = self.store.attempt_summaries(**filters)
        self.read.append(len(rows))
        return rows


def test_history_totals_are_kept_and_brought_up_to_date_with_only_the_new_attempts(store):
    for p in (40.0, 80.0, 60.0):
        _finish(store, p)
    reads = Reads(store)
    totals = history_totals(reads)
    assert (totals.finished, totals.scored, totals.best_percent, totals.best_scaled) == (3, 3, 80.0, 800)
    assert totals.by_domain == {1: AreaAccuracy(3, 6)} and totals.by_service == {"s3": AreaAccuracy(3, 6)}
    assert reads.read == [3]
    assert history_totals(reads) == totals and reads.read == [3]  # from the cache: no rows read
    _finish(store, 90.0)
    after = history_totals(reads)
    assert reads.read == [3, 1]  # only the attempt finished since
    assert (after.finished, after.best_percent) == (4, 90.0) and after.by_domain == {1: AreaAccuracy(4, 8)}


def test_history_totals_are_summed_again_when_an_older_attempt_finishes(store, tmp_path):
    old = store.create_attempt("full", {}, ["e1"], {}, 60)  # in progress; finishes after a newer one
    _finish(store, 50.0)
    assert history_totals(store).finished == 1
    store.finish_attempt(old, "expired", {"percent": 95.0}, 60)  # not a Result: counted, not summed by area
    reads = Reads(store)
    totals = history_totals(reads)
    assert (totals.finished, totals.scored, totals.best_percent, totals.best_scaled) == (2, 1, 95.0, None)
    assert reads.read[-1] == 2  # the incremental read found nothing new: all summed again
    store.keep_cached(TOTALS_KEY, {"version": 99})  # a cache this awstui cannot read: made again
    assert history_totals(store) == totals


def test_attempt_summaries_filters_and_counts(store):
    first = _finish(store, 40.0)
    running = store.create_attempt("full", {}, ["e1"], {}, 60)
    second = _finish(store, 60.0)
    assert [r.id for r in store.attempt_summaries()] == [second, running, first]
    assert [r.id for r in store.attempt_summaries(finished_only=True)] == [second, first]
    assert [r.id for r in store.attempt_summaries(finished_only=True, limit=1)] == [second]
    assert [r.id for r in store.attempt_summaries(after_id=first)] == [second, running]
    counts = store.attempt_counts()
    assert counts["submitted"] == 2 and counts["in_progress"] == 1 and counts["abandoned"] == 0
    assert counts["finished_max_id"] == second
    with pytest.raises(StoreError, match="limit"):
        store.attempt_summaries(limit=-1)
    assert store.cached("nothing") is None


def test_the_newest_finished_attempts_are_read_from_the_index_without_sorting_every_row(store):
    conn = store._conn
    seen: list[str] = []
    conn.set_trace_callback(lambda sql: seen.append(sql) if "CASE WHEN summary" in sql else None)
    try:
        store.attempt_summaries(finished_only=True, limit=20)
    finally:
        conn.set_trace_callback(None)
    (sql,) = seen
    plan = " ".join(str(row[-1]) for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert "attempt_newest" in plan and "TEMP B-TREE" not in plan
