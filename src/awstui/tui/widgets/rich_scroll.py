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

from rich.console import RenderableType
from rich.text import Text
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
        self._content: RenderableType = Text("")
        self._lines: list[Strip] = []
        self._width = -1  # the width the lines were rendered at (-1: not yet)

    @property
    def content(self) -> RenderableType:
        return self._content

    def show(self, content: RenderableType) -> None:
        """Show ``content`` from its top (painted in the next frame, with no layout pass)."""
        self._content = content
        self._width = -1
        self.scroll_to(0, 0, animate=False, immediate=True)
        if self.size.width:
            self._render_rows()
        self.refresh()

    def _render_rows(self) -> None:
        width = self.scrollable_content_region.width
        console = self.app.console
        options = console.options.update(width=width, min_width=width, max_width=width, height=None)
        rows = console.render_lines(self._content, options, style=self.rich_style, pad=True)
        self._lines = [Strip(row, width) for row in rows]
        self._width = width
        size = Size(width, len(self._lines))
        if size != self.virtual_size:
            set_scroll_range(self, size)  # scrollbar and scroll limits, as a resize would set them

    def on_resize(self, _event: events.Resize) -> None:
        self._render_rows()
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._width != self.scrollable_content_region.width:
            self._render_rows()  # a new width: painted now, not a frame later
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        if row >= len(self._lines):
            return Strip.blank(self.scrollable_content_region.width, self.rich_style)
        return self._lines[row]
