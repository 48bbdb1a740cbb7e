"""One exam question, read-only, with its answer and explanation (opened from the `/` search)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ...content.text import for_display
from ..reach import reach
from ..widgets.results_review import question_detail
from .dialog import Dialog


class ExamQuestionScreen(Dialog[None]):
    """The question as the results review shows it, the right options ticked: nothing is
    answered here and no attempt changes."""

    DEFAULT_CSS = """
    .dialog.exam-question { height: 90%; }
    .dialog.exam-question VerticalScroll { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="exam_question.close"),
        Binding("g", "goto_note", "Note", tooltip="Open the note of the question's service", id="exam_question.note"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="exam_question.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="exam_question.up"),
    ]

    def __init__(self, question: Any) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        library = reach(self).library
        title = Text()  # parts styled one by one: a Text's own style runs under all it holds
        title.append(f"Exam question {for_display(self.question.id)}", style="bold")
        title.append("   read-only: the right answer and the explanation", style="dim")
        with Vertical(classes="dialog exam-question"):
            yield Static(title, classes="dialog-title")
            with VerticalScroll(id="exam-question-body"):
                yield Static(question_detail(self.question, None, None, library), id="exam-question-text")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "goto_note" and self._service() is None:
            return None
        return True

    def _service(self) -> str | None:
        library = reach(self).library
        return next((s for s in self.question.services if library.service(s)), None)

    def action_scroll(self, step: int) -> None:
        self.query_one("#exam-question-body", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_goto_note(self) -> None:
        sid = self._service()
        if sid is not None:
            self.dismiss(None)
            self.app.call_later(reach(self).show_service, sid)

    def action_close(self) -> None:
        self.dismiss(None)


def open_exam_question(app: Any, question_id: str) -> None:
    """Show the exam question ``question_id`` read-only (nothing if it left the bank)."""
    question = next((q for q in app.library.exam if q.id == question_id), None)
    if question is not None:
        app.push_screen(ExamQuestionScreen(question))
