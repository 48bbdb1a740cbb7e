"""The service tree: categories → services, with badges for open questions and reviews."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from ...content.models import Library, Service
from ...content.text import for_display
from ..keys import VIM_CURSOR
from .row_tree import RowTree
from .rows import Row, first_line

NOT_NOTED = "not in your notes yet"
LEGEND = "cat:legend"  # the tree's last row: what a dimmed service means, or how many are hidden


def noted(service: Service, service_states: dict) -> bool:
    """Whether the learner's notes (or their own annotation) cover ``service``."""
    return bool(service.notes) or bool(getattr(service_states.get(service.id), "annotation", ""))


def matches(service: Service, needle: str) -> bool:
    n = needle.lower().strip()
    if not n:
        return True
    return n in service.name.lower() or n in service.id or any(n in a.lower() for a in service.aliases)


class ServiceTree(RowTree):
    """Categories and their services, then a note row; a row's data is the service id (or
    ``"cat:<id>"`` for a category, ``"cat:none"`` and ``LEGEND`` for the note rows)."""

    HELP_NAME = "service tree"
    BINDINGS = [
        *VIM_CURSOR,
        Binding("h,left", "fold", "Fold", show=False, id="tree.fold"),
        Binding("l,right", "unfold", "Unfold", show=False, id="tree.unfold"),
        Binding("slash", "filter", "Filter", tooltip="Filter services as you type", id="tree.filter"),
    ]

    def __init__(self, library: Library, **kwargs) -> None:
        super().__init__(**kwargs)
        self.library = library
        self._service_rows: dict[str, Row] = {}
        self.filter_text = ""
        self.hide_unnoted = False  # hide the services not in the learner's notes (`u`, a setting)
        self.revealed: str | None = None  # one hidden service shown anyway: opened from search or a question
        self.typed_ahead: list[str] | None = None  # printable keys typed since `/`, for the filter box
        self._badge_states: tuple[dict, dict, dict] = ({}, {}, {})

    class Highlighted(RowTree.Highlighted):
        """The cursor moved to a row (its first placing too): ``data`` is the row's."""

    class Selected(RowTree.Selected):
        """A row was chosen (`enter`, a click): ``data`` is the row's."""

    def rebuild(self, question_states: dict, service_states: dict, learner_by_service: dict) -> None:
        """(Re)build the rows for the current filter, keeping the cursor on the same service."""
        self._badge_states = (question_states, service_states, learner_by_service)
        keep = self.cursor_data
        self._service_rows.clear()
        rows: list[Row] = []
        hidden = dimmed = 0
        for cat in self.library.categories:
            services = [s for s in self.library.services_in(cat.id) if matches(s, self.filter_text)]
            if self.hide_unnoted:
                shown = [s for s in services if noted(s, service_states) or s.id == self.revealed]
                hidden += len(services) - len(shown)
                services = shown
            dimmed += sum(1 for s in services if not noted(s, service_states))
            if not services:
                continue
            cat_row = Row(f"cat:{cat.id}", first_line(Text(for_display(cat.name), style="bold")), [], expanded=True)
            for s in services:
                self._service_rows[s.id] = Row(s.id, first_line(self.label_for(s)), parent=cat_row)
            cat_row.children = [self._service_rows[s.id] for s in services]
            rows.append(cat_row)
        if not self._service_rows:
            rows.append(Row("cat:none", Text(f"no service matches {self.filter_text.strip()!r}", style="dim italic")))
        if hidden:
            rows.append(Row(LEGEND, Text(f"{hidden} not in your notes hidden (u shows)", style="dim italic")))
        elif dimmed:
            rows.append(Row(LEGEND, Text(f"dimmed: {NOT_NOTED} (u hides)", style="dim italic")))
        self.set_rows(rows)
        if keep is not None:
            self.call_after_refresh(self.select_service, keep, False)

    def label_for(self, service: Service) -> Text:
        question_states, service_states, learner_by_service = self._badge_states
        ids = [q.id for q in self.library.questions_for(service.id)] + learner_by_service.get(service.id, [])
        open_count = sum(1 for qid in ids if not getattr(question_states.get(qid), "answered", False))
        reviewed = getattr(service_states.get(service.id), "reviewed", False)
        label = Text(for_display(service.name), style="" if noted(service, service_states) else "dim")
        if open_count:
            label.append(f"  ?{open_count}", style="yellow")
        if reviewed:
            label.append("  ✓", style="green")
        return label

    def refresh_labels(self, question_states: dict, service_states: dict, learner_by_service: dict) -> None:
        self._badge_states = (question_states, service_states, learner_by_service)
        for sid, row in self._service_rows.items():
            service = self.library.service(sid)
            if service is not None:
                self.set_label(row, first_line(self.label_for(service)))

    def service_ids(self) -> list[str]:
        """Visible services in tree order."""
        return list(self._service_rows)

    def service_row(self, service_id: str) -> Row | None:
        """The row of a service shown (None: filtered out or hidden)."""
        return self._service_rows.get(service_id)

    def select_service(self, service_id: str, scroll: bool = True) -> bool:
        """The cursor to the service's row, its category unfolded; scrolled to it (as Tree's
        move_cursor, whatever ``scroll`` says). False when the service is not shown."""
        row = self._service_rows.get(service_id)
        if row is None:
            return False
        if row.parent is not None:
            self.set_expanded(row.parent, True)
        self.move_cursor(row, animate=False)
        return True

    def action_fold(self) -> None:
        """`h`: fold the category under the cursor, or from a service go to its category."""
        row = self.cursor_row
        if row is None:
            return
        if row.children is not None and row.expanded:
            self.set_expanded(row, False)
        elif row.parent is not None:
            self.move_cursor(row.parent)

    def action_unfold(self) -> None:
        """`l`: unfold the category under the cursor, or go to its first service."""
        row = self.cursor_row
        if row is not None and row.children is not None and not row.expanded:
            self.set_expanded(row, True)
        elif row is not None and row.children:
            self.move_cursor(row.children[0])

    def action_filter(self) -> None:
        """`/` (also from the footer): start the filter; keys typed until its box has focus
        are kept for it (see ``on_key``)."""
        if self.typed_ahead is None:
            self.typed_ahead = []
        self.post_message(self.FilterRequested())

    def take_typed_ahead(self) -> str:
        """What was typed since `/`, for the filter box; the tree acts on keys again."""
        typed, self.typed_ahead = self.typed_ahead or [], None
        return "".join(typed)

    def on_key(self, event) -> None:
        # Handled here, in the tree's own queue, not by the binding: a binding runs only once the
        # key has bubbled up to the app, after the keys typed next were already given to the tree
        # (and `n` would have moved to the next service). The filter box is built on the first
        # `/`, so those keys are kept for it instead.
        if event.key == "slash" and self.typed_ahead is None:
            event.stop()
            event.prevent_default()
            self.action_filter()
        elif self.typed_ahead is not None and event.is_printable and event.character:
            self.typed_ahead.append(event.character)
            event.stop()
            event.prevent_default()

    class FilterRequested(Message):
        """The learner pressed `/` in the tree."""
