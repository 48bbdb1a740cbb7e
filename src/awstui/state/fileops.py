"""File helpers for the state's files: private to their owner, and durable on disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner; fine if it already exists."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def make_private(path: Path) -> None:
    """Take group and other permissions off ``path`` (quietly, where it is not ours to change)."""
    try:
        if stat.S_IMODE(os.stat(path).st_mode) & 0o077:
            os.chmod(path, 0o600)
    except OSError:  # not ours to change: keep going
        pass


def fsync_dir(path: Path) -> None:
    """Make a rename in folder ``path`` durable (where the system lets a folder be synced)."""
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
