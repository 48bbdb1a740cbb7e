"""`/`: search note bullets and open questions; results update as you type."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...content.search import Hit, SearchIndex

LIMIT = 200


def hit_label(hit: Hit, service_name: str) -> Text:
    label = Text(f"{service_name:<22.22} ", style="dim")
    label.append("? " if hit.entry.kind == "question" else "• ", style="yellow" if hit.entry.kind == "question" else "dim")
    offset = len(label)
    label.append(hit.entry.text)
    for start, end in hit.spans:
        label.stylize("reverse", offset + start, offset + end)
    return label


class SearchScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog search"):
            yield Static(Text("Search notes and questions", style="bold"), classes="dialog-title")
            yield Input(placeholder="type to search · enter opens · esc closes", id="search-input")
            yield Static(id="search-count")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        store = self.app.store
        own = [(q.id, q.service, q.text) for q in store.learner_questions()]
        self.index = SearchIndex.build(self.app.library, own)
        self.hits: list[Hit] = []
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.run_query(event.value)

    def run_query(self, query: str) -> None:
        hits, total = self.index.search(query, LIMIT)
        self.hits = hits
        library = self.app.library
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options(
            Option(hit_label(h, library.service(h.entry.service_id).name if library.service(h.entry.service_id)
                             else h.entry.service_id), id=str(i))
            for i, h in enumerate(hits)
        )
        if hits:
            results.highlighted = 0
        shown = f"{total} match{'es' if total != 1 else ''}" + (f" (first {LIMIT} shown)" if total > LIMIT else "")
        self.query_one("#search-count", Static).update(Text(shown if query.strip() else "", style="dim"))

    def action_move(self, delta: int) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            results.highlighted = ((results.highlighted or 0) + delta) % results.option_count

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        results = self.query_one(OptionList)
        if results.highlighted is not None:
            self.open_hit(self.hits[results.highlighted])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.open_hit(self.hits[int(event.option.id)])

    def open_hit(self, hit: Hit) -> None:
        query = self.query_one(Input).value.strip()
        self.dismiss(None)
        if hit.entry.kind == "note":
            self.app.action_show_view("study")
            self.app.view("study").open_service(hit.entry.service_id, hit.entry.line, query.split()[0] if query else "")
        else:
            self.app.show_question(hit.entry.question_id)

    def action_close(self) -> None:
        self.dismiss(None)
