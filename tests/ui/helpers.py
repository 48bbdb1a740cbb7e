"""Helpers for Pilot tests: read what widgets show as plain text."""

from __future__ import annotations

import io

from rich.console import Console


def static_text(widget, width: int = 100) -> str:
    """What a Static holds, rendered to plain text (no styles)."""
    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


def all_static_text(root, width: int = 100) -> str:
    """What the Statics under ``root`` hold, then what its ``Drawn`` widgets draw at ``width``."""
    from textual.widgets import Static

    from awstui.tui.widgets.drawn import Drawn

    statics = [static_text(s, width) for s in root.query(Static)]
    return "\n".join(statics + [d.built(width).plain for d in root.query(Drawn)])


def screen_text(app) -> str:
    """The whole screen as plain text lines (what a person sees).

    Reads the screen's private compositor (tests only; the app's own uses of Textual internals
    are in awstui.tui._internals): ``export_screenshot`` is the public path, and far slower."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
