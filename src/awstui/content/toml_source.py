"""TOML source: reading a content file, parsing TOML with positions, and the line locator.

The one place that knows about the TOML parser: ``tomli`` (faster, compiled) or ``tomllib``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from .models import (
    ContentError,
    Problem,
)


@functools.cache
def _toml() -> Any:
    """The TOML parser, imported on first use (a start with a warm parse cache never parses):
    tomli when installed, whose compiled wheels parse the bundled content in ~30 ms where
    tomllib's one-character-at-a-time string scanner takes ~85 ms (a first launch, or content
    just edited), else tomllib (tomli's own code, in the standard library since 3.11)."""
    try:
        import tomli

        return tomli
    except ImportError:  # pragma: no cover - a platform without tomli
        import tomllib

        return tomllib


def __getattr__(name: str) -> Any:
    if name == "tomllib":  # the parser module, as the loader and the bank importer use it
        return _toml()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


MAX_FILE_BYTES = 1024 * 1024


def read_text(path: Path) -> str:
    """A content file's text, or ContentError (too big, unreadable, not UTF-8)."""
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ContentError(
                [Problem(shown, 1, 1, f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,} limit: not read")]
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError([Problem(shown, 1, 1, f"cannot read file: {exc.strerror or exc}")]) from None
    if len(data) > MAX_FILE_BYTES:  # grew while we looked
        raise ContentError([Problem(shown, 1, 1, f"file is over the {MAX_FILE_BYTES:,} byte limit: not read")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError([Problem(shown, line, col, "not valid UTF-8 text")]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_toml(text: str, path: str, line_offset: int = 0) -> dict[str, Any]:
    try:
        return _toml().loads(text)
    except _toml().TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_POS.search(msg)
        if m:
            line, col = int(m.group(1)), int(m.group(2))
            msg = msg[: m.start()].strip()
        else:
            line, col = text.count("\n") + 1, 1
            msg = msg.replace("(at end of document)", "").strip() + " (at end of document)"
        raise ContentError([Problem(path, line + line_offset, col, f"invalid TOML: {msg}")]) from None
    except (ValueError, RecursionError) as exc:  # e.g. deeply nested arrays
        raise ContentError([Problem(path, 1 + line_offset, 1, f"invalid TOML: {exc}")]) from None


# --------------------------------------------------------------------------- key locations


KEY_LINE = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")


_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*""""{0,2}'  # multi-line basic string
    r"|'''(?:[^']|'(?!''))*''''{0,2}"  # multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*"'  # basic string
    r"|'[^'\n]*'"  # literal string
    r"|#[^\n]*"  # comment
    r"|\n",
    re.S,
)


def _code_lines(text: str):
    """Yield ``(line number, line)`` for lines that start outside any TOML string, so text inside
    multi-line strings never looks like a key or a table header."""
    lines = text.split("\n")
    line = 1
    yield 1, lines[0]
    for m in _TOKENS.finditer(text):
        token = m.group()
        if token == "\n":
            line += 1
            yield line, lines[line - 1]
        else:
            line += token.count("\n")


class Locator:
    """Finds the line of a key in TOML text (a best effort: tomllib keeps no positions).

    Lines are read outside strings only: a small scanner follows basic, literal and multi-line
    strings, so text inside them never looks like a key or a table header."""

    def __init__(self, text: str, line_offset: int = 0):
        self.offset = line_offset
        self._text: str | None = text  # scanned on the first lookup: content without problems never pays
        # (table name or "", entry index, key) -> (line, column)
        self.keys: dict[tuple[str, int, str], tuple[int, int]] = {}
        self.headers: dict[tuple[str, int], int] = {}

    def _scan(self) -> None:
        text, self._text = self._text or "", None
        counts: dict[str, int] = {}
        table, index = "", 0
        for lineno, line in _code_lines(text):
            h = _HEADER.match(line)
            if h:
                table = h.group(2)
                if h.group(1) == "[[":
                    index = counts.get(table, -1) + 1
                    counts[table] = index
                else:
                    index = 0
                self.headers.setdefault((table, index), lineno)
                continue
            k = KEY_LINE.match(line)
            if k:
                key = k.group(1).strip("\"'")
                col = line.index(k.group(1)) + 1
                self.keys.setdefault((table, index, key), (lineno, col))

    def at(self, table: str, index: int, key: str | None = None) -> tuple[int, int]:
        if self._text is not None:
            self._scan()
        if key is not None and (table, index, key) in self.keys:
            line, col = self.keys[(table, index, key)]
        elif (table, index) in self.headers:
            line, col = self.headers[(table, index)], 1
        else:
            line, col = 1, 1
        return line + self.offset, col


def header_lines(text: str, name: str) -> list[int]:
    """Line numbers of the ``[[name]]`` headers, found by a plain line search: ~30x cheaper than
    the string-aware scan of ``Locator``, which a start without a warm parse cache paid on every
    file just to give each item its line. A header-like line inside a multi-line string would be
    counted too: callers check the count against the parsed tables and fall back to the scan."""
    lines, line, pos = [], 1, 0
    for m in re.finditer(rf"^[ \t]*\[\[[ \t]*{re.escape(name)}[ \t]*\]\]", text, re.M):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        lines.append(line)
    return lines
