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
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from .cache import cached_library, load_library_cached
from .models import Library

PIPE_SIZE = 1024 * 1024  # Linux's default limit for an unprivileged process (/proc/sys/fs/pipe-max-size)


def can_fork() -> bool:
    """Whether a child can be forked safely now: Linux, and no other thread running."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def load_library_beside(dirs: list[Path], cache_dir: Path | None) -> Callable[[], Library]:
    """``load_library_cached(dirs, cache_dir)``, begun now: the returned function gives the
    library (waiting for the child if it is still parsing). Call it once."""
    if cache_dir is not None:
        hit = cached_library(dirs, cache_dir)
        if hit is not None:
            return lambda: hit
    if not can_fork():
        return lambda: load_library_cached(dirs, cache_dir)
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return lambda: load_library_cached(dirs, cache_dir)
    with contextlib.suppress(OSError, AttributeError):  # room for the whole answer (~0.9 MB): one write
        import fcntl  # (Linux only, as the fork)

        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return lambda: load_library_cached(dirs, cache_dir)
    if pid == 0:  # the child: parse, answer, leave
        os.close(read_end)
        with contextlib.suppress(OSError):  # the parent's start goes first where they share a core
            os.nice(10)
        _child(write_end, dirs, cache_dir)
    os.close(write_end)
    return lambda: _take(pid, read_end, dirs, cache_dir)


def _child(write_end: int, dirs: list[Path], cache_dir: Path | None) -> None:
    code = 1
    try:
        data = pickle.dumps(load_library_cached(dirs, cache_dir), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as out:
            out.write(data)
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)


def _take(pid: int, read_end: int, dirs: list[Path], cache_dir: Path | None) -> Library:
    """The child's library; parsed here instead when its answer is missing or not a library."""
    data = b""
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
    library = None
    if data and os.waitstatus_to_exitcode(status) == 0:
        try:
            library = pickle.loads(data)
        except Exception:
            library = None
    if not isinstance(library, Library):
        return load_library_cached(dirs, cache_dir)
    return library
