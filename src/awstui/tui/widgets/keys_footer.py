"""The footer: the keys that apply now, greyed out when they do not; one widget, one line.

Textual's ``Footer`` is a container that recomposes (removes and mounts one ``FooterKey``
widget per binding, ~15 here) every time the screen publishes ``bindings_updated``: every
focus change and every ``refresh_bindings`` call, once per call. At startup that was 7
rebuilds, most of the time from the first frame to a settled screen (bench/startup.py), and
every store change that refreshed bindings paid one more. This footer draws the same line
from ``screen.active_bindings`` in ``render``: a bindings change is a repaint of one line,
never a mount or a layout. Clicking a key presses it (as Textual's footer does); hovering
shows its tooltip.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class FooterItem(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str


class KeysFooter(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keys-footer--key", "keys-footer--description"}
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    KeysFooter > .keys-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeysFooter > .keys-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, FooterItem]] = []  # cells [start, end) of each key, as drawn
        self._drawn: tuple[int, list[FooterItem]] | None = None  # the width and the keys last drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # the keys are read when the line is drawn: changes in a frame make one repaint, and none
        # when the keys are those on screen (every focus change publishes this, the first one too)
        if screen is self.screen and self._drawn != (self.size.width, self.items()):
            self.refresh()

    def items(self) -> list[FooterItem]:
        """What the footer shows, in order: every shown binding of the focus chain, then the palette key."""
        app = self.app
        active = self.screen.active_bindings
        items, seen = [], set()
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in seen:  # one entry per action, as Textual's footer
                continue
            seen.add(binding.action)
            items.append(
                FooterItem(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    enabled,
                    tooltip or binding.tooltip or binding.description,
                )
            )
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        if app.ENABLE_COMMAND_PALETTE and palette is not None:
            _node, binding, enabled, tooltip = palette
            items.append(
                FooterItem(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    enabled,
                    tooltip or binding.tooltip or binding.description,
                )
            )
        return items

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keys-footer--key", partial=True)
        description_style = self.get_component_rich_style("keys-footer--description", partial=True)
        dim = Style(dim=True)
        items = self.items()
        self._drawn = (self.size.width, list(items))
        palette = items.pop() if items and items[-1].key == self.app.COMMAND_PALETTE_BINDING else None
        width = self.size.width

        def draw(item: FooterItem, pad: str, line: Text) -> tuple[int, int, FooterItem]:
            start = line.cell_len
            extra = dim if not item.enabled else Style()
            line.append(f"{pad}{item.display}{pad}", key_style + extra)
            if item.description:
                line.append(f" {item.description}{pad}", description_style + extra)
            return start, line.cell_len, item

        # roomy like Textual's footer; tighter, then tightest, when the keys do not fit; the palette
        # key keeps its place on the right and what still does not fit is cut (`?` lists every key)
        for pad, gap in ((" ", " "), ("", "  "), ("", " ")):
            line, spans = Text(no_wrap=True, end=""), []
            for item in items:
                spans.append(draw(item, pad, line))
                line.append(gap)
            tail, tail_spans = Text(no_wrap=True, end=""), []
            if palette is not None:
                tail_spans.append(draw(palette, pad, tail))
            room = width - tail.cell_len - (1 if tail.cell_len else 0)
            if line.cell_len <= room:
                break
        line.rstrip()
        if line.cell_len > room:
            line.truncate(max(0, room), overflow="ellipsis")
            spans = [span for span in spans if span[1] <= room - 1]
        if tail.cell_len and width >= tail.cell_len:
            offset = width - tail.cell_len
            line.append(" " * (offset - line.cell_len))
            line.append_text(tail)
            spans += [(start + offset, end + offset, item) for start, end, item in tail_spans]
        self._spans = spans
        return line

    def item_at(self, x: int) -> FooterItem | None:
        for start, end, item in self._spans:
            if start <= x < end:
                return item
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self.item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self.item_at(event.x)
        self.tooltip = item.tooltip if item is not None else None
