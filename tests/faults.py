"""Failing surroundings for tests: a full disk, an immutable file or folder (real where the
machine allows, else the test is skipped), and a store connection whose writes fail (always)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FULL = (13, "SQLITE_FULL", "database or disk is full")
READONLY = (8, "SQLITE_READONLY", "attempt to write a readonly database")


def sqlite_error(kind: tuple[int, str, str] = FULL) -> sqlite3.OperationalError:
    code, name, text = kind
    err = sqlite3.OperationalError(text)
    err.sqlite_errorcode = code
    err.sqlite_errorname = name
    return err


class FailingConnection:
    """Stands in for a store's connection: everything passes through, except that while
    ``failing`` is set every write transaction fails as SQLite fails on a full disk."""

    def __init__(self, conn: sqlite3.Connection, kind: tuple[int, str, str] = FULL):
        self._conn = conn
        self.kind = kind
        self.failing = True
        self.refused = 0

    def execute(self, sql: str, *args: Any) -> Any:
        if self.failing and sql.lstrip().upper().startswith("BEGIN IMMEDIATE"):
            self.refused += 1
            raise sqlite_error(self.kind)
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def fail_writes(store: Any, kind: tuple[int, str, str] = FULL) -> FailingConnection:
    """From now on ``store``'s writes fail (set ``.failing = False`` on the result to heal)."""
    db = store._db
    failing = FailingConnection(db.conn, kind)
    db.conn = failing
    return failing


def _run(*cmd: str) -> bool:
    try:
        return subprocess.run(cmd, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@contextlib.contextmanager
def tiny_disk(where: Path, size_kib: int = 256) -> Iterator[Path]:
    """A tmpfs of ``size_kib`` mounted at ``where`` (skips the test where mounting is not allowed)."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _run("mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(where)):
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield where
    finally:
        _run("umount", "-l", str(where))


def fill(disk: Path, leave_kib: int = 0) -> Path:
    """Fill ``disk`` so that about ``leave_kib`` KiB stay free; returns the filler (delete it to free)."""
    filler = disk / "filler"
    st = os.statvfs(disk)
    todo = st.f_bavail * st.f_frsize - leave_kib * 1024
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        while todo > 0:
            todo -= os.write(fd, b"\0" * min(todo, 4096))
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[Path]:
    """``chattr +i path`` for the duration (skips the test where it is not allowed)."""
    if not _run("chattr", "+i", str(path)):
        pytest.skip("chattr +i is not available here")
    try:
        yield path
    finally:
        _run("chattr", "-i", str(path))
