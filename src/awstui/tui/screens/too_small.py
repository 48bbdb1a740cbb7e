"""Shown instead of the app when the terminal is too small to be usable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from .dialog import Dialog


class TooSmall(Dialog[None]):
    """Modal (a Dialog: ctrl+z still suspends), so the app's keys do not act unseen behind it:
    as a plain screen, a digit switched the view and / or ? opened a dialog at this size."""

    DEFAULT_CSS = """
    TooSmall { align: center middle; background: $background; }
    TooSmall > Static { width: auto; height: auto; text-align: center; }
    """
    BINDINGS = [Binding("q", "app.quit", "Quit", show=False, id="too_small.quit")]

    def __init__(self, min_width: int, min_height: int) -> None:
        super().__init__()
        self.min_width, self.min_height = min_width, min_height

    def compose(self) -> ComposeResult:
        yield Static(self._message(), markup=False)

    def _message(self) -> str:
        w, h = self.app.size
        return f"terminal too small\n{w}×{h}, needs {self.min_width}×{self.min_height}"

    def on_resize(self) -> None:
        self.query_one(Static).update(self._message())

    def on_screen_resume(self) -> None:
        """Back on top (a question asked over it was answered): gone if the terminal grew meanwhile."""
        w, h = self.app.size
        if w >= self.min_width and h >= self.min_height:
            self.app.pop_screen()
