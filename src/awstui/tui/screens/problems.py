"""A dismissible panel listing content problems and store notices found at start."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ...content.models import Problem
from ...content.text import escaped, for_display
from .dialog import Dialog


class ProblemsScreen(Dialog[None]):
    BINDINGS = [Binding("escape,enter,q", "close", "Close", id="problems.close")]

    def __init__(self, problems: Iterable[Problem], notices: Iterable[str] = ()) -> None:
        super().__init__()
        self.problems = list(problems)
        self.notices = list(notices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog problems"):
            title = []
            if self.notices:
                title.append("Notices")
            if self.problems:
                title.append(f"{len(self.problems)} content problem(s): the rest of the content is loaded")
            yield Static(Text(" · ".join(title), style="bold"), classes="dialog-title")
            with VerticalScroll():
                for notice in self.notices:
                    yield Static(Text(for_display(notice)), classes="notice")
                for p in self.problems:
                    yield Static(Text(escaped(str(p))), classes="problem")
            yield Static(Text("escape: close (awstui check lists these too)", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
