"""What the Exam view writes: clocks, durations, the score head and the accuracy tables."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ....content.models import Library, domain_name
from ....content.text import for_display
from ....exam import SCALED_SCORE_NOTE, Result
from ....exam.draw import AreaAccuracy
from ....exam.status import ExamStatus
from ..base import service_name


def clock_text(seconds: float | None) -> str:
    if seconds is None:
        return "untimed"
    s = max(0, int(seconds + 0.999))  # show 0:00:00 only when the time is really up
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def duration_text(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}h {s % 3600 // 60:02d}m {s % 60:02d}s" if s >= 3600 else f"{s // 60}m {s % 60:02d}s"


def results_header(result: Result, status: str) -> Group:
    """The score line, then the note on what the scaled score is."""
    return Group(score_line(result, status), score_note())


def score_note() -> Text:
    return Text(SCALED_SCORE_NOTE, style="dim italic")


def score_line(result: Result, status: str) -> Text:
    # The gap between two parts ends the part before it, never starts the next one: a part that
    # starts with spaces is drawn without them where leading spaces collapse (SVG screenshots).
    verdict = Text("PASS   " if result.passed else "FAIL   ", style="bold green" if result.passed else "bold red")
    head = Text.assemble(
        ("Score ", "bold"),
        (f"{result.correct}/{result.total} ({result.percent:.0f} %)   ", "bold"),
        "scaled ",
        (f"{result.scaled} ", "bold"),
        "of 1000 (estimate)   ",
        verdict,
        f"time used {duration_text(result.time_used_s)}   ",
    )
    if status == ExamStatus.EXPIRED:
        head.append("time ran out: submitted automatically", style="yellow")
    head.rstrip()
    return head


def _accuracy_cells(name: str, ok: int, total: int) -> tuple[Text, str, Text]:
    pct = 100 * ok / total if total else 0
    return Text(for_display(name)), f"{ok}/{total}", Text(f"{pct:.0f} %", style="green" if pct >= 72 else "red")


def accuracy_table(title: str, rows: list[tuple[str, int, int]]) -> Table:
    table = Table(title, "right", "accuracy", box=None, padding=(0, 2), title_justify="left")
    for row in rows:
        table.add_row(*_accuracy_cells(*row))
    return table


def task_lines(by_task: dict[str, AreaAccuracy], width: int) -> Text:
    """Accuracy by task statement ("1.1 50 %", in guide order), as many to a line as ``width``
    holds: two or three lines under the domains and services (Progress names them in full)."""
    out = Text()  # parts styled one by one: a Text's own style runs under all it holds
    out.append("Task statements ", style="bold")
    used = out.cell_len
    for task, acc in by_task.items():
        pct = 100 * acc.correct / acc.total if acc.total else 0
        item = f"{task} {pct:.0f} %"
        if used + len(item) + 2 > width and used > 0:
            out.append("\n")
            used = 0
        out.append(f"{task} ")
        out.append(f"{pct:.0f} %", style="green" if pct >= 72 else "red")
        out.append("   ", style="green" if pct >= 72 else "red")  # the gap ends the part before it
        used += len(item) + 3
    out.rstrip()
    return out


def domain_table(result: Result) -> Table:
    return accuracy_table(
        "domain",
        [
            (domain_name(d), ok, total)
            for d, (ok, total) in sorted(result.per_domain.items(), key=lambda kv: str(kv[0]))
        ],
    )


def service_table(result: Result, library: Library) -> Table:
    """Weakest services first."""
    rows = []
    for sid, (ok, total) in sorted(result.per_service.items(), key=lambda kv: (kv[1][0] / max(kv[1][1], 1), kv[0])):
        rows.append((service_name(library, sid), ok, total))
    return accuracy_table("service (weakest first)", rows)
