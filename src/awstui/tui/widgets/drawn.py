"""A widget whose text is drawn for its width: charts that fill what the layout gives them.

``draw(build)`` hands it a function of the width that returns a ``rich.text.Text`` (no
markup); its height follows the text. What was built is kept per width until the next
``draw``, so measuring and painting build it once.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

Build = Callable[[int], Text]


class Drawn(Widget):
    DEFAULT_CSS = """
    Drawn { height: auto; }
    """

    def __init__(self, build: Build | None = None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._build: Build = build or (lambda width: Text(""))
        self._built: dict[int, Text] = {}

    def draw(self, build: Build) -> None:
        """Draw with ``build`` from now on (and again now)."""
        self._build, self._built = build, {}
        self.refresh(layout=True)

    def built(self, width: int) -> Text:
        """The text for ``width`` cells."""
        width = max(1, width)
        if width not in self._built:
            if len(self._built) > 4:  # a resize passes through many widths
                self._built.clear()
            self._built[width] = self._build(width)
        return self._built[width]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.built(width).wrap(self.app.console, max(1, width)))

    def render(self) -> Text:
        return self.built(self.content_size.width)
