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
  other exam-bank files (bundled, the learner's, ``--content`` dirs), are skipped.
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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...paths import bundled_content_dir, ensure_private_dir, learner_content_dir
from ..loader import MAX_FILE_BYTES, parse_exam_text, read_text, tomllib
from ..models import UNCLASSIFIED, ContentError, ExamQuestion
from .markdown_bank import Finding, parse_markdown_bank
from .questions import build_questions, question_key
from .tagging import ServiceTagger, load_services
from .toml_writer import dumps_exam, dumps_question, toml_comment, write_text_atomic

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
        return [f"services: {tagged:,} of {n:,} tagged by the service names in their text ({n - tagged:,} untagged)"]

    def fail(self, message: str) -> BankImportReport:
        """A fatal problem after parsing: nothing is (or would be) written."""
        self.error, self.imported, self.ids, self.replaced = message, 0, [], False
        return self


_NUMBER = re.compile(r"\d[\d,]*")


def by_reason(findings: Iterable[Finding]) -> list[list[Finding]]:
    """Findings grouped by reason (their message with the numbers in it left aside: "duplicate of
    the question at line 16" and "... at line 90" are one reason), groups in the order of their
    first finding, each group in the order given."""
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


def _existing_questions(dirs: Iterable[Path], target: Path, report: BankImportReport) -> dict[str, tuple[str, str]]:
    """question_key -> (file, id) for every question of the other exam-bank files."""
    known: dict[str, tuple[str, str]] = {}
    seen: set[str] = set()
    target_real = os.path.realpath(target)
    for root in dirs:
        exam_dir = Path(root) / "exam"
        try:
            files = sorted(p for p in exam_dir.glob("*.toml") if p.is_file()) if exam_dir.is_dir() else []
        except OSError:
            continue
        for path in files:
            real = os.path.realpath(path)
            if real == target_real or real in seen:
                continue
            seen.add(real)
            try:
                data = tomllib.loads(read_text(path))
            except ContentError as exc:
                report.notes.append(Finding(0, f"could not check {path} for duplicates: {exc.problems[0].message}"))
                continue
            except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
                report.notes.append(Finding(0, f"could not check {path} for duplicates: invalid TOML ({exc})"))
                continue
            entries = data.get("question", [])
            if not isinstance(entries, list):
                continue
            for entry in entries:
                if not isinstance(entry, dict):
                    continue
                stem, options = entry.get("stem"), entry.get("options")
                if isinstance(stem, str) and isinstance(options, list) and all(isinstance(o, str) for o in options):
                    qid = entry.get("id")
                    known.setdefault(question_key(stem, options), (str(path), qid if isinstance(qid, str) else "?"))
    return known


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


def _header(source_abs: str) -> list[str]:
    return [
        f"{MARKER}: questions imported from a Markdown question bank.",
        f"{_SOURCE_PREFIX}{source_abs}",
        "Importing the same file again replaces this file (ids stay the same).",
    ]


def _fit(questions: list[tuple[ExamQuestion, int]], header: list[str], report: BankImportReport) -> list[ExamQuestion]:
    """The questions that fit in one content file (the loader reads at most MAX_FILE_BYTES)."""
    size = len(dumps_exam([], header).encode("utf-8")) + 1
    kept: list[ExamQuestion] = []
    for i, (q, _) in enumerate(questions):
        size += len(dumps_question(q).encode("utf-8")) + 1
        if size > MAX_FILE_BYTES:
            for _, line in questions[i:]:
                report.skipped.append(
                    Finding(
                        line,
                        f"the bank file would be over "
                        f"{MAX_FILE_BYTES:,} bytes: import the rest of the "
                        "file separately (with another --name)",
                    )
                )
            break
        kept.append(q)
    return kept


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
    domain: int | str = UNCLASSIFIED,
    name: str | None = None,
    content_dirs: Iterable[Path] = (),
    force: bool = False,
    dry_run: bool = False,
) -> BankImportReport:
    """Import the Markdown bank ``source`` into ``<data_dir>/content/exam/imported-<name>.toml``.

    ``domain``: 1..4 or "unclassified" for every imported question. ``name``: the file's and
    ids' name (default: the source file's stem), slugified. ``content_dirs``: extra content
    dirs whose exam banks count for duplicates (the bundled one and the learner's always do).
    Services are tagged from the bundled and the learner's services only (:mod:`.tagging`): the
    app always loads those, so a tag never names a service it cannot find.
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

    existing = _existing_questions([bundled_content_dir(), content, *content_dirs], target, report)
    tagger = ServiceTagger(load_services([bundled_content_dir(), content]))
    built = build_questions(parsed.questions, slug, domain, target, existing, report, tagger)
    header = _header(os.path.abspath(source))
    questions = _fit(built, header, report)
    report.skipped.sort(key=lambda f: f.line)
    report.notes.sort(key=lambda f: f.line)
    report.ids = [q.id for q in questions]
    report.imported = len(questions)
    report.tagged = sum(1 for q in questions if q.services)
    if not questions:
        return report

    rendered = dumps_exam(questions, header)
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
