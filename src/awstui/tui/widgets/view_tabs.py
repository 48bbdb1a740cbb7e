"""The view names across the top, the one on show highlighted and underlined; one widget.

Textual's TabbedContent builds ten widgets for four tabs (ContentTabs, its scroll container,
a row, one ContentTab each, the animated Underline, TabPanes) and animates the underline into
place after the first frame: together a sizable part of the time from the first frame to a
settled screen (bench/startup.py). The app switches views with `1`–`4`, so the tabs need no
focus of their own: this widget draws the two rows (names, then the bar) in ``render`` and a
click on a name shows that view. The app keeps the views in a ContentSwitcher.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import events
from textual.widget import Widget

from ..reach import reach


def exam_tab_label(title: str, clock: str | None, due: int) -> Text:
    """The Exam tab: its title, the running exam's clock, the reviews due today (``Exam · 5 due``)."""
    label = Text(f"{title} {clock}" if clock else title)
    if due:
        label.append(f" · {due} due", style="bold")
    return label


class ViewTabs(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"view-tabs--tab", "view-tabs--active", "view-tabs--bar", "view-tabs--bar-active"}
    DEFAULT_CSS = """
    ViewTabs {
        height: 2;
        width: 1fr;
        text-wrap: nowrap;
        & > .view-tabs--tab { color: $foreground 50%; }
        & > .view-tabs--active { color: $foreground; }
        & > .view-tabs--bar { color: $foreground 10%; }
        & > .view-tabs--bar-active { color: $block-cursor-background; }
        &:ansi {
            & > .view-tabs--tab { text-style: dim; }
            & > .view-tabs--active { text-style: not dim bold; }
            & > .view-tabs--bar { color: $border-blurred; }
        }
    }
    """

    def __init__(self, tabs: Iterable[tuple[str, str]], active: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels: dict[str, Text] = {name: Text(title) for name, title in tabs}
        self._active = active
        self._spans: list[tuple[int, int, str]] = []  # cells [start, end) of each tab, as drawn

    @property
    def active(self) -> str:
        return self._active

    @active.setter
    def active(self, name: str) -> None:
        if name != self._active:
            self._active = name
            self.refresh()

    def label(self, name: str) -> Text:
        return self._labels[name]

    def set_label(self, name: str, label: Text | str) -> None:
        label = Text(label) if isinstance(label, str) else label
        if label != self._labels.get(name):  # the exam clock calls this every second
            self._labels[name] = label
            self.refresh()

    def render(self) -> Text:
        tab = self.get_component_rich_style("view-tabs--tab")
        active = self.get_component_rich_style("view-tabs--active")
        bar = self.get_component_rich_style("view-tabs--bar")
        bar_active = self.get_component_rich_style("view-tabs--bar-active")
        names, spans, x = Text(no_wrap=True, end=""), [], 0
        for name, label in self._labels.items():
            cell = Text(" ", end="")
            cell.append_text(label)
            cell.append(" ")
            cell.stylize_before(active if name == self._active else tab)
            spans.append((x, x + cell.cell_len, name))
            names.append_text(cell)
            x += cell.cell_len
        self._spans = spans
        width = max(self.size.width, x)
        underline = Text("━" * width, style=bar, no_wrap=True, end="")
        for start, end, name in spans:
            if name == self._active:
                underline.stylize(bar_active, start, end)
        names.append("\n")
        names.append_text(underline)
        return names

    def tab_at(self, x: int) -> str | None:
        return next((name for start, end, name in self._spans if start <= x < end), None)

    async def on_click(self, event: events.Click) -> None:
        name = self.tab_at(event.x) if event.y == 0 else None
        if name is not None:
            await reach(self).action_show_view(name)
