"""Opening the store: where, with which permissions and pragmas, schema versions and migrations,
and noticing another instance's commits."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import time

import pytest

from awstui.state import (
    SCHEMA_VERSION,
    ExternalChange,
    QuestionChanged,
    SchemaTooNew,
    Store,
    StoreError,
    open_store,
)
from awstui.state import schema as schema_module


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_open_store_creates_a_private_folder_and_file(tmp_path):
    data_dir = tmp_path / "deep" / "data"
    store = open_store(data_dir)
    try:
        assert store.path == data_dir / "state.db"
        assert mode(data_dir) == 0o700
        assert mode(data_dir / "state.db") == 0o600
        store.tick_question("q")  # the WAL companions are private too
        for companion in ("state.db-wal", "state.db-shm"):
            assert mode(data_dir / companion) & 0o077 == 0
        assert store.notices == [] and store.created
    finally:
        store.close()


def test_an_existing_file_with_loose_permissions_is_made_private(data_dir):
    open_store(data_dir).close()
    os.chmod(data_dir / "state.db", 0o644)
    open_store(data_dir).close()
    assert mode(data_dir / "state.db") == 0o600


def test_a_folder_the_learner_chose_keeps_its_permissions(tmp_path):
    chosen = tmp_path / "my-sync-folder"
    chosen.mkdir(mode=0o755)
    os.chmod(chosen, 0o755)
    open_store(chosen).close()
    assert mode(chosen) == 0o755
    assert mode(chosen / "state.db") == 0o600


def test_a_new_folder_is_private_whatever_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        open_store(tmp_path / "new").close()
    finally:
        os.umask(old)
    assert mode(tmp_path / "new") == 0o700 and mode(tmp_path / "new" / "state.db") == 0o600


def test_pragmas(store):
    conn = sqlite3.connect(store.path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    c = store._conn
    assert c.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert c.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.journal_mode == "wal"


def test_importing_the_state_package_does_nothing(tmp_path):
    """No folders, no files, no textual: import is free of side effects."""
    env = dict(
        os.environ,
        HOME=str(tmp_path / "home"),
        AWSTUI_DATA_DIR=str(tmp_path / "data"),
        XDG_DATA_HOME=str(tmp_path / "xdg"),
    )
    code = (
        "import sys, awstui.state, awstui.cli.state\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad) or 'clean')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "clean"
    assert list(tmp_path.iterdir()) == []


def test_schema_too_new_is_refused_and_left_as_it_is(data_dir):
    open_store(data_dir).close()
    path = data_dir / "state.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = path.read_bytes()
    files = sorted(p.name for p in data_dir.iterdir())
    with pytest.raises(SchemaTooNew) as err:
        open_store(data_dir)
    message = str(err.value)
    assert "newer awstui" in message and str(SCHEMA_VERSION + 5) in message and "left as it is" in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == files  # nothing added, nothing moved
    assert isinstance(err.value, StoreError)


def test_migrations_run_forward_with_a_backup_first(data_dir, monkeypatch):
    store = open_store(data_dir)
    store.tick_question("kept")
    store.close()
    now, nxt = SCHEMA_VERSION, SCHEMA_VERSION + 1

    def to_next(conn):
        conn.execute("ALTER TABLE question_state ADD COLUMN confidence INTEGER")

    monkeypatch.setitem(schema_module.MIGRATIONS, nxt, to_next)
    store = open_store(data_dir)
    try:
        assert store.migrated_from == now
        assert any(f"upgraded from schema version {now} to {nxt}" in n for n in store.notices)
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == nxt
        assert store.question_state("kept").answered
        cols = [r[1] for r in store._conn.execute("PRAGMA table_info(question_state)")]
        assert "confidence" in cols
    finally:
        store.close()
    backups = list((data_dir / "backups").glob(f"state-*-pre-v{nxt}.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == now
    old.close()
    # once migrated, the next open does nothing more
    with Store(data_dir / "state.db") as again:
        assert again.migrated_from is None


def test_a_failing_migration_changes_nothing(data_dir, monkeypatch):
    open_store(data_dir).close()
    nxt = SCHEMA_VERSION + 1

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("boom")

    monkeypatch.setitem(schema_module.MIGRATIONS, nxt, broken)
    with pytest.raises(StoreError, match="boom"):
        Store(data_dir / "state.db")
    monkeypatch.delitem(schema_module.MIGRATIONS, nxt)
    with Store(data_dir / "state.db") as s:
        assert s._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in s._conn.execute("SELECT name FROM sqlite_master")}
        assert "half_done" not in tables


def test_a_folder_in_place_of_the_file_is_refused(data_dir):
    (data_dir / "state.db").mkdir(parents=True)
    with pytest.raises(StoreError, match="not a regular file"):
        open_store(data_dir)
    assert (data_dir / "state.db").is_dir()


def test_a_file_in_place_of_the_data_dir_is_refused(tmp_path):
    (tmp_path / "data").write_text("x")
    with pytest.raises(StoreError, match="not a folder"):
        open_store(tmp_path / "data")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_an_unreadable_file_is_refused_not_moved(data_dir):
    open_store(data_dir).close()
    os.chmod(data_dir / "state.db", 0)
    try:
        with pytest.raises(StoreError, match="cannot"):
            open_store(data_dir)
        assert (data_dir / "state.db").exists()
        assert not list(data_dir.glob("state.db.corrupt-*"))
    finally:
        os.chmod(data_dir / "state.db", 0o600)


# ---------------------------------------------------------------------- another instance


def test_poll_external_notices_another_connections_commit(store):
    seen = []
    store.subscribe(seen.append)
    assert store.poll_external() is False
    other = Store(store.path)
    other.tick_question("from-elsewhere")
    assert store.poll_external() is True
    assert seen == [ExternalChange()]
    assert seen[0].source == "other-instance"
    assert store.poll_external() is False  # once per change
    assert store.question_state("from-elsewhere").answered
    other.close()


def test_own_commits_are_not_external(store):
    store.tick_question("mine")
    assert store.poll_external() is False


def test_poll_external_sees_another_process(store):
    code = (
        "import sys\nfrom awstui.state import Store\n"
        "s = Store(sys.argv[1]); s.save_answer('q', 'from another process'); s.close()\n"
    )
    subprocess.run([sys.executable, "-c", code, str(store.path)], check=True)
    assert store.poll_external() is True
    assert store.question_state("q").answer == "from another process"


def test_poll_external_is_cheap(store):
    store.poll_external()
    start = time.perf_counter()
    for _ in range(1000):
        store.poll_external()
    per_call = (time.perf_counter() - start) / 1000
    assert per_call < 0.002  # a 2-second timer can call it freely


def test_two_instances_lose_nothing(store):
    other = Store(store.path)
    try:
        store.tick_question("a")
        other.tick_question("b")
        store.save_answer("a", "one")
        other.save_answer("b", "two")
        store.mark_reviewed("s1")
        other.save_annotation("s1", "note")  # same row, different field: both kept
        for s in (store, other):
            states = s.question_states()
            assert states["a"].answered and states["b"].answered
            assert (states["a"].answer, states["b"].answer) == ("one", "two")
            service = s.service_state("s1")
            assert service.reviewed and service.annotation == "note"
    finally:
        other.close()


def test_toggle_is_atomic_between_instances(store):
    other = Store(store.path)
    try:
        assert store.toggle_question("q") is True
        assert other.toggle_question("q") is False  # reads the current state, not a stale copy
        assert store.question_state("q").answered is False
    finally:
        other.close()


def test_event_after_external_then_local(store):
    seen = []
    store.subscribe(seen.append)
    other = Store(store.path)
    other.tick_question("x")
    other.close()
    store.tick_question("y")
    store.poll_external()
    assert seen == [QuestionChanged("y"), ExternalChange()]


def test_a_new_file_is_made_without_waiting_for_the_disk(tmp_path, monkeypatch):
    """A fresh state.db (nothing of the learner's in it yet) is made with synchronous OFF, then
    FULL before the first change; an existing one is opened with FULL from the start."""
    seen: list[str] = []
    real = sqlite3.connect

    def connect(*args, **kwargs):
        conn = real(*args, **kwargs)
        conn.set_trace_callback(seen.append)
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    store = open_store(tmp_path / "d", backup=False)
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store.tick_question("q1")
    store.close()
    syncs = [s for s in seen if "synchronous =" in s]
    assert syncs[0] == "PRAGMA synchronous = OFF" and syncs[-1] == "PRAGMA synchronous = FULL"
    assert seen.index("PRAGMA synchronous = FULL") < next(i for i, s in enumerate(seen) if "q1" in s)
    seen.clear()
    with open_store(tmp_path / "d", backup=False) as again:
        assert again.question_states()["q1"].answered
    assert [s for s in seen if "synchronous =" in s] == ["PRAGMA synchronous = FULL"]
