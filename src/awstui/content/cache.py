"""A parse cache for the content, so a launch does not parse unchanged files again.

Parsing the bundled content takes ~135 ms on a slow machine, 80 of them in ``tomllib`` (its
basic-string scanner goes one character at a time through 240 KB of exam questions); that was
the largest part of awstui's start after Textual itself (bench/startup.py). The parsed
``Library`` (problems included) is pickled in the user cache dir under a key made of every file
in the content dirs (path, size, modification time in ns), the parser's own source files and
the Python version. Any change to any file, or a new awstui, is a miss: the content is parsed
as before and the cache rewritten, except that each content dir also has its own entry (its
parsed files and their problems), so a miss re-reads only the dirs whose files changed:
editing your own notes does not parse the bundled content again. A cache that cannot be read
(damaged, truncated, from another version) is ignored and replaced; one that cannot be written
(read-only disk) is skipped. ``awstui check`` never uses it.

The pickle lives in the learner's own cache dir (0700), as trusted as their config files.
Pure Python: never imports textual.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TypeVar

from .models import Library

T = TypeVar("T")

CACHE_FORMAT = 1
# the modules whose code decides what a parse gives: any change to one of them is a miss
PARSER_FILES = (
    "loader.py",
    "toml_source.py",
    "fields.py",
    "services.py",
    "tables.py",
    "models.py",
    "text.py",
    "cache.py",
)


def _code_version() -> str:
    """The parser's own files (size and mtime): a new awstui, or an edited source tree, is a miss.
    Cheaper than reading the package metadata (importlib.metadata costs ~15 ms to import)."""
    here = Path(__file__).parent
    parts = []
    for name in PARSER_FILES:
        st = os.stat(here / name)
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return ",".join(parts)


def _dir_entries(root: Path) -> str:
    """Every file under one content dir with its size and modification time, or "missing"."""
    if not root.is_dir():
        return "missing"
    entries = []
    for folder, subdirs, names in os.walk(root):
        subdirs.sort()
        for name in names:
            st = os.stat(os.path.join(folder, name))
            rel = os.path.relpath(os.path.join(folder, name), root)
            entries.append(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}")
    return "\n".join(sorted(entries))


def _key(*parts: str) -> str:
    h = hashlib.sha256()
    h.update(f"{CACHE_FORMAT}\0{_code_version()}\0{sys.version}\0".encode())
    for part in parts:
        h.update(part.encode("utf-8", "surrogateescape"))
        h.update(b"\0\0")
    return h.hexdigest()


def _dir_part(root: Path) -> str:
    return f"dir\0{root.resolve()}\0{_dir_entries(root)}"


def fingerprint(dirs: list[Path]) -> str:
    """A key that changes when any file under the content dirs changes (or awstui, or Python)."""
    return _key(*(_dir_part(Path(d)) for d in dirs))


def cache_file(cache_dir: Path, dirs: list[Path], kind: str = "library") -> Path:
    """One file per set of content dirs (two data dirs do not evict each other); ``kind="dir"``
    with one dir: that directory's own entry."""
    which = hashlib.sha256("\0".join(str(Path(d).resolve()) for d in dirs).encode()).hexdigest()[:16]
    return cache_dir / f"{kind}-{which}.pickle"


def cached_library(dirs: list[Path], cache_dir: Path) -> Library | None:
    """The cached library when no content file changed since it was written, else None (no parse)."""
    try:
        key = _key(*(_dir_part(Path(d)) for d in dirs))
    except OSError:
        return None
    return _read(cache_file(cache_dir, dirs), key, Library)


def load_library_cached(dirs: list[Path], cache_dir: Path | None) -> Library:
    """``load_library(dirs)``, from the cache when no content file changed since it was written.

    On a miss, each content dir is still taken from its own cache entry when none of *its* files
    changed: editing your own notes re-reads only your content dir, not the bundled one."""
    if cache_dir is None:
        return _parse(dirs)
    roots = [Path(d) for d in dirs]
    try:
        parts = [_dir_part(root) for root in roots]  # each dir listed once, for both keys
    except OSError:
        return _parse(dirs)
    path = cache_file(cache_dir, dirs)
    key = _key(*parts)
    library = _read(path, key, Library)
    if library is not None:
        return library
    from .loader import merge_dirs

    loaded = [_load_dir_cached(root, _key(part), cache_dir) for root, part in zip(roots, parts, strict=True)]
    library = merge_dirs(loaded)
    _write(path, key, library)
    return library


def _load_dir_cached(root: Path, key: str, cache_dir: Path):
    from .loader import DirContent, load_dir

    path = cache_file(cache_dir, [root], kind="dir")
    content = _read(path, key, DirContent)
    if content is None:
        content = load_dir(root)
        _write(path, key, content)
    return content


def _read(path: Path, key: str, kind: type[T]) -> T | None:
    try:
        with open(path, "rb") as f:
            stored_key, value = pickle.load(f)
        if stored_key == key and isinstance(value, kind):
            return value
    except Exception:  # missing, damaged, or written by another version: parse instead
        pass
    return None


def _parse(dirs: list[Path]) -> Library:
    from .loader import load_library  # only on a miss: a warm start never loads the parser or tomllib

    return load_library(dirs)


def _write(path: Path, key: str, value: object) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(path.parent, 0o700)
        with open(tmp, "wb") as f:
            pickle.dump((key, value), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException as exc:  # (an interrupt too: no temporary file is left behind)
        with contextlib.suppress(OSError):
            tmp.unlink()
        if not isinstance(exc, OSError):
            raise
