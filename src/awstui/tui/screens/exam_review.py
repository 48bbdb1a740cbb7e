"""`r` during an exam: the review screen, every question with its status."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..widgets.results_review import clip
from .dialog import Dialog


class ReviewScreen(Dialog[Any]):
    """`r` during an exam: every question with its status; unanswered and flagged first."""

    DEFAULT_CSS = """
    .dialog.review { height: 80%; }
    .dialog.review OptionList { height: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "close", "Back to the exam", id="exam_review.close"),
        Binding("s", "submit", "Submit", id="exam_review.submit"),
        Binding("D", "discard", "Discard attempt", id="exam_review.discard"),
        Binding("j", "down", show=False, id="exam_review.down"),
        Binding("k", "up", show=False, id="exam_review.up"),
    ]

    def __init__(self, session: Any) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        with Vertical(classes="dialog review"):
            title = Text()  # parts styled one by one: a Text's own style runs under all it holds
            title.append("Review", style="bold")
            title.append(
                f"   {s.unanswered_count} unanswered · {s.flagged_count} flagged · "
                f"{s.answered_count} answered of {len(s)}",
                style="dim",
            )
            yield Static(title, classes="dialog-title")
            options = []
            order = sorted(range(len(s)), key=lambda i: ({"unanswered": 0, "flagged": 1}.get(s.status_of(i), 2), i))
            for i in order:
                v = s.view(i)
                label = Text(f"{i + 1:>3}  ")
                if v.status == "flagged":
                    label.append("⚑ flagged    ", style="yellow")
                elif v.answered:
                    label.append("answered     ", style="green")
                else:
                    label.append("unanswered   ", style="red")
                label.append(clip(v.stem, 80))
                options.append(Option(label, id=str(i)))
            yield OptionList(*options, id="review-list")
            yield Static(
                Text("enter: go to the question · s: submit · D: discard this attempt · escape: back", style="dim")
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))  # every option has its index as id

    def action_close(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        self.dismiss("submit")

    def action_discard(self) -> None:
        self.dismiss("discard")

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
