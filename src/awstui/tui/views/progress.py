"""Progress: today's plan to the exam date, the study calendar, what has been reviewed,
answered and scored (the score trend as a chart, accuracy by domain and task as bars)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ...content.figures import IN_SCOPE_SERVICES
from ...content.text import for_display
from ...exam import practice_config
from ...exam.draw import AreaAccuracy
from ...exam.plan import EXAM_DATE_KEY, stored_exam_date
from ...exam.review_queue import due_today, local_now
from ...exam.status import ExamStatus
from ...exam.tasks import question_totals, weakest_task
from ...state import StoreError
from ...state.events import AttemptChanged, SettingChanged
from ..charts import WEEKS, accuracy_bars, activity_calendar, score_chart
from ..keys import VIM_SCROLL
from ..widgets.drawn import Drawn
from ..widgets.progress_plan import PlanData, plan_text
from .base import View, service_name
from .exam_history import exam_history

BAR_WIDTH = 24
DRILL_QUESTIONS = 10


def local_today(store: Any) -> date:
    """The learner's local date (by the store's clock)."""
    return local_now(store).date()


def reviews_due(store: Any) -> int:
    """The spaced-review cards due by the end of the learner's day."""
    return due_today(store, local_now(store))


def bar(done: int, total: int, width: int = BAR_WIDTH) -> Text:
    filled = 0 if total <= 0 else round(width * done / total)
    t = Text()
    t.append("█" * filled, style="green")
    t.append("░" * (width - filled), style="dim green")
    t.append(f" {done}/{total}", style="green")
    return t


def coverage_rows(library: Any, service_states: dict, reviewed: set[str]) -> list[tuple[Text, Text, Text]]:
    """Of the exam guide's in-scope services: how many the learner's notes (or annotations) cover
    and how many are reviewed."""
    scope = [s for s in library.services if s.id in IN_SCOPE_SERVICES]
    noted = [s for s in scope if s.notes or getattr(service_states.get(s.id), "annotation", "")]
    done = [s for s in scope if s.id in reviewed]
    summary = Text(f"{len(noted)} with notes · {len(done)} reviewed · {len(scope)} in scope")
    return [
        (Text("Exam services in your notes", style="bold"), bar(len(noted), len(scope)), summary),
        (Text("Exam services reviewed", style="bold"), bar(len(done), len(scope)), Text("")),
    ]


def study_section(library: Any, store: Any, ss: dict, reviewed: set[str]) -> Group:
    qs = store.question_states()
    table = Table.grid(padding=(0, 2))
    table.add_column(min_width=30)
    table.add_column()
    table.add_column(style="dim")
    table.add_row(Text("Services reviewed", style="bold"), bar(len(reviewed), len(library.services)), Text(""))
    for cat in library.categories:
        services = library.services_in(cat.id)
        done = [s for s in services if s.id in reviewed]
        table.add_row(Text("  " + for_display(cat.name)), bar(len(done), len(services)), Text(""))
    table.add_row(Text(""), Text(""), Text(""))
    for row in coverage_rows(library, ss, reviewed):
        table.add_row(*row)
    own = store.learner_questions()
    ids = [q.id for q in library.questions] + [q.id for q in own]
    answered = sum(1 for qid in ids if getattr(qs.get(qid), "answered", False))
    table.add_row(Text(""), Text(""), Text(""))
    table.add_row(Text("Open questions answered", style="bold"), bar(answered, len(ids)), Text(""))
    recent = sorted(
        ((st.reviewed_at or "", sid) for sid, st in ss.items() if st.reviewed and library.service(sid)),
        reverse=True,
    )[:8]
    last = Table("last reviewed", "service", "times", box=None, padding=(0, 2))
    for when, sid in recent:
        last.add_row(
            Text(when[:16].replace("T", " ")),
            Text(for_display(service_name(library, sid))),
            Text(str(ss[sid].review_count)),
        )
    body: list[Any] = [Text("\nStudy", style="bold underline"), table, Text("")]
    body.append(last if recent else Text("Nothing reviewed yet: press r on a service's note.", style="dim"))
    return Group(*body)


class ProgressView(VerticalScroll, View):
    DEFAULT_CSS = """
    ProgressView { padding: 1 2; }
    ProgressView > Vertical { height: auto; }
    #progress-calendar { margin-top: 1; }
    """
    can_focus = True
    BINDINGS = [
        *VIM_SCROLL,
        Binding("e", "exam_date", "Exam date", tooltip="Set your exam date (plans each day)", id="progress.date"),
        Binding("d", "drill_task", "Drill", tooltip="10 questions on your weakest task statement", id="progress.drill"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.weakest_task: str | None = None  # what d drills
        self.drill_size = 0
        self._stale = False  # a change came while hidden: reloaded when shown again

    def compose(self) -> ComposeResult:
        # two columns: stacked, or side by side when the screen is wide (app.tcss)
        with Vertical(id="progress-study-column"):
            yield Drawn(id="progress-plan")
            yield Drawn(id="progress-calendar")
            yield Static(id="progress-study")
        with Vertical(id="progress-exam-column"):
            yield Static(id="progress-exams")
            yield Drawn(id="progress-trend")
            yield Static(id="progress-listing")
            yield Drawn(id="progress-bars")

    def on_mount(self) -> None:
        self.reload()
        self.awstui.state_changed.subscribe(self, self._on_state_changed)

    def _on_state_changed(self, event: Any) -> None:
        if isinstance(event, SettingChanged):
            if event.key == EXAM_DATE_KEY:
                self.reload()
            return
        # an exam's periodic time save changes nothing shown here until the attempt finishes
        if isinstance(event, AttemptChanged):
            try:
                attempt = self.awstui.store.attempt(event.attempt_id)
            except StoreError:
                attempt = None
            if attempt is not None and attempt.status == ExamStatus.IN_PROGRESS:
                return
        if not self.display:  # hidden: one reload when shown, not one per change (a review's grades)
            self._stale = True
            return
        self.reload()

    def before_show(self) -> None:
        if self._stale:
            self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "drill_task" and not self.drill_size:
            return None  # greyed out: no weakest task statement yet
        return True

    def reload(self) -> None:
        self._stale = False
        library, store = self.awstui.library, self.awstui.store
        ss = store.service_states()
        reviewed = {sid for sid, st in ss.items() if st.reviewed and library.service(sid)}
        totals = question_totals(store)
        by_task = totals.by_task(library.exam)
        self._draw_plan(reviewed, totals.seen, by_task)
        self._draw_calendar()
        self.query_one("#progress-study", Static).update(study_section(library, store, ss, reviewed))
        history = exam_history(library, store, by_task)
        self.query_one("#progress-exams", Static).update(history.head)
        scores = history.scores
        self.query_one("#progress-trend", Drawn).draw(lambda w: score_chart(scores, w) if scores else Text(""))
        self.query_one("#progress-listing", Static).update(history.listing or "")
        self.query_one("#progress-listing").display = history.listing is not None
        self.query_one("#progress-bars", Drawn).draw(lambda w: self._bars(history.domains, history.tasks, w))
        self.refresh_bindings()

    @staticmethod
    def _bars(domains: list[tuple[str, int, int]], tasks: list[tuple[str, int, int]], width: int) -> Text:
        out = Text()
        for title, rows in (("Accuracy by domain", domains), ("Accuracy by task statement", tasks)):
            if rows:
                out.append(f"\n{title}\n", style="bold")
                out.append_text(accuracy_bars(rows, width))
                out.append("\n")
        return out

    def _draw_plan(self, reviewed: set[str], seen: frozenset[str], by_task: dict[str, AreaAccuracy]) -> None:
        library, store = self.awstui.library, self.awstui.store
        pick = weakest_task(by_task)
        self.weakest_task = pick[0] if pick else None
        self.drill_size = 0
        if self.weakest_task is not None:
            self.drill_size = min(DRILL_QUESTIONS, sum(1 for q in library.exam if self.weakest_task in q.tasks))
        scope = sorted(library.services, key=lambda s: s.id not in IN_SCOPE_SERVICES)  # the exam's first
        data = PlanData(
            today=local_today(store),
            exam_date=stored_exam_date(store.get_setting(EXAM_DATE_KEY)),
            reviews_due=reviews_due(store),
            weakest_task=pick,
            drill_size=self.drill_size,
            unreviewed=tuple(s.name for s in scope if s.id not in reviewed),
            services=len(library.services),
            unseen=sum(1 for q in library.exam if q.id not in seen),
            bank=len(library.exam),
        )
        self.query_one("#progress-plan", Drawn).draw(lambda w: plan_text(data, w))

    def _draw_calendar(self) -> None:
        now = local_now(self.awstui.store)
        today, since = now.date(), now - timedelta(weeks=WEEKS, days=7)
        counts: dict[date, int] = {}
        for days in self.awstui.store.activity_by_day(since).values():
            for day, n in days.items():
                counts[day] = counts.get(day, 0) + n
        head = Text("Study activity", style="bold underline")
        self.query_one("#progress-calendar", Drawn).draw(
            lambda w: Text.assemble(head, "\n", activity_calendar(counts, today, w))
        )

    # ------------------------------------------------------------------ actions

    def action_exam_date(self) -> None:
        """`e`: the exam date dialog; saved in the store (an empty date clears it)."""
        from ..screens.exam_date import ExamDateScreen

        store = self.awstui.store

        def done(value: str | None) -> None:
            if value is not None:
                store.set_setting(EXAM_DATE_KEY, value or None)

        current = stored_exam_date(store.get_setting(EXAM_DATE_KEY))
        self.app.push_screen(ExamDateScreen(local_today(store), current), done)

    async def action_drill_task(self) -> None:
        """`d`: a practice of 10 questions on the weakest task statement."""
        if self.weakest_task is None or not self.drill_size:
            return
        await self.awstui.start_exam(practice_config(self.drill_size, tasks=(self.weakest_task,)))
