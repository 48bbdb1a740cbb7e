"""Import a Markdown question bank into the learner's exam bank.

``import_bank(FILE.md, data_dir)`` reads the file, parses it (:mod:`.markdown_bank`), drops
duplicates, checks every question with the content loader, and writes
``<data dir>/content/exam/imported-<name>.toml`` atomically. It returns an :class:`BankImportReport`
and never raises for a bad input file, an unreadable bank or a failed write: a fatal problem is
``report.error`` (one line), everything else is a skipped question or a note.

Decisions:

- ids are ``imp-<name>-<hash>``, the hash taken from the stem (without its "(Choose N)" marker),
  so re-importing the same file yields the same ids and replaces the file instead of adding
  copies. A second question with the same stem but other options gets a hash of both.
- A duplicate is a question with the same stem and the same set of options (case, spacing and
  the "(Choose N)" wording aside): banks reuse stems like "Which service ...?" with different
  options, and those are different questions. Duplicates within the file, and of questions in
  other exam-bank files (bundled, the learner's, ``--content`` dirs), are skipped. So are
  near-duplicates (:mod:`.near`): the same but for backticks, punctuation, case, spacing or a
  typo or two, "near-duplicate of <id> (line N)".
- Services are tagged from the question's text, and the domain, unless ``--domain`` gives it,
  is inferred from them where the bundled bank is clear (:mod:`.tagging`). An inferred domain is
  written as ``domain = N  # inferred from services ...: P% of E bundled questions on them are
  domain N``: a plain TOML comment, so the loader reads the file as before; below the
  confidence the question stays ``"unclassified"`` (no comment).
- Questions are built until the bank file is full (the loader reads at most MAX_FILE_BYTES);
  the rest are skipped unread, "import the rest of the file separately".
- A multiple-response question whose stem does not say how many to choose gets the exam's
  wording appended (``(Choose two.)``), as docs/content-format.md asks; the report notes it.
- The written file starts with a ``# awstui import-bank`` comment naming the source. An existing
  file without it (the learner wrote it), or one imported from another source file, is not
  replaced unless ``force``: the report says so.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...paths import bundled_content_dir, ensure_private_dir, learner_content_dir
from ..loader import MAX_FILE_BYTES, parse_exam_text
from ..models import UNCLASSIFIED, ContentError, ExamQuestion
from .existing import known_questions
from .markdown_bank import Finding, parse_markdown_bank
from .questions import Build, build_questions
from .tagging import MIN_CONFIDENCE, DomainGuess, ServiceTagger, load_services
from .toml_writer import dumps_exam, toml_comment, write_text_atomic

MAX_SOURCE_BYTES = 16 * 1024 * 1024
MARKER = "awstui import-bank"
_SOURCE_PREFIX = "source: "


@dataclass
class BankImportReport:
    """What an import did: how many questions were written where, and what was skipped and why."""

    source: str  # the file as the learner named it (for messages)
    target: Path | None = None
    imported: int = 0
    ids: list[str] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)  # (line, reason); line 0 = whole file
    notes: list[Finding] = field(default_factory=list)
    error: str = ""  # a fatal problem (one line); nothing was written
    error_line: int = 0
    replaced: bool = False  # an earlier import into the same file was replaced
    tagged: int = 0  # imported questions tagged with at least one service (found by name)
    domain: int | str | None = None  # the --domain given; None = inferred per question
    guesses: dict[str, DomainGuess] = field(default_factory=dict)  # qid -> its inferred domain (tagged ones)
    without_explanation: int = 0  # imported questions the source gave no explanation
    dry_run: bool = False

    @property
    def exit_code(self) -> int:
        """0 when questions were imported (or would be, in a dry run), else 1."""
        return 0 if self.imported and not self.error else 1

    def summary(self) -> list[str]:
        """One line per figure of the imported questions (for the CLI, and later the TUI)."""
        if not self.imported:
            return []
        n, tagged = self.imported, self.tagged
        lines = [f"services: {tagged:,} of {n:,} tagged by the service names in their text ({n - tagged:,} untagged)"]
        lines.append(self._domain_line())
        if self.without_explanation:
            k = self.without_explanation
            lines.append(f"explanations: {k:,} of {n:,} came without one (the source gave none)")
        return lines

    def _domain_line(self) -> str:
        n = self.imported
        if self.domain is not None:
            return f"domain: {self.domain} for all {n:,} (given with --domain)"
        inferred = [g for g in self.guesses.values() if g.domain != UNCLASSIFIED]
        if not inferred:
            return f"domain: none inferred, all {n:,} stay {UNCLASSIFIED} (--domain N sets one)"
        per = Counter(g.domain for g in inferred)
        shares = sorted(round(g.confidence * 100) for g in inferred)
        spread = ", ".join(f"{d}: {per[d]:,}" for d in sorted(per, key=str))
        return (
            f"domain: inferred for {len(inferred):,} of {n:,} from their services ({spread}; confidence "
            f"{shares[0]}-{shares[-1]}%, median {shares[len(shares) // 2]}%); {n - len(inferred):,} stay "
            f"{UNCLASSIFIED} (no service, or no domain with {round(MIN_CONFIDENCE * 100)}% of the bundled "
            "questions on theirs)"
        )

    def took(self, questions: list[ExamQuestion], build: Build) -> None:
        """Record the questions to be written and what was found about them."""
        self.skipped.sort(key=lambda f: f.line)
        self.notes.sort(key=lambda f: f.line)
        self.ids = [q.id for q in questions]
        self.imported = len(questions)
        self.tagged = sum(1 for q in questions if q.services)
        self.without_explanation = sum(1 for q in questions if not q.explanation.strip())
        self.domain = build.domain
        self.guesses = {q.id: build.guesses[q.id] for q in questions if q.id in build.guesses}

    def fail(self, message: str) -> BankImportReport:
        """A fatal problem after parsing: nothing is (or would be) written."""
        self.error, self.imported, self.ids, self.replaced = message, 0, [], False
        return self


_NUMBER = re.compile(r'"[^"\n]*"|[^\s()]*\d[^\s()]*')


def by_reason(findings: Iterable[Finding]) -> list[list[Finding]]:
    """Findings grouped by reason (their message with the numbers, ids with digits and quoted
    text in it left aside: "duplicate of the question at line 16" and "... at line 90" are one
    reason, so are "near-duplicate of imp-x-1a2b (line 3)" and "... of d1-004 (line 9)", and
    every 'not a question: "<heading>" ...'),
    groups in the order of their first finding, each group in the order given."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(_NUMBER.sub("#", f.message), []).append(f)
    return list(groups.values())


def slugify(text: str, limit: int = 40) -> str:
    """Lowercase ASCII letters, digits and single dashes (for file names and ids)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


# --------------------------------------------------------------------------- reading


def _read_source(source: Path, report: BankImportReport) -> str | None:
    try:
        st = source.stat()
        if stat.S_ISDIR(st.st_mode):
            report.error = "is a folder, not a Markdown file"
            return None
        if not stat.S_ISREG(st.st_mode):
            report.error = "is not a regular file"
            return None
        if st.st_size > MAX_SOURCE_BYTES:
            report.error = f"file is {st.st_size:,} bytes, over the {MAX_SOURCE_BYTES:,} byte limit: not read"
            return None
        with open(source, "rb") as f:
            data = f.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        report.error = f"cannot read the file: {exc.strerror or exc}"
        return None
    if len(data) > MAX_SOURCE_BYTES:
        report.error = f"file is over the {MAX_SOURCE_BYTES:,} byte limit: not read"
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        report.error_line = data[: exc.start].count(b"\n") + 1
        report.error = f"not UTF-8 text (byte 0x{data[exc.start]:02x}): save the file as UTF-8 and try again"
        return None


def _previous_source(target: Path) -> tuple[bool, str | None]:
    """(written by import-bank?, the source it names) for an existing bank file."""
    try:
        with open(target, "rb") as f:
            head = f.read(4096).decode("utf-8", "replace").split("\n")
    except OSError:
        return False, None
    if not head or not head[0].startswith(f"# {MARKER}"):
        return False, None
    for line in head[1:]:
        if line.startswith(f"# {_SOURCE_PREFIX}"):
            return True, line[len(f"# {_SOURCE_PREFIX}") :].rstrip("\r")
    return True, None


# --------------------------------------------------------------------------- building


def _header(source_abs: str, domain: int | str | None) -> list[str]:
    how = (
        f"domain {domain} given with --domain."
        if domain is not None
        else f"domains inferred from the services (the comment on a domain line says how sure); "
        f"below {round(MIN_CONFIDENCE * 100)}% a question stays {UNCLASSIFIED}."
    )
    return [
        f"{MARKER}: questions imported from a Markdown question bank.",
        f"{_SOURCE_PREFIX}{source_abs}",
        "Importing the same file again replaces this file (ids stay the same).",
        "services: found by name in each question's text; " + how,
    ]


# --------------------------------------------------------------------------- the import


def _replace_refusal(target: Path, source: Path, force: bool) -> str:
    """Why an existing ``target`` must not be replaced ("" when it may be, or does not exist)."""
    if not os.path.lexists(target):
        return ""
    if os.path.isdir(target):
        return f"{target} is a folder: nothing written"
    ours, previous = _previous_source(target)
    if not ours and not force:
        return (
            f"{target} exists and was not written by import-bank: not replaced "
            "(choose another --name, or --force to replace it)"
        )
    if ours and previous not in (None, toml_comment(os.path.abspath(source))) and not force:
        return (
            f"{target} holds questions imported from {previous}: not replaced "
            "(choose another --name to keep both, or --force to replace it)"
        )
    return ""


def import_bank(
    source: Path,
    data_dir: Path,
    *,
    domain: int | str | None = None,
    name: str | None = None,
    content_dirs: Iterable[Path] = (),
    force: bool = False,
    dry_run: bool = False,
) -> BankImportReport:
    """Import the Markdown bank ``source`` into ``<data_dir>/content/exam/imported-<name>.toml``.

    ``domain``: 1..4 or "unclassified" for every imported question; ``None`` (the default):
    inferred per question from its services (:mod:`.tagging`). ``name``: the file's and
    ids' name (default: the source file's stem), slugified. ``content_dirs``: extra content
    dirs whose exam banks count for duplicates (the bundled one and the learner's always do;
    only their services tag questions: the app always loads them).
    ``force``: replace a target file import-bank did not write. ``dry_run``: write nothing.
    """
    source = Path(source)
    report = BankImportReport(source=str(source), dry_run=dry_run)
    text = _read_source(source, report)
    if text is None:
        return report
    parsed = parse_markdown_bank(text)
    report.skipped.extend(parsed.skipped)
    if not parsed.questions and not parsed.skipped:
        report.error = "no questions found (a question is a ### heading followed by - [ ] / - [x] options)"
        return report

    slug = slugify(name if name is not None else source.stem) or "bank"
    content = learner_content_dir(Path(data_dir))
    target = content / "exam" / f"imported-{slug}.toml"
    report.target = target

    bundled = bundled_content_dir()
    known = known_questions(bundled, [content, *content_dirs], target, report)
    tagger = ServiceTagger(load_services([bundled, content]))
    header = _header(os.path.abspath(source), domain)
    budget = MAX_FILE_BYTES - len(dumps_exam([], header).encode("utf-8")) - 1  # the loader reads no more
    build = Build(slug, target, known, report, domain, tagger, budget, MAX_FILE_BYTES)
    questions = build_questions(parsed.questions, build)
    report.took(questions, build)
    if not questions:
        return report

    rendered = dumps_exam(questions, header, build.comments)
    try:  # the whole file must load: never leave a bank file the app would refuse
        parse_exam_text(rendered, str(target))
    except ContentError as exc:
        return report.fail(f"internal error: the bank file would not load ({exc.problems[0]}); nothing written")

    refusal = _replace_refusal(target, source, force)
    if refusal:
        return report.fail(refusal)
    report.replaced = os.path.lexists(target)

    if dry_run:
        return report
    return _write(report, Path(data_dir), target, rendered)


def _write(report: BankImportReport, data_dir: Path, target: Path, rendered: str) -> BankImportReport:
    """Write the bank file atomically into private folders (the data dir, content/, exam/)."""
    try:
        for folder in (data_dir, target.parent.parent, target.parent):
            ensure_private_dir(folder)
        write_text_atomic(target, rendered)
    except OSError as exc:
        return report.fail(f"cannot write {target}: {exc.strerror or exc}")
    return report
