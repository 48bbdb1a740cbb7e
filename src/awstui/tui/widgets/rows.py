"""The rows of a RowTree (widgets/row_tree.py) and how one is drawn: as Textual's Tree draws a
node with ``show_root=False`` and ``guide_depth=2`` (Textual 8.2)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from .tree_looks import Looks

ICONS = ("▶ ", "▼ ")  # a folded category, an unfolded one (Tree.ICON_NODE, ICON_NODE_EXPANDED)
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


def first_line(label: Text) -> Text:
    """A label's first line (Tree.process_label): a row is one line."""
    return label.split()[0] if "\n" in label.plain else label


TOGGLE = Style.from_meta({"toggle": True})


def draw_row(
    row: Row, line: int, looks: Looks, hover: bool, guide: int, cursor: bool, console: Console, pad: int
) -> Strip:
    """``row``'s ``line``, padded to ``pad`` cells: ``hover`` under the mouse (it or its category),
    ``guide`` which of ``looks.guides`` (0 plain, 1 its category hovered, 2 its category under
    the focused cursor), ``cursor`` under the cursor. The segments are Tree's, styles and
    splits alike, built at once (not through a Text); their meta (line, node, toggle) is Tree's
    too: nothing reads it, but it splits the segments where Tree's split, so a screen is
    exported (SVG) exactly as it was."""
    line_style = (looks.hover_line if hover else looks.base) + Style(meta={"line": line})
    node = Style(meta={"node": line})
    segments = []
    if row.parent is not None:
        guide_style, glyphs = looks.guides[guide]
        last = row.parent.children is not None and row is row.parent.children[-1]
        segments.append(Segment(glyphs[0] if last else glyphs[1], line_style + guide_style))
    if row.children is not None:
        segments.append(Segment(ICONS[row.expanded], line_style + TOGGLE + node))
    tail = looks.cursor + node if cursor else node
    label = row.label
    if label.spans:  # (without spans Text.render leaves out the label's own style)
        segments += [Segment(text, line_style + style + tail) for text, style, _ in label.render(console)]
    elif label.plain:
        segments.append(Segment(label.plain, line_style + console.get_style(label.style) + tail))
    width = (INDENT if row.parent is not None else 0) + (2 if row.children is not None else 0) + row.label.cell_len
    if width < pad:
        segments.append(Segment(" " * (pad - width), line_style))
    return Strip(segments, max(width, pad))
