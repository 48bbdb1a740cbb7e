"""The one list of views: the tabs, the `1`–`4` keys and the palette's view commands come from it.

Each entry names its view class by import path: a view's module is imported the first time the
view is shown or needed (``AwsTuiApp.ensure_view``), so startup builds only the view on show.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from textual.binding import Binding

from ...records import record

if TYPE_CHECKING:
    from .base import View


@record
class ViewSpec:
    """One view of the app: its tab, its key and where its class is (imported on first use)."""

    name: str  # the view's id, the setting `last_view`, the argument of `show_view`
    title: str  # the tab's label and the footer's description
    key: str  # the key that shows it
    path: str  # "module:Class", imported on first use
    tooltip: str

    def load(self) -> type[View]:
        module, _, cls = self.path.partition(":")
        view_class: type[View] = getattr(importlib.import_module(module), cls)
        return view_class

    def binding(self) -> Binding:
        return Binding(self.key, f"show_view('{self.name}')", self.title, tooltip=self.tooltip, id=f"view.{self.name}")


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec("study", "Study", "1", "awstui.tui.views.study:StudyView", "Notes by service"),
    ViewSpec("questions", "Questions", "2", "awstui.tui.views.questions:QuestionsView", "Your open questions"),
    ViewSpec("exam", "Exam", "3", "awstui.tui.views.exam:ExamView", "Timed mock exams"),
    ViewSpec("progress", "Progress", "4", "awstui.tui.views.progress:ProgressView", "What you have done"),
)
VIEW_NAMES: tuple[str, ...] = tuple(spec.name for spec in VIEWS)


def spec(name: str) -> ViewSpec:
    """The entry of view ``name`` (KeyError for a name that is not a view)."""
    for entry in VIEWS:
        if entry.name == name:
            return entry
    raise KeyError(name)
