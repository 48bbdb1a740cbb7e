"""Whether the state file is exactly as awstui left it when it last closed it: then opening it
checks it with SQLite's ``quick_check`` instead of the full ``integrity_check``.

The full check compares every index with its table. That is how a file damaged from outside
(a disk error, a torn copy) with a broken unique index is caught before a write adds duplicate
rows (tests/unit/state/test_corruption.py), but it reads the whole file: ~35 ms at two years
of daily full exams (13 MB), paid by every start and every ``awstui stats`` (bench/history.py).
A file nobody touched since awstui closed it cleanly cannot have gained such damage from
awstui, so a clean close writes the file's size, modification and change times, inode and
device beside it (``state.db-checked``), and an open that finds the file still matching them
runs the quick check only (pages, free list, records: ~1 ms); any other open runs the full one.
The change time (ctime) is what a copy back (``cp -a``), a restored backup or a write in the
same clock tick cannot keep: nothing sets it back. An open for writing removes the mark first,
so that a crash in the session never leaves one behind; ``quick_check`` still runs on every
open. What no stamp sees: bits that rot on the disk under an untouched file; quick_check
catches them in pages and records, not in an index.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

SUFFIX = "-checked"


def _mark_path(path: Path) -> Path:
    return Path(f"{path}{SUFFIX}")


def _stamp(path: Path) -> str | None:
    """The file as it is now, or None while a WAL holds pages not yet in it (not as left)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    try:
        if os.path.getsize(f"{path}-wal"):
            return None
    except FileNotFoundError:
        pass  # (no WAL: every page is in the file)
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"


def left_clean(path: Path) -> bool:
    """Whether ``path`` is exactly as the last clean close left it."""
    stamp = _stamp(path)
    if stamp is None:
        return False
    mark = _mark_path(path)
    try:
        if not stat.S_ISREG(os.lstat(mark).st_mode):  # (a FIFO would block the read)
            return False
        return mark.read_text(encoding="ascii") == stamp
    except (OSError, ValueError):
        return False


def forget(path: Path) -> None:
    """The file is about to be written: no mark stays behind (a crash must not leave one)."""
    with contextlib.suppress(OSError):
        _mark_path(path).unlink(missing_ok=True)


def mark_clean(path: Path) -> None:
    """After a clean close: the file as it is now (nothing when a WAL still holds pages)."""
    stamp = _stamp(path)
    if stamp is None:
        return
    mark = _mark_path(path)
    tmp = mark.with_name(f"{mark.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # private, as the file it describes
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(stamp)
        os.replace(tmp, mark)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
