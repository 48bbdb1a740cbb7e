"""From parsed Markdown questions to exam questions: what makes two the same, stable ids, the
"(Choose N.)" wording, and the content loader's checks (see :mod:`.bank` for the decisions)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from ..fields import Fields
from ..models import OPTION_KEYS, ExamQuestion
from ..tables import build_exam
from ..toml_source import Locator
from .markdown_bank import Finding, ParsedQuestion
from .markdown_lines import strip_count_markers
from .tagging import ServiceTagger

_SURROGATE = re.compile("[\ud800-\udfff]")
_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


class Findings(Protocol):
    """Where skips and notes go (a :class:`~.bank.BankImportReport`)."""

    skipped: list[Finding]
    notes: list[Finding]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def stem_key(stem: str) -> str:
    return _norm(strip_count_markers(stem))


def question_key(stem: str, options: Iterable[str]) -> str:
    """What makes two questions the same: the stem and the set of options, loosely compared."""
    return stem_key(stem) + "\x1f" + "\x1e".join(sorted({_norm(o) for o in options}))


def _digest(text: str, size: int) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()[:size]


def _with_count(stem: str, n: int) -> str:
    marker = f"(Choose {_NUMBER_WORDS.get(n, str(n))}.)"
    return f"{stem}\n\n{marker}" if "\n" in stem else f"{stem} {marker}"


def build_questions(
    parsed: list[ParsedQuestion],
    name: str,
    domain: int | str,
    target: Path,
    existing: dict[str, tuple[str, str]],
    report: Findings,
    tagger: ServiceTagger | None = None,
) -> list[tuple[ExamQuestion, int]]:
    """The questions to write, each with its source line."""
    here: dict[str, int] = {}  # question_key -> line
    used_ids: set[str] = set()
    out: list[tuple[ExamQuestion, int]] = []
    for pq in parsed:
        key = question_key(pq.stem, pq.options)
        if key in here:
            report.skipped.append(Finding(pq.line, f"duplicate of the question at line {here[key]}"))
            continue
        if key in existing:
            where, qid = existing[key]
            report.skipped.append(Finding(pq.line, f"already in {where} (id {qid})"))
            continue
        here[key] = pq.line
        stem = pq.stem
        if len(pq.correct) > 1 and pq.stated_count is None:
            stem = _with_count(stem, len(pq.correct))
            report.notes.append(
                Finding(
                    pq.line,
                    f"the stem did not say how many to choose: added "
                    f'"(Choose {_NUMBER_WORDS.get(len(pq.correct), len(pq.correct))}.)"',
                )
            )
        qid = _new_id(name, pq.stem, key, used_ids)
        services = tagger.tag([pq.stem, *pq.options]) if tagger is not None else ()
        question = ExamQuestion(
            id=qid,
            domain=domain,
            services=services,
            stem=stem,
            options=pq.options,
            answer=tuple(OPTION_KEYS[i] for i in pq.correct),
            explanation=pq.explanation,
            references=tuple(u for u in pq.references if u.startswith("https://")),
            path=str(target),
        )
        problem = _loader_problem(question, target)
        if problem:
            report.skipped.append(Finding(pq.line, problem))
            continue
        used_ids.add(qid)
        out.append((question, pq.line))
        if pq.images:
            report.notes.append(_images_note(pq))
    return out


def _new_id(name: str, stem: str, key: str, used_ids: set[str]) -> str:
    """A stable id from the stem; from stem and options when another question has that stem."""
    qid = f"imp-{name}-{_digest(stem_key(stem), 10)}"
    if qid in used_ids:  # same stem, other options: a different question
        qid = f"imp-{name}-{_digest(key, 16)}"
    n = 2
    while qid in used_ids:  # a hash collision: practically never
        qid = f"imp-{name}-{_digest(key, 16)}-{n}"
        n += 1
    return qid


def _images_note(pq: ParsedQuestion) -> Finding:
    lines = ", ".join(str(n) for n in pq.images)
    many = len(pq.images) > 1
    return Finding(
        pq.line,
        f"image{'s' if many else ''} at line {lines} left out: the question may need {'them' if many else 'it'}",
    )


def _loader_problem(question: ExamQuestion, target: Path) -> str:
    """Why the content loader would refuse this question once written ("" when it loads back).

    The loader's own field checks run on the table the TOML writer writes, without a TOML round
    trip per question (a round trip made a 10 MB bank take 13 s): that the writer's text parses
    back to that table is its property test's job, and the whole file is parsed once before it
    is written (`import_bank`)."""
    texts = (question.stem, question.explanation, *question.options, *question.references)
    bad = next((m for m in map(_SURROGATE.search, texts) if m), None)
    if bad:  # TOML cannot store one (text decoded from a file never holds them)
        return f"not importable: text holds a lone surrogate (U+{ord(bad.group()):04X}), which TOML cannot store"
    table: dict[str, object] = {
        "id": question.id,
        "domain": question.domain,
        "services": list(question.services),
        "stem": question.stem,
        "options": list(question.options),
        "answer": list(question.answer),
    }
    if question.tasks:
        table["tasks"] = list(question.tasks)
    if question.explanation:
        table["explanation"] = question.explanation
    if question.references:
        table["references"] = list(question.references)
    fields = Fields(table, str(target), Locator(""), "question", 0, "question[0]")
    back = build_exam(fields)
    if fields.problems:
        return f"not importable: {fields.problems[0].message}"
    if back is None or back != question:
        return "not importable: it would not read back unchanged"
    return ""
