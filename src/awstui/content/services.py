"""Services: Markdown notes with TOML front matter between ``+++`` lines (Hugo's convention)."""

from __future__ import annotations

import re
from pathlib import Path

from .fields import Fields
from .models import (
    Bullet,
    ContentError,
    Problem,
    Service,
)
from .text import visible_controls
from .toml_source import KEY_LINE, Locator, parse_toml, read_text

FRONT_MATTER = "+++"


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
        line = visible_controls(raw.rstrip().replace("\t", "    "))
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
    data = parse_toml(front, path, line_offset=1)
    f = Fields(data, path, Locator(front, 1), "", 0, "service")
    f.check_keys(SERVICE_KEYS)
    sid = f.ident()
    name = f.text("name", one_line=True)
    category = f.ident("category")
    docs = f.urls("docs")
    aliases = f.strings("aliases", required=False) or ()
    if f.problems or sid is None or name is None or category is None or docs is None:
        raise ContentError(f.problems)
    return Service(sid, name, category, docs, parse_notes(body, body_line), aliases, path, 1)


def front_key_line(path: str, key: str) -> tuple[int, int]:
    try:
        text = read_text(Path(path))
    except ContentError:
        return 1, 1
    for i, line in enumerate(text.split("\n"), start=1):
        m = KEY_LINE.match(line)
        if m and m.group(1).strip("\"'") == key:
            return i, line.index(m.group(1)) + 1
    return 1, 1
