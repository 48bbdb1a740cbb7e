"""Review mode: the due queue (``exam.review_queue``), one item at a time, in the Exam view.

An exam question is answered as in practice mode (the option keys, enter) and graded from the
answer at once (``exam.reviews.rating_for``: wrong Again, right Good, right but a guess or slow
Hard); the feedback then shows the right answer and the explanation. One of the learner's own
cards shows the open question, then (space or enter) their written answer, and they grade it
1–4. Every grade commits at once; ``u`` takes the last one back. Moving to the next item updates
the widgets in place (the queue is rebuilt: one indexed range and two small queries), so a grade
costs one frame (bench/review_grade.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from rich.box import ROUNDED
from rich.console import RenderableType
from rich.panel import Panel
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.visual import VisualType
from textual.widgets import Static

from ....content.models import ExamQuestion
from ....content.text import escaped
from ....exam import judge
from ....exam.review_queue import (
    GRADE_NAMES,
    QueueItem,
    ReviewQueue,
    due_today,
    local_now,
    nothing_due_text,
    review_queue,
)
from ....exam.reviews import rating_for
from ....exam.views import build_feedback, build_view
from ....state import StoreError
from ....state.repos.reviews import Graded
from ...reach import reach
from ...screens.review_limits import edit_limits
from ...widgets.rich_scroll import RichScroll
from ..base import service_name
from .question import feedback_text, options_table, stem_text
from .review_text import empty_text, graded_line, intervals_line, own_back, own_front, review_status

OPTION_LETTERS = "abcdef"
OPTIONS_AT = 2  # the body's parts: the stem, a blank line, then the options


class Lines(Static):
    """A Static of a fixed height (the CSS sets it): an update repaints it, with no layout pass."""

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=layout)


BINDINGS: list[BindingType] = [
    Binding("a", "choose(0)", "Answer", key_display="a–f", tooltip="Choose an option", id="review.choose.a"),
    *[
        Binding(k, f"choose({i})", f"Answer option {k}", show=False, id=f"review.choose.{k}")
        for i, k in enumerate(OPTION_LETTERS[1:], 1)
    ],
    Binding("j,down", "move(1)", "Down", show=False, tooltip="Next option", id="review.down"),
    Binding("k,up", "move(-1)", "Up", show=False, tooltip="Previous option", id="review.up"),
    Binding("space", "space", "Pick / show", show=False, tooltip="Pick the option under the cursor", id="review.space"),
    Binding("enter", "confirm", "Confirm", tooltip="Check the answer, show the back, or go on", id="review.confirm"),
    Binding("g", "guess", "Guess", tooltip="That was a guess: a right answer counts as Hard", id="review.guess"),
    Binding("1", "grade(1)", "Grade", key_display="1–4", tooltip="Again · Hard · Good · Easy", id="review.grade.1"),
    *[Binding(str(g), f"grade({g})", f"Grade {GRADE_NAMES[g]}", show=False, id=f"review.grade.{g}") for g in (2, 3, 4)],
    *[
        Binding(str(i + 1), f"choose({i})", f"Answer option {k}", show=False, id=f"review.choose.{i + 1}")
        for i, k in enumerate(OPTION_LETTERS)
    ],
    # digits that do nothing here must not fall through to the app's view keys
    Binding("1,2,3,4,5,6", "nothing", show=False, system=True, id="review.digits"),
    Binding("u,backspace", "undo", "Undo", tooltip="Take back the last grade", id="review.undo"),
    Binding("l", "limits", "Limits", tooltip="New cards and reviews a day", id="review.limits"),
    Binding("escape", "leave", "Leave", tooltip="Back to the Exam home", id="review.leave"),
    Binding("pagedown", "scroll(1)", "Scroll down", show=False, id="review.scroll_down"),
    Binding("pageup", "scroll(-1)", "Scroll up", show=False, id="review.scroll_up"),
]


class ReviewMode(Vertical, can_focus=True):
    """One item of the queue on show; its widgets are updated in place from one item to the next."""

    HELP_NAME = "review"
    BINDINGS = BINDINGS
    COMPONENT_CLASSES = {"review-mode--box"}
    # fixed heights: a grade changes what is shown, never a widget's size (one frame)
    DEFAULT_CSS = """
    ReviewMode { height: 1fr; padding: 1 1 0 1; }
    ReviewMode > .review-mode--box { color: $accent; }
    #review-status { height: 2; padding-bottom: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    #review-intervals { height: auto; padding-top: 1; }  /* wraps at 60 columns: every grade in view */
    """

    def __init__(self, *, on_leave: Callable[[], None], id: str | None = None) -> None:
        super().__init__(id=id)
        self._leave_review = on_leave
        self.queue: ReviewQueue | None = None
        self.item: QueueItem | None = None
        self.selected: set[int] = set()  # original option indices (shown in the bank's order)
        self.cursor = 0
        self.revealed = False  # the feedback (exam) or the back (own card) is on show
        self.guessed = False
        self.correct = False
        self.graded: Graded | None = None  # the grade of the exam question on show
        self.preview: dict[int, timedelta] = {}  # before this item's grade: grade -> interval
        self._shown_at = 0.0
        self._elapsed = 0.0
        self._bank: dict[str, ExamQuestion] = {}
        self._open: dict[str, tuple[str, str]] = {}  # open question id -> (text, service id)
        self._known: frozenset[str] = frozenset()

    def compose(self) -> ComposeResult:
        yield Lines(id="review-status")
        yield RichScroll(id="review-body")
        yield Lines(id="review-intervals")

    # ------------------------------------------------------------------ the queue

    def open(self) -> None:
        """Enter review mode: the content's ids, the queue as of now, its first item."""
        app = reach(self)
        self._bank = {q.id: q for q in app.library.exam}
        self._open = {q.id: (q.text, q.services[0] if q.services else "") for q in app.library.questions}
        self._open.update({lq.id: (lq.text, lq.service) for lq in app.store.learner_questions()})
        self._known = frozenset(self._bank) | frozenset(self._open)
        self.next_item()

    def _rebuild(self) -> ReviewQueue:
        self.queue = review_queue(reach(self).store, known=self._known)
        return self.queue

    def next_item(self) -> None:
        """The queue again (grades since count), and its first item on show."""
        queue = self._rebuild()
        self.show_item(queue.items[0] if queue.items else None)

    def show_item(self, item: QueueItem | None) -> None:
        self.item, self.selected, self.cursor = item, set(), 0
        self.revealed = self.guessed = self.correct = False
        self.graded = None
        self._shown_at = reach(self).clock()
        self.preview = reach(self).store.reviews.preview(item.kind, item.qid) if item else {}
        self.draw()

    # ------------------------------------------------------------------ drawing

    def draw(self, top: bool = True) -> None:
        """The status, the body and the interval line updated in place (one frame: no widget
        changes size, see widgets/rich_scroll.py); the body from its top, or (``top=False``, a
        cursor move) scrolled as little as keeps the option under the cursor in view."""
        item, queue = self.item, self.queue
        status, line = self.query_one("#review-status", Lines), self.query_one("#review-intervals", Lines)
        if item is None or queue is None:
            queue = queue or self._rebuild()
            status.update(Text(""))
            store = reach(self).store
            body: list[RenderableType] = [empty_text(nothing_due_text(queue, local_now(store)), due_today(store))]
            line.update(Text(""))
        else:
            status.update(review_status(queue, item.kind, item.new, len(queue.items)))
            if item.kind == "exam":
                body = self._exam_body(self._bank[item.qid])
                line.update(self._exam_line())
            else:
                body = self._own_body(item.qid)
                line.update(
                    intervals_line(self.preview, keys=True)
                    if self.revealed
                    else Text.assemble(("space ", "bold reverse"), (" show your answer", "dim"))
                )
        exam = item is not None and item.kind == "exam" and not self.revealed
        self.query_one(RichScroll).show(body, focus=OPTIONS_AT + self.cursor if exam else None, top=top)
        self.refresh_bindings()

    def _box(self, content: RenderableType) -> Panel:
        return Panel(content, box=ROUNDED, border_style=self.get_component_rich_style("review-mode--box"))

    def _exam_body(self, q: ExamQuestion) -> list[RenderableType]:
        """The stem, then each option on its own (the one under the cursor is kept in view: part
        ``OPTIONS_AT + cursor``), then the feedback."""
        order = range(len(q.options))
        feedback = build_feedback(q, order, self.selected) if self.revealed else None
        view = build_view(q, 0, 1, order, self.selected, flagged=False, feedback=feedback)
        cursor = None if self.revealed else self.cursor
        parts: list[RenderableType] = [stem_text(view), Text("")]
        parts += [options_table(replace(view, options=(o,)), feedback, cursor=cursor) for o in view.options]
        if feedback is not None:
            parts.append(self._box(feedback_text(feedback)))
        return parts

    def _exam_line(self) -> Text:
        if self.graded is not None:
            return graded_line(self.graded.rating, self.preview, self.correct, self.guessed)
        text = intervals_line(self.preview, keys=False)
        text.append("   ")
        text.append("g ", style="bold reverse")
        text.append(" marked as a guess" if self.guessed else " that is a guess", style="dim")
        return text

    def _own_body(self, qid: str) -> list[RenderableType]:
        text, service = self._open.get(qid, ("", ""))
        front = own_front(text, service_name(reach(self).library, service) if service else "")
        if not self.revealed:
            return [front]
        return [front, Text(""), self._box(own_back(reach(self).store.question_state(qid).answer))]

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.item
        exam = item is not None and item.kind == "exam" and not self.revealed
        if action == "choose":
            ok = exam and item is not None and int(str(parameters[0])) < len(self._bank[item.qid].options)
        elif action == "move":
            ok = exam
        elif action == "guess":
            ok = item is not None and item.kind == "exam" and (not self.revealed or self.correct)
        elif action == "grade":
            ok = item is not None and item.kind == "own" and self.revealed
        elif action in ("confirm", "space"):
            ok = item is not None
        else:
            ok = True
        return True if ok else None

    def action_nothing(self) -> None:
        """A digit with nothing to do here (the app's view keys stay out of review mode)."""

    def action_choose(self, index: int) -> None:
        item = self.item
        if item is None or item.kind != "exam" or self.revealed:
            return
        q = self._bank[item.qid]
        if q.is_multi:
            self.selected ^= {index}
        else:
            self.selected = {index}
        self.cursor = index
        self.draw(top=False)

    def action_move(self, step: int) -> None:
        if self.item is not None and self.item.kind == "exam" and not self.revealed:
            count = len(self._bank[self.item.qid].options)
            self.cursor = (self.cursor + step) % count
            self.draw(top=False)

    def action_space(self) -> None:
        if self.item is not None and self.item.kind == "exam" and not self.revealed:
            self.action_choose(self.cursor)
        else:
            self.action_confirm()

    def action_confirm(self) -> None:
        item = self.item
        if item is None:
            return
        if item.kind == "own":
            if not self.revealed:
                self.revealed = True
                self.draw()
            return
        if self.revealed:
            self.next_item()
            return
        if not self.selected:
            self.selected = {self.cursor}
        self._elapsed = max(0.0, reach(self).clock() - self._shown_at)
        self.correct = judge(self._bank[item.qid], self.selected) == "correct"
        self.graded = self._grade(rating_for(self.correct, guessed=self.guessed, time_s=self._elapsed))
        self.revealed = self.graded is not None
        self._rebuild()  # what is left, for the status line
        self.draw()

    def _grade(self, rating: int) -> Graded | None:
        item = self.item
        assert item is not None
        try:
            return reach(self).store.reviews.grade(item.kind, item.qid, rating, duration_ms=int(self._elapsed * 1000))
        except StoreError as exc:
            self.notify(f"The grade was not saved: {escaped(str(exc))}", severity="error", markup=False)
            return None

    def _undo_last(self) -> Graded | None:
        try:
            return reach(self).store.reviews.undo_last()
        except StoreError as exc:
            self.notify(f"The grade could not be taken back: {escaped(str(exc))}", severity="error", markup=False)
            return None

    def action_grade(self, rating: int) -> None:
        if self.item is None or self.item.kind != "own" or not self.revealed:
            return
        self._elapsed = max(0.0, reach(self).clock() - self._shown_at)
        if self._grade(rating) is not None:
            self.next_item()

    def action_guess(self) -> None:
        """Before the answer: mark it a guess. After a right one: regrade it Hard (or Good again)."""
        item = self.item
        if item is None or item.kind != "exam":
            return
        self.guessed = not self.guessed
        if self.revealed and self.correct and self.graded is not None:
            undone = self._undo_last()
            if undone is None or (undone.kind, undone.qid) != (item.kind, item.qid):
                self.notify("That grade can no longer be changed here.", severity="warning", markup=False)
                self.next_item()
                return
            self.graded = self._grade(rating_for(True, guessed=self.guessed, time_s=self._elapsed))
        self.draw()

    def action_undo(self) -> None:
        """Take back the last grade: its item comes back on show, the card as it was."""
        undone = self._undo_last()
        if undone is None:
            self.notify("Nothing to undo.", markup=False)
            return
        self._rebuild()
        if undone.qid not in self._known or (undone.kind == "exam" and undone.qid not in self._bank):
            self.next_item()
            return
        card = reach(self).store.reviews.card(undone.kind, undone.qid)
        self.show_item(QueueItem(undone.kind, undone.qid, card is None, card.due if card else None))
        self.notify(f"Undone: {GRADE_NAMES.get(undone.rating, undone.rating)}.", markup=False)

    def action_limits(self) -> None:
        edit_limits(self, self._limits_changed)

    def _limits_changed(self) -> None:
        if not self.revealed:
            self.next_item()  # the item on show, unanswered, may no longer be within the limits
        else:
            self._rebuild()
            self.draw()

    def action_leave(self) -> None:
        self._leave_review()

    def action_scroll(self, direction: int) -> None:
        body = self.query_one(RichScroll)
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)
