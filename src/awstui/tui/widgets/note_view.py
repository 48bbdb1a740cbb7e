"""The note viewer: a service's notes, docs links, its open questions and the learner's annotation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..keys import VIM_CURSOR, VIM_SCROLL
from ...content.models import Library, Service
from ..render import notes_renderable


class ServiceQuestions(OptionList):
    """The open questions of the service on show; `space` ticks one off."""

    HELP_NAME = "open questions"
    BINDINGS = [
        *VIM_CURSOR,
        Binding("space", "tick", "Tick", tooltip="Mark the question answered / open"),
    ]

    def action_tick(self) -> None:
        if self.highlighted is None:
            return
        qid = self.get_option_at_index(self.highlighted).id
        if qid:
            self.app.store.toggle_question(qid)


def question_line(text: str, answered: bool, vanished: bool = False) -> Text:
    line = Text("☑ " if answered else "☐ ", style="green" if answered else "yellow")
    line.append(text, style="dim" if answered else "")
    if vanished:
        line.append("  (question no longer in the content)", style="italic dim")
    return line


class NoteView(VerticalScroll):
    """Shows one service. Built once; switching service updates a few Statics (fast)."""

    HELP_NAME = "note"
    BINDINGS = [
        *VIM_SCROLL,
    ]
    can_focus = True

    def __init__(self, library: Library, **kwargs) -> None:
        super().__init__(**kwargs)
        self.library = library
        self.service: Service | None = None
        self.focus_line: int | None = None
        self.highlight = ""

    def compose(self) -> ComposeResult:
        yield Static(id="note-title")
        yield Static(id="note-meta")
        yield Static(id="note-body")
        yield Static(Text("Open questions", style="bold"), id="note-questions-title")
        yield ServiceQuestions(id="note-questions")
        yield Static(id="note-annotation")

    def show(self, service: Service | None, question_states: dict, service_state, learner: list,
             focus_line: int | None = None, highlight: str = "") -> None:
        changed = service is not self.service or focus_line != self.focus_line or highlight != self.highlight
        self.service, self.focus_line, self.highlight = service, focus_line, highlight
        if service is None:
            self.query_one("#note-title", Static).update(Text("No service", style="bold"))
            self.query_one("#note-body", Static).update(Text("Pick a service in the tree.", style="dim"))
            return
        if changed:
            self.query_one("#note-title", Static).update(Text(service.name, style="bold"))
            self.query_one("#note-body", Static).update(notes_renderable(service, highlight, focus_line))
            self.scroll_home(animate=False)
        self.update_state(question_states, service_state, learner)
        if focus_line is not None and changed:
            self.call_after_refresh(self._scroll_to_line, focus_line)

    def update_state(self, question_states: dict, service_state, learner: list) -> None:
        service = self.service
        if service is None:
            return
        cat = self.library.category(service.category)
        meta = Text(cat.name if cat else service.category, style="dim")
        if service_state is not None and service_state.reviewed:
            when = (service_state.reviewed_at or "")[:10]
            meta.append(f"   ✓ reviewed {when}", style="green")
            if service_state.review_count > 1:
                meta.append(f" ({service_state.review_count}×)", style="green")
        else:
            meta.append("   not reviewed yet (r)", style="yellow")
        for url in service.docs:
            meta.append("\n")
            meta.append("docs: ", style="dim")
            meta.append(url, style="underline")
        self.query_one("#note-meta", Static).update(meta)

        questions = self.query_one("#note-questions", ServiceQuestions)
        keep = questions.highlighted
        questions.clear_options()
        items = [(q.id, q.text, False) for q in self.library.questions_for(service.id)]
        items += [(lq.id, lq.text, False) for lq in learner]
        for qid, text, vanished in items:
            state = question_states.get(qid)
            questions.add_option(Option(question_line(text, bool(state and state.answered), vanished), id=qid))
        questions.display = bool(items)
        self.query_one("#note-questions-title").display = bool(items)
        if items:
            questions.highlighted = min(keep or 0, len(items) - 1)

        note = service_state.annotation if service_state is not None else ""
        annotation = Text("Your annotation (e)\n", style="bold")
        annotation.append(note if note else "none yet: press e to write one", style="" if note else "dim")
        self.query_one("#note-annotation", Static).update(annotation)

    def _scroll_to_line(self, line: int) -> None:
        """Scroll so the note item from ``line`` of the source file is in view."""
        if self.service is None:
            return
        body = self.query_one("#note-body", Static)
        width = max(1, body.content_region.width or self.size.width)
        items = list(self.service.bullets())
        before = [i for i, (_, b) in enumerate(items) if b.line < line]
        if not before and items and items[0][1].line != line:
            return
        from ..render import note_item

        console = self.app.console
        opts = console.options.update_width(width)
        rows = sum(len(console.render_lines(note_item(d, b), opts)) for d, b in items[: len(before)])
        self.scroll_to(y=body.virtual_region.y + rows - 2, animate=False)
