"""What an SQLite error says about the surroundings: busy, or a disk / permission problem,
told in the learner's words (a full disk says so, not "disk I/O error")."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

# SQLite's primary result codes (the low byte of an extended code)
PERM, BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN = 3, 5, 6, 8, 10, 13, 14
LOW_SPACE_BYTES = 1024 * 1024  # under this much room, an I/O error is taken for a full disk


def _primary(err: sqlite3.Error) -> int | None:
    code = getattr(err, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_busy(err: sqlite3.Error) -> bool:
    code = _primary(err)
    if code is not None:
        return code in (BUSY, LOCKED)  # and their extended codes
    text = str(err).lower()
    return "locked" in text or "busy" in text


def is_environmental(err: sqlite3.Error) -> bool:
    """Errors about the surroundings (permissions, disk, I/O), not about the file's content."""
    code = _primary(err)
    if code is None:
        return isinstance(err, sqlite3.OperationalError) and "unable to open" in str(err)
    return code in (PERM, READONLY, IOERR, FULL, CANTOPEN)


def free_bytes(folder: Path) -> int | None:
    """Room left for an ordinary user on the file system holding ``folder`` (None: unknown)."""
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):
        return None
    return st.f_bavail * st.f_frsize


def disk_full(folder: Path) -> bool:
    free = free_bytes(folder)
    return free is not None and free < LOW_SPACE_BYTES


def os_reason(err: OSError, folder: Path) -> str:
    """An OSError in the learner's words: a full disk says so, naming the folder."""
    if err.errno == errno.ENOSPC:
        return f"the disk is full (no room left in {folder})"
    return err.strerror or str(err)


def environment_reason(err: sqlite3.Error, folder: Path) -> str | None:
    """A short reason for an environmental error (``"the disk is full"``), else None."""
    if not is_environmental(err):
        return None
    code = _primary(err)
    if code == FULL or (code == IOERR and disk_full(folder)):
        return f"the disk is full (no room left in {folder})"
    if code == READONLY:
        return f"the database is read-only (it cannot be written in {folder})"
    if code == PERM:
        return f"permission denied (in {folder})"
    if code == IOERR:
        return f"disk I/O error (in {folder})"
    return f"the file cannot be opened (in {folder})"
