"""Daily backups (a consistent copy, at most once a day, the last 7 kept) and restore (the
current file moved aside first, never overwritten)."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime

import pytest

from awstui.state import Store, StoreError, backup_now, list_backups, open_store, restore_backup
from awstui.state.files import KEEP_BACKUPS, daily_backup

from .conftest import FakeClock


def day(n: int, hour: int = 9) -> FakeClock:
    return FakeClock(datetime(2026, 11, n, hour, 0, 0, tzinfo=UTC))


def names(data_dir) -> list[str]:
    return [b.name for b in list_backups(data_dir)]


def test_no_backup_of_a_brand_new_store(data_dir):
    open_store(data_dir, now=day(1)).close()
    assert list_backups(data_dir) == []


def test_a_daily_backup_on_start_and_only_one_a_day(data_dir):
    store = open_store(data_dir, now=day(1))
    store.tick_question("q1")
    store.close()
    store = open_store(data_dir, now=day(2, 8))
    store.tick_question("q2")
    store.close()
    assert names(data_dir) == ["state-20261102T080000.db"]
    open_store(data_dir, now=day(2, 23)).close()  # same day: no second one
    assert len(list_backups(data_dir)) == 1
    open_store(data_dir, now=day(3, 0)).close()  # a new day
    assert names(data_dir) == ["state-20261103T000000.db", "state-20261102T080000.db"]


def test_a_backup_is_a_consistent_private_self_contained_copy(data_dir):
    store = open_store(data_dir, now=day(1))
    store.tick_question("q1")
    store.save_answer("q1", "answer")
    store.set_setting("theme", "nord")
    path = backup_now(store, datetime(2026, 11, 1, 12, tzinfo=UTC))
    store.tick_question("after-backup")
    store.close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert not (path.parent / (path.name + "-wal")).exists()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = dict(conn.execute("SELECT qid, answer FROM question_state"))
    finally:
        conn.close()
    assert rows == {"q1": "answer"}


def test_the_last_seven_are_kept(data_dir):
    store = open_store(data_dir, now=day(1))
    store.tick_question("q")
    store.close()
    for n in range(2, 13):
        open_store(data_dir, now=day(n)).close()
    kept = list_backups(data_dir)
    assert len(kept) == KEEP_BACKUPS == 7
    assert kept[0].name == "state-20261112T090000.db" and kept[-1].name == "state-20261106T090000.db"
    assert [b.taken_at.day for b in kept] == list(range(12, 5, -1))


def test_leftovers_of_an_interrupted_backup_are_cleared(data_dir):
    store = open_store(data_dir, now=day(1))
    store.tick_question("q")
    (data_dir / "backups").mkdir()
    leftover = data_dir / "backups" / ".state-20261101T000000.db.tmp-999999"
    leftover.write_bytes(b"half a copy")
    backup_now(store)
    store.close()
    assert not leftover.exists()
    assert len(list_backups(data_dir)) == 1


def test_a_failed_backup_is_a_notice_not_a_crash(data_dir):
    store = open_store(data_dir, now=day(1))
    store.tick_question("q")
    store.close()
    (data_dir / "backups").write_text("a file where the folder should be")
    store = open_store(data_dir, now=day(2))
    try:
        assert any("backup failed" in n for n in store.notices)
        assert store.question_state("q").answered
    finally:
        store.close()


def test_daily_backup_returns_none_when_done_today(data_dir):
    store = open_store(data_dir, now=day(1))
    store.tick_question("q")
    moment = datetime(2026, 11, 1, 10, tzinfo=UTC)
    assert daily_backup(store, moment) is not None
    assert daily_backup(store, moment) is None
    store.close()


def test_labelled_backups_and_same_second_names(data_dir):
    store = open_store(data_dir, now=day(1))
    store.tick_question("q")
    moment = datetime(2026, 11, 1, 10, tzinfo=UTC)
    first = backup_now(store, moment, label="pre-import")
    second = backup_now(store, moment, label="pre-import")
    store.close()
    assert first != second and first.exists() and second.exists()
    assert {b.label for b in list_backups(data_dir)} == {"pre-import", "pre-import-1"}


# ---------------------------------------------------------------------- restore


@pytest.fixture
def with_backup(data_dir):
    store = open_store(data_dir, now=day(1))
    store.tick_question("in-backup")
    backup = backup_now(store, datetime(2026, 11, 1, 10, tzinfo=UTC))
    store.tick_question("after-backup")
    store.close()
    return backup


@pytest.mark.parametrize("which", ["1", "name", "path"])
def test_restore_moves_the_current_file_aside_first(data_dir, with_backup, which):
    arg = {"1": "1", "name": with_backup.name, "path": str(with_backup)}[which]
    current = (data_dir / "state.db").read_bytes()
    used, moved = restore_backup(data_dir, arg, now=day(5))
    assert used == with_backup
    assert moved == data_dir / "state.db.before-restore-20261105T090000"
    assert moved.read_bytes() == current  # the replaced file, byte for byte
    assert with_backup.exists()  # the backup itself stays
    assert stat.S_IMODE(os.stat(data_dir / "state.db").st_mode) == 0o600
    with Store(data_dir / "state.db") as store:
        states = store.question_states()
    assert "in-backup" in states and "after-backup" not in states
    # and the moved-aside file still holds the newer state
    with Store(moved) as old:
        assert old.question_state("after-backup").answered


def test_restore_with_no_current_file(data_dir, with_backup):
    for suffix in ("", "-wal", "-shm"):
        (data_dir / f"state.db{suffix}").unlink(missing_ok=True)
    _used, moved = restore_backup(data_dir, "1")
    assert moved is None
    with Store(data_dir / "state.db") as store:
        assert store.question_state("in-backup").answered


def test_restore_refuses_a_damaged_backup_and_changes_nothing(data_dir, with_backup):
    with_backup.write_bytes(b"damaged" * 1000)
    before = (data_dir / "state.db").read_bytes()
    with pytest.raises(StoreError, match="not a readable awstui database"):
        restore_backup(data_dir, "1")
    assert (data_dir / "state.db").read_bytes() == before
    assert not list(data_dir.glob("state.db.before-restore-*"))
    assert not list(data_dir.glob(".state.db.restore-*"))


@pytest.mark.parametrize("which, message", [("9", "no backup number 9"), ("nope.db", "no backup called")])
def test_restore_unknown_backup(data_dir, with_backup, which, message):
    with pytest.raises(StoreError, match=message):
        restore_backup(data_dir, which)


def test_a_file_that_only_looks_like_a_backup_is_passed_over(data_dir):
    """A name of the backup pattern with an impossible date (month 13) is not a backup: listing,
    the daily backup and the start go on (it stays, untouched)."""
    store = open_store(data_dir, now=day(1))
    store.tick_question("q1")
    store.close()
    odd = data_dir / "backups" / "state-20261399T999999.db"
    odd.parent.mkdir(parents=True, exist_ok=True)
    odd.write_bytes(b"not ours")
    assert list_backups(data_dir) == []
    open_store(data_dir, now=day(2)).close()
    assert names(data_dir) == ["state-20261102T090000.db"] and odd.read_bytes() == b"not ours"
    taken = list_backups(data_dir)[0].taken_at
    assert taken == datetime(2026, 11, 2, 9, 0, 0, tzinfo=UTC)
