"""content/beside.py: on a parse-cache miss the content is parsed in a forked child while the
caller goes on; the library it hands back is the one a parse here gives, and any failure of
the child means a parse here. A cache hit forks nothing."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from awstui.content import beside, load_library
from awstui.content.beside import load_library_beside
from awstui.content.cache import cache_file, cached_library
from awstui.paths import bundled_content_dir

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fork is used on Linux only")


@pytest.fixture
def content(tmp_path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), root)
    return root


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """The pids of the children forked (the test worker may hold idle threads of earlier tests:
    the check for other threads is taken as passed)."""
    pids: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(beside, "can_fork", lambda: True)
    monkeypatch.setattr(beside.os, "fork", fork)
    return pids


def test_a_miss_is_parsed_in_a_child_that_also_writes_the_cache(tmp_path, content, forks):
    cache = tmp_path / "cache"
    pending = load_library_beside([content], cache)
    assert len(forks) == 1 and forks[0] != os.getpid()
    library = pending.take()
    assert library == load_library([content]) and library.service("dynamodb") is not None
    assert cache_file(cache, [content]).is_file() and cached_library([content], cache) == library
    with pytest.raises(ChildProcessError):
        os.waitpid(forks[0], os.WNOHANG)  # reaped: no zombie left
    again = load_library_beside([content], cache)
    assert len(forks) == 1 and again.take() == library  # a hit: nothing forked


def test_with_no_cache_dir_the_child_still_parses(content, forks):
    library = load_library_beside([content], None).take()
    assert len(forks) == 1 and library == load_library([content])


def test_problems_come_back_from_the_child(tmp_path, content, forks):
    (content / "questions.toml").write_text("[[question]]\nid = 3\n", encoding="utf-8")
    library = load_library_beside([content], tmp_path / "cache").take()
    assert len(forks) == 1 and library.problems and library.problems == load_library([content]).problems


def test_a_child_that_fails_means_a_parse_here(tmp_path, content, forks, monkeypatch):
    parent = os.getpid()
    real = beside.load_library_cached

    def fails_in_the_child(dirs, cache_dir):
        if os.getpid() != parent:
            raise RuntimeError("the child breaks")
        return real(dirs, cache_dir)

    monkeypatch.setattr(beside, "load_library_cached", fails_in_the_child)
    library = load_library_beside([content], tmp_path / "cache").take()
    assert len(forks) == 1 and library == load_library([content])


def test_an_answer_that_is_not_a_library_means_a_parse_here(tmp_path, content, forks, monkeypatch):
    parent = os.getpid()
    real = beside.pickle.dumps
    monkeypatch.setattr(
        beside.pickle, "dumps", lambda value, protocol: real(value, protocol)[:100] if os.getpid() != parent else b""
    )
    library = load_library_beside([content], tmp_path / "cache").take()
    assert len(forks) == 1 and library == load_library([content])


def test_nothing_is_forked_while_other_threads_run_or_without_fork(tmp_path, content, monkeypatch):
    import threading

    forked: list[int] = []
    monkeypatch.setattr(beside.os, "fork", lambda: forked.append(1) or 0)
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert beside.can_fork() is False
    assert load_library_beside([content], tmp_path / "cache").take() == load_library([content])
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(beside.sys, "platform", "darwin")
    assert beside.can_fork() is False
    assert forked == []


def _script(code: str, tmp_path: Path) -> str:
    """Run ``code`` in a Python of its own (a child that went astray would run pytest on)."""
    import subprocess

    src = Path(beside.__file__).parents[2]
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    return done.stdout + done.stderr


PRELUDE = """
import os, shutil, signal, sys, time
from pathlib import Path
from awstui.content import beside
from awstui.paths import bundled_content_dir
tmp = Path(sys.argv[1]); shutil.copytree(bundled_content_dir(), tmp / "content")
parent = os.getpid()
"""


def test_an_interrupt_in_the_child_never_runs_the_callers_code(tmp_path):
    """Ctrl-C reaches both processes at once: the child ignores it (it ends by itself), and one
    raised anywhere in the child ends the child, never returning into the caller's code."""
    code = PRELUDE + (
        "def nice(n):\n"
        "    raise KeyboardInterrupt  # as a SIGINT at this moment would\n"
        "beside.os.nice = nice\n"
        "pending = beside.load_library_beside([tmp / 'content'], tmp / 'cache')\n"
        "print('parent' if os.getpid() == parent else 'CHILD', 'returned', flush=True)\n"
        "print('library', type(pending.take()).__name__, flush=True)\n"
    )
    out = _script(code, tmp_path)
    assert "CHILD" not in out and "parent returned" in out and "library Library" in out, out


def test_a_ctrl_c_during_the_start_leaves_the_child_to_finish_its_parse_and_cache(tmp_path):
    code = PRELUDE + (
        "pids = []; real = os.fork\n"
        "def fork():\n"
        "    p = real(); pids.append(p) if p else None; return p\n"
        "beside.os.fork = fork\n"
        "pending = beside.load_library_beside([tmp / 'content'], tmp / 'cache')\n"
        "time.sleep(0.05); os.kill(pids[0], signal.SIGINT)\n"
        "lib = pending.take()\n"
        "print('library', len(lib.services), 'left', sorted(p.name for p in (tmp / 'cache').glob('*.tmp')))\n"
        "print('cached', len(list((tmp / 'cache').glob('*.pickle'))))\n"
    )
    out = _script(code, tmp_path)
    assert "left []" in out and "cached 2" in out and "library 55" in out, out


def test_a_start_that_stops_early_leaves_no_child_and_no_pipe(tmp_path):
    """``close()``, as cli/app.py's start does when it stops before taking the library (a store
    that cannot be opened): the child stopped and reaped, the pipe closed, even when the child
    waits to write an answer bigger than the pipe."""
    code = PRELUDE + (
        "import fcntl\n"
        "real_fcntl = fcntl.fcntl\n"
        "def refuse(fd, cmd, *a):\n"
        "    if cmd == fcntl.F_SETPIPE_SZ: raise PermissionError(1, 'no')\n"
        "    return real_fcntl(fd, cmd, *a)\n"
        "fcntl.fcntl = refuse  # a 64 KiB pipe: the child blocks writing\n"
        "before = set(os.listdir('/proc/self/fd'))\n"
        "pids = []; real = os.fork\n"
        "def fork():\n"
        "    p = real(); pids.append(p) if p else None; return p\n"
        "beside.os.fork = fork\n"
        "pending = beside.load_library_beside([tmp / 'content'], tmp / 'cache')\n"
        "time.sleep(0.5)\n"
        "pending.close(); pending.close()\n"
        "print('fds', sorted(set(os.listdir('/proc/self/fd')) - before), 'child', os.path.exists(f'/proc/{pids[0]}'))\n"
    )
    out = _script(code, tmp_path)
    assert "fds [] child False" in out, out
