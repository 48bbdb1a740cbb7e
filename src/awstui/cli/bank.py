"""``awstui import-bank FILE.md``: import a Markdown question bank into the learner's exam bank.

``register(sub)`` adds the subcommand to the argparse subparsers of ``awstui.cli``. The handler uses
the global ``--data-dir`` and ``--content`` arguments, prints the report with rich (never
interpreting the file's text as markup) and returns the exit code. No traceback reaches the
learner: every failure is one line naming the file (and line).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported when the handler runs: building the parser stays cheap
    from rich.console import Console
    from rich.text import Text

    from ..content.importers import BankImportReport, Finding

EPILOG = """\
The file is read in the Markdown format of public GitHub question banks: a question is a
heading ("### A developer ... (Choose TWO)"), its options are task-list items, "- [ ] wrong"
and "- [x] right" ("* [ ]" and "[X]" work too). "Back to Top" links, rules and text between
questions are ignored; an "Explanation:" paragraph after the options is kept, and images are
kept as "[image: alt] url" lines.

Each question is tagged with the services its text names; without --domain its domain is
inferred from them where the bundled bank is clear (>= 60%), else it stays unclassified. The
questions go to <data dir>/content/exam/imported-NAME.toml, ready for Custom and Practice
exams, and for Full exams when they have a domain. Importing the same file again replaces that
file and keeps the question ids. A file there that import-bank did not write is never replaced
without --force.

Skipped questions are listed with their line and the reason: no option marked right, a
"(Choose N)" count that disagrees with the marks, a duplicate or near-duplicate (same options,
a stem that differs only in case, punctuation, backticks or a typo, in this file or in another
exam-bank file), not a question (a checklist), options that are only images, ...

exit status:
  0  questions were imported (others may have been skipped); with --dry-run: would be
  1  nothing was imported: the file can't be read, it holds no usable question, or the
     bank file can't be written (the message says which)
  2  wrong command-line usage
"""


def domain_arg(value: str) -> int | str:
    from ..content.models import UNCLASSIFIED

    v = value.strip().lower()
    if v in ("1", "2", "3", "4"):
        return int(v)
    if v == UNCLASSIFIED:
        return UNCLASSIFIED
    raise argparse.ArgumentTypeError(f"must be 1, 2, 3, 4 or {UNCLASSIFIED}, not {value!r}")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import-bank`` to the subcommands."""
    p = sub.add_parser(
        "import-bank",
        help="import a Markdown question bank (### question, - [ ] / - [x] options)",
        description="Import the questions of a Markdown question bank into your exam bank.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", type=Path, metavar="FILE.md", help="the Markdown question bank")
    p.add_argument(
        "--domain",
        type=domain_arg,
        default=None,
        metavar="N",
        help="the DVA-C02 domain (1-4, or unclassified) of every imported question (default: "
        "inferred per question from the services it names, where the bundled bank gives a clear majority)",
    )
    p.add_argument(
        "--name",
        metavar="NAME",
        help="name of the bank file and of the ids, imported-NAME.toml (default: the file's name)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing imported-NAME.toml that "
        "import-bank did not write, or that holds another file's questions",
    )
    p.add_argument("--dry-run", action="store_true", help="report what would be imported; write nothing")
    p.set_defaults(handler=run_import_bank)


def printable(text: str) -> str:
    """``text`` safe for a terminal: control, format and surrogate characters shown as escapes."""
    from ..content.text import escaped

    return escaped(text)


def run_import_bank(args: argparse.Namespace, out: Console | None = None, err: Console | None = None) -> int:
    """The ``import-bank`` handler: import, print the report, return the exit code."""
    from rich.console import Console
    from rich.text import Text

    out = out or Console(highlight=False, soft_wrap=True)
    err = err or Console(stderr=True, highlight=False, soft_wrap=True)
    shown = printable(str(getattr(args, "file", "?")))
    try:
        from ..content.importers import import_bank
        from ..paths import resolve_data_dir

        report = import_bank(
            Path(args.file),
            resolve_data_dir(getattr(args, "data_dir", None)),
            domain=getattr(args, "domain", None),
            name=getattr(args, "name", None),
            content_dirs=list(getattr(args, "content", None) or []),
            force=bool(getattr(args, "force", False)),
            dry_run=bool(getattr(args, "dry_run", False)),
        )
        print_report(report, out, err)
        return report.exit_code
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # the last guard: a bug must still be one line, not a traceback
        _emit(err, Text(f"{shown}: import-bank failed: {type(exc).__name__}: {printable(str(exc))}"))
        return 1


def _emit(console: Console, text: Text) -> None:
    """Print one line; on a terminal that can't encode it, print it with escapes instead."""
    try:
        console.print(text)
    except UnicodeEncodeError:
        stream = console.file
        enc = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.plain.encode(enc, "backslashreplace").decode(enc, "replace") + "\n")
        stream.flush()


def _where(shown: str, line: int) -> str:
    return f"{shown}:{line}" if line else shown


def print_report(report: BankImportReport, out: Console, err: Console) -> None:
    """Print an :class:`~awstui.content.importers.BankImportReport` (file text never read as markup)."""
    from rich.text import Text

    shown = printable(report.source)
    target = printable(str(report.target)) if report.target else ""
    n = report.imported
    plural = "question" if n == 1 else "questions"
    if report.error:
        _emit(
            err,
            Text.assemble(
                (f"{_where(shown, report.error_line)}: ", "bold"), ("error: ", "bold red"), printable(report.error)
            ),
        )
    elif n and report.dry_run:
        _emit(
            out,
            Text.assemble(
                ("Would import ", "bold"),
                (f"{n} {plural}", "bold green"),
                f" from {shown} into {target}"
                + (" (replacing the earlier import)" if report.replaced else "")
                + " (dry run: nothing written)",
            ),
        )
    elif n:
        _emit(
            out,
            Text.assemble(
                ("Imported ", "bold"),
                (f"{n} {plural}", "bold green"),
                f" from {shown} into {target}" + (" (replaced the earlier import)" if report.replaced else ""),
            ),
        )
    else:
        _emit(
            err,
            Text.assemble(
                (f"{shown}: ", "bold"),
                ("nothing imported", "bold red"),
                ": no question could be used" if report.skipped else "",
            ),
        )
    for line in report.summary():
        _emit(out, Text(f"  {printable(line)}"))
    for title, findings in (("Skipped", report.skipped), ("Notes", report.notes)):
        if findings:
            _print_findings(out, shown, title, findings)


SHOWN_PER_REASON = 3


def _print_findings(out: Console, shown: str, title: str, findings: list[Finding]) -> None:
    """A heading with the count, then per reason its first lines and how many more there are."""
    from rich.text import Text

    from ..content.importers.bank import by_reason

    heading = f"Skipped {len(findings):,}:" if title == "Skipped" else f"Notes ({len(findings):,}):"
    _emit(out, Text(heading, style="bold yellow" if title == "Skipped" else "bold"))
    for group in by_reason(findings):
        for f in group[:SHOWN_PER_REASON]:
            _emit(out, Text(f"  {_where(shown, f.line)}: {printable(f.message)}"))
        rest = len(group) - SHOWN_PER_REASON
        if rest > 0:
            _emit(out, Text(f"  ... and {rest:,} more like the line above", style="dim"))
