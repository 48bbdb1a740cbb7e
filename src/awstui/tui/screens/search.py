"""`/`: search note bullets, open questions and exam questions; results update as you type.

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

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from ...content.search import Hit, SearchIndex
from ..paste import OneLineInput
from ..reach import reach
from ..widgets.search_results import SearchResults, row_segments  # noqa: F401 (tests and bench import them here)
from .dialog import Dialog

LIMIT = 50  # results listed; more is a longer query's job (the count line says how many matched)
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


class SearchScreen(Dialog[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="search.close"),
        Binding("down", "move(1)", "Down", show=False, id="search.down"),
        Binding("up", "move(-1)", "Up", show=False, id="search.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="search.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="search.page_up"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog search"):
            yield Static(Text("Search notes, questions and the exam bank", style="bold"), classes="dialog-title")
            yield OneLineInput(placeholder="type to search · enter opens · esc closes", id="search-input")
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
        # One line, always (screens/dialog.py): no layout for a new count.
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
        if hit.entry.kind == "exam":
            from .exam_question import open_exam_question

            self.app.call_later(open_exam_question, self.app, hit.entry.question_id)
        elif hit.entry.kind == "note":
            self.app.call_later(
                reach(self).show_service, hit.entry.service_id, hit.entry.line, query.split()[0] if query else ""
            )
        else:
            self.app.call_later(reach(self).show_question, hit.entry.question_id)

    def action_close(self) -> None:
        self.dismiss(None)
