"""Parsing the content beside the rest of the start: in a forked child, on a parse-cache miss.

A launch that finds no parse cache (the first one, or one after the content changed) parses
the content: ~45 ms here, half of it TOML (bench/startup.py). Meanwhile the app has work
that does not need the content: opening the store and importing Textual (~130 ms). So on
such a launch, on Linux, a child forked for it parses the content (and writes the cache) on
another core, and hands the library back pickled through a pipe; the app takes it when it
builds its window. On a cache hit (most launches) nothing is forked: reading the cache is as
quick as reading the child's answer.

Where there is no ``fork`` (Windows), where it is not safe to use (macOS: system libraries may
hold locks; a process that already runs threads), or when the child fails in any way, the
library is parsed in the process, as before: the same library, only later.

The fork happens before the store is opened and before Textual is imported: the child holds
no database handle and no terminal, and leaves with ``os._exit`` (no buffers of the parent
are flushed twice, no exit handlers run). Pure Python: never imports textual.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from .cache import cached_library, load_library_cached
from .models import Library

PIPE_SIZE = 1024 * 1024  # Linux's default limit for an unprivileged process (/proc/sys/fs/pipe-max-size)


def can_fork() -> bool:
    """Whether a child can be forked safely now: Linux, and no other thread running."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


class Beside:
    """The library on its way: ``take()`` gives it (waiting for the child if it is still
    parsing, or parsing here); ``close()`` gives it up (a start that stops early): the child is
    stopped and reaped, its pipe closed. Either, once; ``close`` after ``take`` does nothing."""

    def __init__(self, dirs: list[Path], cache_dir: Path | None, *, library: Library | None = None,
                 pid: int | None = None, read_end: int | None = None) -> None:  # fmt: skip
        self._dirs, self._cache_dir = dirs, cache_dir
        self._library, self._pid, self._read_end = library, pid, read_end

    def take(self) -> Library:
        if self._library is None:
            data, ok = self._answer()
            library = None
            if data and ok:
                try:
                    library = pickle.loads(data)
                except Exception:
                    library = None
            if not isinstance(library, Library):
                library = load_library_cached(self._dirs, self._cache_dir)
            self._library = library
        return self._library

    def close(self) -> None:
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            self._answer()

    def _answer(self) -> tuple[bytes, bool]:
        """All the child wrote and whether it ended well; the pipe closed, the child reaped."""
        if self._pid is None or self._read_end is None:
            return b"", False
        pid, read_end, self._pid, self._read_end = self._pid, self._read_end, None, None
        data, status = b"", 1
        try:
            with os.fdopen(read_end, "rb") as answer:
                data = answer.read()
        except OSError:
            pass
        finally:
            try:
                _, status = os.waitpid(pid, 0)
            except ChildProcessError:  # (reaped elsewhere: SIGCHLD ignored)
                status = 0
        return data, os.waitstatus_to_exitcode(status) == 0


def load_library_beside(dirs: list[Path], cache_dir: Path | None) -> Beside:
    """``load_library_cached(dirs, cache_dir)``, begun now (see ``Beside``)."""
    if cache_dir is not None:
        hit = cached_library(dirs, cache_dir)
        if hit is not None:
            return Beside(dirs, cache_dir, library=hit)
    if not can_fork():
        return Beside(dirs, cache_dir)
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return Beside(dirs, cache_dir)
    with contextlib.suppress(OSError, AttributeError):  # room for the whole answer (~0.9 MB): one write
        import fcntl  # (Linux only, as the fork)

        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    # Ctrl-C is held back across the fork: the child ignores it before it could raise there (it
    # ends by itself within ~0.1 s), the parent gets it once the fork is done
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(read_end)
        os.close(write_end)
        return Beside(dirs, cache_dir)
    if pid == 0:  # the child: parse, answer, leave (never returns)
        _child(read_end, write_end, dirs, cache_dir, held)
    signal.pthread_sigmask(signal.SIG_SETMASK, held)
    os.close(write_end)
    return Beside(dirs, cache_dir, pid=pid, read_end=read_end)


def _child(read_end: int, write_end: int, dirs: list[Path], cache_dir: Path | None, held: Any) -> None:
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(read_end)
        with contextlib.suppress(OSError):  # the parent's start goes first where they share a core
            os.nice(10)
        data = pickle.dumps(load_library_cached(dirs, cache_dir), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as out:
            out.write(data)
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)
