"""The service tree: categories → services, with badges for open questions and reviews."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...content.models import Library, Service
from ...content.text import for_display
from .._internals import keep_tree_lines_on_resize, render_tree_line, restyle_tree_keeping_lines
from ..keys import VIM_CURSOR

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


class ServiceTree(Tree[str]):
    """Node data is the service id (or ``"cat:<id>"`` for a category)."""

    HELP_NAME = "service tree"
    BINDINGS = [
        *VIM_CURSOR,
        Binding("h,left", "fold", "Fold", show=False, id="tree.fold"),
        Binding("l,right", "unfold", "Unfold", show=False, id="tree.unfold"),
        Binding("slash", "filter", "Filter", tooltip="Filter services as you type", id="tree.filter"),
    ]

    def __init__(self, library: Library, **kwargs) -> None:
        # a Text label: a str is parsed as markup, and that loads rich's emoji table (~2 ms of the start)
        super().__init__(Text("services"), **kwargs)
        self.library = library
        self.show_root = False
        self.guide_depth = 2
        self._service_nodes: dict[str, TreeNode[str]] = {}
        self.filter_text = ""
        self.hide_unnoted = False  # hide the services not in the learner's notes (`u`, a setting)
        self.revealed: str | None = None  # one hidden service shown anyway: opened from search or a question
        self.typed_ahead: list[str] | None = None  # printable keys typed since `/`, for the filter box
        self._drawn_theme: tuple | None = None  # the theme the cached lines were drawn in
        self._painted_size: Size | None = None  # the size the lines were last painted at
        self._paint_style: Style | None = None  # the tree's own style while it paints
        self._badge_states: tuple[dict, dict, dict] = ({}, {}, {})

    def rebuild(self, question_states: dict, service_states: dict, learner_by_service: dict) -> None:
        """(Re)build the nodes for the current filter, keeping the cursor on the same service."""
        self._badge_states = (question_states, service_states, learner_by_service)
        keep = self.cursor_node.data if self.cursor_node is not None else None
        self.clear()
        self._service_nodes.clear()
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
            cat_node = self.root.add(Text(for_display(cat.name), style="bold"), data=f"cat:{cat.id}", expand=True)
            for s in services:
                self._service_nodes[s.id] = cat_node.add_leaf(self.label_for(s), data=s.id)
        if not self._service_nodes:
            self.root.add_leaf(
                Text(f"no service matches {self.filter_text.strip()!r}", style="dim italic"), data="cat:none"
            )
        if hidden:
            self.root.add_leaf(Text(f"{hidden} not in your notes hidden (u shows)", style="dim italic"), data=LEGEND)
        elif dimmed:
            self.root.add_leaf(Text(f"dimmed: {NOT_NOTED} (u hides)", style="dim italic"), data=LEGEND)
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
        for sid, node in self._service_nodes.items():
            service = self.library.service(sid)
            if service is not None:
                node.set_label(self.label_for(service))

    def service_ids(self) -> list[str]:
        """Visible services in tree order."""
        return list(self._service_nodes)

    def select_service(self, service_id: str, scroll: bool = True) -> bool:
        node = self._service_nodes.get(service_id)
        if node is None:
            return False
        if node.parent is not None and not node.parent.is_expanded:
            node.parent.expand()
        self.move_cursor(node, animate=False)
        return True

    def action_fold(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_unfold(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand and not node.is_expanded:
            node.expand()
        elif node is not None and node.allow_expand and node.children:
            self.move_cursor(node.children[0])

    def render_lines(self, crop):
        self._painted_size = self.size
        self._paint_style = self.rich_style  # one style for every line of this paint (_internals.render_tree_line)
        try:
            return super().render_lines(crop)
        finally:
            self._paint_style = None

    def render_line(self, y: int) -> Strip:
        if self._paint_style is None:  # (a line asked for outside a paint)
            return super().render_line(y)
        return render_tree_line(self, y, self._paint_style)

    def _on_resize(self, event: events.Resize) -> None:
        # a Resize to the size already painted keeps the lines (_internals.keep_tree_lines_on_resize)
        if event.size == self._painted_size and keep_tree_lines_on_resize(self, event.size):
            event.prevent_default()  # Tree._on_resize would drop them

    def notify_style_update(self) -> None:
        # a restyle (a focus change) keeps the lines; a new theme drops the drawn ones (_internals)
        theme = (self.app.theme, self.app.ansi_color)
        changed, self._drawn_theme = theme != self._drawn_theme, theme
        restyle_tree_keeping_lines(self, changed)

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
