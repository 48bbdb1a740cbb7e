"""state/checked.py: a file exactly as a clean close left it is opened with quick_check; any
other file (touched since, a session that did not close, pages still in a WAL) with the full
integrity_check, which catches a broken index."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from awstui.state import open_store
from awstui.state.checked import SUFFIX, left_clean
from awstui.state.db import Database


@pytest.fixture
def checks(monkeypatch) -> list[bool]:
    """``full`` of each integrity check an open runs."""
    seen: list[bool] = []
    real = Database._check_integrity

    def spy(self, conn, full=True):
        seen.append(full)
        return real(self, conn, full)

    monkeypatch.setattr(Database, "_check_integrity", spy)
    return seen


def _closed_store(data_dir):
    store = open_store(data_dir, backup=False)
    store.tick_question("q1")
    store.close()
    return data_dir / "state.db"


def test_a_file_as_a_clean_close_left_it_gets_the_quick_check(data_dir, checks):
    path = _closed_store(data_dir)
    assert left_clean(path) and os.path.exists(f"{path}{SUFFIX}")
    store = open_store(data_dir, backup=False)
    assert checks[-1] is False
    assert not left_clean(path)  # open for writing: the mark is gone until the next clean close
    store.close()
    assert left_clean(path)
    reader = open_store(data_dir, read_only=True)
    assert checks[-1] is False and left_clean(path)  # a reader keeps the mark and writes none
    reader.close()


def test_a_file_touched_since_gets_the_full_check(data_dir, checks):
    path = _closed_store(data_dir)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    open_store(data_dir, backup=False).close()
    assert checks[-1] is True


def test_a_file_replaced_by_another_gets_the_full_check(data_dir, checks, tmp_path):
    path = _closed_store(data_dir)
    st = path.stat()
    copy = tmp_path / "copy.db"
    copy.write_bytes(path.read_bytes())
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size and time: another file (inode)
    os.replace(copy, path)
    open_store(data_dir, backup=False).close()
    assert checks[-1] is True


def test_a_session_that_did_not_close_leaves_no_mark(data_dir, checks):
    _closed_store(data_dir)
    store = open_store(data_dir, backup=False)
    store.tick_question("q2")
    # (the process dies here: no close)
    again = open_store(data_dir, backup=False)
    assert checks[-1] is True
    again.close()
    store.close()


def test_pages_still_in_a_wal_are_not_marked(data_dir, checks):
    path = _closed_store(data_dir)
    other = sqlite3.connect(path)  # another process keeps the WAL open
    other.execute("PRAGMA journal_mode = WAL")
    store = open_store(data_dir, backup=False)
    store.tick_question("q3")
    store.close()  # the other connection still holds the WAL: pages not in the file yet
    assert not left_clean(path)
    other.close()
    open_store(data_dir, backup=False).close()
    assert checks[-1] is True


def test_a_broken_index_in_a_touched_file_is_caught(data_dir):
    """Damage only the full check sees: an index that holds a row its definition excludes."""
    path = _closed_store(data_dir)
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE t (a TEXT); CREATE UNIQUE INDEX t_a ON t (a); INSERT INTO t VALUES ('x');")
    conn.execute("PRAGMA writable_schema = ON")  # the index now says it holds no row: it holds one
    conn.execute("UPDATE sqlite_master SET sql = sql || \" WHERE a = 'never'\" WHERE name = 't_a'")
    conn.commit()
    conn.close()
    probe = sqlite3.connect(path)
    assert probe.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    found = " ".join(r[0] for r in probe.execute("PRAGMA integrity_check"))
    assert "t_a" in found, found
    probe.close()
    store = open_store(data_dir, backup=False)  # touched since the close: the full check, moved aside
    assert len(store.notices) == 1 and "t_a" in store.notices[0] and "moved to" in store.notices[0]
    store.close()


def _damage_keeping_size_mtime_and_inode(path) -> None:
    """One byte of an index key changed in place, the mtime put back (a second reader's case):
    quick_check still says ok, integrity_check does not."""
    st = path.stat()
    data = bytearray(path.read_bytes())
    at = [m.start() for m in re.finditer(b"q1", data)]
    assert len(at) == 2  # the row, and its key in the primary key's index
    data[at[1] + 1] ^= 0x01  # q1 -> q0, in the index only
    with open(path, "r+b") as f:
        f.write(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_damage_that_keeps_size_mtime_and_inode_still_gets_the_full_check(data_dir, checks):
    path = _closed_store(data_dir)
    _damage_keeping_size_mtime_and_inode(path)  # (its change time moved: nothing sets that back)
    store = open_store(data_dir, backup=False)
    assert checks[-1] is True and store.notices and "moved to" in store.notices[0]
    store.close()


def test_a_data_dir_copied_back_with_cp_a_gets_the_full_check(data_dir, checks, tmp_path):
    """cp -a writes into the existing file (same inode) with the copy's mtime, and brings the
    copy's mark along: the change time still tells."""
    if shutil.which("cp") is None:
        pytest.skip("no cp")
    _closed_store(data_dir)
    backup = tmp_path / "backup"
    subprocess.run(["cp", "-a", f"{data_dir}/.", str(backup)], check=True)
    store = open_store(data_dir, backup=False)
    store.save_answer("later", "x")
    store.close()
    subprocess.run(["cp", "-a", f"{backup}/.", str(data_dir)], check=True)
    open_store(data_dir, backup=False).close()
    assert checks[-1] is True


def test_a_mark_that_is_not_a_file_is_ignored_and_a_written_one_is_private(data_dir, checks):
    path = _closed_store(data_dir)
    mark = Path(f"{path}{SUFFIX}")
    assert stat.S_IMODE(mark.stat().st_mode) == 0o600
    mark.unlink()
    os.mkfifo(mark)  # (reading a FIFO would block the open)
    assert not left_clean(path)
    mark.unlink()
    mark.mkdir()
    store = open_store(data_dir, backup=False)
    assert checks[-1] is True
    store.close()  # (no mark can replace a directory: none written, no error)
    assert mark.is_dir() and not left_clean(path)
