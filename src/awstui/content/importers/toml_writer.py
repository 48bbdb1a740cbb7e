"""Write exam questions as exam-bank TOML (docs/content-format.md), exactly and atomically.

Every string is a TOML *basic* string ("..."), escaped so that any text comes back unchanged
from a TOML parser: backslash and quote are escaped, and so is every control character
(including newline, tab and DEL), the C1 controls and the Unicode line/paragraph separators
(so an editor's line numbers agree with a TOML parser's). A run of three or more apostrophes is
written as ``\\u0027`` escapes: it is valid TOML either way, but the content loader's line
locator reads ``'''`` on a key line as the start of a multi-line literal string.

Lone surrogates cannot be written as UTF-8 or escaped in TOML: :func:`toml_string` refuses them
with ValueError (text decoded from a file never holds them).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..models import UNCLASSIFIED, ExamQuestion
from ..text import BIDI_RANGES

_SHORT = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_NEEDS_ESCAPE = re.compile(r"[\x00-\x1f\"\\\x7f-\x9f\u2028\u2029\ufeff]|'{3,}|[\ud800-\udfff]")
# (the bidi overrides: content.text)
_COMMENT_UNSAFE = re.compile(rf"[\x00-\x08\x0a-\x1f\x7f-\x9f{BIDI_RANGES}\u2028\u2029\ufeff\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    s = m.group(0)
    if s in _SHORT:
        return _SHORT[s]
    if s[0] == "'":
        return "\\u0027" * len(s)
    if 0xD800 <= ord(s) <= 0xDFFF:
        raise ValueError(f"text holds a lone surrogate (U+{ord(s):04X}), which TOML cannot store")
    return f"\\u{ord(s):04X}"


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string literal (with its quotes)."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def toml_comment(text: str) -> str:
    """``text`` made safe for a one-line TOML comment (control characters become '?')."""
    return _COMMENT_UNSAFE.sub("?", text)


def _string_list(items: Iterable[str]) -> str:
    items = list(items)
    if not items:
        return "[]"
    return "[\n" + "".join(f"  {toml_string(s)},\n" for s in items) + "]"


def dumps_question(q: ExamQuestion, domain_comment: str = "") -> str:
    """One ``[[question]]`` table; ``domain_comment`` goes after the domain (how it was found)."""
    if isinstance(q.domain, bool) or not (q.domain == UNCLASSIFIED or isinstance(q.domain, int)):
        raise ValueError(f"domain must be an int or {UNCLASSIFIED!r}, not {q.domain!r}")
    domain = str(q.domain) if isinstance(q.domain, int) else toml_string(q.domain)
    lines = [
        "[[question]]",
        f"id = {toml_string(q.id)}",
        f"domain = {domain}" + (f"  # {toml_comment(domain_comment)}" if domain_comment else ""),
        *([f"tasks = [{', '.join(toml_string(t) for t in q.tasks)}]"] if q.tasks else []),
        f"services = {_string_list(q.services)}",
        f"stem = {toml_string(q.stem)}",
        f"options = {_string_list(q.options)}",
        f"answer = [{', '.join(toml_string(k) for k in q.answer)}]",
    ]
    if q.explanation:
        lines.append(f"explanation = {toml_string(q.explanation)}")
    if q.references:
        lines.append(f"references = {_string_list(q.references)}")
    return "\n".join(lines) + "\n"


def dumps_exam(
    questions: Iterable[ExamQuestion], header: Iterable[str] = (), comments: Mapping[str, str] | None = None
) -> str:
    """A whole exam-bank file: optional comment lines, then one table per question
    (``comments``: question id -> the comment of its domain line)."""
    comments = comments or {}
    head = "".join(f"# {toml_comment(line)}\n" for line in header)
    body = "\n".join(dumps_question(q, comments.get(q.id, "")) for q in questions)
    return head + ("\n" if head and body else "") + body


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder and
    ``os.replace``: readers see the old file or the new one, never a half-written one."""
    data = text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:  # make the rename itself durable (POSIX); not possible everywhere
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def write_exam_file(path: Path, questions: Iterable[ExamQuestion], header: Iterable[str] = ()) -> None:
    """Write an exam-bank file atomically (see :func:`dumps_exam`, :func:`write_text_atomic`)."""
    write_text_atomic(path, dumps_exam(questions, header))
