"""What every view offers the app: where the focus goes when it is shown, and the typed app.

A view is one tab's widget (``registry.VIEWS``). It subclasses its container first and ``View``
second (``class StudyView(Horizontal, View)``): Textual takes the default CSS along the first
base, so the container's layout stays the view's own.

Textual paints every widget on screen in full, even one its children cover: ``BLANK = True``
(Textual's own switch for a widget with no border and no content) has a covered container give
blank rows instead of styling and rendering each of them. The screen, the view switcher and the
Study view are covered (tests/ui/test_covered.py holds it, at every size and in every view):
~4 ms of the first frame and ~1 ms of each full repaint (bench/startup.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import ContentSwitcher

from ..reach import reach

if TYPE_CHECKING:
    from ...content.models import Library
    from ..reach import AwstuiApp


def service_name(library: Library, service_id: str) -> str:
    """The service's name, or its id when the content no longer has it."""
    service = library.service(service_id)
    return service.name if service is not None else service_id


class View(Widget):
    @property
    def awstui(self) -> AwstuiApp:
        """The app, with the store, the library and the view switches typed."""
        return reach(self)

    def focus_widget(self) -> Widget:
        """What has the focus when this view is shown (the app sets it at once on a switch)."""
        return self

    def focus_default(self) -> None:
        self.focus_widget().focus()

    def before_show(self) -> None:
        """Called as the view is about to be shown (before the frame that shows it): a view that
        put off redrawing while hidden catches up here."""


class ViewSwitcher(ContentSwitcher):
    """Holds the views built so far and shows one; the view on show covers it."""

    BLANK = True
