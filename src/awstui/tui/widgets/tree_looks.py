"""A RowTree's cursor, hover and guide styles, from the theme's variables, as Textual's Tree CSS
gives them, without component classes.

Textual styles each component class as a node of its own at every restyle of the widget (at
mount, on each focus change): Tree's 7 cost ~4 ms of the start (bench/startup.py) for styles
that depend only on the theme and the focus. Here the rules of Tree's DEFAULT_CSS (Textual 8.2)
are chosen in ``declarations``, their values are the theme's, parsed by Textual (``Styles.parse``,
once per value) and turned into Rich styles as Textual does for a component class (a "full"
style: blended over the widget's background; a "partial" one: its own colours only).
tests/ui/test_row_tree.py holds the lines drawn equal to Tree's in every theme.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rich.style import Style
from textual.color import Color
from textual.css.styles import Styles
from textual.widget import Widget

# Tree's guide before a row under a category at guide depth 2: (its last row, any other row)
GUIDES = {"default": ("└ ", "├ "), "bold": ("┗ ", "┣ "), "double": ("╚ ", "╠ ")}
HIDDEN_GUIDES = ("  ", "  ")


class Looks(NamedTuple):
    """The styles a paint draws with, read once (Tree read them on every line)."""

    base: Style
    cursor: Style
    hover_line: Style
    guides: tuple[tuple[Style, tuple[str, str]], ...]  # plain, under a hovered category, under the cursor


def declarations(v: dict[str, str], focus: bool, light: bool, ansi: bool, nocolor: bool) -> tuple[str, ...]:
    """Tree's DEFAULT_CSS for its components, resolved: (guides, guides under a hovered category,
    guides under the focused cursor, the cursor, a hovered line). Later rules win, as there."""
    guides = hover = v["surface-lighten-3"] if focus else v["surface-lighten-2"]
    selected = v["block-cursor-background"] if focus else v["block-cursor-blurred-background"]
    if light:
        guides, hover, selected = v["surface-darken-1"], v["block-cursor-background"], v["block-cursor-background"]
    if ansi:
        guides = v["ansi-background"]
    if focus:
        cursor = (
            f"color: {v['block-cursor-foreground']}; background: {v['block-cursor-background']};"
            f" text-style: {v['block-cursor-text-style']};"
        )
    else:
        cursor = (
            f"text-style: {v['block-cursor-blurred-text-style']}; background: {v['block-cursor-blurred-background']};"
        )
    if ansi and nocolor:
        cursor += " text-style: reverse;"
    line = f"background: {v['block-hover-background']};"
    return (f"color: {guides};", f"color: {hover};", f"color: {selected};", cursor, line)


@lru_cache(maxsize=256)
def parsed(css: str) -> Styles:
    return Styles.parse(css, ("awstui.tui.widgets.tree_looks", ""))


def text_style(styles: Styles) -> Style:
    """The declared text style (a parsed declaration keeps it as its words, as Textual's rules do)."""
    style: Style | str = styles.text_style
    return Style.parse(style) if isinstance(style, str) else style


def partial(styles: Styles) -> Style:
    """Textual's ``partial_rich_style``: the declared colours (their alpha dropped) and text style."""
    color = styles.color if styles.has_rule("color") and styles.color.a > 0 else None
    background = styles.background if styles.has_rule("background") and styles.background.a > 0 else None
    return Style(
        color=None if color is None else color.rich_color,
        bgcolor=None if background is None else background.rich_color,
    ) + text_style(styles)


def full(base: Style, background: Color, color: Color, styles: Styles) -> Style:
    """Textual's ``rich_style`` of a component of a widget drawn in ``base`` over ``background``
    with ``color``: the component's background blended over the widget's, its colour (or the
    widget's; "auto": a contrasting one), its text style added."""
    if styles.has_rule("background"):
        background = background + styles.background
    if styles.has_rule("color"):
        color = styles.color
    if styles.has_rule("auto_color") and styles.auto_color:
        color = background.get_contrast_text(color.a)
    return (
        base
        + text_style(styles)
        + Style.from_color(
            (background + color).rich_color if (background.a or color.a) else None,
            background.rich_color if background.a else None,
        )
    )


def read_looks(widget: Widget, base: Style) -> Looks:
    """The styles for ``widget`` (drawn in ``base``, its ``rich_style``) as it is now: its theme, focus."""
    app = widget.app
    css = declarations(
        app.theme_variables, widget.has_focus, not app.current_theme.dark, app.native_ansi_color, app.no_color
    )
    guides_css, hover_css, selected_css, cursor_css, line_css = (parsed(c) for c in css)
    plain = partial(guides_css)
    guides = []
    for i, styles in enumerate((guides_css, hover_css, selected_css)):
        style = plain if i == 0 else plain + partial(styles)  # the hover and cursor ones add to the plain one
        glyphs = GUIDES["bold" if style.bold else "double" if style.underline2 else "default"]
        guides.append((style, HIDDEN_GUIDES if styles.color.a == 0 else glyphs))  # transparent: not drawn
    background, color = widget.background_colors[1], widget.styles.color
    return Looks(
        base, full(base, background, color, cursor_css), full(base, background, color, line_css), tuple(guides)
    )
