"""Whether the state file is exactly as awstui left it when it last closed it: then opening it
checks it with SQLite's ``quick_check`` instead of the full ``integrity_check``.

The full check compares every index with its table. That is how a file damaged from outside
(a disk error, a torn copy) with a broken unique index is caught before a write adds duplicate
rows (tests/unit/state/test_corruption.py), but it reads the whole file: ~35 ms at two years
of daily full exams (13 MB), paid by every start and every ``awstui stats`` (bench/history.py).
A file nobody touched since awstui closed it cleanly cannot have gained such damage from
awstui, so a clean close writes the file's size, modification time and inode beside it
(``state.db-checked``), and an open that finds the file still matching them runs the quick
check only (pages, free list, records: ~1 ms); any other open runs the full one. An open for
writing removes the mark first, so that a crash in the session never leaves one behind;
``quick_check`` still runs on every open.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

SUFFIX = "-checked"


def _mark_path(path: Path) -> Path:
    return Path(f"{path}{SUFFIX}")


def _stamp(path: Path) -> str | None:
    """The file as it is now, or None while a WAL holds pages not yet in it (not as left)."""
    try:
        st = os.stat(path)
        if os.path.getsize(f"{path}-wal"):
            return None
    except FileNotFoundError:
        if not os.path.exists(path):
            return None
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def left_clean(path: Path) -> bool:
    """Whether ``path`` is exactly as the last clean close left it."""
    stamp = _stamp(path)
    if stamp is None:
        return False
    try:
        return _mark_path(path).read_text(encoding="ascii") == stamp
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
        tmp.write_text(stamp, encoding="ascii")
        os.replace(tmp, mark)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
