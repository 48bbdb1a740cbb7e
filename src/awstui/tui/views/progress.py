"""Progress: what has been reviewed, answered and scored."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...content.figures import IN_SCOPE_SERVICES
from ...content.text import for_display
from ...exam.status import ExamStatus
from ...state import StoreError
from ...state.events import AttemptChanged, SettingChanged
from ..keys import VIM_SCROLL
from .base import View, service_name
from .exam_history import exam_history_renderable

BAR_WIDTH = 24


def bar(done: int, total: int, width: int = BAR_WIDTH) -> Text:
    filled = 0 if total <= 0 else round(width * done / total)
    t = Text("█" * filled, style="green")
    t.append("░" * (width - filled), style="dim")
    t.append(f" {done}/{total}")
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


class ProgressView(VerticalScroll, View):
    DEFAULT_CSS = """
    ProgressView { padding: 1 2; }
    """
    can_focus = True
    BINDINGS = [
        *VIM_SCROLL,
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="progress-study")
        yield Static(id="progress-exams")

    def on_mount(self) -> None:
        self.reload()
        self.awstui.state_changed.subscribe(self, self._on_state_changed)

    def _on_state_changed(self, event: Any) -> None:
        if isinstance(event, SettingChanged):
            return
        # an exam's periodic time save changes nothing shown here until the attempt finishes
        if isinstance(event, AttemptChanged):
            try:
                attempt = self.awstui.store.attempt(event.attempt_id)
            except StoreError:
                attempt = None
            if attempt is not None and attempt.status == ExamStatus.IN_PROGRESS:
                return
        self.reload()

    def reload(self) -> None:
        library, store = self.awstui.library, self.awstui.store
        ss = store.service_states()
        qs = store.question_states()
        reviewed = {sid for sid, st in ss.items() if st.reviewed and library.service(sid)}

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
        body: list[Any] = [Text("Study", style="bold underline"), table, Text("")]
        body.append(last if recent else Text("Nothing reviewed yet: press r on a service's note.", style="dim"))
        self.query_one("#progress-study", Static).update(Group(*body))
        self.query_one("#progress-exams", Static).update(self.exam_section())

    def exam_section(self) -> Any:
        return exam_history_renderable(self.awstui.library, self.awstui.store)
