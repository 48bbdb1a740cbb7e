"""A two-level tree drawn with Textual's Line API: categories with rows under them, and leaves.

Drawn, keyed and moused as Textual's ``Tree`` with ``show_root=False``, ``guide_depth=2`` (its
icons, guides, cursor and hover styles, its CSS), without its node bookkeeping: Tree cost ~10-16
ms of the settled first frame (bench/startup.py), much of it styling 7 component classes at mount
and at focus and its style asked for on every line. Here no component class: the styles come
from the theme (tree_looks.py), read once per paint, and the lines drawn are kept until they change.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size, clamp
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .rows import ICONS, INDENT, Row, draw_row
from .tree_looks import Looks, read_looks


class Paint(NamedTuple):
    """What the lines of one paint are drawn with."""

    looks: Looks
    scroll_x: int
    scroll_y: int
    width: int
    hovered: Row | None
    selected: Row | None  # the cursor's row while the tree has the focus
    pad: int  # cells a line is padded to


class RowMessage(Message):
    """A message about one row of a RowTree: ``data`` is the row's."""

    def __init__(self, tree: RowTree, data: str) -> None:
        self.tree = tree
        self.data = data
        super().__init__()

    @property
    def control(self) -> RowTree:
        return self.tree


class RowTree(ScrollView, can_focus=True):
    """Top-level rows (categories and leaves), each category's rows under it when unfolded."""

    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [  # Tree's, with ids for the keymap
        Binding("shift+left", "cursor_parent", "Cursor to parent", show=False, id="tree.parent"),
        Binding(
            "shift+right", "cursor_parent_next_sibling", "Cursor to next ancestor", show=False, id="tree.next_ancestor"
        ),
        Binding(
            "shift+up", "cursor_previous_sibling", "Cursor to previous sibling", show=False, id="tree.previous_sibling"
        ),
        Binding("shift+down", "cursor_next_sibling", "Cursor to next sibling", show=False, id="tree.next_sibling"),
        Binding("enter", "select_cursor", "Select", show=False, id="tree.select"),
        Binding("space", "toggle_node", "Toggle", show=False, id="tree.toggle"),
        Binding("shift+space", "toggle_expand_all", "Expand or collapse all", show=False, id="tree.toggle_all"),
        Binding("up", "cursor_up", "Cursor Up", show=False, id="tree.cursor_up"),
        Binding("down", "cursor_down", "Cursor Down", show=False, id="tree.cursor_down"),
    ]
    # Tree's DEFAULT_CSS for the widget; its components' rules are in tree_looks.declarations
    DEFAULT_CSS = """
    RowTree {
        background: $surface;
        color: $foreground;
        &:focus { background-tint: $foreground 5%; }
    }
    RowTree:ansi { color: ansi_default; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[Row] = []  # the top-level rows
        self._lines: list[Row] = []  # the rows drawn, top to bottom
        self._cursor = -1  # the cursor's line (-1: not placed yet)
        self._hover = -1  # the line under the mouse (-1: none)
        self._looks: Looks | None = None
        self._paint: Paint | None = None
        self._restyled = False
        self._strips: dict[tuple, Strip] = {}

    class Highlighted(RowMessage):
        """The cursor moved to another row (its first placing too)."""

    class Selected(RowMessage):
        """A row was chosen: `enter`, or a click on it."""

    # ------------------------------------------------------------------ rows and cursor

    def set_rows(self, rows: list[Row]) -> None:
        """Show ``rows`` (top level); the cursor stays on its line, quietly, as Tree's did."""
        self.rows = rows
        self._lay_out(follow=None)

    def _lay_out(self, follow: Row | None) -> None:
        """Lines and scroll range for the rows as folded now; the cursor follows ``follow``
        when it is drawn, else keeps its line."""
        lines: list[Row] = []
        for row in self.rows:
            row.line = len(lines)
            lines.append(row)
            for child in row.children or ():
                child.line = len(lines) if row.expanded else -1
                if row.expanded:
                    lines.append(child)
        self._lines = lines
        width = max((self._width_of(row) for row in lines), default=self.size.width)
        self.virtual_size = Size(width, len(lines))
        self._strips.clear()
        self.refresh()
        if self._cursor != -1:
            target = follow.line if follow is not None and follow.line != -1 else self._cursor
            self._cursor = clamp(target, 0, len(lines) - 1)

    def set_label(self, row: Row, label: Text) -> None:
        """A new label for ``row`` (drawn at the next paint; the scroll range stays, as Tree's)."""
        old = row.label
        if (label.plain, label.style, label.spans) != (old.plain, old.style, old.spans):  # Text's == skips style
            row.label = label
            self._strips.clear()
            if row.line != -1:
                self.refresh_line(row.line)

    def _width_of(self, row: Row) -> int:
        return (INDENT if row.parent else 0) + (len(ICONS[0]) if row.children is not None else 0) + row.label.cell_len

    @property
    def cursor_row(self) -> Row | None:
        return self._row_at(self._cursor)

    @property
    def cursor_data(self) -> str | None:
        """The data of the row under the cursor (None before it is placed)."""
        row = self.cursor_row
        return None if row is None else row.data

    def _row_at(self, line: int) -> Row | None:
        return self._lines[line] if 0 <= line < len(self._lines) else None

    def _set_cursor(self, line: int) -> None:
        """Tree's ``cursor_line``: kept within the lines; a row newly under it is Highlighted."""
        line = clamp(line, 0, len(self._lines) - 1)
        previous, self._cursor = self._cursor, line
        if previous == line:
            return
        self._refresh_row(previous)
        self._refresh_row(line)
        row = self._row_at(line)
        if row is not None:
            self.post_message(self.Highlighted(self, row.data))

    def move_cursor(self, row: Row | None, animate: bool = False) -> None:
        """Tree's ``move_cursor``: to ``row`` and scrolled to it; to the top line, unscrolled, for None."""
        previous = self._cursor
        self._set_cursor(-1 if row is None else row.line)
        if row is not None:
            self.scroll_to_line(self._cursor, animate=animate and abs(self._cursor - previous) > 1)

    def _to_parent(self, row: Row, animate: bool) -> None:
        """To ``row``'s category; from a top-level row to the top line (Tree's hidden root)."""
        self.move_cursor(row.parent or self._row_at(0), animate)

    def scroll_to_line(self, line: int, animate: bool = True) -> None:
        if 0 <= line < len(self._lines):
            region = Region(0, line, max(1, self._width_of(self._lines[line])), 1)
            self.scroll_to_region(region, animate=animate, force=True, origin_visible=False, x_axis=False)

    def _siblings(self, row: Row) -> list[Row]:
        return self.rows if row.parent is None else row.parent.children or []

    def _sibling(self, row: Row, step: int) -> Row | None:
        siblings = self._siblings(row)
        i = siblings.index(row) + step
        return siblings[i] if 0 <= i < len(siblings) else None

    def is_expanded(self, data: str) -> bool:
        """Whether the category ``data`` is unfolded (False for a leaf or an unknown row)."""
        return any(row.data == data and row.expanded for row in self.rows)

    def set_expanded(self, row: Row, expanded: bool) -> None:
        if row.children is not None and row.expanded != expanded:
            row.expanded = expanded
            self._lay_out(follow=self.cursor_row)

    def _toggle(self, row: Row) -> None:
        self.set_expanded(row, not row.expanded)

    def _refresh_row(self, line: int) -> None:
        """Repaint the line, and the rows under it if it is an unfolded category (their guides)."""
        row = self._row_at(line)
        if row is not None:
            under = len(row.children or ()) if row.expanded else 0
            self.refresh_lines(line, 1 + under)

    # ------------------------------------------------------------------ drawing

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyled = True  # (focus, theme): the styles are read again at the next paint
        self.refresh()

    def _paint_state(self) -> Paint:
        """What every line of a paint is drawn with, read once for the paint (Tree read it per line)."""
        base = self.rich_style  # a walk up every ancestor's styles
        if self._restyled or self._looks is None or self._looks.base != base:
            looks, self._restyled = read_looks(self, base), False
            if looks != self._looks:  # the lines drawn are kept while the styles are the same
                self._looks, self._strips = looks, {}
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        if self._strips and next(iter(self._strips))[4] != width:
            self._strips = {}  # a new width: the lines kept for the old one are not drawn again
        selected = self.cursor_row if self.has_focus else None
        pad = max(self.virtual_size.width, width)
        return Paint(self._looks, scroll_x, scroll_y, width, self._row_at(self._hover), selected, pad)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._paint = self._paint_state()
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    def render_line(self, y: int) -> Strip:
        looks, scroll_x, scroll_y, width, hovered, selected, pad = self._paint or self._paint_state()
        line = y + scroll_y
        row = self._row_at(line)
        if row is None:
            return Strip.blank(width, looks.base)
        parent = row.parent
        guide = 0 if parent is None else 2 if selected is parent else 1 if hovered is parent else 0
        hover = hovered is not None and (hovered is row or hovered is parent)
        key = (line, hover, guide, line == self._cursor, width, scroll_x)
        strip = self._strips.get(key)
        if strip is None:
            drawn = draw_row(row, line, looks, hover, guide, line == self._cursor, self.app.console, pad)
            strip = self._strips[key] = drawn.crop(scroll_x, scroll_x + width)
        return strip

    # ------------------------------------------------------------------ mouse

    def _line_under(self, event: events.MouseEvent) -> tuple[int, int]:
        """(line, column) in the tree's content under the pointer; line -1 off the rows."""
        offset = event.get_content_offset(self)
        if offset is None:
            return -1, -1
        x, y = offset + self.scroll_offset
        return (y if y < len(self._lines) else -1), x

    def _set_hover(self, line: int) -> None:
        if line != self._hover:
            previous, self._hover = self._hover, line
            self._refresh_row(previous)
            self._refresh_row(line)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._line_under(event)[0])

    def on_leave(self, _event: events.Leave) -> None:
        self._set_hover(-1)  # no hover left behind

    def on_click(self, event: events.Click) -> None:
        """A click on a category's icon folds or unfolds it; on a row, selects it (Tree's)."""
        line, x = self._line_under(event)
        row = self._row_at(line)
        if row is None:
            return
        icon_at = INDENT if row.parent else 0
        if row.children is not None and icon_at <= x < icon_at + len(ICONS[0]):
            self._toggle(row)
        else:
            self._set_cursor(line)
            self.action_select_cursor()

    # ------------------------------------------------------------------ keys (Tree's actions)

    def _step_cursor(self, line: int, scroll: bool = True, animate: bool = True) -> None:
        self._set_cursor(line)
        if scroll:
            self.scroll_to_line(self._cursor, animate=animate)

    def action_cursor_up(self) -> None:
        self._step_cursor(len(self._lines) - 1 if self._cursor == -1 else self._cursor - 1, animate=False)

    def action_cursor_down(self) -> None:
        self._step_cursor(0 if self._cursor == -1 else self._cursor + 1, animate=False)

    def action_page_down(self) -> None:
        start = 0 if self._cursor == -1 else self._cursor
        self._step_cursor(start + self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        start = len(self._lines) - 1 if self._cursor == -1 else self._cursor
        self._step_cursor(start - (self.scrollable_content_region.height - 1))

    def action_scroll_home(self) -> None:
        self._step_cursor(0)

    def action_scroll_end(self) -> None:
        self._step_cursor(len(self._lines) - 1)

    def action_toggle_node(self) -> None:
        try:
            row = self._lines[self._cursor]  # (-1, before the cursor is placed: the last line, as Tree)
        except IndexError:
            return
        self._toggle(row)

    def action_select_cursor(self) -> None:
        """Select the cursor's row; a category is also folded or unfolded (Tree's auto_expand)."""
        row = self.cursor_row
        if row is not None:
            self._toggle(row)
            self.post_message(self.Selected(self, row.data))

    def action_cursor_parent(self) -> None:
        row = self.cursor_row
        if row is not None:
            self._to_parent(row, animate=True)

    def action_cursor_parent_next_sibling(self) -> None:
        row = self.cursor_row
        if row is not None:  # from a top-level row (Tree's root has no sibling): the top line
            self.move_cursor(None if row.parent is None else self._sibling(row.parent, 1), animate=True)

    def action_cursor_previous_sibling(self) -> None:
        row = self.cursor_row
        if row is not None:
            previous = self._sibling(row, -1)
            if previous is None:
                self._to_parent(row, animate=True)
            else:
                self.move_cursor(previous, animate=True)

    def action_cursor_next_sibling(self) -> None:
        row = self.cursor_row
        if row is not None:
            following = self._sibling(row, 1)
            if following is None:
                following = None if row.parent is None else self._sibling(row.parent, 1)
            self.move_cursor(following, animate=True)

    def action_toggle_expand_all(self) -> None:
        """Unfold all the cursor row's siblings when all are folded, else fold them all."""
        row = self.cursor_row
        if row is None:
            return
        siblings = self._siblings(row)
        unfold = not any(s.expanded for s in siblings)
        for sibling in siblings:
            if sibling.children is not None:
                sibling.expanded = unfold
        self._lay_out(follow=row)
        self.call_after_refresh(self.move_cursor, row)
