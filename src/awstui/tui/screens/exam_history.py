"""Exam history for the Progress view: score trend, attempts, weakest domains and services."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ...content.models import domain_name
from ...exam import PASSING_SCALED, Result, accuracy_by_area

MODE_NAMES = {"full": "Full exam", "custom": "Custom", "practice": "Practice", "weak": "Weak spots"}
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


def finished_results(store: Any) -> list[tuple[Any, Result]]:
    """(attempt, result) of finished attempts, oldest first; unreadable results are skipped."""
    out = []
    for a in reversed(store.attempts(include_answers=False)):
        if a.status in ("submitted", "expired") and a.result:
            try:
                out.append((a, Result.from_dict(a.result)))
            except (KeyError, TypeError, ValueError):
                continue
    return out


def exam_history_renderable(library: Any, store: Any) -> Any:
    head = Text("\nExams", style="bold underline")
    done = finished_results(store)
    if not done:
        return Group(head, Text("No exam taken yet: press 3 for the Exam view.", style="dim"))
    percents = [r.percent for _, r in done]
    best = max(done, key=lambda ar: ar[1].percent)[1]
    last = done[-1][1]
    trend = Text.assemble(
        ("Score trend  ", "bold"),
        sparkline(percents[-40:]),
        f"   last {last.percent:.0f} % ({last.scaled})   best {best.percent:.0f} % ({best.scaled})"
        f"   pass mark {PASSING_SCALED} scaled",
    )
    attempts = Table("when", "mode", "questions", "score", "scaled", "result", box=None, padding=(0, 2))
    for a, r in reversed(done[-10:]):
        attempts.add_row(
            Text((a.finished_at or a.started_at or "")[:16].replace("T", " ")),
            Text(MODE_NAMES.get(a.mode, a.mode)),
            str(r.total),
            f"{r.percent:.0f} %",
            str(r.scaled),
            Text("pass", style="green") if r.passed else Text("fail", style="red"),
        )
    history = [pair for _, r in done for pair in r.history()]
    by_service, by_domain = accuracy_by_area(library.exam, history)
    weak = Table("weakest areas", "right", "accuracy", box=None, padding=(0, 2))
    for d, acc in sorted(by_domain.items(), key=lambda kv: kv[1].correct / max(kv[1].total, 1))[:4]:
        weak.add_row(
            Text(domain_name(d)), f"{acc.correct}/{acc.total}", f"{100 * acc.correct / max(acc.total, 1):.0f} %"
        )
    weak.add_row(Text(""), "", "")
    ranked = sorted(by_service.items(), key=lambda kv: (kv[1].correct / max(kv[1].total, 1), -kv[1].total))
    for sid, acc in ranked[:WEAKEST]:
        svc = library.service(sid)
        weak.add_row(
            Text(svc.name if svc else sid),
            f"{acc.correct}/{acc.total}",
            f"{100 * acc.correct / max(acc.total, 1):.0f} %",
        )
    return Group(head, Text(f"{len(done)} finished attempt(s)"), trend, Text(""), attempts, Text(""), weak)
