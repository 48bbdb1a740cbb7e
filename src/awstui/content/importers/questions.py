"""From parsed Markdown questions to exam questions: what makes two the same, stable ids, the
"(Choose N.)" wording, and the content loader's checks (see :mod:`.bank` for the decisions)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..fields import Fields
from ..models import OPTION_KEYS, UNCLASSIFIED, ExamQuestion
from ..tables import build_exam
from ..toml_source import Locator
from .existing import Known
from .markdown_bank import Finding, ParsedQuestion
from .near import NearIndex, NearKey, question_keys, stem_key
from .tagging import DomainGuess, ServiceTagger, domain_comment, infer_domain
from .toml_writer import dumps_question

_SURROGATE = re.compile("[\ud800-\udfff]")
_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


class Findings(Protocol):
    """Where skips and notes go (a :class:`~.bank.BankImportReport`)."""

    skipped: list[Finding]
    notes: list[Finding]


def _digest(text: str, size: int) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()[:size]


def _with_count(stem: str, n: int) -> str:
    marker = f"(Choose {_NUMBER_WORDS.get(n, str(n))}.)"
    return f"{stem}\n\n{marker}" if "\n" in stem else f"{stem} {marker}"


@dataclass
class Build:
    """What building the questions of one import needs: where they go, what is known already, and
    how services and domains are found. ``domain=None``: inferred per question (:mod:`.tagging`)."""

    name: str
    target: Path
    known: Known
    report: Findings
    domain: int | str | None = None
    tagger: ServiceTagger | None = None
    budget: int | None = None  # bytes the questions may take in the bank file (None: no limit)
    limit: int = 0  # the bank file's size limit, for the message
    comments: dict[str, str] = field(default_factory=dict)  # qid -> the comment of its domain line
    guesses: dict[str, DomainGuess] = field(default_factory=dict)  # qid -> the inferred domain


def build_questions(parsed: list[ParsedQuestion], build: Build) -> list[ExamQuestion]:
    """The questions to write. Once they fill ``build.budget``, the rest are skipped unread (the
    learner imports them separately, and hears then about their duplicates)."""
    here: dict[str, int] = {}  # question_key -> line
    near = NearIndex()
    used_ids: set[str] = set()
    out: list[ExamQuestion] = []
    report = build.report
    room = build.budget
    for i, pq in enumerate(parsed):
        key, near_key = question_keys(pq.stem, pq.options)
        reason = _repeat(key, near_key, here, near, build.known)
        if reason:
            report.skipped.append(Finding(pq.line, reason))
            continue
        here[key] = pq.line
        qid = _new_id(build.name, pq.stem, key, used_ids)
        question = _question(pq, qid, build)
        problem = _loader_problem(question, build.target)
        if problem:
            report.skipped.append(Finding(pq.line, problem))
            continue
        if room is not None:
            room -= len(dumps_question(question, build.comments.get(qid, "")).encode("utf-8")) + 1
            if room < 0:
                too_big = (
                    f"the bank file would be over {build.limit:,} bytes: "
                    "import the rest of the file separately (with another --name)"
                )
                report.skipped.extend(Finding(q.line, too_big) for q in parsed[i:])
                break
        used_ids.add(qid)
        near.add(near_key, qid, pq.line)
        out.append(question)
        if pq.images:
            report.notes.append(_images_note(pq))
        if len(pq.correct) > 1 and pq.stated_count is None:
            n = len(pq.correct)
            report.notes.append(
                Finding(
                    pq.line, f'the stem did not say how many to choose: added "(Choose {_NUMBER_WORDS.get(n, n)}.)"'
                )
            )
    return out


def _repeat(key: str, near_key: NearKey, here: dict[str, int], near: NearIndex, known: Known) -> str:
    """Why the question of ``key`` repeats one seen before ("" when it does not)."""
    if key in here:
        return f"duplicate of the question at line {here[key]}"
    if key in known.exact:
        where, qid = known.exact[key]
        return f"already in {where} (id {qid})"
    earlier = near.find(near_key) or known.near.find(near_key)
    return earlier.describe() if earlier is not None else ""


def _question(pq: ParsedQuestion, qid: str, build: Build) -> ExamQuestion:
    stem = pq.stem
    if len(pq.correct) > 1 and pq.stated_count is None:
        stem = _with_count(stem, len(pq.correct))
    services = build.tagger.tag([pq.stem, *pq.options]) if build.tagger is not None else ()
    domain = build.domain
    if domain is None:
        guess = infer_domain(services, build.known.profile)
        domain = guess.domain
        if services:
            build.guesses[qid] = guess
        if guess.domain != UNCLASSIFIED:
            build.comments[qid] = domain_comment(guess, services)
    return ExamQuestion(
        id=qid,
        domain=domain,
        services=services,
        stem=stem,
        options=pq.options,
        answer=tuple(OPTION_KEYS[i] for i in pq.correct),
        explanation=pq.explanation,
        references=tuple(u for u in pq.references if u.startswith("https://")),
        path=str(build.target),
    )


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
