"""Exam history for the Progress view: score trend, attempts, weakest domains and services."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ...content.models import domain_name
from ...exam import PASSING_SCALED
from ...exam.history import AttemptSummary, area_accuracy, read_summaries, weakest

SPARK = "▁▂▃▄▅▆▇█"
WEAKEST = 5


def sparkline(values: list[float], lo: float = 0.0, hi: float = 100.0) -> Text:
    if not values:
        return Text("")
    span = (hi - lo) or 1.0
    out = Text()
    for v in values:
        level = min(len(SPARK) - 1, max(0, int((v - lo) / span * (len(SPARK) - 1) + 0.5)))
        out.append(SPARK[level], style="green" if v >= 72 else "yellow")
    return out


def finished_summaries(store: Any) -> list[AttemptSummary]:
    """The finished attempts' summaries, oldest first: the store's summaries, never the outcomes."""
    return read_summaries(store)


def exam_history_renderable(library: Any, store: Any) -> Any:
    head = Text("\nExams", style="bold underline")
    done = finished_summaries(store)
    if not done:
        return Group(head, Text("No exam taken yet: press 3 for the Exam view.", style="dim"))
    percents = [s.result.percent for s in done]
    best = max((s.result for s in done), key=lambda r: r.percent)
    last = done[-1].result
    trend = Text.assemble(
        ("Score trend  ", "bold"),
        sparkline(percents[-40:]),
        f"   last {last.percent:.0f} % ({last.scaled})   best {best.percent:.0f} % ({best.scaled})"
        f"   pass mark {PASSING_SCALED} scaled",
    )
    attempts = Table("when", "mode", "questions", "score", "scaled", "result", box=None, padding=(0, 2))
    for a in reversed(done[-10:]):
        r = a.result
        attempts.add_row(
            Text(a.when),
            Text(a.mode_name),
            str(r.total),
            f"{r.percent:.0f} %",
            str(r.scaled),
            Text("pass", style="green") if r.passed else Text("fail", style="red"),
        )
    by_domain, by_service = area_accuracy(done)
    weak = Table("weakest areas", "right", "accuracy", box=None, padding=(0, 2))
    for d, acc in sorted(by_domain.items(), key=lambda kv: kv[1].correct / max(kv[1].total, 1))[:4]:
        weak.add_row(
            Text(domain_name(d)), f"{acc.correct}/{acc.total}", f"{100 * acc.correct / max(acc.total, 1):.0f} %"
        )
    weak.add_row(Text(""), "", "")
    for sid, acc in weakest(by_service, WEAKEST):
        svc = library.service(sid)
        weak.add_row(
            Text(svc.name if svc else sid),
            f"{acc.correct}/{acc.total}",
            f"{100 * acc.correct / max(acc.total, 1):.0f} %",
        )
    return Group(head, Text(f"{len(done)} finished attempt(s)"), trend, Text(""), attempts, Text(""), weak)
