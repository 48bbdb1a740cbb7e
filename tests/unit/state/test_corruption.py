"""A corpus of damaged state files: every one opens to a working store or is refused with a
clear message. Never a traceback, never a silent overwrite: a file that is moved aside keeps
every byte, and a file that opens without a word still holds what it held."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from awstui.state import CorruptDatabase, SchemaTooNew, Store, StoreError, open_store

from .conftest import FakeClock

MARKER = "s3-marker"


def _awstui_db(path: Path) -> bytes:
    """A real awstui database, several pages long, with a known marker row; checkpointed."""
    store = Store(path)
    store.tick_question(MARKER)
    store.save_answer(MARKER, "kept")
    for i in range(120):
        store.save_answer(f"q{i}", f"answer {i} " + "x" * 300)
    aid = store.create_attempt("full", {}, [f"e{i}" for i in range(65)], {}, 7800)
    store.record_exam_answer(aid, "e1", [1], 10)
    store.close()  # last connection: checkpoints the WAL into the file and removes it
    assert not Path(str(path) + "-wal").exists()
    return path.read_bytes()


def _foreign_db(path: Path, user_version: int = 0, wal: bool = False, meta_app: str | None = None) -> bytes:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.executemany("INSERT INTO notes (body) VALUES (?)", [(f"note {i}",) for i in range(50)])
    if meta_app is not None:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('app', ?)", (meta_app,))
    conn.execute(f"PRAGMA user_version = {user_version}")
    conn.commit()
    conn.close()
    return path.read_bytes()


def _future_db(path: Path) -> bytes:
    _awstui_db(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 42")
    conn.commit()
    conn.close()
    return path.read_bytes()


def _corpus() -> list[tuple[str, object]]:
    """(name, maker) where maker(path) writes the damaged file at path."""
    cases: list[tuple[str, object]] = [("zero-bytes", lambda p: p.write_bytes(b""))]

    def truncated(fraction=None, offset=None):
        def make(p):
            good = _awstui_db(p)
            cut = offset if offset is not None else int(len(good) * fraction)
            p.write_bytes(good[:cut])

        return make

    for offset in (1, 10, 15, 16, 17, 50, 99, 100, 101, 512, 1000, 4095, 4096, 4097, 8192, 8193, 12288):
        cases.append((f"truncated-at-{offset}", truncated(offset=offset)))
    for fraction in (0.25, 0.5, 0.75, 0.9, 0.99):
        cases.append((f"truncated-to-{int(fraction * 100)}pct", truncated(fraction=fraction)))
    cases.append(("truncated-last-page", lambda p: p.write_bytes(_awstui_db(p)[:-4096])))

    for size in (1, 15, 16, 100, 4096, 65536):
        for seed in (1, 2):
            cases.append(
                (f"random-{size}-{seed}", lambda p, s=size, r=seed: p.write_bytes(random.Random(r).randbytes(s)))
            )
    for seed in (1, 2, 3):
        cases.append(
            (
                f"sqlite-header-then-garbage-{seed}",
                lambda p, r=seed: p.write_bytes(b"SQLite format 3\x00" + random.Random(r).randbytes(8192)),
            )
        )

    def flipped(offset_fraction, seed):
        def make(p):
            good = bytearray(_awstui_db(p))
            rng = random.Random(seed)
            start = int(len(good) * offset_fraction)
            for i in range(start, min(len(good), start + 64)):
                good[i] = rng.randrange(256)
            p.write_bytes(bytes(good))

        return make

    for fraction, seed in ((0.0, 1), (0.02, 2), (0.1, 3), (0.3, 4), (0.5, 5), (0.7, 6), (0.95, 7)):
        cases.append((f"scrambled-at-{int(fraction * 100)}pct", flipped(fraction, seed)))

    def bad_page_size(p):
        good = bytearray(_awstui_db(p))
        good[16:18] = b"\x00\x07"  # not a power of two
        p.write_bytes(bytes(good))

    cases.append(("bad-page-size", bad_page_size))
    cases.append(("another-app-sqlite", lambda p: _foreign_db(p)))
    cases.append(("another-app-sqlite-user-version", lambda p: _foreign_db(p, user_version=1)))
    cases.append(("another-app-sqlite-wal", lambda p: _foreign_db(p, wal=True)))
    cases.append(("another-app-with-meta-table", lambda p: _foreign_db(p, user_version=1, meta_app="notes-app")))
    cases.append(("future-schema-version", _future_db))
    cases.append(("json-text", lambda p: p.write_text('{"format": "awstui-state", "version": 1}')))
    cases.append(("utf8-text", lambda p: p.write_text("this is not a database \u00e9\n" * 100)))

    def empty_awstui_schema_half(p):  # meta present but no version: a half-made file
        conn = sqlite3.connect(p)
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('app', 'awstui')")
        conn.commit()
        conn.close()

    cases.append(("awstui-meta-without-version", empty_awstui_schema_half))

    def garbage_wal(p):
        _awstui_db(p)
        Path(str(p) + "-wal").write_bytes(random.Random(9).randbytes(10000))
        Path(str(p) + "-shm").write_bytes(random.Random(10).randbytes(32768))

    cases.append(("good-db-garbage-wal", garbage_wal))

    def garbage_db_with_wal(p):
        p.write_bytes(random.Random(11).randbytes(4096))
        Path(str(p) + "-wal").write_bytes(b"wal bytes")
        Path(str(p) + "-shm").write_bytes(b"shm bytes")

    cases.append(("garbage-db-with-companions", garbage_db_with_wal))
    return cases


CORPUS = _corpus()


def test_the_corpus_is_big_enough():
    assert len(CORPUS) >= 50


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def _has_marker(db: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT answer FROM question_state WHERE qid = ?", (MARKER,)).fetchone()
        finally:
            conn.close()
        return row == ("kept",)
    except sqlite3.Error:
        return False


@pytest.mark.parametrize("name, make", CORPUS, ids=[c[0] for c in CORPUS])
def test_damaged_file_opens_to_a_working_store_or_a_clear_refusal(tmp_path, name, make):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = data_dir / "state.db"
    make(path)
    original = {suffix: _digest(Path(str(path) + suffix)) for suffix in ("", "-wal", "-shm")}
    original_size = path.stat().st_size

    try:
        store = open_store(data_dir, now=FakeClock())
    except SchemaTooNew as err:  # a clear refusal: the file is left exactly as it was
        assert name == "future-schema-version"
        assert "newer awstui" in str(err) and "\n" not in str(err)
        assert _digest(path) == original[""]
        assert not list(data_dir.glob("state.db.*"))
        return
    except StoreError as err:  # any other refusal must also be one clear line, file untouched
        assert "\n" not in str(err) and str(path.name) in str(err)
        assert _digest(path) == original[""]
        return

    try:
        # a working store, whatever happened
        store.tick_question("after")
        store.save_answer("after", "works")
        assert store.question_state("after").answer == "works"
        assert store._conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        moved = sorted(data_dir.glob("state.db.corrupt-*"))
        moved_main = [m for m in moved if not m.name.endswith(("-wal", "-shm", "-journal"))]
        if store.notices:
            # moved aside, every byte kept, the learner told where
            assert len(moved_main) == 1, moved
            assert str(moved_main[0]) in store.notices[0]
            assert "moved to" in store.notices[0]
            assert all("\n" not in n for n in store.notices)
            assert _digest(moved_main[0]) == original[""]
            for suffix in ("-wal", "-shm"):
                if original[suffix] is not None:
                    assert _digest(Path(str(moved_main[0]) + suffix)) == original[suffix]
        else:
            # opened as it was: either there was nothing in it, or what it held is still there
            assert moved == []
            assert original_size == 0 or store.question_state(MARKER).answer == "kept", name
    finally:
        store.close()


def test_store_itself_raises_corrupt_database_without_moving(tmp_path):
    path = tmp_path / "state.db"
    path.write_bytes(b"garbage" * 100)
    with pytest.raises(CorruptDatabase) as err:
        Store(path)
    assert "not an SQLite database" in str(err.value)
    assert path.read_bytes() == b"garbage" * 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.db"]


def test_the_notice_names_the_moved_file_with_a_timestamp(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "state.db").write_bytes(b"x" * 5000)
    clock = FakeClock(datetime(2026, 11, 27, 10, 15, 0, tzinfo=UTC))
    store = open_store(data_dir, now=clock)
    try:
        expected = data_dir / "state.db.corrupt-20261127T101500"
        assert expected.read_bytes() == b"x" * 5000
        [notice] = store.notices
        assert notice.startswith("state.db was not a readable awstui database")
        assert f"moved to {expected}" in notice and "fresh store" in notice
    finally:
        store.close()


def test_two_corrupt_files_in_the_same_second_both_kept(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    for content in (b"first" * 100, b"second" * 100):
        (data_dir / "state.db").unlink(missing_ok=True)
        for companion in ("state.db-wal", "state.db-shm"):
            (data_dir / companion).unlink(missing_ok=True)
        (data_dir / "state.db").write_bytes(content)
        clock = FakeClock(step=__import__("datetime").timedelta(0))
        open_store(data_dir, now=clock).close()
    kept = sorted(p.read_bytes() for p in data_dir.glob("state.db.corrupt-*") if not p.name.endswith(("wal", "shm")))
    assert kept == [b"first" * 100, b"second" * 100]


def test_an_empty_file_with_backups_tells_the_learner(tmp_path):
    data_dir = tmp_path / "data"
    store = open_store(data_dir)
    store.tick_question("q")
    from awstui.state import backup_now

    backup_now(store)
    store.close()
    (data_dir / "state.db").write_bytes(b"")
    store = open_store(data_dir)
    try:
        assert any("was empty" in n and "awstui restore" in n for n in store.notices)
    finally:
        store.close()


def test_a_fresh_wal_only_database_is_not_mistaken_for_an_empty_one(tmp_path):
    """Right after creation, the main file can be empty while the WAL holds every commit."""
    path = tmp_path / "state.db"
    writer = Store(path)
    writer.tick_question("in-the-wal")
    # copy the files while the writer is open: main file + WAL, as a SIGKILL would leave them
    copy = tmp_path / "copy"
    copy.mkdir()
    for suffix in ("", "-wal"):
        (copy / ("state.db" + suffix)).write_bytes(Path(str(path) + suffix).read_bytes())
    writer.close()
    store = open_store(copy)
    try:
        assert store.notices == []
        assert store.question_state("in-the-wal").answered
    finally:
        store.close()


def test_a_damaged_file_moved_aside_names_the_newest_backup_and_how_to_restore_it(tmp_path):
    from awstui.state import backup_now, restore_backup

    data_dir = tmp_path / "data"
    store = open_store(data_dir)
    store.tick_question("q")
    older = backup_now(store, datetime(2026, 11, 20, 8, 0, tzinfo=UTC))
    newest = backup_now(store, datetime(2026, 11, 26, 9, 30, tzinfo=UTC))
    store.close()
    for companion in ("state.db-wal", "state.db-shm"):
        (data_dir / companion).unlink(missing_ok=True)
    (data_dir / "state.db").write_bytes(b"x" * 5000)
    store = open_store(data_dir, now=FakeClock(datetime(2026, 11, 27, 10, 15, tzinfo=UTC)))
    try:
        [notice] = store.notices
        assert str(newest) in notice and str(older) not in notice
        assert "2026-11-26 09:30 UTC" in notice and f"awstui restore {newest.name}" in notice
    finally:
        store.close()
    restore_backup(data_dir, newest.name)  # what the notice says to run works
    with open_store(data_dir) as store:
        assert store.question_state("q").answered


def test_a_damaged_file_with_no_backup_does_not_mention_one(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "state.db").write_bytes(b"x" * 5000)
    with open_store(data_dir) as store:
        [notice] = store.notices
        assert "backup" not in notice and "restore" not in notice
