"""The line that says changes could not be saved (a full disk, a read-only file): shown while
the store keeps changes in memory, gone when they are saved. Hidden, it takes no room."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...content.text import escaped
from ...state.events import UnsavedChanges


def notice_text(status: UnsavedChanges, retry_s: float) -> Text:
    n = status.count
    changes = f"{n} change{'s' if n != 1 else ''}"
    why, _, where = escaped(status.reason or "the store cannot write").partition(" (")  # (it names a path)
    where = f" ({where}" if where else ""  # the folder last: on a narrow screen it is what is cut
    return Text(f"Can't save: {why} — {changes} kept in memory, retrying every {retry_s:g} s{where}.")


class SaveNotice(Static):
    DEFAULT_CSS = """
    SaveNotice {
        display: none;
        height: auto;
        width: 1fr;
        padding: 0 1;
        background: $error;
        color: $text;
        text-style: bold;
    }
    SaveNotice.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self.status = UnsavedChanges(0)

    def show(self, status: UnsavedChanges, retry_s: float) -> None:
        """Say how many changes are kept and why, or hide when there are none."""
        self.status = status
        if status.count:
            self.update(notice_text(status, retry_s))
        self.set_class(status.count > 0, "-shown")
