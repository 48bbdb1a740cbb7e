"""Small modal screens: confirm, edit a text, pick from a list, type a line."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ...content.text import for_display, for_editing
from .dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Ask a yes/no question: `y`/enter confirms, `n`/escape declines."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, title: str, message: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.title_text, self.message, self.yes, self.no = title, message, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(for_display(self.title_text), style="bold"), classes="dialog-title")
            yield Static(Text(for_display(self.message)), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class EditorScreen(Dialog[str]):
    """Edit a piece of learner text. Leaving by any way (escape, ctrl+s, a click outside) returns
    the text as typed: nothing is ever lost on escape."""

    BINDINGS = [
        Binding("escape", "leave", "Save & close", priority=True, id="editor.close"),
        Binding("ctrl+s", "leave", "Save & close", show=False, priority=True, id="editor.save"),
    ]

    def __init__(self, title: str, text: str, subtitle: str = "") -> None:
        super().__init__()
        self.title_text, self.text, self.subtitle = title, text, subtitle

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor"):
            yield Static(Text(for_display(self.title_text), style="bold"), classes="dialog-title")
            if self.subtitle:
                yield Static(Text(for_display(self.subtitle), style="dim"), classes="dialog-subtitle")
            yield TextArea(for_editing(self.text), id="editor", soft_wrap=True, tab_behavior="indent")
            yield Static(Text("escape or ctrl+s: save and close  ·  Markdown welcome", style="dim"))

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_leave(self) -> None:
        text = self.query_one(TextArea).text
        self.dismiss(self.text if text == for_editing(self.text) else text)  # untouched: kept as it was

    def on_click(self, event) -> None:
        if event.widget is self:  # a click outside the dialog saves and closes too
            self.action_leave()


class PickScreen(Dialog[str | None]):
    """Pick one item from a list (type to narrow it). Returns its id, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel")]

    def __init__(self, title: str, items: Iterable[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.items = list(items)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(for_display(self.title_text), style="bold"), classes="dialog-title")
            yield Input(placeholder="type to filter", id="pick-filter")
            yield OptionList(*self._options(""), id="pick-list")

    def _options(self, needle: str) -> list[Option]:
        n = needle.lower()
        return [Option(Text(for_display(label)), id=key) for key, label in self.items if n in label.lower() or n in key]

    def on_input_changed(self, event: Input.Changed) -> None:
        ol = self.query_one(OptionList)
        ol.clear_options()
        ol.add_options(self._options(event.value))
        ol.highlighted = 0 if ol.option_count else None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        ol = self.query_one(OptionList)
        if ol.highlighted is not None:
            self.dismiss(ol.get_option_at_index(ol.highlighted).id)

    def on_key(self, event) -> None:
        if event.key in ("down", "up") and self.focused is self.query_one(Input):
            self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AskScreen(Dialog[str | None]):
    """Ask for one line of text. Returns it (stripped), or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask.cancel")]

    def __init__(self, title: str, prompt: str = "", value: str = "") -> None:
        super().__init__()
        self.title_text, self.prompt, self.value = title, prompt, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(for_display(self.title_text), style="bold"), classes="dialog-title")
            if self.prompt:
                yield Label(Text(for_display(self.prompt)))
            yield Input(self.value, id="ask")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
