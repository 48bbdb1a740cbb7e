"""A scrolling view of one Rich renderable whose own region never changes with its content.

A ``Static`` of ``height: auto`` in a ``VerticalScroll`` changes size whenever its content
does, and a widget that changed size asks for another layout pass (Textual sets its
``virtual_size``, a layout reactive): two or three frames for one change. Review mode's items
(a question, its options, the explanation) change on every grade, whose budget is one frame
(bench/review_grade.py): this widget keeps its region (``height: 1fr``), renders the content
into lines at its width and sets only its scroll range (``_internals.set_scroll_range``). The
vertical scrollbar is always there (``overflow-y: scroll``): one that appears or goes with the
content is a layout pass, and a frame more for the scrollbar it sized.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from textual import events
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .._internals import set_scroll_range


class RichScroll(ScrollView, can_focus=False):
    DEFAULT_CSS = """
    RichScroll { height: 1fr; overflow-y: scroll; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: tuple[RenderableType, ...] = ()
        self._focus: int | None = None  # the part kept in view (review mode: the option under the cursor)
        self._lines: list[Strip] = []
        self._starts: list[int] = [0]  # the first row of each part, then the row after the last
        self._width = -1  # the width the lines were rendered at (-1: not yet)

    @property
    def content(self) -> RenderableType:
        return Group(*self._parts)

    def show(self, parts: Sequence[RenderableType], *, focus: int | None = None, top: bool = True) -> None:
        """Show ``parts`` one under the other (painted in the next frame, with no layout pass):
        from the top (``top``), or scrolled as little as keeps part ``focus`` in view (then
        also after a resize)."""
        self._parts, self._focus = tuple(parts), None if top else focus
        self._width = -1
        if top:
            self.scroll_to(0, 0, animate=False, immediate=True)
        if self.size.width:
            self._render_rows()
            self._keep_in_view()
        self.refresh()

    def _render_rows(self) -> None:
        width = self.scrollable_content_region.width
        console = self.app.console
        options = console.options.update(width=width, min_width=width, max_width=width, height=None)
        lines: list[Strip] = []
        starts = []
        for part in self._parts:
            starts.append(len(lines))
            lines.extend(Strip(row, width) for row in console.render_lines(part, options, style=self.rich_style))
        self._lines, self._starts, self._width = lines, [*starts, len(lines)], width
        size = Size(width, len(lines))
        if size != self.virtual_size:
            set_scroll_range(self, size)  # scrollbar and scroll limits, as a resize would set them

    def _keep_in_view(self) -> None:
        if self._focus is None or not 0 <= self._focus < len(self._parts):
            return
        start, end = self._starts[self._focus], self._starts[self._focus + 1]
        height, y = self.scrollable_content_region.height, round(self.scroll_y)
        if start < y:
            y = start
        elif end > y + height:
            y = min(start, end - height)
        if y != round(self.scroll_y):
            self.scroll_to(y=y, animate=False, immediate=True)

    def on_resize(self, _event: events.Resize) -> None:
        self._render_rows()
        self.scroll_y = self.validate_scroll_y(self.scroll_y)
        self._keep_in_view()

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._width != self.scrollable_content_region.width:
            self._render_rows()  # a new width: painted now, not a frame later
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        if row >= len(self._lines):
            return Strip.blank(self.scrollable_content_region.width, self.rich_style)
        return self._lines[row]
