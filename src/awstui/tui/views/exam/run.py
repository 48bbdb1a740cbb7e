"""The running exam: the status line and clock, the question, the grid; answers saved as given."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import DescendantBlur
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, Static

from ....exam import AnswerChange, ExamSession, Finished, FlagChange
from ....exam.history import summary_of
from ....exam.status import ExamStatus
from ....state import LEASE_RENEW_S, Attempt, AttemptStatus
from ...reach import reach
from ...screens.exam_review import ReviewScreen
from ...screens.modals import ConfirmScreen
from ...widgets.question_grid import QuestionGrid
from .question import feedback_text, options_table, shown_feedback, status_text, stem_text, submit_message
from .text import clock_text

TICK_SECONDS = 0.25
TAKEN_OVER = (
    "This exam was taken over by another awstui window: it is closed here. "
    "What you answered before that is saved; answers given since were not."
)


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
        Binding(
            "D",
            "discard",
            "Discard",
            show=False,
            tooltip="Discard this attempt (it never counts)",
            id="exam.discard_run",
        ),
        Binding("escape", "leave", "Leave", tooltip="Go to the Study view; the clock keeps running", id="exam.leave"),
        Binding("pagedown,space", "scroll_question(1)", "Scroll down", show=False, id="exam.scroll_down"),
        Binding("pageup", "scroll_question(-1)", "Scroll up", show=False, id="exam.scroll_up"),
    ]

    def __init__(
        self,
        *,
        on_finish: Callable[[Attempt], None],
        on_closed: Callable[[], None] = lambda: None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._on_finish = on_finish
        self._on_closed = on_closed  # the exam ended here without results (discarded, taken over)
        self.session: ExamSession | None = None
        self.attempt_id: int | None = None
        self._shown_second: int | None = None
        self._ticked_at = 0.0  # the app's clock at the last tick
        self._timer: Timer | None = None
        self._lease_timer: Timer | None = None
        self._dialogs: list[Screen] = []  # Submit and Review dialogs open over this exam

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
        self._lease_timer = self.set_interval(LEASE_RENEW_S, self.renew_lease, pause=True)

    def exam_running(self) -> bool:
        return self.session is not None and not self.session.finished

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.exam_running() or self.session is None:
            return False
        if action == "choose":
            index = int(str(parameters[0])) if parameters else 0
            if self.session.locked():
                return None  # practice: revealed, so locked
            return True if index < len(self.session.current.options) else None
        if action == "clear" and self.session.locked():
            return None
        return True

    # ------------------------------------------------------------------ the clock

    def load(self, session: ExamSession, attempt_id: int) -> None:
        """Take over ``session`` (saved as ``attempt_id``); ``begin`` starts its clock."""
        self.session, self.attempt_id = session, attempt_id
        self._shown_second = None
        self.query_one(QuestionGrid).session = session

    def begin(self) -> None:
        self._ticked_at = reach(self).clock()
        self.render_question()
        for timer in (self._timer, self._lease_timer):
            if timer is not None:
                timer.resume()
        self._tick()

    def _stop(self) -> None:
        """No exam runs here any more: stop the timers, the tab clock and the dialogs over it."""
        for timer in (self._timer, self._lease_timer):
            if timer is not None:
                timer.pause()
        self.session = None
        reach(self).set_exam_clock(None)
        stack = self.app.screen_stack
        while self._dialogs:
            dialog = self._dialogs.pop()
            if dialog in stack and self.app.screen is dialog:
                self.app.pop_screen()

    def _push_dialog(self, dialog: Screen, done: Callable) -> None:
        def closed(result: object) -> None:
            if dialog in self._dialogs:
                self._dialogs.remove(dialog)
            done(result)

        self._dialogs.append(dialog)
        self.app.push_screen(dialog, closed)

    def renew_lease(self) -> None:
        """Keep this window's hold on the attempt; if another window took it over (or finished
        it), close it here. A lease that is merely gone (released while pausing) is taken again."""
        store, attempt_id = reach(self).store, self.attempt_id
        if not self.exam_running() or attempt_id is None or store.renew_attempt_lease(attempt_id):
            return
        if store.attempt(attempt_id).status != AttemptStatus.IN_PROGRESS or store.acquire_attempt(attempt_id):
            self.refused()

    def close_here(self, message: str) -> None:
        """The attempt is no longer this window's: stop, say why, go back to the Exam home."""
        self._stop()
        self.attempt_id = None
        self.notify(message, title="Exam", severity="error", markup=False, timeout=12)
        self._on_closed()

    def refused(self) -> None:
        """The store refused a write: the attempt was finished or taken over elsewhere."""
        assert self.attempt_id is not None
        status = reach(self).store.attempt(self.attempt_id).status
        if status == AttemptStatus.IN_PROGRESS:
            self.close_here(TAKEN_OVER)
        else:
            how = "discarded" if status == AttemptStatus.ABANDONED else status.value
            self.close_here(
                f"This exam is no longer in progress (it was {how} in another awstui window): "
                "it is closed here and nothing more was saved."
            )

    def _tick(self) -> None:
        s = self.session
        if s is None or s.finished:
            if self._timer is not None:
                self._timer.pause()
            return
        self._ticked_at = reach(self).stops.take_off(s, self._ticked_at)  # a stopped process's time
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
            # an untimed exam says so; "practice" only for practice mode (it is untimed too)
            untimed = "practice" if s.mode == "practice" else "untimed"
            reach(self).set_exam_clock(clock_text(remaining) if remaining is not None else untimed)

    def save_progress(self) -> None:
        s = self.session
        if s is None or self.attempt_id is None or s.finished:
            return
        p = s.progress()
        store = reach(self).store
        if not store.save_progress(self.attempt_id, p.time_used_s, p.position) and (
            store.attempt_holder(self.attempt_id) or store.attempt(self.attempt_id).status != AttemptStatus.IN_PROGRESS
        ):
            self.refused()
            return
        s.mark_saved()

    def pause_and_save(self) -> None:
        """The app is closing: stop the clock and keep the time used (never lose a tick)."""
        if self.session is not None and self.exam_running() and self.attempt_id is not None:
            self.session.pause()
            self.save_progress()
            if self.attempt_id is not None:
                reach(self).store.release_attempt(self.attempt_id)

    def on_unmount(self) -> None:
        self.pause_and_save()

    def _finish(self, finished: Finished) -> None:
        app = reach(self)
        assert self.attempt_id is not None  # a session runs only with its attempt saved
        if not app.store.finish_attempt(
            self.attempt_id,
            finished.status,
            finished.result.to_dict(),
            finished.time_used_s,
            summary=summary_of(finished.result),  # what the history lists read, made here, not by the store
            reviews=finished.reviews,  # every answer is a review (exam.reviews), graded with the finish
        ):
            self.refused()  # never show another window's score as this one's
            return
        attempt = app.store.attempt(self.attempt_id)
        self._stop()
        if finished.status == ExamStatus.EXPIRED:
            self.notify(
                "Time is up: the exam was submitted with your answers so far.",
                title="Exam",
                severity="warning",
                markup=False,
            )
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
                saved = store.set_flag(attempt_id, change.qid, change.flagged, change.time_used_s)
            else:
                saved = store.record_exam_answer(
                    attempt_id, change.qid, change.selected, change.time_used_s, review=change.review
                )
            if not saved:
                self.refused()
                return
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
        if grid.display:
            grid.focus()
        else:  # a narrow, short screen hides the grid until g shows it (app.tcss); focus it once shown
            self.add_class("-grid-open")
            self.call_after_refresh(grid.focus)

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        if isinstance(event.widget, QuestionGrid):  # shown by g on a small screen: the question comes back
            self.remove_class("-grid-open")

    def on_question_grid_jump(self, event: QuestionGrid.Jump) -> None:
        self.remove_class("-grid-open")
        self.goto_question(event.index)
        self.focus()

    def action_review(self) -> None:
        if self.session is None:
            return

        def done(result: object) -> None:
            if result == "submit":
                self.action_submit()
            elif result == "discard":
                self.action_discard()
            elif isinstance(result, int):
                self.goto_question(result)

        self._push_dialog(ReviewScreen(self.session), done)

    def action_submit(self) -> None:
        s = self.session
        if s is None or s.finished:
            return

        def done(yes: bool | None) -> None:
            if yes and self.session is s and not s.finished:
                finished = s.submit()
                if finished is not None:
                    self._finish(finished)

        self._push_dialog(ConfirmScreen("Submit the exam?", submit_message(s), yes="Submit", no="Keep going"), done)

    def action_discard(self) -> None:
        s, attempt_id = self.session, self.attempt_id
        if s is None or s.finished or attempt_id is None:
            return

        def done(yes: bool | None) -> None:
            if yes and self.session is s and not s.finished:
                if reach(self).store.abandon_attempt(attempt_id):
                    self.close_here("The attempt was discarded: it is kept as abandoned and never counts.")
                else:
                    self.refused()

        message = "It is kept as abandoned: it never counts in your scores or the score trend."
        self._push_dialog(ConfirmScreen("Discard this attempt?", message, yes="Discard", no="Keep going"), done)

    async def action_leave(self) -> None:
        await reach(self).action_show_view("study")
