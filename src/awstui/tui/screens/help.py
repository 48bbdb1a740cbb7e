"""`?`: every key of the current view, with what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Static

from .._internals import bindings_of
from .dialog import Dialog

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "space": "space",
    "escape": "esc",
    "enter": "enter",
    "full_stop": ".",
    "comma": ",",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def key_label(keys: str) -> str:
    return " ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


def applies(node: DOMNode, action: str) -> bool:
    """False for keys hidden in the node's current state (check_action returns False)."""
    name, _, rest = action.partition("(")
    if "." in name:
        return True
    params: tuple = ()
    if rest:
        try:
            import ast

            parsed = ast.literal_eval(f"({rest.rstrip(')')},)")
            params = parsed if isinstance(parsed, tuple) else (parsed,)
        except (ValueError, SyntaxError):
            params = ()
    try:
        return node.check_action(name, params) is not False
    except Exception:  # a check that cannot run here: list the key anyway
        return True


def bindings_table(nodes: list[tuple[str, DOMNode]]) -> Table:
    table = Table("key", "does", "where", box=None, padding=(0, 2), expand=True)
    seen: set[tuple[str, str]] = set()
    for where, node in nodes:
        for key, bindings in bindings_of(node).items():
            for b in bindings:
                label = b.description or b.action
                if (key, label) in seen or b.system or not applies(node, b.action):
                    continue
                seen.add((key, label))
                table.add_row(Text(key_label(key), style="bold"), Text(label), Text(where, style="dim"))
    return table


class HelpScreen(Dialog[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self, view: DOMNode | None) -> None:
        super().__init__()
        self.view_node = view

    def compose(self) -> ComposeResult:
        nodes: list[tuple[str, DOMNode]] = []
        if self.view_node is not None:
            nodes.append((type(self.view_node).__name__.removesuffix("View").lower() or "view", self.view_node))
            for child in self.view_node.walk_children():
                # our own widgets that are on show now (arrows, home/end and page keys work as usual)
                name = getattr(child, "HELP_NAME", None)
                if name and bindings_of(child) and child.is_on_screen:
                    nodes.append((name, child))
        nodes.append(("everywhere", self.app))
        with Vertical(classes="dialog help"):
            yield Static(Text("Keys", style="bold"), classes="dialog-title")
            with VerticalScroll():
                yield Static(bindings_table(nodes))
            yield Static(Text("ctrl+p: command palette · escape: close", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
