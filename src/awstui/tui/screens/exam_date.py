"""The exam date dialog: type a date (YYYY-MM-DD); a date that cannot be used says why and the
dialog stays open. Enter on an empty line clears the date; escape leaves it as it was."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from ...exam.plan import ExamDateError, parse_exam_date
from ..paste import OneLineInput
from .dialog import Dialog

CLEAR = ""  # what the dialog returns to clear the date


class ExamDateScreen(Dialog[str | None]):
    """Returns the date as ``YYYY-MM-DD``, ``CLEAR`` to forget it, or None (escape)."""

    DEFAULT_CSS = """
    .dialog.exam-date { width: 60%; min-width: 50; max-width: 80; }
    #exam-date-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="exam_date.cancel")]

    def __init__(self, today: date, current: date | None = None) -> None:
        super().__init__()
        self.today, self.current = today, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog exam-date"):
            yield Static(Text("When is your exam?", style="bold"), classes="dialog-title")
            yield Static(
                Text(
                    "The date as YYYY-MM-DD. Progress then counts the days left and plans each day. "
                    "Enter saves · an empty line clears the date · escape cancels.",
                    style="dim",
                )
            )
            yield OneLineInput(
                self.current.isoformat() if self.current else "",
                placeholder=f"for example {date(self.today.year + 1, 3, 15).isoformat()}",
                id="exam-date",
            )
            yield Static(id="exam-date-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.dismiss(CLEAR)
            return
        try:
            when = parse_exam_date(text, self.today)
        except ExamDateError as exc:
            self.query_one("#exam-date-error", Static).update(Text(str(exc)))
            return
        self.dismiss(when.isoformat())

    def action_cancel(self) -> None:
        self.dismiss(None)
