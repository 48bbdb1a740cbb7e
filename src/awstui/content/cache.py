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
import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import TypeVar

from .models import Library

T = TypeVar("T")

CACHE_FORMAT = 2  # 2: the key is kept whole (1 kept its SHA-256)
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


def files_stamp(paths: list[Path]) -> str:
    """Each file's name, size and modification time: changes when any of them is edited or
    replaced (OSError when one cannot be read)."""
    parts = []
    for path in paths:
        st = os.stat(path)
        parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return ",".join(parts)


def _code_version() -> str:
    """The parser's own files (size and mtime): a new awstui, or an edited source tree, is a miss.
    Cheaper than reading the package metadata (importlib.metadata costs ~15 ms to import)."""
    here = Path(__file__).parent
    return files_stamp([here / name for name in PARSER_FILES])


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
    """The whole key, kept in the cache file and compared as it is (a few KB for the bundled
    content): no digest, so a warm start does not import hashlib (~2 ms, its OpenSSL module)."""
    return "\0\0".join((f"{CACHE_FORMAT}\0{_code_version()}\0{sys.version}", *parts))


def _dir_part(root: Path) -> str:
    return f"dir\0{root.resolve()}\0{_dir_entries(root)}"


def fingerprint(dirs: list[Path]) -> str:
    """A key that changes when any file under the content dirs changes (or awstui, or Python)."""
    return _key(*(_dir_part(Path(d)) for d in dirs))


def cache_file(cache_dir: Path, dirs: list[Path], kind: str = "library") -> Path:
    """One file per set of content dirs (two data dirs do not evict each other); ``kind="dir"``
    with one dir: that directory's own entry. The name is only a CRC of the dirs: two sets that
    shared one would take turns in it, never read each other's (the key tells them apart)."""
    which = zlib.crc32("\0".join(str(Path(d).resolve()) for d in dirs).encode("utf-8", "surrogateescape"))
    return cache_dir / f"{kind}-{which:08x}.pickle"


def cached_library(dirs: list[Path], cache_dir: Path) -> Library | None:
    """The cached library when no content file changed since it was written, else None (no parse)."""
    try:
        key = _key(*(_dir_part(Path(d)) for d in dirs))
    except OSError:
        return None
    return read_cached(cache_file(cache_dir, dirs), key, Library)


def load_library_cached(dirs: list[Path], cache_dir: Path | None) -> Library:
    """``load_library(dirs)``, from the cache when no content file changed since it was written.

    On a miss, each content dir is still taken from its own cache entry when none of *its* files
    changed: editing your own notes re-reads only your content dir, not the bundled one."""
    if cache_dir is None:
        return _parse(dirs)
    roots = [Path(d) for d in dirs]
    try:
        parts = [_dir_part(root) for root in roots]  # each dir listed once, for both keys
        key = _key(*parts)  # (the parser's own files unreadable, as in a frozen app: no cache)
    except OSError:
        return _parse(dirs)
    path = cache_file(cache_dir, dirs)
    library = read_cached(path, key, Library)
    if library is not None:
        return library
    from .loader import merge_dirs

    loaded = [_load_dir_cached(root, _key(part), cache_dir) for root, part in zip(roots, parts, strict=True)]
    library = merge_dirs(loaded)
    write_cached(path, key, library)
    _drop_format_1(cache_dir)
    return library


def _drop_format_1(cache_dir: Path) -> None:
    """Remove the files of CACHE_FORMAT 1 (named by 16 hex digits of a SHA-256): never read again."""
    with contextlib.suppress(OSError):
        for old in cache_dir.glob("*-????????????????.pickle"):
            if old.name.split("-", 1)[0] in ("library", "dir"):
                old.unlink(missing_ok=True)


def _load_dir_cached(root: Path, key: str, cache_dir: Path):
    from .loader import DirContent, load_dir

    path = cache_file(cache_dir, [root], kind="dir")
    content = read_cached(path, key, DirContent)
    if content is None:
        content = load_dir(root)
        write_cached(path, key, content)
    return content


def read_cached(path: Path, key: str, kind: type[T]) -> T | None:
    """The ``kind`` value ``write_cached`` kept at ``path`` under ``key``; None when the file is
    missing, damaged, of another kind or has another key."""
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


def write_cached(path: Path, key: str, value: object) -> None:
    """Keep ``value`` at ``path`` under ``key`` (pickled; replaced whole or not at all). A disk
    that cannot take it is skipped: a cache is never worth an error."""
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
