"""Progress's "Today's plan": the days to the exam, the reviews due, the weakest task statement
(d drills it), the services not yet reviewed, the pace to see the whole bank. Drawn from a
``PlanData`` the view reads from the store (a widget never reads the store itself)."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from ...content.models import task_name
from ...content.text import for_display
from ...exam.draw import AreaAccuracy
from ...exam.plan import days_left, pace
from ...records import record

LABEL = 18  # the width of the row labels
NAMES = 3  # unreviewed services named
TAILS = ("to see them all before the exam", "before the exam", "")  # the longest that fits


@record
class PlanData:
    """What today's plan on Progress is drawn from (the exam date, reviews due, what to drill)."""

    today: date
    exam_date: date | None = None
    reviews_due: int | None = None  # spaced-review cards due today (None: the row is left out)
    weakest_task: tuple[str, AreaAccuracy] | None = None
    drill_size: int = 0  # questions a drill of the weakest task statement draws
    unreviewed: tuple[str, ...] = ()  # names of the services not yet reviewed
    services: int = 0
    unseen: int = 0  # bank questions never drawn in a finished attempt
    bank: int = 0


def _row(out: Text, label: str) -> None:
    out.append("\n")
    out.append(f"  {label:<{LABEL}}", style="bold")


def _fit(text: str, room: int) -> str:
    return text if len(text) <= room else text[: max(1, room - 1)] + "…"


def plan_text(data: PlanData, width: int) -> Text:
    out = Text()  # parts styled one by one: a Text's own style runs under all it holds
    out.append("Today's plan", style="bold underline")
    out.append("   ")
    if data.exam_date is None:
        out.append("No exam date set: ", style="yellow")
        out.append("e sets it", style="dim")
    else:
        left = days_left(data.exam_date, data.today)
        when = "today" if left == 0 else "passed" if left < 0 else f"{left} day{'s' * (left != 1)} left"
        head = f"exam on {data.exam_date.isoformat()} · {when}   "
        out.append(head, style="bold")
        if out.cell_len + len("e changes it") <= width:
            out.append("e changes it", style="dim")
        out.rstrip()
    room = max(10, width - LABEL - 2)
    if data.reviews_due is not None:
        _row(out, "Reviews due")
        n = data.reviews_due
        out.append(f"{n} card{'s' * (n != 1)} to review today" if n else "none due today")
    _row(out, "Weakest task")
    if data.weakest_task is None:
        out.append("shown after your first exam answers", style="dim")
    else:
        task, acc = data.weakest_task
        figure = f"{100 * acc.correct / max(acc.total, 1):.0f} % of {acc.total}   "
        hint = f"d drills {data.drill_size}" if data.drill_size else ""
        out.append(_fit(for_display(task_name(task)), room - len(figure) - len(hint) - 1) + " ")
        out.append(figure, style="red" if acc.correct < 0.72 * acc.total else "green")
        out.append(hint, style="dim")
    _row(out, "Not yet reviewed")
    if not data.unreviewed:
        out.append("every service reviewed", style="green")
    else:
        head = f"{len(data.unreviewed)} of {data.services}: "
        names = ", ".join(for_display(n) for n in data.unreviewed[:NAMES])
        more = " …" if len(data.unreviewed) > NAMES else ""
        out.append(head)
        out.append(_fit(names + more, room - len(head)), style="dim")
    _row(out, "Pace")
    if data.exam_date is None:
        out.append(f"{data.unseen} of {data.bank} questions not seen yet · ")
        out.append("a date gives a pace", style="dim")
    else:
        need = pace(data.unseen, days_left(data.exam_date, data.today))
        head = f"{data.unseen} of {data.bank} questions not seen yet: "
        if len(head) + len(f"{need} a day") > room:
            head = f"{data.unseen} not seen yet: "
        out.append(head)
        if not data.unseen:
            out.append("the whole bank seen", style="bold")
        else:
            rate = f"{need} a day "
            tail = next(t for t in TAILS if len(head) + len(rate) + len(t) <= room or not t)
            out.append(rate, style="bold")
            out.append(tail, style="dim")
    return out
