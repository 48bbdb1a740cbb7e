"""Review mode's daily limits: how many new cards and how many reviews a day (whole numbers).

Stored with ``store.set_setting`` under the keys the queue reads (``review.new_per_day``,
``review.reviews_per_day``); only review-mode grades use them up."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from ...review_settings import MAX_PER_DAY as MAX_LIMIT
from ...review_settings import NEW_PER_DAY, REVIEWS_PER_DAY
from ..paste import OneLineInput
from ..reach import reach
from .dialog import Dialog

FIELDS = (
    (NEW_PER_DAY, "New cards a day", "limit-new"),
    (REVIEWS_PER_DAY, "Reviews a day", "limit-reviews"),
)


def parse_limits(values: dict[str, str]) -> dict[str, int]:
    """``{setting key: typed text}`` as whole numbers 0..9999; ValueError names the bad field."""
    out = {}
    for key, label, _ in FIELDS:
        text = values.get(key, "").strip()
        if not text.isdigit() or not text.isascii() or int(text) > MAX_LIMIT:
            raise ValueError(f"{label}: a whole number from 0 to {MAX_LIMIT}")
        out[key] = int(text)
    return out


class ReviewLimitsScreen(Dialog[dict[str, int] | None]):
    """The two limits, typed; enter or ctrl+s saves, escape cancels. Returns the new limits."""

    DEFAULT_CSS = """
    .dialog.review-limits { width: 60; }
    .limits-row { height: 3; }
    .limits-row Label { width: 1fr; padding: 1 1 0 0; }
    .limits-row Input { width: 12; }
    #limits-error { color: $error; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="review_limits.cancel"),
        Binding("ctrl+s", "save", "Save", id="review_limits.save"),
    ]

    def __init__(self, limits: dict[str, int]) -> None:
        super().__init__()
        self.limits = limits

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog review-limits"):
            yield Static(Text("Review: daily limits", style="bold"), classes="dialog-title")
            for key, label, wid in FIELDS:
                with Horizontal(classes="limits-row"):
                    yield Label(label)
                    yield OneLineInput(str(self.limits.get(key, "")), id=wid, type="integer")
            yield Static(Text("Only grades given in review mode count; exam answers never do.", style="dim"))
            yield Static(id="limits-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (enter)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#{FIELDS[0][2]}", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        typed = {key: self.query_one(f"#{wid}", Input).value for key, _, wid in FIELDS}
        try:
            limits = parse_limits(typed)
        except ValueError as exc:
            self.query_one("#limits-error", Static).update(Text(str(exc)))
            return
        self.dismiss(limits)

    def action_cancel(self) -> None:
        self.dismiss(None)


def edit_limits(node: Widget, done: Callable[[], None] | None = None) -> None:
    """Open the dialog over ``node``'s app; the limits are saved to the store when confirmed,
    then ``done()`` (if given) runs."""
    store = reach(node).store

    def saved(limits: dict[str, int] | None) -> None:
        if limits is None:
            return
        for key, value in limits.items():
            store.set_setting(key, value)
        if done is not None:
            done()

    node.app.push_screen(ReviewLimitsScreen(store.reviews.limits()), saved)
