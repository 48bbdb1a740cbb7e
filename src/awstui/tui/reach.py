"""The app as the views, screens and widgets reach it, typed: ``reach(self).store`` is a Store.

Textual types ``Widget.app`` as a plain ``App``; what awstui adds (the store, the library, the
view switches) would be ``Any`` through it. ``AwstuiApp`` names those members, so mypy checks
every use; mypy also checks that ``AwsTuiApp`` satisfies it (the end of tui/app.py). A Protocol, not the class:
the views are imported by the app, and importing the app back would be a cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App
    from textual.signal import Signal

    from ..content.models import Library
    from ..state import Store
    from .stops import StopLog


class AwstuiApp(Protocol):
    library: Library
    store: Store
    clock: Callable[[], float]
    stops: StopLog  # when the process was continued after a stop (lifecycle.py)
    state_changed: Signal[Any]

    @property
    def current_view(self) -> str: ...

    async def action_show_view(self, name: str) -> None: ...

    async def show_service(self, service_id: str, line: int | None = None, highlight: str = "") -> None: ...

    async def show_question(self, question_id: str) -> None: ...

    async def start_exam(self, config: Any) -> None: ...

    def set_exam_clock(self, remaining: str | None) -> None: ...

    def count_reviews_due(self) -> None: ...


class InApp(Protocol):
    """A widget, screen or palette provider: something that runs in an app."""

    @property
    def app(self) -> App[Any]: ...


def reach(node: InApp) -> AwstuiApp:
    """The awstui app that ``node`` runs in, with its awstui members typed."""
    return cast("AwstuiApp", node.app)
