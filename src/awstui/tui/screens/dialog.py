"""The base of every dialog: a centred ModalScreen with the shared `.dialog` box styles.

The rules live here rather than in app.tcss so Textual parses them when the first dialog opens,
not at every start (bench/startup.py). Kept free of heavy widget imports for the same reason.
"""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    # A modal screen hides the app's own keys: ctrl+z suspends here too (an editor's TextArea,
    # nearer the focus, keeps it for undo). The same id, so a keymap that moves it moves both.
    BINDINGS = [Binding("ctrl+z", "suspend_process", "Suspend", show=False, id="app.suspend")]
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    .dialog {
        width: 80%; max-width: 110; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 1 2;
    }
    .dialog-title { padding-bottom: 1; }
    .dialog-buttons { height: auto; align-horizontal: right; padding-top: 1; }
    .dialog-buttons Button { margin-left: 2; }
    .dialog.editor { height: 80%; }
    .dialog.editor TextArea { height: 1fr; }
    .dialog.search { height: 90%; padding: 0 2; }  /* 4 result rows at the smallest size the app allows */
    .dialog.search #search-count { height: 1; }
    .dialog.search SearchResults {
        height: 1fr; border: tall $border-blurred; padding: 0 1; background: $surface;
    }
    .dialog.search SearchResults > .search-results--cursor {
        color: $block-cursor-foreground; background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    .dialog.help { height: 85%; }
    .dialog.problems { height: 70%; }
    .dialog .problem { color: $warning; padding-bottom: 1; }
    .dialog .notice { color: $accent; padding-bottom: 1; }
    #pick-list { height: auto; max-height: 20; }
    """

    def action_suspend_process(self) -> None:
        self.app.action_suspend_process()
