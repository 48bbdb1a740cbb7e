"""Tables: open questions, the exam bank and categories, each a TOML array of tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .fields import Fields
from .fields import entries as table_entries
from .models import (
    OPTION_KEYS,
    TASKS,
    UNCLASSIFIED,
    Category,
    ContentError,
    ExamQuestion,
    OpenQuestion,
    Problem,
    stated_choose_count,
    task_domain,
)
from .toml_source import Locator, header_lines, parse_toml


def parse_tables(text: str, path: str, name: str, build: Callable[[Fields], Any]) -> tuple[list[Any], list[Problem]]:
    data = parse_toml(text, path)
    loc = Locator(text)
    problems: list[Problem] = []
    items = []
    seen: dict[str, int] = {}
    entries = table_entries(data, name, path, loc, problems)
    quick: list[int] | None = header_lines(text, name)
    if quick is not None and len(quick) != len(entries):
        quick = None  # something looked like a header inside a string: ask the locator
    for i, entry in enumerate(entries):
        f = Fields(entry, path, loc, name, i, f"{name}[{i}]")
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


def build_question(f: Fields) -> OpenQuestion | None:
    f.check_keys({"id", "services", "text"})
    qid = f.ident()
    services = f.strings("services", min_items=1)
    text = f.text("text")
    if qid is None or services is None or text is None:
        return None
    return OpenQuestion(qid, services, text.strip(), f.path)


def _domain(f: Fields) -> int | str | None:
    domain = f.data.get("domain")
    if "domain" not in f.data:
        f.problem(None, "missing key 'domain'")
        return None
    if (isinstance(domain, int) and not isinstance(domain, bool) and 1 <= domain <= 4) or domain == UNCLASSIFIED:
        return domain
    f.problem("domain", f"'domain' must be 1, 2, 3, 4 or {UNCLASSIFIED!r}, not {domain!r}")
    return None


def _options(f: Fields) -> tuple[str, ...] | None:
    options = f.strings("options", min_items=2, allow_layout=True)
    if options is None:
        return None
    if len(options) > len(OPTION_KEYS):
        f.problem("options", f"'options' has {len(options)} items; at most {len(OPTION_KEYS)}")
        return None
    if any(not o.strip() for o in options):
        f.problem("options", "'options' must not contain empty options")
        return None
    return options


def _answer(f: Fields, options: tuple[str, ...] | None, stem: str | None) -> tuple[str, ...] | None:
    answer = f.strings("answer", min_items=1)
    if answer is None:
        return None
    keys = tuple(k.strip().lower() for k in answer)
    if len(set(keys)) != len(keys):
        f.problem("answer", "'answer' lists the same option twice")
        return None
    if options is None:
        return None
    valid = OPTION_KEYS[: len(options)]
    bad = [k for k in keys if len(k) != 1 or k not in valid]
    if bad:
        f.problem("answer", f"'answer' {', '.join(map(repr, bad))} is not among the options ({', '.join(valid)})")
        return None
    stated = stated_choose_count(stem) if stem is not None else None
    if stated is not None and stated != len(keys):
        f.problem("answer", f"the stem says choose {stated} but 'answer' has {len(keys)} key(s)")
        return None
    return tuple(sorted(keys))


def _tasks(f: Fields, domain: int | str | None) -> tuple[str, ...] | None:
    """The optional ``tasks``: exam-guide task statements, each known, one at least in the
    question's own domain. Optional in the format (an imported bank has none, and a question
    without tasks counts toward no task statement); the bundled bank's tests require it."""
    tasks = f.strings("tasks", required=False, min_items=1)
    if tasks is None:
        return None if "tasks" in f.data else ()
    unknown = [t for t in tasks if t not in TASKS]
    if unknown:
        f.problem("tasks", f"unknown task statement(s) {', '.join(map(repr, unknown))}; known: {', '.join(TASKS)}")
        return None
    if len(set(tasks)) != len(tasks):
        f.problem("tasks", "'tasks' lists the same task statement twice")
        return None
    if isinstance(domain, int) and all(task_domain(t) != domain for t in tasks):
        f.problem("tasks", f"'tasks' names no task statement of domain {domain} (tasks {domain}.n)")
        return None
    return tasks


def build_exam(f: Fields) -> ExamQuestion | None:
    f.check_keys({"id", "domain", "tasks", "services", "stem", "options", "answer", "explanation", "references"})
    qid = f.ident()
    domain = _domain(f)
    tasks = _tasks(f, domain)
    services = f.strings("services")
    stem = f.text("stem")
    options = _options(f)
    answer = _answer(f, options, stem)
    explanation = f.text("explanation", required=False, allow_empty=True) or ""
    references = f.urls("references", required=False, min_items=0) or ()
    if qid is None or domain is None or tasks is None or services is None or stem is None:
        return None
    if options is None or answer is None:
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
        tasks=tasks,
    )


def build_category(f: Fields) -> Category | None:
    f.check_keys({"id", "name", "order"})
    cid = f.ident()
    name = f.text("name", one_line=True)
    order = f.integer("order", required=False)
    if cid is None or name is None:
        return None
    return Category(cid, name, 1000 if order is None else order)


def parse_questions_text(text: str, path: str = "<questions>") -> list[OpenQuestion]:
    items, problems = parse_tables(text, path, "question", build_question)
    if problems:
        raise ContentError(problems)
    return items


def parse_exam_text(text: str, path: str = "<exam>") -> list[ExamQuestion]:
    items, problems = parse_tables(text, path, "question", build_exam)
    if problems:
        raise ContentError(problems)
    return items


def parse_categories_text(text: str, path: str = "<categories>") -> list[Category]:
    items, problems = parse_tables(text, path, "category", build_category)
    if problems:
        raise ContentError(problems)
    return items
