"""Exam history for the Progress view: score trend, attempts, weakest services, accuracy by
domain and by task statement."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ...content.models import domain_name, task_name
from ...content.text import for_display
from ...exam import PASSING_SCALED
from ...exam.config import domain_sort_key
from ...exam.draw import AreaAccuracy
from ...exam.history import AttemptSummary, history_totals, read_summaries, weakest
from ...records import record

WEAKEST = 5
TREND = 40  # attempts in the score trend
LISTED = 10  # attempts in the table


def text_lines(
    headers: tuple[str, ...], rows: list[tuple[Text | str, ...]], gap: int = 2, fill_styled: bool = True
) -> list[Text]:
    """The header and each row as one line, columns as wide as their widest cell (left
    aligned) with ``gap`` spaces between them; the header in ``table.header``; a cell's fill
    in the cell's style (as a rich Table pads it) unless not ``fill_styled`` (as DataTable)."""
    cells = [[c if isinstance(c, Text) else Text(c) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, c.cell_len) for w, c in zip(widths, row, strict=True)]
    pad = " " * gap
    lines = [Text(pad.join(h.ljust(w) for h, w in zip(headers, widths, strict=True)), style="table.header")]
    for row in cells:
        line = Text()
        for i, (c, w) in enumerate(zip(row, widths, strict=True)):
            line.append(pad if i else "")
            line.append_text(c)
            line.append(" " * (w - c.cell_len), style=c.style if fill_styled else "")
        lines.append(line)
    return lines


def text_table(headers: tuple[str, ...], rows: list[tuple[Text | str, ...]], gap: int = 2) -> Text:
    """A table as one Text, drawn as ``rich.table.Table(*headers, box=None, padding=(0, gap))``
    draws it (headers in ``table.header``, columns as wide as their widest cell, left aligned)
    at a fraction of the cost: a Table measures and renders every cell on each of Textual's
    passes (width, height, lines), which made the attempts list most of Progress's first frame."""
    pad = " " * gap
    out = Text()
    for i, line in enumerate(text_lines(headers, rows, 2 * gap)):
        out.append("\n" if i else "")
        out.append(pad, style=line.style)
        out.append_text(line)
        out.append(pad, style=line.style)
    return out


def finished_summaries(store: Any, limit: int | None = None) -> list[AttemptSummary]:
    """The finished attempts' summaries (the newest ``limit``), oldest first: the store's
    summaries, never the outcomes."""
    return read_summaries(store, limit)


@record
class ExamHistory:
    """Progress's exam section in its parts: the head (totals, last and best), the scaled
    scores of the trend (oldest first), the attempts list with the weakest services, and the
    accuracy by domain and by task statement as ``(label, correct, total)`` bar rows."""

    head: Group
    scores: list[int] = field(default_factory=list)
    listing: Group | None = None
    domains: list[tuple[str, int, int]] = field(default_factory=list)
    tasks: list[tuple[str, int, int]] = field(default_factory=list)


def exam_history(library: Any, store: Any, by_task: dict[str, AreaAccuracy] | None = None) -> ExamHistory:
    head = Text("\nExams", style="bold underline")
    done = finished_summaries(store, LISTED)  # the newest few; the totals cover every attempt
    if not done:
        return ExamHistory(Group(head, Text("No exam taken yet: press 3 for the Exam view.", style="dim")))
    totals = history_totals(store)
    last = done[-1].result
    best_percent = last.percent if totals.best_percent is None else totals.best_percent
    trend = Text.assemble(
        ("Score trend  ", "bold"),
        f"last {last.percent:.0f} % ({last.scaled})   best {best_percent:.0f} % ({totals.best_scaled})"
        f"   pass mark {PASSING_SCALED} scaled",
    )
    rows: list[tuple[Text | str, ...]] = []
    for a in reversed(done[-LISTED:]):
        r = a.result
        rows.append(
            (
                Text(a.when),
                Text(a.mode_name),
                str(r.total),
                f"{r.percent:.0f} %",
                str(r.scaled),
                Text("pass", style="green") if r.passed else Text("fail", style="red"),
            )
        )
    attempts = text_table(("when", "mode", "questions", "score", "scaled", "result"), rows)
    weak = Table("weakest services", "right", "accuracy", box=None, padding=(0, 2))
    for sid, acc in weakest(totals.by_service, WEAKEST):
        svc = library.service(sid)
        weak.add_row(
            Text(for_display(svc.name if svc else sid)),
            f"{acc.correct}/{acc.total}",
            f"{100 * acc.correct / max(acc.total, 1):.0f} %",
        )
    domains = [
        (domain_name(d), acc.correct, acc.total)
        for d, acc in sorted(totals.by_domain.items(), key=lambda kv: domain_sort_key(kv[0]))
    ]
    tasks = [(task_name(t), acc.correct, acc.total) for t, acc in (by_task or {}).items()]
    return ExamHistory(
        Group(head, Text(f"{totals.scored} finished attempt(s)"), trend),
        store.attempt_scores(TREND)[::-1],  # the trend reads only the scores
        Group(Text(""), attempts, Text(""), weak),
        domains,
        tasks,
    )
