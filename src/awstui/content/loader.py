"""Load and validate content directories.

Every problem is reported, all at once, as a :class:`Problem` (``path:line:column: key: message``).
Whole-directory loading keeps every valid item and reports the rest; the ``parse_*_text``
functions (one file's text) return items or raise :class:`ContentError`. Nothing here lets an
exception other than ``ContentError`` escape for bad input.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):  # noqa: UP036 - tomli stays the fallback for older Pythons (DESIGN)
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .models import (
    OPTION_KEYS,
    UNCLASSIFIED,
    Bullet,
    Category,
    ContentError,
    ExamQuestion,
    Library,
    OpenQuestion,
    Problem,
    Service,
    stated_choose_count,
)

MAX_FILE_BYTES = 1024 * 1024
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
FRONT_MATTER = "+++"
UNCATEGORISED = Category("uncategorised", "Uncategorised", 100_000)


# --------------------------------------------------------------------------- reading files


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


def _parse_toml(text: str, path: str, line_offset: int = 0) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
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


_KEY_LINE = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
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


class _Locator:
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
        text, self._text = self._text, None
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
            k = _KEY_LINE.match(line)
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


# --------------------------------------------------------------------------- field checks


@dataclass
class _Fields:
    """Reads typed fields from one TOML table, collecting problems with their locations."""

    data: dict[str, Any]
    path: str
    loc: _Locator
    table: str
    index: int
    keypath: str
    problems: list[Problem] = field(default_factory=list)

    def problem(self, key: str | None, message: str) -> None:
        line, col = self.loc.at(self.table, self.index, key)
        kp = f"{self.keypath}.{key}" if key else self.keypath
        self.problems.append(Problem(self.path, line, col, message, kp))

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                self.problem(key, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")

    def _get(self, key: str, required: bool, kind: str, ok: Callable[[Any], bool]) -> Any:
        if key not in self.data:
            if required:
                self.problem(None, f"missing key {key!r}")
            return None
        value = self.data[key]
        if not ok(value):
            self.problem(key, f"{key!r} must be {kind}, not {_describe(value)}")
            return None
        return value

    def text(self, key: str, required: bool = True, allow_empty: bool = False) -> str | None:
        value = self._get(key, required, "a string", lambda v: isinstance(v, str))
        if value is not None and not allow_empty and not value.strip():
            self.problem(key, f"{key!r} must not be empty")
            return None
        return value

    def ident(self, key: str = "id") -> str | None:
        value = self.text(key)
        if value is not None and not ID_RE.match(value):
            self.problem(key, f"{key!r} {value!r} must be letters, digits, '.', '_' or '-' (at most 80)")
            return None
        return value

    def integer(self, key: str, required: bool = True) -> int | None:
        return self._get(key, required, "an integer", lambda v: isinstance(v, int) and not isinstance(v, bool))

    def strings(self, key: str, required: bool = True, min_items: int = 0) -> tuple[str, ...] | None:
        value = self._get(
            key,
            required,
            "a list of strings",
            lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        )
        if value is None:
            return None
        if len(value) < min_items:
            self.problem(key, f"{key!r} needs at least {min_items} item{'s' if min_items > 1 else ''}")
            return None
        return tuple(value)

    def urls(self, key: str, required: bool = True, min_items: int = 1) -> tuple[str, ...] | None:
        value = self.strings(key, required, min_items)
        if value is None:
            return None
        for url in value:
            if not url.startswith("https://"):
                self.problem(key, f"{key!r}: {url!r} is not an https:// URL")
                return None
        return value


def _describe(value: Any) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "a boolean", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _entries(
    data: dict[str, Any], name: str, path: str, loc: _Locator, problems: list[Problem]
) -> list[dict[str, Any]]:
    """The ``[[name]]`` array of tables of a file; anything else at the top level is a problem."""
    for key in data:
        if key != name:
            line, col = loc.at("", 0, key)
            if (key, 0) in loc.headers:
                line, col = loc.headers[(key, 0)] + loc.offset, 1
            problems.append(Problem(path, line, col, f"unknown key {key!r} (expected [[{name}]] tables)", key))
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        line, col = loc.at("", 0, name)
        problems.append(Problem(path, line, col, f"{name!r} must be an array of tables ([[{name}]])", name))
        return []
    return value


# --------------------------------------------------------------------------- services


_BULLET = re.compile(r"^( *)[-*+]\s+(.*)$")


def parse_notes(body: str, first_line: int = 1) -> tuple[Bullet, ...]:
    """A Markdown body as a tree of bullets (nested by indentation) and paragraphs."""

    class Node:
        __slots__ = ("children", "indent", "kind", "line", "text")

        def __init__(self, text: str, line: int, kind: str, indent: int):
            self.text, self.line, self.kind, self.indent = text, line, kind, indent
            self.children: list[Node] = []

    roots: list[Node] = []
    stack: list[Node] = []  # open bullets, innermost last
    last: Node | None = None
    for offset, raw in enumerate(body.split("\n")):
        lineno = first_line + offset
        line = raw.rstrip().replace("\t", "    ")
        if not line.strip():
            last = None if not stack else last
            continue
        m = _BULLET.match(line)
        if m:
            indent = len(m.group(1))
            node = Node(m.group(2).strip(), lineno, "bullet", indent)
            while stack and stack[-1].indent >= indent:
                stack.pop()
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
            last = node
            continue
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if last is not None and indent > 0:  # a continuation line of the bullet above
            last.text = f"{last.text} {stripped}"
            continue
        stack.clear()
        kind = "heading" if stripped.startswith("#") else "para"
        text = stripped.lstrip("#").strip() if kind == "heading" else stripped
        if kind == "para" and roots and roots[-1].kind == "para" and last is roots[-1]:
            roots[-1].text = f"{roots[-1].text} {text}"
            continue
        node = Node(text, lineno, kind, 0)
        roots.append(node)
        last = node

    def freeze(n: Node) -> Bullet:
        return Bullet(n.text, n.line, tuple(freeze(c) for c in n.children), n.kind)

    return tuple(freeze(n) for n in roots)


def _split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    """(front matter, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER:
        raise ContentError(
            [Problem(path, 1, 1, f"missing front matter: the file must start with a {FRONT_MATTER} line")]
        )
    for i in range(1, len(lines)):
        if lines[i].strip() == FRONT_MATTER:
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    raise ContentError([Problem(path, 1, 1, f"front matter is not closed: no second {FRONT_MATTER} line")])


SERVICE_KEYS = {"id", "name", "category", "docs", "aliases"}


def parse_service_text(text: str, path: str = "<service>") -> Service:
    """One service file's text as a Service, or ContentError with every problem found."""
    front, body, body_line = _split_front_matter(text, path)
    data = _parse_toml(front, path, line_offset=1)
    f = _Fields(data, path, _Locator(front, 1), "", 0, "service")
    f.check_keys(SERVICE_KEYS)
    sid = f.ident()
    name = f.text("name")
    category = f.ident("category")
    docs = f.urls("docs")
    aliases = f.strings("aliases", required=False) or ()
    if f.problems:
        raise ContentError(f.problems)
    return Service(sid, name, category, docs, parse_notes(body, body_line), aliases, path, 1)


# --------------------------------------------------------------------------- questions, exam, categories


def _header_lines(text: str, name: str) -> list[int]:
    """Line numbers of the ``[[name]]`` headers, found by a plain line search: ~30x cheaper than
    the string-aware scan of ``_Locator``, which a start without a warm parse cache paid on every
    file just to give each item its line. A header-like line inside a multi-line string would be
    counted too: callers check the count against the parsed tables and fall back to the scan."""
    lines, line, pos = [], 1, 0
    for m in re.finditer(rf"^[ \t]*\[\[[ \t]*{re.escape(name)}[ \t]*\]\]", text, re.M):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        lines.append(line)
    return lines


def _parse_tables(text: str, path: str, name: str, build: Callable[[_Fields], Any]) -> tuple[list[Any], list[Problem]]:
    data = _parse_toml(text, path)
    loc = _Locator(text)
    problems: list[Problem] = []
    items = []
    seen: dict[str, int] = {}
    entries = _entries(data, name, path, loc, problems)
    quick = _header_lines(text, name)
    if len(quick) != len(entries):
        quick = None  # something looked like a header inside a string: ask the locator
    for i, entry in enumerate(entries):
        f = _Fields(entry, path, loc, name, i, f"{name}[{i}]")
        item = build(f)
        problems.extend(f.problems)
        if item is None or f.problems:
            continue
        if item.id in seen:
            line, col = loc.at(name, i, "id")
            problems.append(
                Problem(
                    path, line, col, f"duplicate id {item.id!r} (first at {name}[{seen[item.id]}])", f"{name}[{i}].id"
                )
            )
            continue
        seen[item.id] = i
        items.append(replace(item, path=path, line=quick[i] if quick is not None else loc.at(name, i)[0]))
    return items, problems


def _build_question(f: _Fields) -> OpenQuestion | None:
    f.check_keys({"id", "services", "text"})
    qid = f.ident()
    services = f.strings("services", min_items=1)
    text = f.text("text")
    if None in (qid, services, text):
        return None
    return OpenQuestion(qid, services, text.strip(), f.path)


def _build_exam(f: _Fields) -> ExamQuestion | None:
    f.check_keys({"id", "domain", "services", "stem", "options", "answer", "explanation", "references"})
    qid = f.ident()
    domain = f.data.get("domain")
    if "domain" not in f.data:
        f.problem(None, "missing key 'domain'")
    elif not (
        (isinstance(domain, int) and not isinstance(domain, bool) and 1 <= domain <= 4) or domain == UNCLASSIFIED
    ):
        f.problem("domain", f"'domain' must be 1, 2, 3, 4 or {UNCLASSIFIED!r}, not {domain!r}")
        domain = None
    services = f.strings("services")
    stem = f.text("stem")
    options = f.strings("options", min_items=2)
    if options is not None:
        if len(options) > len(OPTION_KEYS):
            f.problem("options", f"'options' has {len(options)} items; at most {len(OPTION_KEYS)}")
            options = None
        elif any(not o.strip() for o in options):
            f.problem("options", "'options' must not contain empty options")
            options = None
    answer = f.strings("answer", min_items=1)
    explanation = f.text("explanation", required=False, allow_empty=True) or ""
    references = f.urls("references", required=False, min_items=0) or ()
    if answer is not None:
        keys = tuple(k.strip().lower() for k in answer)
        if len(set(keys)) != len(keys):
            f.problem("answer", "'answer' lists the same option twice")
            answer = None
        elif options is not None:
            valid = OPTION_KEYS[: len(options)]
            bad = [k for k in keys if len(k) != 1 or k not in valid]
            if bad:
                f.problem(
                    "answer", f"'answer' {', '.join(map(repr, bad))} is not among the options ({', '.join(valid)})"
                )
                answer = None
            else:
                answer = tuple(sorted(keys))
    if stem is not None and answer is not None:
        stated = stated_choose_count(stem)
        if stated is not None and stated != len(answer):
            f.problem("answer", f"the stem says choose {stated} but 'answer' has {len(answer)} key(s)")
            answer = None
    if None in (qid, domain, services, stem, options, answer):
        return None
    return ExamQuestion(
        qid,
        domain,
        services,
        stem.strip(),
        tuple(o.strip() for o in options),
        answer,
        explanation.strip(),
        references,
        f.path,
    )


def _build_category(f: _Fields) -> Category | None:
    f.check_keys({"id", "name", "order"})
    cid = f.ident()
    name = f.text("name")
    order = f.integer("order", required=False)
    if None in (cid, name):
        return None
    return Category(cid, name, 1000 if order is None else order)


def parse_questions_text(text: str, path: str = "<questions>") -> list[OpenQuestion]:
    items, problems = _parse_tables(text, path, "question", _build_question)
    if problems:
        raise ContentError(problems)
    return items


def parse_exam_text(text: str, path: str = "<exam>") -> list[ExamQuestion]:
    items, problems = _parse_tables(text, path, "question", _build_exam)
    if problems:
        raise ContentError(problems)
    return items


def parse_categories_text(text: str, path: str = "<categories>") -> list[Category]:
    items, problems = _parse_tables(text, path, "category", _build_category)
    if problems:
        raise ContentError(problems)
    return items


# --------------------------------------------------------------------------- directories


@dataclass
class DirContent:
    """What one content directory holds (valid items) and what is wrong in it."""

    root: Path
    categories: list[Category] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    questions: list[OpenQuestion] = field(default_factory=list)
    exam: list[ExamQuestion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _files(root: Path, sub: str, pattern: str) -> list[Path]:
    d = root / sub
    return sorted(p for p in d.glob(pattern) if p.is_file()) if d.is_dir() else []


def load_dir(root: Path) -> DirContent:
    """Read one content directory, keeping what is valid and collecting every problem."""
    out = DirContent(root)
    if not root.is_dir():
        out.problems.append(Problem(str(root), 1, 1, "content directory not found"))
        return out

    def each(paths: list[Path], parse: Callable[[str, str], Any], sink: list) -> None:
        for p in paths:
            try:
                text = read_text(p)
                items, problems = parse(text, str(p))
            except ContentError as exc:
                out.problems.extend(exc.problems)
                continue
            out.problems.extend(problems)
            sink.extend(items)

    def tables(name: str, build: Callable[[_Fields], Any]) -> Callable[[str, str], Any]:
        return lambda text, path: _parse_tables(text, path, name, build)

    def service(text: str, path: str) -> tuple[list[Service], list[Problem]]:
        return [parse_service_text(text, path)], []

    cat_file = root / "categories.toml"
    each([cat_file] if cat_file.is_file() else [], tables("category", _build_category), out.categories)
    each(_files(root, "services", "*.md"), service, out.services)
    q_files = [root / "questions.toml"] if (root / "questions.toml").is_file() else []
    each(q_files + _files(root, "questions", "*.toml"), tables("question", _build_question), out.questions)
    each(_files(root, "exam", "*.toml"), tables("question", _build_exam), out.exam)

    # the same id twice within one directory is a problem (across directories it overrides)
    for kind, items in (("service", out.services), ("question", out.questions), ("exam question", out.exam)):
        seen: dict[str, Any] = {}
        keep = []
        for item in items:
            first = seen.get(item.id)
            if first is not None and first.path != item.path:
                out.problems.append(
                    Problem(
                        item.path, item.line or 1, 1, f"duplicate {kind} id {item.id!r} (also in {first.path})", "id"
                    )
                )
                continue
            seen[item.id] = item
            keep.append(item)
        items[:] = keep
    return out


def load_library(dirs: list[Path]) -> Library:
    """Merge content dirs in order (a later dir's item replaces an earlier one with the same id)
    and cross-check references. Never raises for bad content: problems are in ``.problems``."""
    return merge_dirs([load_dir(Path(d)) for d in dirs])


def merge_dirs(contents: list[DirContent]) -> Library:
    """``load_library`` from directories already read (``load_dir``, or the parse cache)."""
    categories: dict[str, Category] = {}
    services: dict[str, Service] = {}
    questions: dict[str, OpenQuestion] = {}
    exam: dict[str, ExamQuestion] = {}
    problems: list[Problem] = []
    for c in contents:
        problems.extend(c.problems)
        for cat in c.categories:
            categories[cat.id] = cat
        for s in c.services:
            services[s.id] = s
        for q in c.questions:
            questions[q.id] = q
        for e in c.exam:
            exam[e.id] = e

    for sid, s in list(services.items()):
        if s.category not in categories:
            problems.append(
                Problem(
                    s.path,
                    *_front_key_line(s.path, "category"),
                    f"unknown category {s.category!r}; shown under {UNCATEGORISED.name!r}",
                    "service.category",
                )
            )
            services[sid] = replace(s, category=UNCATEGORISED.id)
            categories.setdefault(UNCATEGORISED.id, UNCATEGORISED)

    def known(item: Any, kind: str) -> Any:
        unknown = [x for x in item.services if x not in services]
        if not unknown:
            return item
        problems.append(
            Problem(
                item.path,
                item.line,
                1,
                f"{kind} {item.id!r} names unknown service(s): {', '.join(unknown)}",
                f"question[id={item.id}].services",
            )
        )
        kept = tuple(x for x in item.services if x in services)
        return replace(item, services=kept) if kept or kind == "exam question" else None

    open_qs = [q for q in (known(q, "question") for q in questions.values()) if q is not None]
    exam_qs = [known(e, "exam question") for e in exam.values()]

    cat_list = sorted(categories.values(), key=lambda c: (c.order, c.name.lower()))
    order = {c.id: i for i, c in enumerate(cat_list)}
    svc_list = sorted(services.values(), key=lambda s: (order[s.category], s.name.lower()))
    used = {s.category for s in svc_list}
    return Library(
        categories=tuple(c for c in cat_list if c.id in used),
        services=tuple(svc_list),
        questions=tuple(open_qs),
        exam=tuple(exam_qs),
        problems=tuple(problems),
    )


def _front_key_line(path: str, key: str) -> tuple[int, int]:
    try:
        text = read_text(Path(path))
    except ContentError:
        return 1, 1
    for i, line in enumerate(text.split("\n"), start=1):
        m = _KEY_LINE.match(line)
        if m and m.group(1).strip("\"'") == key:
            return i, line.index(m.group(1)) + 1
    return 1, 1
