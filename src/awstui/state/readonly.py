"""Opening a database only to read it, on a data dir that may not be writable (a read-only
mount, an immutable file or folder), without leaving SQLite's -wal/-shm files behind."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from .failures import is_environmental


def _writable(path: Path) -> bool:
    try:
        with open(path, "r+b"):
            return True
    except OSError:
        return False


def _tidy(wal: Path, shm: Path, before: set[Path]) -> None:
    """A way that failed (a full disk) may leave a -shm and an empty -wal it made: not ours to keep."""
    with contextlib.suppress(OSError):
        if wal not in before and wal.exists() and wal.stat().st_size == 0:
            wal.unlink()
        if shm not in before and not wal.exists():
            shm.unlink(missing_ok=True)


def read_only_connection(path: Path, connect: Callable[..., sqlite3.Connection]) -> sqlite3.Connection:
    """A connection that only reads. A file that can be written gets an ordinary connection
    with ``query_only`` (closing it tidies SQLite's -wal/-shm away, as ever; ``mode=ro`` would
    leave them behind); one that cannot gets ``mode=ro`` where SQLite's -shm is already there,
    else ``immutable=1`` (nobody can change it, and nothing is created next to it)."""
    uri = path.absolute().as_uri()
    wal, shm = (Path(f"{path}{suffix}") for suffix in ("-wal", "-shm"))
    ways: list[tuple[str, bool]] = []
    if _writable(path):
        ways.append((str(path), False))
    elif shm.exists():
        ways.append((uri + "?mode=ro", True))
    if not (wal.exists() and wal.stat().st_size > 0):  # a WAL with changes in it must be read
        ways.append((uri + "?mode=ro&immutable=1", True))
    if not ways:
        ways.append((uri + "?mode=ro", True))
    before = {p for p in (wal, shm) if p.exists()}
    for n, (target, is_uri) in enumerate(ways, 1):
        conn = connect(target, uri=is_uri)
        try:
            conn.execute("PRAGMA query_only = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError as err:
            conn.close()
            _tidy(wal, shm, before)
            if not is_environmental(err) or n == len(ways):
                raise
    raise AssertionError("unreachable")  # pragma: no cover
