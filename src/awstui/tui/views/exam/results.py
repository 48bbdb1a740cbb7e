"""An attempt's results: the score, accuracy by domain, task statement and service, and the
question-by-question review."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from ....exam import Result
from ....exam.tasks import result_task_accuracy
from ....state import Attempt
from ...reach import reach
from ...widgets.drawn import Drawn
from ...widgets.results_review import ResultsReview, ReviewList
from .text import domain_table, score_line, score_note, service_table, task_lines


class ExamResults(Vertical):
    HELP_NAME = "exam"
    BINDINGS = [
        Binding("b,escape", "back", "Back", tooltip="Back to the exam menu", id="exam.back"),
        Binding("g", "goto_note", "Go to note", tooltip="Open this question's service note", id="exam.goto_note"),
    ]

    def __init__(self, *, on_back: Callable[[], None], id: str | None = None) -> None:
        super().__init__(id=id)
        self._on_back = on_back
        self.attempt: Attempt | None = None  # the attempt on show

    def compose(self) -> ComposeResult:
        yield Static(id="exam-score")
        yield Static(score_note(), id="exam-score-note")  # hidden on a short screen (app.tcss)
        with Horizontal(id="exam-breakdown"):
            yield Static(id="exam-domains")
            with VerticalScroll(id="exam-services", can_focus=False):
                yield Static(id="exam-services-table")
        yield Drawn(id="exam-tasks")
        yield ResultsReview(id="exam-review")

    def focus_widget(self) -> Widget:
        return self.query_one(ResultsReview).query_one(ReviewList)

    def show(self, attempt: Attempt) -> bool:
        """Draw ``attempt``'s results; False (nothing drawn) for an attempt without a result."""
        if not attempt.result:
            return False
        library = reach(self).library
        self.attempt = attempt
        result = Result.from_dict(attempt.result)
        self.query_one("#exam-score", Static).update(score_line(result, attempt.status))
        self.query_one("#exam-domains", Static).update(domain_table(result))
        by_task = result_task_accuracy(result, library.exam)
        self.query_one("#exam-tasks", Drawn).draw(lambda width: task_lines(by_task, width))
        self.query_one("#exam-tasks").set_class(not by_task, "-empty")  # a class: app.tcss hides it when short
        self.query_one("#exam-services-table", Static).update(service_table(result, library))
        self.query_one(ResultsReview).show(attempt, result, library)
        return True

    async def action_goto_note(self) -> None:
        sid = self.query_one(ResultsReview).current_service()
        if sid:
            await reach(self).show_service(sid)
        else:
            self.notify("This question is not tied to a service of the notes.", markup=False)

    def action_back(self) -> None:
        self.attempt = None
        self._on_back()
