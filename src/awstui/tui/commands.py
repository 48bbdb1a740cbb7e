"""Command palette providers: jump to a service, jump to a question, switch view."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from ..content.text import for_display, one_cell
from .reach import reach
from .views.registry import VIEWS


def _help(text: str) -> str:
    """A hit's help line: the palette reads it as markup, so it is escaped as well as cleaned."""
    return escape(for_display(text))


class _ListProvider(Provider):
    """A provider over a fixed list of (title, help, callback)."""

    def items(self):  # pragma: no cover - overridden
        return []

    async def discover(self) -> Hits:
        for title, help_text, callback in self.items():
            yield DiscoveryHit(Text(for_display(title)), callback, help=_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self.items():
            title = one_cell(title)  # one cell per control: the matcher's offsets hold
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=_help(help_text))


class ServiceCommands(_ListProvider):
    def items(self):
        app = reach(self)
        for s in app.library.services:
            yield f"Service: {s.name}", "Open its note in the Study view", partial(app.show_service, s.id)


class QuestionCommands(_ListProvider):
    def items(self):
        app = reach(self)
        for q in app.library.questions:
            yield f"Question: {q.text}", f"Open question {q.id}", partial(app.show_question, q.id)
        for lq in app.store.learner_questions():
            yield f"Question: {lq.text}", "Your own question", partial(app.show_question, lq.id)


class ViewCommands(_ListProvider):
    def items(self):
        app = reach(self)
        for view in VIEWS:
            yield f"View: {view.title}", f"Switch to the {view.title} view", partial(app.action_show_view, view.name)
