"""`/`: search note bullets and open questions; results update as you type.

What a keystroke costs (bench/search.py, 100x content, process CPU to the frame): an
``OptionList`` refilled with 200 labelled results took ~30 ms to measure and fill, drew in 2-3
frames and cost ~80 ms CPU in all. Now ~9 ms, one frame (Textual's own layout and paint of the
Input, the count and the list are most of it):

* the search narrows as the query grows (``SearchIndex``): well under 1 ms;
* at most ``LIMIT`` hits are listed; the count line says how many matched;
* the list is a line-API widget (``SearchResults``) of fixed height: it draws only its visible
  rows, one line per hit, straight from the hit to segments, and a new set of hits is a repaint,
  not a layout. The count line has a fixed height too and is updated without a layout;
* the query runs from a watcher on the Input's value, inside the keystroke, so the letter and
  its results are painted in one frame (Input.Changed came one message, and one frame, later);
* the index is built by the first `/` of an app and kept (``index_for``): 50 ms at 100x saved
  on every later open.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static

from ...content.search import Hit, SearchIndex

LIMIT = 50  # results listed; more is a longer query's job (the count line says how many matched)
SERVICE_WIDTH = 22  # cells of the service column
ELLIPSIS = "…"

DIM = Style(dim=True)
MARK = {"question": ("? ", Style(color="yellow")), "note": ("• ", DIM)}
MATCH = Style(reverse=True)
_CONTROL = {c: " " for c in range(32)} | {127: " "}  # one cell each, so match offsets still hold

# Per app: (library, learner questions, the index of the library alone, the index with them).
_INDEXES: WeakKeyDictionary[App[Any], tuple[Any, tuple[tuple[str, str, str], ...], SearchIndex, SearchIndex]] = (
    WeakKeyDictionary()
)


def index_for(app: Any) -> SearchIndex:
    """The app's search index: built the first time, then re-used while the library stays the
    same object. The learner's own questions are read from the store on every call (one small
    query) and, when they changed (added, edited, deleted), joined to the kept library index."""
    own = tuple((q.id, q.service, q.text) for q in app.store.learner_questions())
    cached = _INDEXES.get(app)
    if cached is not None and cached[0] is app.library:
        _, cached_own, base, index = cached
        if cached_own == own:
            return index
    else:
        base = SearchIndex.build(app.library)
    index = base.with_questions(own)
    _INDEXES[app] = (app.library, own, base, index)
    return index


def row_segments(hit: Hit, service_name: str, width: int) -> list[Segment]:
    """One result as segments: service, mark, then the text with every match reversed.

    ``width`` is the row's width in cells; when the first match would fall past it, the text
    starts shortly before that match (after an ellipsis) so the match is on screen."""
    text = hit.entry.text.translate(_CONTROL)
    mark, mark_style = MARK.get(hit.entry.kind, MARK["note"])
    segments = [Segment(f"{service_name:<{SERVICE_WIDTH}.{SERVICE_WIDTH}} ", DIM), Segment(mark, mark_style)]
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
            service = self.app.library.service(hit.entry.service_id)
            style = base + self.get_component_rich_style("search-results--cursor") if key[2] else base
            line = Strip(row_segments(hit, service.name if service else hit.entry.service_id, width))
            strip = self._strips[key] = line.crop_extend(0, width, None).apply_style(style)
        return strip


class SearchScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog search"):
            yield Static(Text("Search notes and questions", style="bold"), classes="dialog-title")
            yield Input(placeholder="type to search · enter opens · esc closes", id="search-input")
            yield Static(id="search-count")
            yield SearchResults(id="search-results")

    def on_mount(self) -> None:
        self.index = index_for(self.app)
        self.hits: list[Hit] = []
        box = self.query_one(Input)
        # A watcher runs inside the value's change, so the results are painted in the typed
        # letter's frame; Input.Changed arrives a message later: a second frame, and its CPU.
        self.watch(box, "value", self.run_query, init=False)
        box.focus()

    def run_query(self, query: str) -> None:
        hits, total = self.index.search(query, LIMIT)
        self.hits = hits
        self.query_one(SearchResults).set_hits(hits)
        shown = f"{total} match{'es' if total != 1 else ''}" + (f" (first {LIMIT} shown)" if total > LIMIT else "")
        # One line, always (app.tcss): no layout for a new count.
        self.query_one("#search-count", Static).update(Text(shown if query.strip() else "", style="dim"), layout=False)

    def action_move(self, delta: int) -> None:
        self.query_one(SearchResults).move(delta)

    def action_page(self, direction: int) -> None:
        results = self.query_one(SearchResults)
        results.move(direction * max(results.size.height - 1, 1), wrap=False)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        highlighted = self.query_one(SearchResults).highlighted
        if highlighted is not None:
            self.open_hit(self.hits[highlighted])

    def on_search_results_opened(self, event: SearchResults.Opened) -> None:
        self.open_hit(self.hits[event.index])

    def open_hit(self, hit: Hit) -> None:
        """Close, then let the app open the hit (its view may still have to be built: the app
        does that in its own message loop, not in this closing screen's)."""
        query = self.query_one(Input).value.strip()
        self.dismiss(None)
        if hit.entry.kind == "note":
            self.app.call_later(self.app.show_service, hit.entry.service_id, hit.entry.line,
                                query.split()[0] if query else "")
        else:
            self.app.call_later(self.app.show_question, hit.entry.question_id)

    def action_close(self) -> None:
        self.dismiss(None)
