"""The exam's question grid: answered / flagged / unanswered at a glance; jump to any question."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

CELL = 4  # characters per cell
STYLES = {"answered": "black on green", "flagged": "black on yellow", "unanswered": "on grey30"}


class QuestionGrid(Widget, can_focus=True):
    HELP_NAME = "question grid"
    BINDINGS = [
        Binding("left,h", "step(-1)", "Left", show=False, id="grid.left"),
        Binding("right,l", "step(1)", "Right", show=False, id="grid.right"),
        Binding("up,k", "row(-1)", "Up", show=False, id="grid.up"),
        Binding("down,j", "row(1)", "Down", show=False, id="grid.down"),
        Binding("enter,space", "jump", "Jump", tooltip="Go to this question", id="grid.jump"),
        Binding("escape", "back", "Back", show=False, id="grid.back"),
    ]

    cursor: reactive[int] = reactive(0)

    class Jump(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session: Any = None

    @property
    def columns(self) -> int:
        return max(1, (self.content_size.width or 20) // CELL)

    def render(self) -> Text:
        s = self.session
        text = Text()  # parts styled one by one: a Text's own style runs under all it holds
        text.append("Questions\n", style="bold")
        if s is None:
            return text
        statuses = s.statuses()
        cols = self.columns
        for i, status in enumerate(statuses):
            label = f"{i + 1:>3} "
            style = STYLES.get(status, "")
            if i == s.position:
                style += " bold underline"
            if self.has_focus and i == self.cursor:
                style = "reverse bold"
            text.append(label, style=style)
            if (i + 1) % cols == 0:
                text.append("\n")
        text.append("\n\n")
        text.append("   ", style=STYLES["answered"])
        text.append(" answered  ")
        text.append("   ", style=STYLES["flagged"])
        text.append(" flagged\n")
        text.append("   ", style=STYLES["unanswered"])
        text.append(" unanswered\n")
        text.append("g: grid · enter: jump", style="dim")
        return text

    def _clamp(self, value: int) -> int:
        n = len(self.session) if self.session is not None else 1
        return max(0, min(n - 1, value))

    def action_step(self, delta: int) -> None:
        self.cursor = self._clamp(self.cursor + delta)

    def action_row(self, delta: int) -> None:
        self.cursor = self._clamp(self.cursor + delta * self.columns)

    def action_jump(self) -> None:
        self.post_message(self.Jump(self.cursor))

    def action_back(self) -> None:
        self.post_message(self.Jump(self.session.position if self.session is not None else 0))

    def on_click(self, event: Any) -> None:
        if self.session is None:
            return
        row, col = event.y - 1, event.x // CELL
        if row >= 0 and col < self.columns:
            index = row * self.columns + col
            if 0 <= index < len(self.session):
                self.post_message(self.Jump(index))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
