"""The one place that reads and writes the learner's state (SQLite).

Every change is a named method that commits at once and then tells subscribers what changed
with a small event (``awstui.state.events``). Writes touch only the rows they change, inside
``BEGIN IMMEDIATE`` transactions, so two instances on the same file both work and lose
nothing; each notices the other's commits through ``PRAGMA data_version`` (``poll_external``).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import schema
from .clock import Clock, file_stamp, format_ts, utc_now
from .errors import CorruptDatabase, SchemaTooNew, StoreError
from .events import (
    AttemptChanged,
    Change,
    ExternalChange,
    LearnerQuestionsChanged,
    QuestionChanged,
    ServiceChanged,
    SettingChanged,
)
from .models import (
    FINISHED_STATUSES,
    Attempt,
    AttemptResult,
    ImportReport,
    LearnerQuestion,
    QuestionState,
    ServiceState,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
MIN_PAGE_SIZE = 512  # a database file is whole pages of at least this size
BUSY_TIMEOUT_S = 10.0  # SQLite's own wait for a lock, per statement
RETRY_FOR_S = 60.0  # our retry loop on top, for the cases SQLite does not wait itself
MAX_ID_LEN = 500
LEARNER_PREFIX = "mine-"

Subscriber = Callable[[Change], object]


def _is_busy(err: sqlite3.Error) -> bool:
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED (and their extended codes)
    text = str(err).lower()
    return "locked" in text or "busy" in text


def _is_environmental(err: sqlite3.Error) -> bool:
    """Errors about the surroundings (permissions, disk, I/O), not about the file's content."""
    code = getattr(err, "sqlite_errorcode", None)
    if code is None:
        return isinstance(err, sqlite3.OperationalError) and "unable to open" in str(err)
    return (code & 0xFF) in (3, 8, 10, 13, 14)  # PERM, READONLY, IOERR, FULL, CANTOPEN


def _describe(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]


def check_id(value: object, what: str = "id") -> str:
    if not isinstance(value, str) or not value.strip():
        raise StoreError(f"{what} must be a non-empty string, not {value!r}")
    if len(value) > MAX_ID_LEN:
        raise StoreError(f"{what} is too long ({len(value)} characters; at most {MAX_ID_LEN})")
    return value


def check_text(value: object, what: str = "text") -> str:
    if not isinstance(value, str):
        raise StoreError(f"{what} must be a string, not {type(value).__name__}")
    return value


def dumps(value: object, what: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as err:
        raise StoreError(f"{what} is not JSON-serialisable: {_describe(err)}") from None


def _loads(text: str | None, what: str) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        raise StoreError(f"the saved {what} is not valid JSON (was the database edited by hand?)") from None


def check_seconds(value: object, what: str, *, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise StoreError(f"{what} must be a finite number of seconds >= 0, not {value!r}")
    return float(value)


def check_option_order(order: object, what: str) -> list[int]:
    if (
        not isinstance(order, list)
        or not all(isinstance(i, int) and not isinstance(i, bool) for i in order)
        or sorted(order) != list(range(len(order)))
    ):
        raise StoreError(f"{what} must be a permutation of 0..n-1 (original option indices), not {order!r}")
    return list(order)


def check_selected(selected: object, n_options: int | None, what: str) -> list[int]:
    if not isinstance(selected, (list, tuple)) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in selected
    ):
        raise StoreError(f"{what} must be a list of option indices, not {selected!r}")
    picked = sorted(set(selected))
    if len(picked) != len(selected):
        raise StoreError(f"{what} lists an option twice: {list(selected)!r}")
    if picked and (picked[0] < 0 or (n_options is not None and picked[-1] >= n_options)):
        bound = f"0..{n_options - 1}" if n_options is not None else ">= 0"
        raise StoreError(f"{what}: option indices must be in {bound}, not {list(selected)!r}")
    return picked


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner; fine if it already exists."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def make_private(path: Path) -> None:
    try:
        if stat.S_IMODE(os.stat(path).st_mode) & 0o077:
            os.chmod(path, 0o600)
    except OSError:  # not ours to change: keep going
        pass


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Store:
    """The learner's state in one SQLite file.

    ``Store(path)`` opens exactly ``path``; it raises ``CorruptDatabase`` for a file that is not
    a readable awstui database and ``SchemaTooNew`` for one from a newer awstui (both leave the
    file as it is). ``open_store(data_dir)`` is the front door that handles those cases.
    """

    def __init__(self, path: Path | str, *, now: Clock | None = None, busy_timeout_s: float = BUSY_TIMEOUT_S):
        self.path = Path(path)
        self.notices: list[str] = []
        self.created = False  # this open created the schema (a fresh store)
        self.migrated_from: int | None = None
        self.journal_mode = ""
        self._now = now or utc_now
        self._busy_timeout_s = busy_timeout_s
        self._lock = threading.RLock()
        self._subscribers: list[Subscriber] = []
        self._conn: sqlite3.Connection | None = None
        self._conn = self._open()
        self._data_version = self._conn.execute("PRAGMA data_version").fetchone()[0]

    # ------------------------------------------------------------------ opening

    def _open(self) -> sqlite3.Connection:
        path = self.path
        try:
            st = os.stat(path)
        except FileNotFoundError:
            st = None
        except OSError as err:
            raise StoreError(f"cannot read {path}: {err.strerror or err}") from None
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise StoreError(f"{path} is not a regular file; move it away or use --data-dir")
        try:
            if st is None:
                if not path.parent.is_dir():
                    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                create_private_file(path)
            else:
                if st.st_size:  # (empty is fine: a new database, or one whose pages are all in the WAL)
                    with open(path, "rb") as fh:
                        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                            raise CorruptDatabase(path, "not an SQLite database")
                    if st.st_size < MIN_PAGE_SIZE:
                        raise CorruptDatabase(path, f"truncated ({st.st_size} bytes)")
                make_private(path)
        except OSError as err:
            raise StoreError(f"cannot open {path}: {err.strerror or err}") from None
        try:
            conn = sqlite3.connect(
                str(path), timeout=self._busy_timeout_s, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as err:
            raise StoreError(f"cannot open {path}: {_describe(err)}") from None
        try:
            self._prepare(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _prepare(self, conn: sqlite3.Connection) -> None:
        path = self.path
        conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_s * 1000)}")
        known = max(schema.MIGRATIONS)

        def inspect() -> tuple[int, set[str], str | None]:
            conn.execute("BEGIN")
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                tables = {
                    r[0]
                    for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                    if not r[0].startswith("sqlite_")
                }
                app = None
                if "meta" in tables:
                    row = conn.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
                    app = row[0] if row else None
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")
            return version, tables, app

        try:
            version, tables, app = self._retrying(conn, inspect)
        except sqlite3.DatabaseError as err:
            raise self._open_error(err) from None

        if app != schema.APP_ID:
            if version != 0 or tables:
                raise CorruptDatabase(path, "it is another application's SQLite database")
        elif version > known:
            raise SchemaTooNew(path, version, known)
        elif version == 0:
            raise CorruptDatabase(path, "it has no schema version")

        if version > 0:
            try:
                rows = self._retrying(conn, lambda: conn.execute("PRAGMA integrity_check(5)").fetchall())
                problems = [r[0] for r in rows]
            except sqlite3.DatabaseError as err:
                raise self._open_error(err) from None
            if problems != ["ok"]:
                raise CorruptDatabase(path, "failed integrity check: " + "; ".join(problems)[:200])

        try:
            mode = self._retrying(conn, lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as err:
            raise self._open_error(err) from None
        self.journal_mode = str(mode).lower()
        if self.journal_mode != "wal":
            self.notices.append(
                f"{path.parent} does not support SQLite's WAL mode; using '{self.journal_mode}' "
                "(slower when two awstui run at once)"
            )

        if version < known:
            self._migrate(conn, version, known)

    def _open_error(self, err: sqlite3.Error) -> StoreError:
        """A failure while opening: corruption, or (left alone) a lock, permission or disk problem."""
        if _is_busy(err):
            return StoreError(f"{self.path} stayed locked by another program; try again")
        if _is_environmental(err):
            return StoreError(f"cannot open {self.path}: {_describe(err)}")
        return CorruptDatabase(self.path, _describe(err))

    def _migrate(self, conn: sqlite3.Connection, found: int, known: int) -> None:
        if found > 0:  # an existing database: keep a copy of it as it was
            dest = self.path.parent / "backups" / f"state-{file_stamp(self._now())}-pre-v{known}.db"
            self._backup(conn, dest)

        def step() -> int:
            conn.execute("BEGIN IMMEDIATE")
            try:
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current > known:
                    raise SchemaTooNew(self.path, current, known)
                for target in range(current + 1, known + 1):
                    schema.MIGRATIONS[target](conn)
                if current < known:
                    conn.execute(f"PRAGMA user_version = {known}")
                    conn.execute(
                        "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_updated_at', ?)",
                        (format_ts(self._now()),),
                    )
                conn.execute("COMMIT")
                return current
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

        try:
            current = self._retrying(conn, step)
        except sqlite3.Error as err:
            raise StoreError(f"cannot prepare {self.path}: {_describe(err)}") from None
        if current == 0:
            self.created = True
        elif current < known:
            self.migrated_from = current
            self.notices.append(f"{self.path.name} was upgraded from schema version {current} to {known}")

    @staticmethod
    def _retrying(conn: sqlite3.Connection, fn: Callable[[], Any]) -> Any:
        """Run ``fn``, retrying while the database is busy (beyond SQLite's own busy wait)."""
        deadline = time.monotonic() + RETRY_FOR_S
        delay = 0.002
        while True:
            try:
                return fn()
            except sqlite3.OperationalError as err:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                if not _is_busy(err) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.1)

    # ------------------------------------------------------------------ plumbing

    @property
    def closed(self) -> bool:
        return self._conn is None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                finally:
                    self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("the store is closed")
        return self._conn

    def _ts(self) -> str:
        return format_ts(self._now())

    def _write(self, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run ``fn`` in one ``BEGIN IMMEDIATE`` transaction and commit; retry while busy."""
        with self._lock:
            conn = self._connection()

            def attempt() -> Any:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    result = fn(conn)
                    self._commit(conn)
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                return result

            try:
                return self._retrying(conn, attempt)
            except sqlite3.Error as err:
                raise StoreError(f"could not save to {self.path}: {_describe(err)}") from None

    def _commit(self, conn: sqlite3.Connection) -> None:
        deadline = time.monotonic() + RETRY_FOR_S
        while True:
            try:
                conn.execute("COMMIT")
                return
            except sqlite3.OperationalError as err:
                if not _is_busy(err) or time.monotonic() > deadline or not conn.in_transaction:
                    raise
                time.sleep(0.01)

    def _read(self, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run ``fn`` in one read transaction: a consistent snapshot."""
        with self._lock:
            conn = self._connection()

            def attempt() -> Any:
                conn.execute("BEGIN")
                try:
                    return fn(conn)
                finally:
                    if conn.in_transaction:
                        conn.execute("COMMIT")

            try:
                return self._retrying(conn, attempt)
            except sqlite3.Error as err:
                raise StoreError(f"could not read {self.path}: {_describe(err)}") from None

    # ------------------------------------------------------------------ events

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback(event)`` after every committed change; returns the unsubscribe function."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock, contextlib.suppress(ValueError):
                self._subscribers.remove(callback)

        return unsubscribe

    def _emit(self, *events: Change) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        first_error: BaseException | None = None
        for event in events:
            for callback in subscribers:
                try:
                    callback(event)
                except Exception as err:  # tell everyone, then let the first bug surface
                    if first_error is None:
                        first_error = err
        if first_error is not None:
            raise first_error

    def poll_external(self) -> bool:
        """Cheap check whether another connection committed since the last poll; if so, emit
        ``ExternalChange`` and return True."""
        with self._lock:
            conn = self._connection()
            try:
                version = conn.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error:
                return False
            if version == self._data_version:
                return False
            self._data_version = version
        self._emit(ExternalChange())
        return True

    # ------------------------------------------------------------------ open questions

    def question_states(self) -> dict[str, QuestionState]:
        rows = self._read(
            lambda c: c.execute(
                "SELECT qid, answered, answered_at, answer, answer_updated_at FROM question_state"
            ).fetchall()
        )
        return {r[0]: QuestionState(bool(r[1]), r[2], r[3], r[4]) for r in rows}

    def question_state(self, qid: str) -> QuestionState:
        check_id(qid, "question id")
        row = self._read(
            lambda c: c.execute(
                "SELECT answered, answered_at, answer, answer_updated_at FROM question_state WHERE qid = ?",
                (qid,),
            ).fetchone()
        )
        return QuestionState(bool(row[0]), row[1], row[2], row[3]) if row else QuestionState()

    def _set_answered(self, c: sqlite3.Connection, qid: str, answered: bool) -> None:
        ts = self._ts()
        c.execute(
            "INSERT INTO question_state (qid, answered, answered_at, answered_changed_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (qid) DO UPDATE SET answered = excluded.answered, "
            "answered_at = excluded.answered_at, answered_changed_at = excluded.answered_changed_at",
            (qid, int(answered), ts if answered else None, ts),
        )

    @staticmethod
    def _answered(c: sqlite3.Connection, qid: str) -> bool:
        row = c.execute("SELECT answered FROM question_state WHERE qid = ?", (qid,)).fetchone()
        return bool(row and row[0])

    def tick_question(self, qid: str, answered: bool = True) -> None:
        """Mark an open question answered (or not). No change, no event."""
        check_id(qid, "question id")
        answered = bool(answered)

        def fn(c: sqlite3.Connection) -> bool:
            if self._answered(c, qid) == answered:
                return False
            self._set_answered(c, qid, answered)
            return True

        if self._write(fn):
            self._emit(QuestionChanged(qid))

    def toggle_question(self, qid: str) -> bool:
        """Flip a question's answered mark (atomically); returns the new state."""
        check_id(qid, "question id")

        def fn(c: sqlite3.Connection) -> bool:
            new = not self._answered(c, qid)
            self._set_answered(c, qid, new)
            return new

        new = self._write(fn)
        self._emit(QuestionChanged(qid))
        return new

    def save_answer(self, qid: str, text: str) -> None:
        """Save the learner's written answer (Markdown). Unchanged text: nothing saved, no event."""
        check_id(qid, "question id")
        check_text(text, "answer")

        def fn(c: sqlite3.Connection) -> bool:
            row = c.execute("SELECT answer FROM question_state WHERE qid = ?", (qid,)).fetchone()
            if (row[0] if row else "") == text:
                return False
            c.execute(
                "INSERT INTO question_state (qid, answer, answer_updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (qid) DO UPDATE SET answer = excluded.answer, "
                "answer_updated_at = excluded.answer_updated_at",
                (qid, text, self._ts()),
            )
            return True

        if self._write(fn):
            self._emit(QuestionChanged(qid))

    # ------------------------------------------------------------------ the learner's own questions

    def add_question(self, service_id: str, text: str) -> str:
        """Add a question of the learner's own under a service; returns its id (``mine-…``)."""
        check_id(service_id, "service id")
        check_text(text, "question text")
        if not text.strip():
            raise StoreError("a question needs some text")

        def fn(c: sqlite3.Connection) -> str:
            while True:
                qid = LEARNER_PREFIX + os.urandom(5).hex()
                if not c.execute("SELECT 1 FROM learner_question WHERE qid = ?", (qid,)).fetchone():
                    break
            c.execute(
                "INSERT INTO learner_question (qid, service, text, created_at) VALUES (?, ?, ?, ?)",
                (qid, service_id, text, self._ts()),
            )
            return qid

        qid = self._write(fn)
        self._emit(LearnerQuestionsChanged(qid))
        return qid

    def _own_question(self, c: sqlite3.Connection, qid: str) -> tuple:
        row = c.execute("SELECT text, deleted_at FROM learner_question WHERE qid = ?", (qid,)).fetchone()
        if row is None or row[1] is not None:
            raise StoreError(f"{qid!r} is not a question of your own (only those can be edited or deleted)")
        return row

    def update_question(self, qid: str, text: str) -> None:
        """Change the text of a question of the learner's own. Unchanged: no event."""
        check_id(qid, "question id")
        check_text(text, "question text")
        if not text.strip():
            raise StoreError("a question needs some text")

        def fn(c: sqlite3.Connection) -> bool:
            if self._own_question(c, qid)[0] == text:
                return False
            c.execute("UPDATE learner_question SET text = ?, updated_at = ? WHERE qid = ?", (text, self._ts(), qid))
            return True

        if self._write(fn):
            self._emit(LearnerQuestionsChanged(qid))

    def delete_question(self, qid: str) -> None:
        """Delete a question of the learner's own, with its tick and written answer (the learner
        asked for it). Bundled questions cannot be deleted: ``StoreError``."""
        check_id(qid, "question id")

        def fn(c: sqlite3.Connection) -> None:
            self._own_question(c, qid)
            ts = self._ts()
            # keep a tombstone so that importing an older export does not bring it back
            c.execute(
                "UPDATE learner_question SET text = '', updated_at = ?, deleted_at = ? WHERE qid = ?",
                (ts, ts, qid),
            )
            c.execute("DELETE FROM question_state WHERE qid = ?", (qid,))

        self._write(fn)
        self._emit(LearnerQuestionsChanged(qid), QuestionChanged(qid))

    def learner_questions(self) -> list[LearnerQuestion]:
        rows = self._read(
            lambda c: c.execute(
                "SELECT qid, service, text, created_at, updated_at FROM learner_question "
                "WHERE deleted_at IS NULL ORDER BY created_at, qid"
            ).fetchall()
        )
        return [LearnerQuestion(*r) for r in rows]

    # ------------------------------------------------------------------ services

    def service_states(self) -> dict[str, ServiceState]:
        rows = self._read(
            lambda c: c.execute(
                "SELECT sid, reviewed, reviewed_at, review_count, annotation, annotation_updated_at FROM service_state"
            ).fetchall()
        )
        return {r[0]: ServiceState(bool(r[1]), r[2], r[3], r[4], r[5]) for r in rows}

    def service_state(self, sid: str) -> ServiceState:
        check_id(sid, "service id")
        row = self._read(
            lambda c: c.execute(
                "SELECT reviewed, reviewed_at, review_count, annotation, annotation_updated_at "
                "FROM service_state WHERE sid = ?",
                (sid,),
            ).fetchone()
        )
        return ServiceState(bool(row[0]), *row[1:]) if row else ServiceState()

    @staticmethod
    def _reviewed(c: sqlite3.Connection, sid: str) -> bool:
        row = c.execute("SELECT reviewed FROM service_state WHERE sid = ?", (sid,)).fetchone()
        return bool(row and row[0])

    def _set_reviewed(self, c: sqlite3.Connection, sid: str, reviewed: bool) -> None:
        ts = self._ts()
        c.execute(
            "INSERT INTO service_state (sid, reviewed, reviewed_at, reviewed_changed_at, review_count) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sid) DO UPDATE SET reviewed = excluded.reviewed, "
            "reviewed_at = excluded.reviewed_at, reviewed_changed_at = excluded.reviewed_changed_at, "
            "review_count = review_count + excluded.review_count",
            (sid, int(reviewed), ts if reviewed else None, ts, int(reviewed)),
        )

    def mark_reviewed(self, sid: str, reviewed: bool = True) -> None:
        """Mark a service reviewed (counting one more review) or not. No change, no event."""
        check_id(sid, "service id")
        reviewed = bool(reviewed)

        def fn(c: sqlite3.Connection) -> bool:
            if self._reviewed(c, sid) == reviewed:
                return False
            self._set_reviewed(c, sid, reviewed)
            return True

        if self._write(fn):
            self._emit(ServiceChanged(sid))

    def toggle_reviewed(self, sid: str) -> bool:
        check_id(sid, "service id")

        def fn(c: sqlite3.Connection) -> bool:
            new = not self._reviewed(c, sid)
            self._set_reviewed(c, sid, new)
            return new

        new = self._write(fn)
        self._emit(ServiceChanged(sid))
        return new

    def save_annotation(self, sid: str, text: str) -> None:
        """Save the learner's annotation of a service. Unchanged text: no event."""
        check_id(sid, "service id")
        check_text(text, "annotation")

        def fn(c: sqlite3.Connection) -> bool:
            row = c.execute("SELECT annotation FROM service_state WHERE sid = ?", (sid,)).fetchone()
            if (row[0] if row else "") == text:
                return False
            c.execute(
                "INSERT INTO service_state (sid, annotation, annotation_updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (sid) DO UPDATE SET annotation = excluded.annotation, "
                "annotation_updated_at = excluded.annotation_updated_at",
                (sid, text, self._ts()),
            )
            return True

        if self._write(fn):
            self._emit(ServiceChanged(sid))

    # ------------------------------------------------------------------ settings

    def get_setting(self, key: str, default: Any = None) -> Any:
        check_id(key, "setting key")
        row = self._read(lambda c: c.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone())
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except ValueError:
            return default

    def set_setting(self, key: str, value: Any) -> None:
        """Remember a JSON-serialisable value. Unchanged: no event."""
        check_id(key, "setting key")
        text = dumps(value, f"setting {key!r}")

        def fn(c: sqlite3.Connection) -> bool:
            row = c.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
            if row is not None and row[0] == text:
                return False
            c.execute(
                "INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE "
                "SET value = excluded.value, updated_at = excluded.updated_at",
                (key, text, self._ts()),
            )
            return True

        if self._write(fn):
            self._emit(SettingChanged(key))

    def settings(self) -> dict[str, Any]:
        rows = self._read(lambda c: c.execute("SELECT key, value FROM setting").fetchall())
        out = {}
        for key, text in rows:
            try:
                out[key] = json.loads(text)
            except ValueError:
                continue
        return out

    # ------------------------------------------------------------------ exam attempts

    def create_attempt(
        self,
        mode: str,
        config: dict,
        question_ids: list[str],
        option_orders: dict[str, list[int]],
        time_allowed_s: float | None,
    ) -> int:
        """Save a new in-progress attempt: the drawn questions and their option order (display
        position -> ORIGINAL option index). Returns its id."""
        check_id(mode, "mode")
        if not isinstance(config, dict):
            raise StoreError(f"config must be a dict, not {type(config).__name__}")
        config_text = dumps(config, "config")
        if not isinstance(question_ids, (list, tuple)):
            raise StoreError("question_ids must be a list of question ids")
        qids = [check_id(q, "question id") for q in question_ids]
        if len(set(qids)) != len(qids):
            raise StoreError("question_ids lists a question twice")
        if not isinstance(option_orders, dict):
            raise StoreError("option_orders must be a dict: question id -> list of option indices")
        orders = {}
        for qid, order in option_orders.items():
            if qid not in qids:
                raise StoreError(f"option_orders names {qid!r}, which is not one of the attempt's questions")
            orders[qid] = check_option_order(order, f"option order of {qid!r}")
        allowed = check_seconds(time_allowed_s, "time_allowed_s", optional=True)

        def fn(c: sqlite3.Connection) -> int:
            ts = self._ts()
            cur = c.execute(
                "INSERT INTO attempt (uid, mode, config, question_ids, option_orders, time_allowed_s, "
                "started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (os.urandom(16).hex(), mode, config_text, json.dumps(qids), json.dumps(orders), allowed, ts, ts),
            )
            return int(cur.lastrowid)

        attempt_id = self._write(fn)
        self._emit(AttemptChanged(attempt_id))
        return attempt_id

    @staticmethod
    def _attempt_row(c: sqlite3.Connection, attempt_id: int) -> tuple:
        if isinstance(attempt_id, bool) or not isinstance(attempt_id, int):
            raise StoreError(f"attempt id must be an integer, not {attempt_id!r}")
        row = c.execute(
            "SELECT status, question_ids, option_orders, time_used_s FROM attempt WHERE id = ?", (attempt_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"there is no exam attempt {attempt_id}")
        return row

    def _answer_write(self, attempt_id: int, qid: str, time_used_s: float, column: str, value: object) -> bool:
        check_id(qid, "question id")
        used = check_seconds(time_used_s, "time_used_s")

        def fn(c: sqlite3.Connection) -> bool:
            status, qids_text, orders_text, _ = self._attempt_row(c, attempt_id)
            if status != "in_progress":
                return False
            if qid not in _loads(qids_text, "question list"):
                raise StoreError(f"{qid!r} is not a question of exam attempt {attempt_id}")
            stored = value
            if column == "selected":
                order = (_loads(orders_text, "option orders") or {}).get(qid)
                stored = json.dumps(check_selected(value, len(order) if order else None, "selected"))
            ts = self._ts()
            c.execute(
                f"INSERT INTO attempt_answer (attempt_id, qid, {column}, updated_at) VALUES (?, ?, ?, ?) "
                f"ON CONFLICT (attempt_id, qid) DO UPDATE SET {column} = excluded.{column}, "
                "updated_at = excluded.updated_at",
                (attempt_id, qid, stored, ts),
            )
            c.execute(
                "UPDATE attempt SET time_used_s = MAX(time_used_s, ?), updated_at = ? WHERE id = ?",
                (used, ts, attempt_id),
            )
            return True

        changed = self._write(fn)
        if changed:
            self._emit(AttemptChanged(attempt_id))
        return changed

    def record_exam_answer(self, attempt_id: int, qid: str, selected: list[int], time_used_s: float) -> bool:
        """Save the options chosen for one question (ORIGINAL indices; ``[]`` clears). Returns
        False (and saves nothing) when the attempt is no longer in progress."""
        return self._answer_write(attempt_id, qid, time_used_s, "selected", selected)

    def set_flag(self, attempt_id: int, qid: str, flagged: bool, time_used_s: float) -> bool:
        """Flag a question for review (or not). False when the attempt is no longer in progress."""
        return self._answer_write(attempt_id, qid, time_used_s, "flagged", int(bool(flagged)))

    def save_progress(self, attempt_id: int, time_used_s: float, position: int | None = None) -> bool:
        """Save the clock (time used never goes back) and, if given, the current position.
        False when the attempt is no longer in progress. Nothing changed: no event."""
        used = check_seconds(time_used_s, "time_used_s")
        if position is not None and (isinstance(position, bool) or not isinstance(position, int) or position < 0):
            raise StoreError(f"position must be an integer >= 0, not {position!r}")

        def fn(c: sqlite3.Connection) -> bool:
            status, _, _, _old_used = self._attempt_row(c, attempt_id)
            if status != "in_progress":
                return False
            cur = c.execute(
                "UPDATE attempt SET time_used_s = MAX(time_used_s, ?), position = COALESCE(?, position), "
                "updated_at = ? WHERE id = ? AND (time_used_s < ? OR (? IS NOT NULL AND position IS NOT ?))",
                (used, position, self._ts(), attempt_id, used, position, position),
            )
            return cur.rowcount > 0

        changed = self._write(fn)
        if changed:
            self._emit(AttemptChanged(attempt_id))
        return changed

    def finish_attempt(self, attempt_id: int, status: str, result: dict, time_used_s: float) -> bool:
        """Finish an in-progress attempt (``"submitted"`` or ``"expired"``) with its result.
        An attempt is finished exactly once: if it is not in progress any more, nothing changes
        and this returns False."""
        if status not in FINISHED_STATUSES:
            raise StoreError(f"status must be one of {', '.join(FINISHED_STATUSES)}, not {status!r}")
        if not isinstance(result, dict):
            raise StoreError(f"result must be a dict, not {type(result).__name__}")
        result_text = dumps(result, "result")
        used = check_seconds(time_used_s, "time_used_s")

        def fn(c: sqlite3.Connection) -> bool:
            self._attempt_row(c, attempt_id)
            ts = self._ts()
            cur = c.execute(
                "UPDATE attempt SET status = ?, result = ?, time_used_s = MAX(time_used_s, ?), "
                "finished_at = ?, updated_at = ? WHERE id = ? AND status = 'in_progress'",
                (status, result_text, used, ts, ts, attempt_id),
            )
            return cur.rowcount == 1

        finished = self._write(fn)
        if finished:
            self._emit(AttemptChanged(attempt_id))
        return finished

    def abandon_attempt(self, attempt_id: int) -> bool:
        """The learner discards an in-progress attempt: it is kept, with status ``"abandoned"``.
        False (nothing changes) if it was not in progress."""

        def fn(c: sqlite3.Connection) -> bool:
            self._attempt_row(c, attempt_id)
            ts = self._ts()
            cur = c.execute(
                "UPDATE attempt SET status = 'abandoned', finished_at = ?, updated_at = ? "
                "WHERE id = ? AND status = 'in_progress'",
                (ts, ts, attempt_id),
            )
            return cur.rowcount == 1

        done = self._write(fn)
        if done:
            self._emit(AttemptChanged(attempt_id))
        return done

    _ATTEMPT_COLUMNS = (
        "id, mode, config, question_ids, option_orders, position, time_used_s, time_allowed_s, "
        "status, result, started_at, finished_at, uid, updated_at"
    )

    @staticmethod
    def _build_attempt(row: tuple, answer_rows: Iterable[tuple], decoded: dict | None = None) -> Attempt:
        answers: dict[str, list[int]] = {}
        flags: set[str] = set()
        decoded = {} if decoded is None else decoded  # the same few selections recur: decode each once
        for qid, selected, flagged in answer_rows:
            picked = decoded.get(selected)
            if picked is None:
                picked = decoded[selected] = _loads(selected, "answer") or []
            if picked:
                answers[qid] = list(picked)
            if flagged:
                flags.add(qid)
        return Attempt(
            id=row[0],
            mode=row[1],
            config=_loads(row[2], "attempt config") or {},
            question_ids=list(_loads(row[3], "question list") or []),
            option_orders={k: list(v) for k, v in (_loads(row[4], "option orders") or {}).items()},
            answers=answers,
            flags=flags,
            position=row[5],
            time_used_s=row[6],
            time_allowed_s=row[7],
            status=row[8],
            result=_loads(row[9], "result"),
            started_at=row[10],
            finished_at=row[11],
            uid=row[12],
            updated_at=row[13],
        )

    def attempt(self, attempt_id: int) -> Attempt:
        def fn(c: sqlite3.Connection) -> Attempt:
            self._attempt_row(c, attempt_id)
            row = c.execute(f"SELECT {self._ATTEMPT_COLUMNS} FROM attempt WHERE id = ?", (attempt_id,)).fetchone()
            answers = c.execute(
                "SELECT qid, selected, flagged FROM attempt_answer WHERE attempt_id = ?", (attempt_id,)
            ).fetchall()
            return self._build_attempt(row, answers)

        return self._read(fn)

    def attempts(self, include_answers: bool = True) -> list[Attempt]:
        """Every attempt, newest first. ``include_answers=False`` leaves ``answers`` and ``flags``
        empty: much faster for lists and totals when there are many attempts."""
        columns = self._ATTEMPT_COLUMNS

        def fn(c: sqlite3.Connection) -> list[Attempt]:
            rows = c.execute(f"SELECT {columns} FROM attempt ORDER BY started_at DESC, id DESC").fetchall()
            by_attempt: dict[int, list[tuple]] = {}
            if include_answers:
                for aid, qid, selected, flagged in c.execute(
                    "SELECT attempt_id, qid, selected, flagged FROM attempt_answer"
                ):
                    by_attempt.setdefault(aid, []).append((qid, selected, flagged))
            decoded: dict = {}
            return [self._build_attempt(r, by_attempt.get(r[0], ()), decoded) for r in rows]

        return self._read(fn)

    def attempt_results(self, result_omits: Iterable[str] = ()) -> list[AttemptResult]:
        """Every attempt's id, mode, status, times and result, newest first: what a history list
        or a total needs, and no more. ``result_omits`` names top-level keys of each result to
        leave out, SQLite dropping them before Python decodes anything (the exam layer says
        which: a summary needs no per-question outcomes). So a list of 730 attempts costs little
        more than one of 2 (bench/history.py)."""
        omits = list(result_omits)
        bad = [k for k in omits if not isinstance(k, str) or not k.isidentifier()]
        if bad:
            raise StoreError(f"result_omits takes plain key names, not {bad[0]!r}")
        result = f"json_remove(result, {', '.join(repr('$.' + k) for k in omits)})" if omits else "result"
        sql = (
            f"SELECT id, mode, status, started_at, finished_at, {result} FROM attempt ORDER BY started_at DESC, id DESC"
        )

        def fn(c: sqlite3.Connection) -> list[AttemptResult]:
            return [
                AttemptResult(
                    id=r[0], mode=r[1], status=r[2], started_at=r[3], finished_at=r[4], result=_loads(r[5], "result")
                )
                for r in c.execute(sql)
            ]

        return self._read(fn)

    def in_progress_attempt(self) -> Attempt | None:
        """The newest attempt still in progress (to resume), or None."""
        row = self._read(
            lambda c: c.execute(
                "SELECT id FROM attempt WHERE status = 'in_progress' ORDER BY started_at DESC, id DESC LIMIT 1"
            ).fetchone()
        )
        return self.attempt(row[0]) if row else None

    # ------------------------------------------------------------------ export / import / stats

    def export_state(self) -> dict:
        """Everything, as a versioned JSON-ready dict (``{"format": "awstui-state", "version": 1, …}``)."""
        from .exchange import export_rows

        exported_at = self._ts()
        return self._read(lambda c: export_rows(c, exported_at))

    def import_state(self, data: dict) -> ImportReport:
        """Merge an export into this store: per item, the newer change wins. Bad input raises
        ``StoreError`` naming what is wrong, and changes nothing."""
        from .exchange import merge_rows, parse_export

        parsed = parse_export(data)
        report = self._write(lambda c: merge_rows(c, parsed))
        if report.changed:
            self._emit(ExternalChange(source="import"))
        return report

    # ------------------------------------------------------------------ backups

    def backup_to(self, dest: Path | str) -> Path:
        """A consistent copy of the database (SQLite's backup API) at ``dest``, written to a
        temporary name first and renamed into place; readable only by the owner."""
        with self._lock:
            return self._backup(self._connection(), Path(dest))

    def _backup(self, conn: sqlite3.Connection, dest: Path) -> Path:
        dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
        try:
            tmp.unlink(missing_ok=True)
            create_private_file(tmp)
            target = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                self._retrying(conn, lambda: conn.backup(target))
                target.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
            finally:
                target.close()
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, dest)
            fsync_dir(dest.parent)
        except (OSError, sqlite3.Error) as err:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise StoreError(f"could not back up to {dest}: {_describe(err)}") from None
        return dest
