"""Drafts: an editor's text kept in the store as the learner types, so that no exit loses it.

A ``DraftKeeper`` belongs to one editor screen (the screen's ``draft_keeper``). Each change
schedules one write ``DRAFT_DELAY_S`` later (a throttle, not a debounce: typing without a
pause is never more than that behind); ``flush`` writes now (the quit path calls it through
``flush_drafts``, a SIGKILL loses at most the last ``DRAFT_DELAY_S`` of typing). The text
equal to the saved one is no draft: it is dropped. The editor's caller drops the draft once the
text is saved (or the learner discards it on purpose); a draft that could not be written is
said once, and the editor goes on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches

from ..content.text import escaped
from ..state import Draft, StoreError
from ..state.clock import parse_ts
from .reach import reach

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.timer import Timer

DRAFT_DELAY_S = 0.5


def draft_age(draft: Draft) -> str:
    """When a draft was last kept, in local time (``2026-12-03 10:15``)."""
    try:
        return parse_ts(draft.updated_at).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return "earlier"


class DraftKeeper:
    """Keeps what ``text()`` returns as the draft ``key`` of the saved text ``base()``."""

    def __init__(self, screen: Screen[Any], key: str, text: Callable[[], str], base: Callable[[], str | None]):
        self.screen, self.key = screen, key
        self._text, self._base = text, base
        self._timer: Timer | None = None
        self._kept: tuple[str, str | None] | None = None  # what the store holds, as far as we know
        self._failed = False

    def restored(self) -> Draft | None:
        """The draft left by an earlier editor of the same thing (None: none, or unreadable)."""
        try:
            draft = reach(self.screen).store.draft(self.key)
        except StoreError:
            return None
        if draft is not None:
            self._kept = (draft.text, draft.base)
        return draft

    def changed(self) -> None:
        """The text changed: keep it within ``DRAFT_DELAY_S``."""
        if self._timer is None:
            self._timer = self.screen.set_timer(DRAFT_DELAY_S, self.flush)

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def flush(self) -> None:
        """Keep the text as it is now (nothing new since the last write: nothing written)."""
        self.cancel()
        try:
            text, base = self._text(), self._base()
        except NoMatches:  # the editor is not composed (yet, or any more): nothing typed in it
            return
        store = reach(self.screen).store
        try:
            if text == (base or ""):  # what is saved: nothing to keep
                if self._kept is not None:
                    store.drop_draft(self.key)
                    self._kept = None
            elif self._kept != (text, base):
                store.keep_draft(self.key, text, base)
                self._kept = (text, base)
        except StoreError as exc:
            if not self._failed:
                self._failed = True
                self.screen.notify(
                    f"Your typing could not be kept as a draft ({escaped(str(exc))}): close the editor to save it.",
                    severity="error",
                    markup=False,
                )

    def drop(self) -> None:
        """Saved, or discarded on purpose: the draft goes."""
        self.cancel()
        try:
            reach(self.screen).store.drop_draft(self.key)
        except StoreError:
            return
        self._kept = None


def drop_draft(app: App[Any], key: str) -> None:
    """The text of ``key`` was saved (or discarded on purpose): its draft goes."""
    with contextlib.suppress(StoreError):  # kept then: offered again next time, which loses nothing
        reach(app).store.drop_draft(key)


def flush_drafts(app: App[Any]) -> None:
    """Every open editor keeps its text now (the app is about to close)."""
    for screen in app.screen_stack:
        keeper = getattr(screen, "draft_keeper", None)
        if isinstance(keeper, DraftKeeper):
            keeper.flush()
