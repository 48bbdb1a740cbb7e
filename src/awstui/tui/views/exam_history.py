"""Exam history for the Progress view: score trend, attempts, weakest domains and services."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ...content.models import domain_name
from ...content.text import for_display
from ...exam import PASSING_SCALED
from ...exam.history import AttemptSummary, history_totals, read_summaries, weakest

SPARK = "▁▂▃▄▅▆▇█"
WEAKEST = 5
TREND = 40  # attempts in the score trend
LISTED = 10  # attempts in the table


def sparkline(values: list[float], lo: float = 0.0, hi: float = 100.0) -> Text:
    if not values:
        return Text("")
    span = (hi - lo) or 1.0
    out = Text()
    for v in values:
        level = min(len(SPARK) - 1, max(0, int((v - lo) / span * (len(SPARK) - 1) + 0.5)))
        out.append(SPARK[level], style="green" if v >= 72 else "yellow")
    return out


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


def exam_history_renderable(library: Any, store: Any) -> Any:
    head = Text("\nExams", style="bold underline")
    done = finished_summaries(store, TREND)  # the newest few; the totals cover every attempt
    if not done:
        return Group(head, Text("No exam taken yet: press 3 for the Exam view.", style="dim"))
    totals = history_totals(store)
    last = done[-1].result
    best_percent = last.percent if totals.best_percent is None else totals.best_percent
    trend = Text.assemble(
        ("Score trend  ", "bold"),
        # the gap ends the sparkline's part (styled, so it is not merged into the next one)
        sparkline([s.result.percent for s in done]).append("   ", style="green"),
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
    by_domain, by_service = totals.by_domain, totals.by_service
    weak = Table("weakest areas", "right", "accuracy", box=None, padding=(0, 2))
    for d, acc in sorted(by_domain.items(), key=lambda kv: kv[1].correct / max(kv[1].total, 1))[:4]:
        weak.add_row(
            Text(domain_name(d)), f"{acc.correct}/{acc.total}", f"{100 * acc.correct / max(acc.total, 1):.0f} %"
        )
    weak.add_row(Text(""), "", "")
    for sid, acc in weakest(by_service, WEAKEST):
        svc = library.service(sid)
        weak.add_row(
            Text(for_display(svc.name if svc else sid)),
            f"{acc.correct}/{acc.total}",
            f"{100 * acc.correct / max(acc.total, 1):.0f} %",
        )
    return Group(head, Text(f"{totals.scored} finished attempt(s)"), trend, Text(""), attempts, Text(""), weak)
