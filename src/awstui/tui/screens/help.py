"""`?`: every key of the current view, with what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_NAMES = {
    "question_mark": "?", "slash": "/", "space": "space", "escape": "esc", "enter": "enter",
    "full_stop": ".", "comma": ",", "left_square_bracket": "[", "right_square_bracket": "]",
}


def key_label(keys: str) -> str:
    return " ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


def bindings_table(nodes: list[tuple[str, DOMNode]]) -> Table:
    table = Table("key", "does", "where", box=None, padding=(0, 2), expand=True)
    seen: set[tuple[str, str]] = set()
    for where, node in nodes:
        for key, bindings in node._bindings.key_to_bindings.items():
            for b in bindings:
                label = b.description or b.action
                if (key, label) in seen or b.system:
                    continue
                seen.add((key, label))
                table.add_row(Text(key_label(key), style="bold"), Text(label), Text(where, style="dim"))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, view: DOMNode | None) -> None:
        super().__init__()
        self.view_node = view

    def compose(self) -> ComposeResult:
        nodes: list[tuple[str, DOMNode]] = []
        if self.view_node is not None:
            nodes.append((type(self.view_node).__name__.removesuffix("View").lower() or "view", self.view_node))
            for child in self.view_node.walk_children():
                if child._bindings.key_to_bindings:
                    nodes.append((getattr(child, "HELP_NAME", type(child).__name__), child))
        nodes.append(("everywhere", self.app))
        with Vertical(classes="dialog help"):
            yield Static(Text("Keys", style="bold"), classes="dialog-title")
            with VerticalScroll():
                yield Static(bindings_table(nodes))
            yield Static(Text("ctrl+p: command palette · escape: close", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
