"""The content parse cache: a hit gives the same library; any change, damage or missing dir is a miss."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from awstui.content import load_library
from awstui.content.cache import cache_file, fingerprint, load_library_cached
from awstui.paths import bundled_content_dir, cache_dir


@pytest.fixture
def content(tmp_path) -> Path:
    """A copy of the bundled content the tests may edit."""
    root = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), root)
    return root


def test_second_load_comes_from_the_cache_and_equals_a_parse(tmp_path, content):
    cache = tmp_path / "cache"
    first = load_library_cached([content], cache)
    path = cache_file(cache, [content])
    assert path.is_file()
    written = path.stat().st_mtime_ns
    second = load_library_cached([content], cache)
    assert path.stat().st_mtime_ns == written  # read, not rewritten
    parsed = load_library([content])
    assert second == parsed == first
    assert second.service("dynamodb") is not None and second.exam == parsed.exam


def test_an_edited_file_is_parsed_again(tmp_path, content):
    cache = tmp_path / "cache"
    load_library_cached([content], cache)
    note = content / "services" / "dynamodb.md"
    note.write_text(note.read_text(encoding="utf-8") + "\n- a new bullet from the learner\n", encoding="utf-8")
    again = load_library_cached([content], cache)
    texts = [b.text for _, b in again.service("dynamodb").bullets()]
    assert "a new bullet from the learner" in texts


def test_a_new_and_a_removed_file_are_seen(tmp_path, content):
    cache = tmp_path / "cache"
    before = load_library_cached([content], cache)
    (content / "services" / "opsworks.md").unlink()
    after = load_library_cached([content], cache)
    assert before.service("opsworks") is not None and after.service("opsworks") is None


def test_problems_are_kept_in_the_cache(tmp_path, content):
    cache = tmp_path / "cache"
    (content / "questions.toml").write_text("[[question]]\nid = 3\n", encoding="utf-8")
    first = load_library_cached([content], cache)
    second = load_library_cached([content], cache)
    assert first.problems and second.problems == first.problems


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_cache_is_replaced(tmp_path, content, damage):
    cache = tmp_path / "cache"
    load_library_cached([content], cache)
    path = cache_file(cache, [content])
    path.write_bytes(damage)
    library = load_library_cached([content], cache)
    assert library == load_library([content])
    assert path.read_bytes() != damage  # rewritten


def test_an_unwritable_cache_dir_still_loads(tmp_path, content):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache dir should be", encoding="utf-8")
    library = load_library_cached([content], blocker)
    assert library == load_library([content])
    assert not list(tmp_path.glob("cache*.tmp"))


def test_no_cache_dir_means_no_cache(tmp_path, content):
    library = load_library_cached([content], None)
    assert library == load_library([content])


def test_fingerprint_follows_files_and_dirs(tmp_path, content):
    key = fingerprint([content])
    assert fingerprint([content]) == key
    other = tmp_path / "mine"
    assert fingerprint([content, other]) != key  # a missing learner dir is part of the key
    other.mkdir()
    (other / "questions.toml").write_text("", encoding="utf-8")
    assert fingerprint([content, other]) != fingerprint([content, tmp_path / "mine-missing"])
    target = content / "categories.toml"
    st = target.stat()
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert fingerprint([content]) != key


def test_cache_dir_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("AWSTUI_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.setenv("AWSTUI_CACHE_DIR", "")
    assert cache_dir() is None
    monkeypatch.delenv("AWSTUI_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "awstui"


def test_editing_one_dir_reparses_only_that_dir(tmp_path, content, monkeypatch):
    from awstui.content import loader

    mine = tmp_path / "mine"
    (mine / "services").mkdir(parents=True)
    note = content / "services" / "lambda.md"
    (mine / "services" / "lambda.md").write_text(note.read_text(encoding="utf-8"), encoding="utf-8")
    cache = tmp_path / "cache"
    first = load_library_cached([content, mine], cache)
    read = []
    real = loader.load_dir
    monkeypatch.setattr(loader, "load_dir", lambda root: read.append(root) or real(root))
    edited = mine / "services" / "lambda.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n- my own bullet\n", encoding="utf-8")
    again = load_library_cached([content, mine], cache)
    assert read == [mine]  # the bundled copy came from its own cache entry
    assert "my own bullet" in [b.text for _, b in again.service("lambda").bullets()]
    assert "my own bullet" not in [b.text for _, b in first.service("lambda").bullets()]
    assert again == load_library([content, mine])


def test_a_miss_removes_the_files_of_the_first_cache_format(tmp_path, content):
    cache = tmp_path / "cache"
    cache.mkdir()
    old = [cache / "library-45854cf29049ef48.pickle", cache / "dir-0123456789abcdef.pickle"]
    other = cache / "textual-css.pickle"
    for path in [*old, other]:
        path.write_bytes(b"x")
    load_library_cached([content], cache)
    assert not any(path.exists() for path in old)
    assert other.exists() and cache_file(cache, [content]).is_file()


def test_a_parser_whose_files_cannot_be_read_parses_without_the_cache(tmp_path, content, monkeypatch):
    """A frozen app or a .pyc-only install: the parser's own files cannot be stamped, so the
    content is parsed each time (it was an uncaught FileNotFoundError)."""
    from awstui.content import cache as module

    monkeypatch.setattr(module, "PARSER_FILES", (*module.PARSER_FILES, "gone.py"))
    cache = tmp_path / "cache"
    assert load_library_cached([content], cache) == load_library([content])
    assert not cache.exists() or not list(cache.iterdir())
