"""Schema v3: an in-progress attempt is open in one awstui instance at a time (a lease)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from awstui.state import LEASE_TTL_S, SCHEMA_VERSION, Store, open_store


def _new_attempt(store: Store) -> int:
    return store.create_attempt("custom", {"mode": "custom"}, ["q1", "q2"], {"q1": [0, 1, 2, 3]}, 600.0)


def test_a_v2_database_with_data_gains_the_lease_table_and_keeps_everything(data_dir):
    with open_store(data_dir) as store:
        aid = _new_attempt(store)
        store.record_exam_answer(aid, "q1", [2], 12.0)
        store.tick_question("s3-q1")
    # what the v2 release left: the same schema without the lease table
    conn = sqlite3.connect(data_dir / "state.db")
    conn.execute("DROP TABLE attempt_lease")
    conn.execute("DROP TABLE draft")  # (schema v4)
    conn.execute("DROP TABLE review_card")  # (schema v5)
    conn.execute("DROP TABLE review_log")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()

    with open_store(data_dir) as store:
        assert store.migrated_from == 2 and SCHEMA_VERSION >= 3
        assert list((data_dir / "backups").glob("state-*-pre-v*.db"))
        assert store.attempt(aid).answers == {"q1": [2]}
        assert store.question_state("s3-q1").answered
        assert store.acquire_attempt(aid) is None
        assert store.record_exam_answer(aid, "q2", [1], 13.0)


def test_one_holder_at_a_time_and_a_taken_over_holder_can_no_longer_write(data_dir):
    a, b = open_store(data_dir), open_store(data_dir)
    try:
        aid = _new_attempt(a)
        assert a.acquire_attempt(aid) is None
        other = b.acquire_attempt(aid)
        assert other is not None and other.pid == os.getpid()  # alive: refused, not taken
        assert b.attempt_holder(aid).pid == other.pid
        assert b.record_exam_answer(aid, "q1", [1], 5.0) is False
        assert b.save_progress(aid, 5.0, 1) is False
        assert b.finish_attempt(aid, "submitted", {"correct": 0}, 5.0) is False
        assert b.abandon_attempt(aid) is False
        assert a.record_exam_answer(aid, "q1", [3], 6.0) and a.renew_attempt_lease(aid)
        assert b.attempt(aid).answers == {"q1": [3]} and b.attempt(aid).status == "in_progress"

        assert b.acquire_attempt(aid, force=True) is None  # the learner chose to take it over
        assert a.renew_attempt_lease(aid) is False
        assert a.record_exam_answer(aid, "q1", [0], 7.0) is False
        assert b.record_exam_answer(aid, "q1", [1], 8.0)
        assert b.finish_attempt(aid, "submitted", {"correct": 1}, 9.0)
        assert a.attempt(aid).answers == {"q1": [1]}
        # finished: the lease is gone, and no one writes to it any more
        assert a.attempt_holder(aid) is None and a.record_exam_answer(aid, "q1", [2], 10.0) is False
    finally:
        a.close()
        b.close()


def test_a_lease_not_renewed_within_the_ttl_is_free(data_dir, clock):
    a, b = open_store(data_dir, now=clock), open_store(data_dir, now=clock)
    try:
        aid = _new_attempt(a)
        assert a.acquire_attempt(aid) is None
        assert b.acquire_attempt(aid) is not None
        clock.advance(seconds=LEASE_TTL_S + 1)  # the holder stopped renewing (a crash, a stopped process)
        assert b.attempt_holder(aid) is None
        assert b.acquire_attempt(aid) is None
        assert a.renew_attempt_lease(aid) is False
    finally:
        a.close()
        b.close()


HOLDER = textwrap.dedent(
    """
    import sys
    from awstui.state import open_store
    store = open_store(sys.argv[1])
    aid = int(sys.argv[2])
    assert store.acquire_attempt(aid) is None
    print("held", flush=True)
    sys.stdin.readline()
    """
)


def test_two_processes_the_second_is_refused_until_the_first_is_killed(data_dir):
    with open_store(data_dir) as store:
        aid = _new_attempt(store)
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[3] / "src")}
        child = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(data_dir), str(aid)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            assert child.stdout is not None and child.stdout.readline().strip() == "held"
            holder = store.acquire_attempt(aid)
            assert holder is not None and holder.pid == child.pid
            assert store.record_exam_answer(aid, "q1", [1], 3.0) is False
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        # the holder's process is gone (a crash): its lease is free at once, without forcing
        assert store.attempt_holder(aid) is None
        assert store.acquire_attempt(aid) is None
        assert store.record_exam_answer(aid, "q1", [1], 3.0)


def test_a_v3_database_with_data_gains_the_draft_table_and_keeps_everything(data_dir):
    with open_store(data_dir) as store:
        aid = _new_attempt(store)
        store.record_exam_answer(aid, "q1", [2], 12.0)
        store.save_answer("s3-q1", "kept")
    conn = sqlite3.connect(data_dir / "state.db")
    conn.execute("DROP TABLE draft")
    conn.execute("DROP TABLE review_card")  # (schema v5)
    conn.execute("DROP TABLE review_log")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()

    with open_store(data_dir) as store:
        assert store.migrated_from == 3
        assert list((data_dir / "backups").glob("state-*-pre-v*.db"))
        assert store.attempt(aid).answers == {"q1": [2]}
        assert store.question_state("s3-q1").answer == "kept"
        tables = {r[0] for r in store._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "draft" in tables
