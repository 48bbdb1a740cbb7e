"""``awstui check``: validate content directories and print what they hold."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from ..content.models import Library


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``check`` to the subcommands."""
    p = sub.add_parser("check", help="validate content and print what it holds")
    p.add_argument("dirs", nargs="*", type=Path, metavar="DIR", help="content dirs (default: all)")
    p.set_defaults(handler=run_check)


def print_report(library: Library, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    head = Table.grid(padding=(0, 2))
    for label, n in (
        ("categories", len(library.categories)),
        ("services", len(library.services)),
        ("note bullets", library.bullet_count()),
        ("open questions", len(library.questions)),
        ("exam questions", len(library.exam)),
    ):
        head.add_row(Text(label), Text(str(n), style="bold"))
    console.print(head)
    if library.exam:
        print_bank(library, console)


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


def print_bank(library: Library, console: Console) -> None:
    """The exam bank's figures: per domain, task statement and service; shapes; cues; repeats."""
    from rich.table import Table
    from rich.text import Text

    from ..content.figures import bank_figures
    from ..content.models import DOMAINS, TASKS, domain_name

    f = bank_figures(library.exam)
    console.print(
        Text(
            f"\nexam bank: {f.single} single answer, {f.multi} multiple response ({_pct(f.multi, f.total)}; "
            f"{f.choose_three} choose three)"
        )
    )
    dom = Table("domain", "questions", "share", "exam weight", box=None)
    for d, n in f.by_domain.items():
        weight = f"{DOMAINS[d][1] * 100:.0f} %" if isinstance(d, int) and d in DOMAINS else "-"
        dom.add_row(Text(domain_name(d)), str(n), _pct(n, f.total), weight)
    console.print(dom)
    tasks = Table("task statement", "questions", box=None)
    for t, n in f.by_task.items():
        tasks.add_row(Text(f"{t} {TASKS[t]}"), Text(str(n), style="red" if n == 0 else ""))
    if f.untagged:
        tasks.add_row(Text("no task statement"), str(f.untagged))
    console.print(tasks)
    names = {s.id: s.name for s in library.services}
    svc = Table("service", "exam questions", box=None)
    for sid in sorted(names, key=lambda i: (-f.by_service.get(i, 0), i)):
        n = f.by_service.get(sid, 0)
        svc.add_row(Text(f"{sid} ({names[sid]})"), Text(str(n), style="red" if n < 2 else ""))
    console.print(svc)
    console.print(
        Text(
            f"answer cues: right option strictly the longest in {f.single_longest} of {f.single} single-answer "
            f"questions ({_pct(f.single_longest, f.single)}), strictly the shortest in {f.single_shortest} "
            f"({_pct(f.single_shortest, f.single)}); all right options longer than every distractor in "
            f"{f.multi_longest} of {f.multi} multiple-response ones ({_pct(f.multi_longest, f.multi)})\n"
            f"right option by position (single answer): " + ", ".join(f"{k} {n}" for k, n in f.positions.items())
        )
    )
    console.print(Text(f"possible repeats (same scenario, same answer): {len(f.repeats)}"))
    for a, b, score in f.repeats:
        console.print(Text(f"  {a} ~ {b} ({score:.2f})"))


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
