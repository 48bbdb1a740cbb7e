"""The database under the store: opening (checks, pragmas, migrations), busy retries,
transactions and backups of one SQLite connection. Knows nothing of what the tables mean."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from . import checked, schema
from .clock import WallClock, file_stamp, format_ts, utc_now
from .errors import CorruptDatabase, NeedsUpgrade, SchemaTooNew, StoreError, WriteFailed
from .failures import environment_reason, is_busy, is_environmental, os_reason
from .fileops import create_private_file, fsync_dir, make_private
from .readonly import read_only_connection
from .validate import describe

SQLITE_MAGIC = b"SQLite format 3\x00"
MIN_PAGE_SIZE = 512  # a database file is whole pages of at least this size
BUSY_TIMEOUT_S = 10.0  # SQLite's own wait for a lock, per statement
RETRY_FOR_S = 60.0  # our retry loop on top, for the cases SQLite does not wait itself

T = TypeVar("T")


def retrying(conn: sqlite3.Connection, fn: Callable[[], T]) -> T:
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
            if not is_busy(err) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


def _commit(conn: sqlite3.Connection) -> None:
    deadline = time.monotonic() + RETRY_FOR_S
    while True:
        try:
            conn.execute("COMMIT")
            return
        except sqlite3.OperationalError as err:
            if not is_busy(err) or time.monotonic() > deadline or not conn.in_transaction:
                raise
            time.sleep(0.01)


class Database:
    """One SQLite connection to an awstui database, opened, checked and migrated.

    Raises ``CorruptDatabase`` for a file that is not a readable awstui database and
    ``SchemaTooNew`` for one from a newer awstui (both leave the file as it is).

    ``read_only`` opens it only to read (``readonly.py``: ``query_only``, ``mode=ro`` or
    ``immutable=1``): nothing is created, migrated or written, so a read-only data dir can still
    be read; an older schema raises ``NeedsUpgrade``.
    """

    def __init__(
        self,
        path: Path,
        *,
        now: WallClock | None = None,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
        read_only: bool = False,
    ):
        self.path = path
        self.read_only = read_only
        self.notices: list[str] = []
        self.created = False  # this open created the schema (a fresh store)
        self.migrated_from: int | None = None
        self.journal_mode = ""
        self.now = now or utc_now
        self.lock = threading.RLock()
        self._busy_timeout_s = busy_timeout_s
        self.conn: sqlite3.Connection | None = self._open()

    def ts(self) -> str:
        """Now, as the store writes timestamps."""
        return format_ts(self.now())

    # ------------------------------------------------------------------ opening

    def _check_file(self) -> None:
        path = self.path
        try:
            st = os.stat(path)
        except FileNotFoundError:
            st = None
        except OSError as err:
            raise StoreError(f"cannot read {path}: {err.strerror or err}") from None
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise StoreError(f"{path} is not a regular file; move it away or use --data-dir")
        if st is None and self.read_only:
            raise StoreError(f"{path} does not exist")
        try:
            if st is None:
                if not path.parent.is_dir():
                    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                create_private_file(path)
                return
            if st.st_size:  # (empty is fine: a new database, or one whose pages are all in the WAL)
                with open(path, "rb") as fh:
                    if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                        raise CorruptDatabase(path, "not an SQLite database")
                if st.st_size < MIN_PAGE_SIZE:
                    raise CorruptDatabase(path, f"truncated ({st.st_size} bytes)")
            if not self.read_only:
                make_private(path)
        except OSError as err:
            raise StoreError(f"cannot open {path}: {self._why(err)}") from None

    def _connect(self, target: str, uri: bool = False) -> sqlite3.Connection:
        return sqlite3.connect(
            target, timeout=self._busy_timeout_s, isolation_level=None, check_same_thread=False, uri=uri
        )

    def _connect_read_only(self) -> sqlite3.Connection:
        return read_only_connection(self.path, self._connect)

    def _open(self) -> sqlite3.Connection:
        self._check_file()
        try:
            conn = self._connect_read_only() if self.read_only else self._connect(str(self.path))
        except sqlite3.Error as err:
            raise StoreError(f"cannot open {self.path}: {self._why(err)}") from None
        try:
            self._prepare(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _inspect(conn: sqlite3.Connection) -> tuple[int, set[str], str | None]:
        """(schema version, table names, the ``meta`` app id) in one read."""
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

    def _prepare(self, conn: sqlite3.Connection) -> None:
        conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_s * 1000)}")
        known = max(schema.MIGRATIONS)
        try:
            version, tables, app = retrying(conn, lambda: self._inspect(conn))
        except sqlite3.DatabaseError as err:
            raise self._open_error(err) from None
        if app != schema.APP_ID:
            if version != 0 or tables:
                raise CorruptDatabase(self.path, "it is another application's SQLite database")
        elif version > known:
            raise SchemaTooNew(self.path, version, known)
        elif version == 0:
            raise CorruptDatabase(self.path, "it has no schema version")
        if version > 0:
            self._check_integrity(conn, full=not checked.left_clean(self.path))
            if not self.read_only:
                checked.forget(self.path)  # (written from here on: marked again at a clean close)
        if self.read_only:
            self._ready_read_only(conn, version, known)
            return
        # A new file holds nothing of the learner's yet: it is made without waiting for the disk
        # (its fsyncs were most of a first launch's store open). The first change's FULL commit
        # syncs the WAL, with the schema in it; a crash before that leaves an empty or torn file
        # with nothing lost, made again (or moved aside) on the next open.
        fresh = version == 0 and not tables
        self._set_pragmas(conn, "OFF" if fresh else "FULL")
        if version < known:
            self._migrate(conn, version, known)
        if fresh:
            conn.execute("PRAGMA synchronous = FULL")

    def _ready_read_only(self, conn: sqlite3.Connection, version: int, known: int) -> None:
        if version == 0:
            raise StoreError(f"{self.path} holds no awstui data yet")
        if version < known:
            raise NeedsUpgrade(self.path, version, known)
        try:
            self.journal_mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
        except sqlite3.DatabaseError as err:
            raise self._open_error(err) from None

    def _check_integrity(self, conn: sqlite3.Connection, full: bool = True) -> None:
        """``full``: integrity_check; else quick_check, for a file as a clean close left it (checked.py)."""
        pragma = "integrity_check(5)" if full else "quick_check(5)"
        try:
            # quick_check alone does not compare indexes with their tables: a file damaged from
            # outside with a broken index opened as healthy and then held duplicate rows
            # (tests/unit/state/test_checked.py)
            rows = retrying(conn, lambda: conn.execute(f"PRAGMA {pragma}").fetchall())
        except sqlite3.DatabaseError as err:
            raise self._open_error(err) from None
        problems = [r[0] for r in rows]
        if problems != ["ok"]:
            raise CorruptDatabase(self.path, "failed integrity check: " + "; ".join(problems)[:200])

    def _set_pragmas(self, conn: sqlite3.Connection, synchronous: str = "FULL") -> None:
        try:
            conn.execute(f"PRAGMA synchronous = {synchronous}")
            mode = retrying(conn, lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as err:
            raise self._open_error(err) from None
        self.journal_mode = str(mode).lower()
        if self.journal_mode != "wal":
            self.notices.append(
                f"{self.path.parent} does not support SQLite's WAL mode; using '{self.journal_mode}' "
                "(slower when two awstui run at once)"
            )

    def _open_error(self, err: sqlite3.Error) -> StoreError:
        """A failure while opening: corruption, or (left alone) a lock, permission or disk problem."""
        if is_busy(err):
            return StoreError(f"{self.path} stayed locked by another program; try again")
        if is_environmental(err):
            return StoreError(f"cannot open {self.path}: {self._why(err)}")
        return CorruptDatabase(self.path, describe(err))

    def _why(self, err: BaseException, folder: Path | None = None) -> str:
        """What went wrong, in the learner's words where the surroundings are to blame."""
        if isinstance(err, sqlite3.Error):
            reason = environment_reason(err, folder or self.path.parent)
            if reason is not None:
                return reason
        if isinstance(err, OSError):
            return os_reason(err, folder or self.path.parent)
        return describe(err)

    def _migrate(self, conn: sqlite3.Connection, found: int, known: int) -> None:
        if found > 0:  # an existing database: keep a copy of it as it was
            dest = self.path.parent / "backups" / f"state-{file_stamp(self.now())}-pre-v{known}.db"
            self._backup(conn, dest)

        def step() -> int:
            conn.execute("BEGIN IMMEDIATE")
            try:
                current: int = conn.execute("PRAGMA user_version").fetchone()[0]
                if current > known:
                    raise SchemaTooNew(self.path, current, known)
                for target in range(current + 1, known + 1):
                    schema.MIGRATIONS[target](conn)
                if current < known:
                    conn.execute(f"PRAGMA user_version = {known}")
                    conn.execute(
                        "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_updated_at', ?)", (self.ts(),)
                    )
                conn.execute("COMMIT")
                return current
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

        try:
            current = retrying(conn, step)
        except sqlite3.Error as err:
            raise StoreError(f"cannot prepare {self.path}: {self._why(err)}") from None
        if current == 0:
            self.created = True
        elif current < known:
            self.migrated_from = current
            self.notices.append(f"{self.path.name} was upgraded from schema version {current} to {known}")

    # ------------------------------------------------------------------ transactions

    def connection(self) -> sqlite3.Connection:
        if self.conn is None:
            raise StoreError("the store is closed")
        return self.conn

    def close(self) -> None:
        with self.lock:
            if self.conn is not None:
                try:
                    self.conn.close()
                finally:
                    self.conn = None
                if not self.read_only:
                    checked.mark_clean(self.path)

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one ``BEGIN IMMEDIATE`` transaction and commit; retry while busy."""
        with self.lock:
            conn = self.connection()

            def attempt() -> T:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    result = fn(conn)
                    _commit(conn)
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                return result

            try:
                return retrying(conn, attempt)
            except sqlite3.Error as err:
                reason = environment_reason(err, self.path.parent)
                raise WriteFailed(f"could not save to {self.path}: {reason or describe(err)}", reason) from None

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one read transaction: a consistent snapshot."""
        with self.lock:
            conn = self.connection()

            def attempt() -> T:
                conn.execute("BEGIN")
                try:
                    return fn(conn)
                finally:
                    if conn.in_transaction:
                        conn.execute("COMMIT")

            try:
                return retrying(conn, attempt)
            except sqlite3.Error as err:
                raise StoreError(f"could not read {self.path}: {describe(err)}") from None

    def data_version(self) -> int | None:
        """``PRAGMA data_version`` (changes when another connection commits); None if unreadable."""
        with self.lock:
            try:
                return int(self.connection().execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:
                return None

    # ------------------------------------------------------------------ backups

    def backup_to(self, dest: Path) -> Path:
        """A consistent copy of the database (SQLite's backup API) at ``dest``, written to a
        temporary name first and renamed into place; readable only by the owner."""
        with self.lock:
            return self._backup(self.connection(), dest)

    def _backup(self, conn: sqlite3.Connection, dest: Path) -> Path:
        tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
        try:
            dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp.unlink(missing_ok=True)
            create_private_file(tmp)
            target = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                retrying(conn, lambda: conn.backup(target))
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
            raise StoreError(f"could not back up to {dest}: {self._why(err, dest.parent)}") from None
        return dest
