"""``awstui check``: validate content directories and print what they hold."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from ..content.models import Library


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``check`` to the subcommands."""
    p = sub.add_parser("check", help="validate content and print what it holds")
    p.add_argument("dirs", nargs="*", type=Path, metavar="DIR", help="content dirs (default: all)")
    p.set_defaults(handler=run_check)


def summary(library: Library) -> dict[str, Any]:
    """Counts of what a library holds, and the exam bank's coverage."""
    from ..content.models import domain_name

    multi = sum(1 for q in library.exam if q.is_multi)
    by_domain = Counter(q.domain for q in library.exam)
    by_service = Counter(s for q in library.exam for s in q.services)
    return {
        "categories": len(library.categories),
        "services": len(library.services),
        "bullets": library.bullet_count(),
        "open_questions": len(library.questions),
        "exam_questions": len(library.exam),
        "exam_single": len(library.exam) - multi,
        "exam_multi": multi,
        "exam_by_domain": {domain_name(d): n for d, n in sorted(by_domain.items(), key=lambda kv: str(kv[0]))},
        "exam_by_service": {s.id: by_service.get(s.id, 0) for s in library.services},
        "problems": len(library.problems),
    }


def print_report(library: Library, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    from ..content.models import DOMAINS, domain_name

    s = summary(library)
    head = Table.grid(padding=(0, 2))
    for label, key in (
        ("categories", "categories"),
        ("services", "services"),
        ("note bullets", "bullets"),
        ("open questions", "open_questions"),
        ("exam questions", "exam_questions"),
    ):
        head.add_row(Text(label), Text(str(s[key]), style="bold"))
    console.print(head)
    if library.exam:
        total = len(library.exam)
        console.print(
            Text(
                f"\nexam bank: {s['exam_single']} single answer, {s['exam_multi']} multiple response "
                f"({100 * s['exam_multi'] / total:.0f} %)"
            )
        )
        dom = Table("domain", "questions", "share", "exam weight", box=None)
        for d, n in s["exam_by_domain"].items():
            num = next((k for k in DOMAINS if domain_name(k) == d), None)
            weight = f"{DOMAINS[num][1] * 100:.0f} %" if num else "-"
            dom.add_row(Text(d), str(n), f"{100 * n / total:.0f} %", weight)
        console.print(dom)
        svc = Table("service", "exam questions", box=None)
        for sid, n in s["exam_by_service"].items():
            svc.add_row(Text(sid), Text(str(n), style="red" if n < 2 else ""))
        console.print(svc)


def run_check(args: argparse.Namespace) -> int:
    """The ``check`` handler: load the dirs, print what they hold and every problem; 1 if any."""
    from rich.console import Console
    from rich.text import Text

    from ..content import load_library
    from ..paths import content_dirs, resolve_data_dir

    out, err = Console(highlight=False), Console(stderr=True, highlight=False)
    dirs = [Path(d) for d in args.dirs] if args.dirs else content_dirs(resolve_data_dir(args.data_dir), args.content)
    library = load_library(dirs)
    for d in dirs:
        out.print(Text(f"content: {d}", style="dim"), soft_wrap=True)
    print_report(library, out)
    if library.problems:
        err.print(Text(f"\n{len(library.problems)} problem(s):", style="bold red"))
        for p in library.problems:
            err.print(Text(str(p)), soft_wrap=True)
        return 1
    out.print(Text("\nno problems found", style="green"))
    return 0
