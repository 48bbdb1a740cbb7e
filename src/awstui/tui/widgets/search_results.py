"""The `/` search's results: one line per hit, a highlighted row, drawn with the line API.

A fixed-height widget that draws only its visible rows straight from the hits to segments: a
new set of hits is a repaint, never a layout (see screens/search.py for what that saved).
Content text never goes through markup: segments are built from the plain strings.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ...content.search import Hit
from ...content.text import one_cell
from ..reach import reach

SERVICE_WIDTH = 22  # cells of the service column
ELLIPSIS = "…"

DIM = Style(dim=True)
MARK = {"question": ("? ", Style(color="yellow")), "note": ("• ", DIM), "exam": ("◇ ", Style(color="cyan"))}
MATCH = Style(reverse=True)


def row_segments(hit: Hit, service_name: str, width: int) -> list[Segment]:
    """One result as segments: service, mark, then the text with every match reversed.

    ``width`` is the row's width in cells; when the first match would fall past it, the text
    starts shortly before that match (after an ellipsis) so the match is on screen."""
    text = one_cell(hit.entry.text)  # one cell each, so match offsets still hold
    mark, mark_style = MARK.get(hit.entry.kind, MARK["note"])
    name = one_cell(service_name)  # a content name too: no control reaches the terminal
    segments = [Segment(f"{name:<{SERVICE_WIDTH}.{SERVICE_WIDTH}} ", DIM), Segment(mark, mark_style)]
    room = width - SERVICE_WIDTH - 1 - len(mark)
    start = 0
    if hit.spans and hit.spans[0][1] > room > 0:
        start = max(0, hit.spans[0][0] - room // 3)
        segments.append(Segment(ELLIPSIS, DIM))
    pos = start
    for s, e in hit.spans:
        s, e = max(s, pos), min(e, len(text))
        if s >= e:
            continue  # overlapping or past the end
        if s > pos:
            segments.append(Segment(text[pos:s]))
        segments.append(Segment(text[s:e], MATCH))
        pos = e
    if pos < len(text):
        segments.append(Segment(text[pos:]))
    return segments


class SearchResults(Widget):
    """The hits, one line each, with a highlighted row; never focused (the Input keeps focus
    and the screen's keys move the highlight). Scrolls itself: ``top`` is the first row shown,
    kept so that the highlight is visible; the mouse wheel moves it, a click opens a row."""

    COMPONENT_CLASSES = {"search-results--cursor"}
    can_focus = False

    class Opened(Message):
        """A row was clicked (enter is the Input's: the screen opens the highlighted row)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []
        self.highlighted: int | None = None
        self.top = 0
        self._strips: dict[tuple[int, int, bool], Strip] = {}  # (row, width, highlighted)
        self._base: Style | None = None  # self.rich_style, which walks the ancestors: once a repaint

    def set_hits(self, hits: list[Hit]) -> None:
        self.hits = hits
        self.highlighted = 0 if hits else None
        self.top = 0
        self._strips.clear()
        self._base = None
        self.refresh()  # a repaint, no layout: the widget's size does not depend on the hits

    def move(self, delta: int, wrap: bool = True) -> None:
        """Move the highlight by ``delta`` rows, wrapping around at the ends or stopping there."""
        if not self.hits:
            return
        count = len(self.hits)
        current = self.highlighted or 0
        if wrap:
            self.highlighted = (current + delta) % count
        else:
            self.highlighted = min(max(current + delta, 0), count - 1)
        height = max(self.size.height, 1)
        if self.highlighted < self.top:
            self.top = self.highlighted
        elif self.highlighted >= self.top + height:
            self.top = self.highlighted - height + 1
        self.refresh()

    def _scroll(self, delta: int) -> None:
        top = min(max(self.top + delta, 0), max(len(self.hits) - self.size.height, 0))
        if top != self.top:
            self.top = top
            self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._scroll(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._scroll(-3)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = self.top + offset.y
        if row < len(self.hits):
            self.highlighted = row
            self.refresh()
            self.post_message(self.Opened(row))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._base = None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.hits)  # only used if the CSS leaves the height auto

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        row = self.top + y
        base = self._base
        if base is None:
            base = self._base = self.rich_style
        if row >= len(self.hits) or width <= 0:
            return Strip.blank(max(width, 0), base)
        key = (row, width, row == self.highlighted)
        strip = self._strips.get(key)
        if strip is None:
            hit = self.hits[row]
            service = reach(self).library.service(hit.entry.service_id) if hit.entry.service_id else None
            style = base + self.get_component_rich_style("search-results--cursor") if key[2] else base
            name = service.name if service else (hit.entry.service_id or "exam question")
            line = Strip(row_segments(hit, name, width))
            strip = self._strips[key] = line.crop_extend(0, width, None).apply_style(style)
        return strip
