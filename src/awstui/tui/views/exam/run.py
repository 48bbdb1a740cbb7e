"""The running exam: the status line and clock, the question, the grid; answers saved as given."""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Digits, Static

from ....content.models import domain_name, stated_choose_count
from ....exam import AnswerChange, ExamSession, Feedback, Finished, FlagChange, QuestionView
from ....exam.history import MODE_NAMES, summary_of
from ....exam.status import ExamStatus
from ....state import Attempt
from ...exam_text import exam_text, explanation_sections
from ...reach import reach
from ...screens.exam_review import ReviewScreen
from ...screens.modals import ConfirmScreen
from ...widgets.question_grid import QuestionGrid
from .text import clock_text

TICK_SECONDS = 0.25


def status_text(s: ExamSession, v: QuestionView) -> Text:
    # each gap ends the part before it (see text.results_header)
    status = Text(f"{MODE_NAMES.get(s.mode, s.mode)} · Question {v.number} of {v.total}   ", style="bold")
    status.append(
        f"{s.answered_count} answered · {s.unanswered_count} unanswered · {s.flagged_count} flagged", style="dim"
    )
    if v.flagged:
        status.append("   ")
        status.append("⚑ flagged", style="bold yellow")
    status.append(f"\n{domain_name(v.domain)}", style="dim")
    return status


def stem_text(v: QuestionView) -> Text:
    stem = exam_text(v.stem)
    if v.is_multi and stated_choose_count(v.stem) is None:
        stem.append(f"\n\n(Choose {v.choose}.)", style="bold")
    return stem


def shown_feedback(v: QuestionView) -> Feedback | None:
    """The feedback to show now: practice mode, once the question is answered (fully, if multi)."""
    return v.feedback if (v.feedback is not None and (v.complete or not v.is_multi) and v.answered) else None


def options_table(v: QuestionView, feedback: Feedback | None) -> Table:
    rows = Table.grid(padding=(0, 1))
    rows.add_column(width=5, no_wrap=True)
    rows.add_column(ratio=1)
    right = set(feedback.right_display) if feedback else set()
    for o in v.options:
        mark = ("[x]" if o.selected else "[ ]") if v.is_multi else ("(•)" if o.selected else "( )")
        key = f"{o.key}/{o.display_index + 1}" if o.display_index < 6 else "   "
        style = "bold" if o.selected else ""
        if feedback:
            style = "bold green" if o.display_index in right else ("red" if o.selected else "dim")
        rows.add_row(Text(key, style="bold cyan"), Text.assemble((mark + " ", style), exam_text(o.text, style)))
        rows.add_row(Text(""), Text(""))
    return rows


def feedback_text(feedback: Feedback) -> Text:
    verdict = Text(
        "Right. " if feedback.correct else "Not quite. ", style="bold green" if feedback.correct else "bold red"
    )
    verdict.append(f"Answer: {', '.join(feedback.right_keys)}\n\n", style="bold")
    verdict.append_text(explanation_sections(feedback.explanation, feedback.references, "underline dim"))
    return verdict


def submit_message(s: ExamSession) -> str:
    message = "Submit your answers and see the results?"
    if s.unanswered_count:
        message += f"\n{s.unanswered_count} question(s) unanswered: they count as wrong."
    if s.flagged_count:
        message += f"\n{s.flagged_count} question(s) still flagged for review."
    return message


CHOOSE_BINDINGS = [
    Binding(
        "a",
        "choose(0)",
        "Answer",
        key_display="a–e/1–6",
        tooltip="Choose an option (toggles on 'Choose N')",
        id="exam.choose.a",
    ),
    *[
        Binding(k, f"choose({i})", f"Answer option {k}", show=False, id=f"exam.choose.{k}")
        for i, k in enumerate("bcde", 1)
    ],
    *[
        Binding(str(i + 1), f"choose({i})", f"Answer option {'abcdef'[i]}", show=False, id=f"exam.choose.{i + 1}")
        for i in range(6)
    ],
]


class ExamRun(Vertical, can_focus=True):
    HELP_NAME = "exam"
    # in the footer's order (it lists keys in the order they are first bound)
    BINDINGS = [
        Binding("f", "flag", "Flag", tooltip="Flag this question for review", id="exam.flag"),
        Binding("r", "review", "Review", tooltip="Unanswered and flagged questions", id="exam.review"),
        Binding("x", "clear", "Clear", tooltip="Clear this question's answer", id="exam.clear"),
        *CHOOSE_BINDINGS,
        Binding("n,right,l", "move(1)", "Next", tooltip="Next question", id="exam.next"),
        Binding("p,left,h", "move(-1)", "Prev", tooltip="Previous question", id="exam.previous"),
        Binding("g", "grid", "Go to", tooltip="Jump to any question on the grid", id="exam.grid"),
        Binding("s", "submit", "Submit", tooltip="End the exam and see the results", id="exam.submit"),
        Binding("escape", "leave", "Leave", tooltip="Go to the Study view; the clock keeps running", id="exam.leave"),
        Binding("pagedown,space", "scroll_question(1)", "Scroll down", show=False, id="exam.scroll_down"),
        Binding("pageup", "scroll_question(-1)", "Scroll up", show=False, id="exam.scroll_up"),
    ]

    def __init__(self, *, on_finish: Callable[[Attempt], None], id: str | None = None) -> None:
        super().__init__(id=id)
        self._on_finish = on_finish
        self.session: ExamSession | None = None
        self.attempt_id: int | None = None
        self._shown_second: int | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="exam-top"):
            yield Static(id="exam-status")
            yield Digits("0:00:00", id="exam-clock")
        with Horizontal(id="exam-body"):
            with VerticalScroll(id="exam-question", can_focus=False):
                yield Static(id="exam-stem")
                yield Static(id="exam-options")
                yield Static(id="exam-feedback")
            yield QuestionGrid(id="exam-grid")

    def on_mount(self) -> None:
        self._timer = self.set_interval(TICK_SECONDS, self._tick, pause=True)

    def exam_running(self) -> bool:
        return self.session is not None and not self.session.finished

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.exam_running() or self.session is None:
            return False
        if action == "choose":
            index = int(str(parameters[0])) if parameters else 0
            return True if index < len(self.session.current.options) else None
        return True

    # ------------------------------------------------------------------ the clock

    def load(self, session: ExamSession, attempt_id: int) -> None:
        """Take over ``session`` (saved as ``attempt_id``); ``begin`` starts its clock."""
        self.session, self.attempt_id = session, attempt_id
        self._shown_second = None
        self.query_one(QuestionGrid).session = session

    def begin(self) -> None:
        self.render_question()
        if self._timer is not None:
            self._timer.resume()
        self._tick()

    def _tick(self) -> None:
        s = self.session
        if s is None or s.finished:
            if self._timer is not None:
                self._timer.pause()
            return
        finished = s.tick()
        if finished is not None:
            self._finish(finished)
            return
        for minutes in s.crossed_thresholds():
            self.notify(
                f"{minutes} minute{'s' if minutes > 1 else ''} left",
                title="Exam",
                severity="warning" if minutes > 1 else "error",
                markup=False,
            )
        self._show_clock(s)
        if s.needs_save():
            self.save_progress()

    def _show_clock(self, s: ExamSession) -> None:
        remaining = s.remaining()
        second = None if remaining is None else int(remaining + 0.999)
        if second != self._shown_second or self._shown_second is None:
            self._shown_second = second
            clock = self.query_one("#exam-clock", Digits)
            clock.update(clock_text(remaining) if remaining is not None else "--:--")
            level = s.warning_level()
            clock.set_class(level == "10min", "-warn")
            clock.set_class(level in ("5min", "1min"), "-danger")
            reach(self).set_exam_clock(clock_text(remaining) if remaining is not None else "practice")

    def save_progress(self) -> None:
        s = self.session
        if s is None or self.attempt_id is None or s.finished:
            return
        p = s.progress()
        reach(self).store.save_progress(self.attempt_id, p.time_used_s, p.position)
        s.mark_saved()

    def pause_and_save(self) -> None:
        """The app is closing: stop the clock and keep the time used (never lose a tick)."""
        if self.session is not None and self.exam_running():
            self.session.pause()
            self.save_progress()

    def on_unmount(self) -> None:
        self.pause_and_save()

    def _finish(self, finished: Finished) -> None:
        if self._timer is not None:
            self._timer.pause()
        app = reach(self)
        assert self.attempt_id is not None  # a session runs only with its attempt saved
        app.store.finish_attempt(
            self.attempt_id,
            finished.status,
            finished.result.to_dict(),
            finished.time_used_s,
            summary=summary_of(finished.result),  # what the history lists read, made here, not by the store
        )
        attempt = app.store.attempt(self.attempt_id)
        app.set_exam_clock(None)
        if finished.status == ExamStatus.EXPIRED:
            self.notify(
                "Time is up: the exam was submitted with your answers so far.",
                title="Exam",
                severity="warning",
                markup=False,
            )
        self.session = None
        self._on_finish(attempt)

    # ------------------------------------------------------------------ the question

    def render_question(self) -> None:
        s = self.session
        if s is None:
            return
        v = s.current
        self.query_one("#exam-status", Static).update(status_text(s, v))
        self.query_one("#exam-stem", Static).update(stem_text(v))
        feedback = shown_feedback(v)
        self.query_one("#exam-options", Static).update(options_table(v, feedback))
        fb = self.query_one("#exam-feedback", Static)
        if feedback:
            fb.update(feedback_text(feedback))
        fb.display = feedback is not None
        self.query_one(QuestionGrid).refresh()
        self.refresh_bindings()

    def _save_change(self, change: AnswerChange | FlagChange | None) -> None:
        """Hand an answer, clear or flag change to the store, then draw the question again."""
        s, attempt_id, store = self.session, self.attempt_id, reach(self).store
        if s is not None and attempt_id is not None and change is not None:
            if isinstance(change, FlagChange):
                store.set_flag(attempt_id, change.qid, change.flagged, change.time_used_s)
            else:
                store.record_exam_answer(attempt_id, change.qid, change.selected, change.time_used_s)
            s.mark_saved()
        self.render_question()

    def action_choose(self, index: int) -> None:
        s = self.session
        if s is None or index >= len(s.current.options):
            return
        self._save_change(s.choose(index))

    def action_clear(self) -> None:
        self._save_change(self.session.clear() if self.session else None)

    def action_flag(self) -> None:
        self._save_change(self.session.toggle_flag() if self.session else None)

    def goto_question(self, index: int) -> None:
        if self.session is not None:
            self.session.goto(index)
            self.render_question()
            self.query_one("#exam-question").scroll_home(animate=False)

    def action_move(self, delta: int) -> None:
        if self.session is not None:
            self.goto_question(self.session.position + delta)

    def action_scroll_question(self, direction: int) -> None:
        box = self.query_one("#exam-question")
        (box.scroll_page_down if direction > 0 else box.scroll_page_up)(animate=False)

    def action_grid(self) -> None:
        grid = self.query_one(QuestionGrid)
        grid.cursor = self.session.position if self.session else 0
        grid.focus()

    def on_question_grid_jump(self, event: QuestionGrid.Jump) -> None:
        self.goto_question(event.index)
        self.focus()

    def action_review(self) -> None:
        if self.session is None:
            return

        def done(result: object) -> None:
            if result == "submit":
                self.action_submit()
            elif isinstance(result, int):
                self.goto_question(result)

        self.app.push_screen(ReviewScreen(self.session), done)

    def action_submit(self) -> None:
        s = self.session
        if s is None or s.finished:
            return

        def done(yes: bool | None) -> None:
            if yes and self.session is s and not s.finished:
                finished = s.submit()
                if finished is not None:
                    self._finish(finished)

        self.app.push_screen(ConfirmScreen("Submit the exam?", submit_message(s), yes="Submit", no="Keep going"), done)

    async def action_leave(self) -> None:
        await reach(self).action_show_view("study")
