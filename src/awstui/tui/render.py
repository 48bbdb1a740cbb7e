"""Rich renderables built from content and learner text. Nothing here parses markup:
every string becomes a ``rich.text.Text`` as it is."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..content.models import Bullet, Service

BULLET_GLYPHS = ("•", "◦", "▪", "‣")


def note_item(depth: int, bullet: Bullet, highlight: str = "", selected: bool = False) -> RenderableType:
    """One note item with a hanging indent; ``highlight`` marks matches of a search."""
    text = Text(bullet.text)
    if highlight:
        text.highlight_words([highlight], style="reverse", case_sensitive=False)
    if bullet.kind == "heading":
        text.stylize("bold underline")
        return text
    if bullet.kind == "para":
        return text
    grid = Table.grid(padding=0, expand=True)
    grid.add_column(width=2 * depth + 2, no_wrap=True)
    grid.add_column(ratio=1)
    glyph = Text(" " * (2 * depth) + BULLET_GLYPHS[depth % len(BULLET_GLYPHS)] + " ", style="dim")
    grid.add_row(glyph, text, style="on grey30" if selected else None)
    return grid


def notes_renderable(service: Service, highlight: str = "", focus_line: int | None = None) -> RenderableType:
    """All of a service's notes as one renderable (fast to swap: one Static update)."""
    items = [
        note_item(depth, b, highlight, selected=(b.line == focus_line))
        for depth, b in service.bullets()
    ]
    if not items:
        return Text("No notes yet for this service.", style="dim italic")
    return Group(*items)
