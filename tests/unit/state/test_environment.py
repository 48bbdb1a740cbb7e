"""A data dir that cannot be written: a full disk, a read-only or immutable file or folder.
Opening says what is wrong in the learner's words and leaves nothing new behind; a read-only
open reads what is there without creating, migrating or backing up anything."""

from __future__ import annotations

import os
import sqlite3

import pytest

from awstui.state import SCHEMA_VERSION, Store, StoreError, open_store
from awstui.state import schema as schema_module
from awstui.state.db import Database
from awstui.state.errors import NeedsUpgrade
from awstui.state.failures import environment_reason
from tests.faults import FULL, READONLY, fill, immutable, sqlite_error, tiny_disk


def listing(folder) -> set[str]:
    return set(os.listdir(folder)) if folder.exists() else set()


def make_state(data_dir) -> None:
    store = open_store(data_dir)
    store.tick_question("s3-q1")
    store.save_answer("s3-q1", "versioning")
    store.close()


# ---------------------------------------------------------------------- full disk at start


@pytest.mark.parametrize("leave_kib", [0, 8, 24])
def test_a_full_disk_at_start_says_so_and_leaves_nothing_behind(tmp_path, leave_kib):
    with tiny_disk(tmp_path / "disk") as disk:
        data_dir = disk / "data"
        data_dir.mkdir()
        fill(disk, leave_kib)
        with pytest.raises(StoreError) as caught:
            open_store(data_dir)
        message = str(caught.value)
        assert "the disk is full" in message and str(data_dir) in message
        assert "I/O error" not in message
        assert listing(data_dir) == set()  # no empty state.db, no 3-byte -shm, no lock file


def test_a_full_disk_under_an_existing_store_keeps_its_files(tmp_path):
    with tiny_disk(tmp_path / "disk", 512) as disk:
        data_dir = disk / "data"
        make_state(data_dir)
        before = listing(data_dir)
        fill(disk)
        try:
            store = open_store(data_dir, backup=False)
        except StoreError as err:  # (whether it opens depends on what SQLite must write)
            assert "the disk is full" in str(err)
        else:
            assert store.question_state("s3-q1").answered
            store.close()
        assert before <= listing(data_dir) | {"state.lock"}
        assert "state.db" in listing(data_dir)


def test_a_failed_open_removes_what_it_made(tmp_path, monkeypatch):
    """Fault injection (runs everywhere): the open fails after SQLite made its -wal and -shm."""

    def broken(self, conn, found, known):
        raise StoreError(f"cannot prepare {self.path}: {environment_reason(sqlite_error(FULL), self.path.parent)}")

    monkeypatch.setattr(Database, "_migrate", broken)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="the disk is full"):
        open_store(data_dir)
    assert listing(data_dir) == {"notes.txt"}
    fresh = tmp_path / "fresh" / "data"
    with pytest.raises(StoreError):
        open_store(fresh)
    assert not fresh.exists()  # the folder this open made is gone too


def test_an_io_error_with_room_left_is_not_called_a_full_disk(tmp_path):
    err = sqlite_error((10, "SQLITE_IOERR", "disk I/O error"))
    assert environment_reason(err, tmp_path) == f"disk I/O error (in {tmp_path})"
    assert "the disk is full" in environment_reason(sqlite_error(FULL), tmp_path)
    assert "read-only" in environment_reason(sqlite_error(READONLY), tmp_path)
    assert environment_reason(sqlite3.OperationalError("no such table: x"), tmp_path) is None


# ---------------------------------------------------------------------- read-only opens


def test_a_read_only_open_reads_an_immutable_folder(data_dir):
    make_state(data_dir)
    before = listing(data_dir)
    with immutable(data_dir):
        with pytest.raises(StoreError):
            open_store(data_dir)  # (a writing open cannot: that is what read-only opens are for)
        store = open_store(data_dir, read_only=True)
        try:
            assert store.question_state("s3-q1").answer == "versioning"
        finally:
            store.close()
    assert listing(data_dir) == before


def test_a_read_only_open_of_an_immutable_file_creates_nothing(data_dir):
    make_state(data_dir)
    before = listing(data_dir)
    with immutable(data_dir / "state.db"):
        store = open_store(data_dir, read_only=True)
        try:
            assert store.question_state("s3-q1").answered
        finally:
            store.close()
        assert listing(data_dir) == before  # no -wal, no -shm


def test_a_read_only_open_writes_nothing(data_dir):
    make_state(data_dir)
    before = listing(data_dir)
    store = open_store(data_dir, read_only=True)
    try:
        with pytest.raises(StoreError):
            store.tick_question("s3-q2")
        assert store.notices == []
    finally:
        store.close()
    assert listing(data_dir) == before  # no backup, nothing left over
    assert not (data_dir / "backups").exists() or not os.listdir(data_dir / "backups")


def test_a_read_only_open_of_nothing_creates_nothing(data_dir):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(data_dir, read_only=True)
    assert not data_dir.exists()


def test_an_older_schema_read_only_is_upgraded_where_it_can_be(data_dir, monkeypatch):
    make_state(data_dir)
    with sqlite3.connect(data_dir / "state.db") as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    monkeypatch.setitem(schema_module.MIGRATIONS, SCHEMA_VERSION, lambda conn: None)
    with pytest.raises(NeedsUpgrade, match="must be upgraded"):
        Store(data_dir / "state.db", read_only=True)
    store = open_store(data_dir, read_only=True)
    try:
        assert store.question_state("s3-q1").answered
        assert any("upgraded" in n for n in store.notices)
    finally:
        store.close()


def test_an_older_schema_on_a_read_only_folder_says_it_needs_upgrading(data_dir, monkeypatch):
    make_state(data_dir)
    with sqlite3.connect(data_dir / "state.db") as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    with immutable(data_dir), pytest.raises(StoreError, match=r"must be upgraded .* needs write access"):
        open_store(data_dir, read_only=True)
