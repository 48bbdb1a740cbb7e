"""Tables: open questions, the exam bank and categories, each a TOML array of tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .fields import Fields
from .fields import entries as table_entries
from .models import (
    OPTION_KEYS,
    UNCLASSIFIED,
    Category,
    ContentError,
    ExamQuestion,
    OpenQuestion,
    Problem,
    stated_choose_count,
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


def build_exam(f: Fields) -> ExamQuestion | None:
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
    if qid is None or domain is None or services is None or stem is None or options is None or answer is None:
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


def build_category(f: Fields) -> Category | None:
    f.check_keys({"id", "name", "order"})
    cid = f.ident()
    name = f.text("name")
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
