"""The rows of a RowTree (widgets/row_tree.py) and how one is drawn: as Textual's Tree draws a
node with ``show_root=False`` and ``guide_depth=2`` (Textual 8.2)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

ICONS = ("▶ ", "▼ ")  # a folded category, an unfolded one (Tree.ICON_NODE, ICON_NODE_EXPANDED)
# Tree's guide before a row under a category at guide depth 2: (its last row, any other row)
GUIDES = {"default": ("└ ", "├ "), "bold": ("┗ ", "┣ "), "double": ("╚ ", "╠ ")}
HIDDEN_GUIDES = ("  ", "  ")
INDENT = 2  # cells before a row under a category (Tree's guide_depth)


@dataclass(eq=False)
class Row:
    """One row of the tree: a category (``children`` is a list) or a leaf; ``data`` names it in
    messages (a service id, or ``"cat:<id>"``)."""

    data: str
    label: Text
    children: list[Row] | None = None
    parent: Row | None = None
    expanded: bool = False
    line: int = -1  # where it is drawn; -1 while its category is folded


class Looks(NamedTuple):
    """The styles of one paint, read once (Tree read them on every line)."""

    base: Style
    cursor: Style
    hover_line: Style
    guides: tuple[tuple[Style, tuple[str, str]], ...]  # plain, under a hovered category, under the cursor


def first_line(label: Text) -> Text:
    """A label's first line (Tree.process_label): a row is one line."""
    return label.split()[0] if "\n" in label.plain else label


TOGGLE = Style.from_meta({"toggle": True})
GUIDE_CLASSES = ("row-tree--guides", "row-tree--guides-hover", "row-tree--guides-selected")


def read_looks(widget: Widget) -> Looks:
    """The widget's style and its component classes' styles, as Tree reads them for a line."""
    plain = widget.get_component_rich_style(GUIDE_CLASSES[0], partial=True)
    guides = []
    for i, name in enumerate(GUIDE_CLASSES):  # the hover and cursor ones are added to the plain one
        style = plain if i == 0 else plain + widget.get_component_rich_style(name, partial=True)
        glyphs = GUIDES["bold" if style.bold else "double" if style.underline2 else "default"]
        hidden = widget.get_component_styles(name).color.a == 0  # transparent guides are not drawn
        guides.append((style, HIDDEN_GUIDES if hidden else glyphs))
    return Looks(
        widget.rich_style,
        widget.get_component_rich_style("row-tree--cursor"),
        widget.get_component_rich_style("row-tree--highlight-line"),
        tuple(guides),
    )


def draw_row(
    row: Row, line: int, looks: Looks, hover: bool, guide: int, cursor: bool, console: Console, pad: int
) -> Strip:
    """``row``'s ``line``, padded to ``pad`` cells: ``hover`` under the mouse (it or its category),
    ``guide`` which of ``looks.guides`` (0 plain, 1 its category hovered, 2 its category under
    the focused cursor), ``cursor`` under the cursor. The styles carry Tree's meta (line, node,
    toggle): nothing reads it, but it splits the segments where Tree's are split, so a screen
    is exported (SVG) exactly as Tree's was."""
    line_style = (looks.hover_line if hover else looks.base) + Style(meta={"line": line})
    text = Text(style=line_style)
    if row.parent is not None:
        guide_style, glyphs = looks.guides[guide]
        last = row.parent.children is not None and row is row.parent.children[-1]
        text.append(glyphs[0] if last else glyphs[1], guide_style)
    start = len(text)
    if row.children is not None:
        text.append(ICONS[row.expanded], line_style + TOGGLE)
    text.append(row.label)
    if cursor:
        text.stylize(looks.cursor, start + (len(ICONS[0]) if row.children is not None else 0))  # not the icon
    text.stylize(Style(meta={"node": line}), start)
    return Strip(list(text.render(console))).extend_cell_length(pad, line_style)
