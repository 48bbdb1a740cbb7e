"""Load and validate content directories.

Every problem is reported, all at once, as a :class:`Problem` (``path:line:column: key: message``).
Whole-directory loading keeps every valid item and reports the rest; the ``parse_*_text``
functions (one file's text) return items or raise :class:`ContentError`. Nothing here lets an
exception other than ``ContentError`` escape for bad input.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..records import record
from .fields import Fields
from .models import (
    Category,
    ContentError,
    ExamQuestion,
    Library,
    OpenQuestion,
    Problem,
    Service,
)
from .services import front_key_line, parse_notes, parse_service_text
from .tables import (
    build_category,
    build_exam,
    build_question,
    parse_categories_text,
    parse_exam_text,
    parse_questions_text,
    parse_tables,
)
from .toml_source import MAX_FILE_BYTES, read_text, tomllib

UNCATEGORISED = Category("uncategorised", "Uncategorised", 100_000)

__all__ = [
    "MAX_FILE_BYTES",
    "UNCATEGORISED",
    "DirContent",
    "load_dir",
    "load_library",
    "merge_dirs",
    "parse_categories_text",
    "parse_exam_text",
    "parse_notes",
    "parse_questions_text",
    "parse_service_text",
    "read_text",
    "tomllib",
]


@dataclass
class DirContent:
    """What one content directory holds (valid items) and what is wrong in it."""

    root: Path
    categories: list[Category] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    questions: list[OpenQuestion] = field(default_factory=list)
    exam: list[ExamQuestion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@record
class ContentKind:
    """One kind of content: where its files are in a content dir, how one file is parsed, and
    which ``DirContent`` list holds its items. A new kind of content is one entry of KINDS."""

    field: str  # the DirContent list (and the Library field) it fills
    files: tuple[str, ...]  # paths or globs relative to the content dir, read in this order
    parse: Callable[[str, str], tuple[list[Any], list[Problem]]]  # (text, path) -> (items, problems)
    what: str = ""  # its name in "duplicate ... id" problems ("" for none: categories may repeat)


def _tables(name: str, build: Callable[[Fields], Any]) -> Callable[[str, str], tuple[list[Any], list[Problem]]]:
    return lambda text, path: parse_tables(text, path, name, build)


def _service(text: str, path: str) -> tuple[list[Any], list[Problem]]:
    return [parse_service_text(text, path)], []


KINDS = (
    ContentKind("categories", ("categories.toml",), _tables("category", build_category)),
    ContentKind("services", ("services/*.md",), _service, "service"),
    ContentKind("questions", ("questions.toml", "questions/*.toml"), _tables("question", build_question), "question"),
    ContentKind("exam", ("exam/*.toml",), _tables("question", build_exam), "exam question"),
)


def _kind_files(root: Path, kind: ContentKind) -> list[Path]:
    out: list[Path] = []
    for pattern in kind.files:
        if "*" in pattern:
            out.extend(sorted(p for p in root.glob(pattern) if p.is_file()))
        elif (root / pattern).is_file():
            out.append(root / pattern)
    return out


def _read_kind(root: Path, kind: ContentKind, out: DirContent) -> None:
    sink: list[Any] = getattr(out, kind.field)
    for p in _kind_files(root, kind):
        try:
            items, problems = kind.parse(read_text(p), str(p))
        except ContentError as exc:
            out.problems.extend(exc.problems)
            continue
        out.problems.extend(problems)
        sink.extend(items)


def load_dir(root: Path) -> DirContent:
    """Read one content directory, keeping what is valid and collecting every problem."""
    out = DirContent(root)
    if not root.is_dir():
        out.problems.append(Problem(str(root), 1, 1, "content directory not found"))
        return out
    for kind in KINDS:
        _read_kind(root, kind, out)

    # the same id twice within one directory is a problem (across directories it overrides)
    for content_kind in KINDS:
        if not content_kind.what:
            continue
        what, items = content_kind.what, getattr(out, content_kind.field)
        seen: dict[str, Any] = {}
        keep = []
        for item in items:
            first = seen.get(item.id)
            if first is not None and first.path != item.path:
                out.problems.append(
                    Problem(
                        item.path, item.line or 1, 1, f"duplicate {what} id {item.id!r} (also in {first.path})", "id"
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

    _uncategorised(services, categories, problems)

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


def _uncategorised(services: dict[str, Service], categories: dict[str, Category], problems: list[Problem]) -> None:
    """A service of an unknown category is shown under "Uncategorised", with a problem said."""
    for sid, s in list(services.items()):
        if s.category not in categories:
            problems.append(
                Problem(
                    s.path,
                    *front_key_line(s.path, "category"),
                    f"unknown category {s.category!r}; shown under {UNCATEGORISED.name!r}",
                    "service.category",
                )
            )
            services[sid] = replace(s, category=UNCATEGORISED.id)
            categories.setdefault(UNCATEGORISED.id, UNCATEGORISED)
