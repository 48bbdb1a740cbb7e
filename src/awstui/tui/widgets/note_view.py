"""The note viewer: a service's notes, docs links, its open questions and the learner's annotation.

One line-API widget (``ScrollView`` + ``render_line``, like Textual's ``Log``), no children.
Switching the note must cost about one frame of CPU (bench/note_switch.py), and measured here:

* any ``Static.update`` costs a layout pass of the screen (~17 ms CPU and 2 frames for one line),
  and the old note (six Statics, an OptionList, a Rich ``Table.grid`` per bullet) took 3 layout
  passes, 4 frames and ~90 ms CPU to switch to the DynamoDB note;
* repainting the note's region, with no layout, ~10 ms CPU.

So a switch only swaps a list of prebuilt rows and repaints: ``show`` picks the rows of the new
service (built by ``render.py`` with ``Text.wrap``, cached per width, state and theme in an LRU,
in three parts so a tick or a review rebuilds only its part), sets ``virtual_size`` *without*
the layout its reactive would ask for (``set_reactive`` + ``_scroll_update``, what Textual's own
resize path calls: the widget's region does not change, only the scroll range), scrolls and
refreshes. The vertical scrollbar is always shown (``overflow-y: scroll``) so a switch never
toggles it into a layout; the scroll range is at least the viewport, so a short note shows an
empty track rather than a full thumb. Rows are rebuilt for a new width when the widget is
resized (or painted at a width they were not built for) and for a new theme.

The open questions are ticked right here: when the note has focus, one question carries the
cursor (▸ and the block cursor colours), ``[``/``]`` move it (``j``/``k`` and the arrows still
scroll), ``space`` ticks it, a click selects it. The cursor rows are prebuilt too. Text can be
selected with the mouse and copied, as in a Static (``get_selection``, offsets as ``Log`` does).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from ...content.models import Library, Service
from ...state import ServiceState
from .._internals import set_scroll_range
from ..keys import VIM_SCROLL
from ..render import NoteStyles, Rows, blank, body_rows, empty_rows, head_rows, tail_rows

QUESTION_KEYS = Binding.Group("Question", compact=True)
CACHE_SIZE = 64  # built parts kept: about 20 notes, each at one width and state


class NoteView(ScrollView, can_focus=True):
    """Shows one service: title, category and review, docs, notes, open questions, annotation."""

    HELP_NAME = "note"
    BINDINGS = [
        *VIM_SCROLL,
        Binding("space", "tick", "Tick", tooltip="Mark the highlighted open question answered / open", id="note.tick"),
        Binding(
            "left_square_bracket",
            "question(-1)",
            "Prev Q",
            group=QUESTION_KEYS,
            tooltip="Highlight the previous open question",
            id="note.previous_question",
        ),
        Binding(
            "right_square_bracket",
            "question(1)",
            "Next Q",
            group=QUESTION_KEYS,
            tooltip="Highlight the next open question",
            id="note.next_question",
        ),
    ]
    COMPONENT_CLASSES = {"note-view--title", "note-view--cursor"}
    DEFAULT_CSS = """
    NoteView {
        overflow-x: hidden;
        overflow-y: scroll;
        & > .note-view--title { color: $accent; text-style: bold; }
        & > .note-view--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """

    def __init__(self, library: Library, **kwargs) -> None:
        super().__init__(**kwargs)
        self.library = library
        self.service: Service | None = None
        self.focus_line: int | None = None
        self.highlight = ""
        self._states: tuple[dict, ServiceState | None, list] = ({}, None, [])
        self._cache: LRUCache[tuple, Rows] = LRUCache(CACHE_SIZE)
        self._styles: NoteStyles | None = None
        self._key: tuple | None = None  # what the rows on show were built from
        self._width = 0  # the width they were built at
        self._lines: list[Strip] = []
        self._bullets: list[tuple[int, int]] = []  # (source line, row)
        self._questions: list[tuple[str, int, int]] = []  # (question id, first row, end row)
        self._cursor_rows: dict[int, Strip] = {}
        self._cursor = 0  # index into _questions
        self._scroll_pending = False  # scroll to focus_line once rows exist
        self.exam_lines: dict[str, str] = {}  # service id -> its exam questions and accuracy, one line

    # ------------------------------------------------------------------ public API

    def show(
        self,
        service: Service | None,
        question_states: dict,
        service_state,
        learner: list,
        focus_line: int | None = None,
        highlight: str = "",
    ) -> None:
        """Show ``service`` (and, from a search, the item from source line ``focus_line``)."""
        changed = service is not self.service or focus_line != self.focus_line or highlight != self.highlight
        new_service = service is not self.service
        self.service, self.focus_line, self.highlight = service, focus_line, highlight
        self._states = (question_states, service_state, learner)
        had_questions = bool(self._questions)
        if new_service:
            self._cursor, self._questions = 0, []  # the cursor starts on the new note's first question
        built = self._rebuild()
        if changed:
            if built:
                self._scroll_to_focus()
            else:
                self._scroll_pending = True
        if self.has_focus and had_questions != bool(self._questions):
            self.refresh_bindings()  # the question keys apply or not (footer)

    def update_state(self, question_states: dict, service_state, learner: list) -> None:
        """The learner's state changed (tick, review, annotation): rebuild only what shows it."""
        self._states = (question_states, service_state, learner)
        self._rebuild()

    def set_exam_lines(self, lines: dict[str, str]) -> None:
        """Each service's exam line (its questions, answered, accuracy): shown in the note's head."""
        self.exam_lines = lines
        self._rebuild()

    @property
    def plain_text(self) -> str:
        """The note as plain text, a line per row (for tests and scripts)."""
        return "\n".join(strip.text.rstrip() for strip in self._lines)

    @property
    def question_ids(self) -> list[str]:
        """The open questions on show, in order."""
        return [qid for qid, _, _ in self._questions]

    @property
    def cursor_question(self) -> str | None:
        """The id of the question under the cursor, if the note has any."""
        return self._questions[self._cursor][0] if self._questions else None

    def row_of_line(self, line: int) -> int | None:
        """The row of the note item from source line ``line`` (the first at or after it)."""
        if not self._bullets:
            return None
        return next((row for src, row in self._bullets if src >= line), self._bullets[-1][1])

    # ------------------------------------------------------------------ building rows

    def _note_styles(self) -> NoteStyles:
        if self._styles is None:
            self._styles = NoteStyles(
                base=self.rich_style,
                title=self.get_component_rich_style("note-view--title", partial=True),
                cursor=self.get_component_rich_style("note-view--cursor", partial=True),
            )
        return self._styles

    def _part(self, key: tuple, build) -> Rows:
        rows = self._cache.get(key)
        if rows is None:
            rows = build()
            self._cache[key] = rows
        return rows

    def _builders(
        self,
        service: Service | None,
        states: tuple[dict, ServiceState | None, list],
        width: int,
        focus_line: int | None,
        highlight: str,
    ) -> tuple[tuple, list]:
        """The cache key of a note's rows and how to build each of its parts."""
        styles = self._note_styles()
        console = self.app.console
        if service is None:
            key: tuple = ("empty", width, styles)
            return key, [(key, lambda: empty_rows(console, width, styles))]
        question_states, service_state, learner = states
        cat = self.library.category(service.category)
        reviewed = (
            bool(service_state is not None and service_state.reviewed),
            ((service_state.reviewed_at or "")[:10] if service_state is not None else ""),
            (service_state.review_count if service_state is not None else 0),
        )
        items = [(q.id, q.text) for q in self.library.questions_for(service.id)]
        items += [(lq.id, lq.text) for lq in learner]
        questions = tuple(
            (qid, text, bool(getattr(question_states.get(qid), "answered", False)), False) for qid, text in items
        )
        annotation = service_state.annotation if service_state is not None else ""
        exam = self.exam_lines.get(service.id, "")
        head = ("head", service.id, width, styles, reviewed, exam)
        body = ("body", service.id, width, styles, focus_line, highlight)
        tail = ("tail", width, styles, questions, annotation)
        return (head, body, tail), [
            (
                head,
                lambda: head_rows(
                    console,
                    width,
                    styles,
                    service.name,
                    cat.name if cat else service.category,
                    reviewed,
                    service.docs,
                    exam,
                ),
            ),
            (body, lambda: body_rows(console, width, styles, service, highlight, focus_line)),
            (tail, lambda: tail_rows(console, width, styles, questions, annotation)),
        ]

    def prebuild(self, service: Service, question_states: dict, service_state, learner: list) -> bool:
        """Build (into the cache) the rows ``show`` would need for ``service``, without showing
        it: the Study view calls this for the services next to the one on show while the learner
        reads, so moving to them is a cache hit. False if there was nothing to build."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return False
        _key, builders = self._builders(service, (question_states, service_state, learner), width, None, "")
        missing = [(k, build) for k, build in builders if self._cache.get(k) is None]
        for k, build in missing:
            self._part(k, build)
        return bool(missing)

    def _rebuild(self, refresh: bool = True) -> bool:
        """Point the view at the rows for the current service, state, width and theme (built or
        from the cache) and repaint the rows that changed. False until the widget has a size."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return False
        key, builders = self._builders(self.service, self._states, width, self.focus_line, self.highlight)
        if key == self._key:
            return True
        parts = [self._part(k, build) for k, build in builders]
        keep = self.cursor_question
        old = self._lines
        lines: list[Strip] = []
        self._bullets, self._questions, self._cursor_rows = [], [], {}
        for part in parts:
            at = len(lines)
            lines += part.strips
            self._bullets += [(src, at + row) for src, row in part.bullets]
            self._questions += [(qid, at + start, at + end) for qid, start, end in part.questions]
            self._cursor_rows.update({at + row: strip for row, strip in part.cursor.items()})
        self._lines, self._key, self._width = lines, key, width
        ids = self.question_ids
        self._cursor = ids.index(keep) if keep in ids else min(self._cursor, max(0, len(ids) - 1))
        self._set_virtual_height(len(lines))
        if refresh:
            self._refresh_changed(old, lines)
        return True

    def _set_virtual_height(self, rows: int) -> None:
        """Set the scroll range with no layout pass (the widget's own region is unchanged)."""
        size = Size(self._width, max(rows, self.scrollable_content_region.height))
        if size != self.virtual_size:
            set_scroll_range(self, size)  # scrollbar sizes and scroll limits, as a resize does

    def _refresh_changed(self, old: list[Strip], new: list[Strip]) -> None:
        """Repaint from the first row that changed (parts come from the cache: same objects)."""
        first = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a is not b), min(len(old), len(new)))
        if len(old) == len(new):
            if first == len(new):
                return
            last = max(i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a is not b)
            self.refresh_lines(first, last - first + 1)
        else:
            self.refresh_lines(first, max(len(old), len(new)) - first)

    def _scroll_to_focus(self) -> None:
        self._scroll_pending = False
        row = self.row_of_line(self.focus_line) if self.focus_line is not None else None
        self.scroll_to(0, max(0, row - 2) if row is not None else 0, animate=False)

    # ------------------------------------------------------------------ Textual hooks

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None  # the theme's styles are part of the cache keys
        self._key = None

    def on_resize(self, _event: events.Resize) -> None:
        if self._rebuild():
            if self._scroll_pending:
                self._scroll_to_focus()
            else:
                self._set_virtual_height(len(self._lines))
                self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._key is None or self._width != self.scrollable_content_region.width:
            self._rebuild(refresh=False)  # a new width or theme: painted now, not a frame later
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        if row >= len(self._lines):
            return blank(self._width, self._styles or NoteStyles(self.rich_style))
        strip = self._lines[row]
        if self.has_focus and self._questions:
            _, start, end = self._questions[self._cursor]
            if start <= row < end:
                strip = self._cursor_rows.get(row, strip)
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(row)) is not None:
            strip = self._selected(strip, *span)
        return strip.apply_offsets(0, row)  # where the mouse is in the text, for selecting (cached by Strip)

    def _selected(self, strip: Strip, start: int, end: int) -> Strip:
        """``strip`` with the characters [start, end) in the screen's selection style."""
        style = Style(
            bgcolor=self.screen.get_component_rich_style("screen--selection").bgcolor
        )  # text keeps its colour
        end = strip.cell_length if end == -1 else end
        before, middle, after = strip.divide([start, end, strip.cell_length])
        middle = Strip(
            [Segment(text, seg_style + style if seg_style else style) for text, seg_style, _ in middle],
            middle.cell_length,
        )
        return Strip.join([before, middle, after])

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text (mouse selection, copied with ctrl+c)."""
        return selection.extract(self.plain_text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def on_focus(self, _event: events.Focus) -> None:
        self._refresh_cursor()

    def on_blur(self, _event: events.Blur) -> None:
        self._refresh_cursor()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + self.scroll_offset.y
        for i, (_, start, end) in enumerate(self._questions):
            if start <= row < end:
                self._move_cursor(i)
                return

    # ------------------------------------------------------------------ the question cursor

    def _refresh_cursor(self) -> None:
        if self._questions:
            _, start, end = self._questions[self._cursor]
            self.refresh_lines(start, end - start)

    def _move_cursor(self, index: int) -> None:
        self._refresh_cursor()
        self._cursor = index
        self._refresh_cursor()
        _, start, end = self._questions[index]
        self.scroll_to_region(Region(0, start, 1, end - start), animate=False, immediate=True, x_axis=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("tick", "question") and not self._questions:
            return None  # shown greyed out: this service has no open questions
        return True

    def action_question(self, step: int) -> None:
        if self._questions:
            self._move_cursor((self._cursor + step) % len(self._questions))

    class TickRequested(Message):
        """`space` on an open question: the Study view ticks it in the store (widgets never write it)."""

        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    def action_tick(self) -> None:
        qid = self.cursor_question
        if qid is not None:
            self.post_message(self.TickRequested(qid))
