"""Small modal screens: confirm, edit a text, pick from a list, type a line."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ...content.text import for_display, for_editing
from ..drafts import DraftKeeper, draft_age
from ..paste import OneLineInput
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


def merged(mine: str, theirs: str) -> str:
    """Both texts in one, marked, for the learner to merge by hand."""
    return f"<<<<<<< yours\n{mine}\n=======\n{theirs}\n>>>>>>> saved meanwhile in another window\n"


class ConflictScreen(Dialog[str | None]):
    """The text was saved elsewhere while it was being edited here: show both, and keep this
    one (``"mine"``), the saved one (``"theirs"``), or merge them in the editor (``"merge"``)."""

    DEFAULT_CSS = """
    .dialog.conflict { width: 90%; height: 80%; }
    .conflict-sides { height: 1fr; }
    .conflict-side { width: 1fr; border: round $foreground 30%; padding: 0 1; }
    """
    BINDINGS = [
        Binding("m", "choose('mine')", "Keep mine", id="conflict.mine"),
        Binding("t", "choose('theirs')", "Keep the saved one", id="conflict.theirs"),
        Binding("b", "choose('merge')", "Merge both", id="conflict.merge"),
        Binding("escape", "choose(None)", "Back to the editor", id="conflict.back"),
    ]

    def __init__(self, mine: str, theirs: str) -> None:
        super().__init__()
        self.mine, self.theirs = mine, theirs

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog conflict"):
            yield Static(Text("Changed in another window while you edited", style="bold"), classes="dialog-title")
            with Horizontal(classes="conflict-sides"):
                with VerticalScroll(classes="conflict-side"):
                    yield Static(Text("Yours (this editor)", style="bold"))
                    yield Static(Text(for_display(self.mine)), id="conflict-mine")
                with VerticalScroll(classes="conflict-side"):
                    yield Static(Text("Saved meanwhile", style="bold"))
                    yield Static(Text(for_display(self.theirs)), id="conflict-theirs")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep mine (m)", id="mine", variant="primary")
                yield Button("Keep the saved one (t)", id="theirs")
                yield Button("Merge both (b)", id="merge")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


class EditorScreen(Dialog[str]):
    """Edit a piece of learner text. Leaving by any way (escape, ctrl+s, a click outside) returns
    the text as typed: nothing is ever lost on escape.

    ``stored`` reads the text as saved now: when it changed since the editor opened (another
    window saved it) and differs from what was typed here, leaving shows both (``ConflictScreen``)
    and the learner keeps one or merges them; nothing is overwritten silently.

    With a ``draft_key`` the text is kept as a draft while it is typed (``tui/drafts.py``), and a
    draft left by an earlier editor (the app was closed, killed, the terminal lost) comes back,
    said as such, on the saved text it was typed on: if that changed since, leaving shows both.
    ``ctrl+r`` goes back to the saved text and discards the draft. The caller drops the draft
    once it saved the text."""

    BINDINGS = [
        Binding("escape", "leave", "Save & close", priority=True, id="editor.close"),
        Binding("ctrl+s", "leave", "Save & close", show=False, priority=True, id="editor.save"),
        Binding("ctrl+r", "revert", "Back to saved", show=False, id="editor.revert"),
    ]

    def __init__(
        self,
        title: str,
        text: str,
        subtitle: str = "",
        stored: Callable[[], str] | None = None,
        draft_key: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text, self.text, self.subtitle = title, text, subtitle
        self._stored = stored
        self.draft_keeper = DraftKeeper(self, draft_key, self._typed, lambda: self.text) if draft_key else None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor"):
            yield Static(Text(for_display(self.title_text), style="bold"), classes="dialog-title")
            if self.subtitle:
                yield Static(Text(for_display(self.subtitle), style="dim"), classes="dialog-subtitle")
            yield Static(id="editor-draft", classes="notice")
            yield TextArea(for_editing(self.text), id="editor", soft_wrap=True, tab_behavior="indent")
            yield Static(
                Text(
                    "escape or ctrl+s: save and close  ·  ctrl+r: back to the saved text  ·  Markdown welcome",
                    style="dim",
                )
            )

    def on_mount(self) -> None:
        areas = self.query(TextArea)
        if not areas:
            return  # mounted as the app closes, never composed
        area = areas.first()
        self._restore_draft(area)
        area.focus()
        area.move_cursor(area.document.end)

    def _restore_draft(self, area: TextArea) -> None:
        notice = self.query_one("#editor-draft", Static)
        draft = self.draft_keeper.restored() if self.draft_keeper is not None else None
        notice.display = False
        if draft is None or draft.text in (self.text, for_editing(self.text)):
            return
        base = draft.base if draft.base is not None else ""
        said = f"Your draft from {draft_age(draft)}, not saved yet: escape saves it, ctrl+r discards it."
        if base != self.text:
            said += " The saved text changed since: saving shows both."
        self.text = base  # what the draft was typed on: a change since is a conflict on leaving
        area.load_text(draft.text)
        notice.update(Text(said))
        notice.display = True

    def _typed(self) -> str:
        typed = self.query_one(TextArea).text
        return self.text if typed == for_editing(self.text) else typed  # untouched: kept as it was

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        if self.draft_keeper is not None:
            self.draft_keeper.changed()

    def action_revert(self) -> None:
        """Back to the text as saved now; the draft is discarded."""
        saved = self._stored() if self._stored is not None else self.text
        self.text = saved
        area = self.query_one(TextArea)
        area.load_text(for_editing(saved))
        if self.draft_keeper is not None:
            self.draft_keeper.drop()
        self.query_one("#editor-draft", Static).display = False
        self.notify("Back to the saved text: the draft was discarded.", timeout=3, markup=False)

    def action_leave(self) -> None:
        area = self.query_one(TextArea)
        if self.draft_keeper is not None:
            self.draft_keeper.flush()  # kept until the caller has saved it
        typed = self._typed()
        theirs = self._stored() if self._stored is not None else self.text
        if theirs == self.text or theirs == typed:
            self._dismiss(typed)
            return

        def resolved(choice: str | None) -> None:
            if choice == "mine":
                self._dismiss(typed)
            elif choice == "theirs":
                self._dismiss(theirs)
            elif choice == "merge":
                self.text = theirs  # the saved text is the base now: leaving again saves the merge
                area.load_text(merged(typed, theirs))
                area.focus()

        self.app.push_screen(ConflictScreen(typed, theirs), resolved)

    def _dismiss(self, text: str) -> None:
        if self.draft_keeper is not None:
            self.draft_keeper.cancel()
        self.dismiss(text)

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
            yield OneLineInput(placeholder="type to filter", id="pick-filter")
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
    """Ask for one line of text. Returns it (stripped), or None on escape.

    With a ``draft_key`` the line is kept as a draft while typed and comes back, said as such,
    when the same question is asked again; the caller drops it (saved, or escape: discarded)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask.cancel")]

    def __init__(self, title: str, prompt: str = "", value: str = "", draft_key: str | None = None) -> None:
        super().__init__()
        self.title_text, self.prompt, self.value = title, prompt, value
        self.draft_keeper = (
            DraftKeeper(self, draft_key, lambda: self.query_one(Input).value, lambda: None) if draft_key else None
        )

    def compose(self) -> ComposeResult:
        draft = self.draft_keeper.restored() if self.draft_keeper is not None else None
        with Vertical(classes="dialog"):
            yield Static(Text(for_display(self.title_text), style="bold"), classes="dialog-title")
            if draft is not None and draft.text:
                self.value = draft.text
                said = f"Your draft from {draft_age(draft)}, not saved yet: enter saves it, escape discards it."
                yield Static(Text(said), id="ask-draft", classes="notice")
            if self.prompt:
                yield Label(Text(for_display(self.prompt)))
            yield OneLineInput(self.value, id="ask")

    def on_input_changed(self, _event: Input.Changed) -> None:
        if self.draft_keeper is not None:
            self.draft_keeper.changed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.draft_keeper is not None:
            self.draft_keeper.flush()  # kept until the caller has saved it
            self.draft_keeper.cancel()
        value = event.value.strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        if self.draft_keeper is not None:
            self.draft_keeper.cancel()
        self.dismiss(None)
