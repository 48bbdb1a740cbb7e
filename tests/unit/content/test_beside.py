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
    take = load_library_beside([content], cache)
    assert len(forks) == 1 and forks[0] != os.getpid()
    library = take()
    assert library == load_library([content]) and library.service("dynamodb") is not None
    assert cache_file(cache, [content]).is_file() and cached_library([content], cache) == library
    with pytest.raises(ChildProcessError):
        os.waitpid(forks[0], os.WNOHANG)  # reaped: no zombie left
    again = load_library_beside([content], cache)
    assert len(forks) == 1 and again() == library  # a hit: nothing forked


def test_with_no_cache_dir_the_child_still_parses(content, forks):
    library = load_library_beside([content], None)()
    assert len(forks) == 1 and library == load_library([content])


def test_problems_come_back_from_the_child(tmp_path, content, forks):
    (content / "questions.toml").write_text("[[question]]\nid = 3\n", encoding="utf-8")
    library = load_library_beside([content], tmp_path / "cache")()
    assert len(forks) == 1 and library.problems and library.problems == load_library([content]).problems


def test_a_child_that_fails_means_a_parse_here(tmp_path, content, forks, monkeypatch):
    parent = os.getpid()
    real = beside.load_library_cached

    def fails_in_the_child(dirs, cache_dir):
        if os.getpid() != parent:
            raise RuntimeError("the child breaks")
        return real(dirs, cache_dir)

    monkeypatch.setattr(beside, "load_library_cached", fails_in_the_child)
    library = load_library_beside([content], tmp_path / "cache")()
    assert len(forks) == 1 and library == load_library([content])


def test_an_answer_that_is_not_a_library_means_a_parse_here(tmp_path, content, forks, monkeypatch):
    parent = os.getpid()
    real = beside.pickle.dumps
    monkeypatch.setattr(
        beside.pickle, "dumps", lambda value, protocol: real(value, protocol)[:100] if os.getpid() != parent else b""
    )
    library = load_library_beside([content], tmp_path / "cache")()
    assert len(forks) == 1 and library == load_library([content])


def test_nothing_is_forked_while_other_threads_run_or_without_fork(tmp_path, content, monkeypatch):
    import threading

    forked: list[int] = []
    monkeypatch.setattr(beside.os, "fork", lambda: forked.append(1) or 0)
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert beside.can_fork() is False
    assert load_library_beside([content], tmp_path / "cache")() == load_library([content])
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(beside.sys, "platform", "darwin")
    assert beside.can_fork() is False
    assert forked == []
