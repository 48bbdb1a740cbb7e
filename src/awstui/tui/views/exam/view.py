"""The Exam view: switches between its home, the running exam and the results, and carries an
attempt from one to the next (start or resume, finish, back home). Each panel has its own keys."""

from __future__ import annotations

from typing import Any, cast

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from ....content.text import escaped
from ....exam import ExamConfig, ExamError, ExamSession, full_exam_config
from ....exam.history import AttemptLike, answer_history
from ....state import Attempt, AttemptChanged, ExternalChange, Store, StoreError
from ...screens.modals import ConfirmScreen
from ..base import View
from .home import ExamHome, pending_text, take_over_screen
from .results import ExamResults
from .review import ReviewMode
from .run import ExamRun


def attempt_history(store: Store) -> list[tuple[str, bool]]:
    """(qid, correct) of every finished attempt, oldest first: the weak-spot draw's input."""
    # exam.history.AttemptLike declares settable attributes, the store's rows are frozen: the
    # shapes agree for reading, which is all answer_history does
    return answer_history(cast("list[AttemptLike]", store.attempt_results()))


class ExamView(Vertical, View):
    """Three panels: home (start or resume, history), the running exam, and results."""

    DEFAULT_CSS = """
    ExamView { height: 1fr; padding: 0 1; }
    #exam-panels { height: 1fr; }
    #exam-home { padding: 1 1; }
    #exam-history-box { height: auto; }
    #exam-history { height: auto; max-height: 20; }
    #exam-history-title { padding-top: 1; }
    #exam-top { height: 3; }
    #exam-status { width: 1fr; }
    #exam-clock { width: auto; color: $success; }
    #exam-clock.-warn { color: $warning; }
    #exam-clock.-danger { color: $error; text-style: bold; }
    #exam-body { height: 1fr; }
    #exam-question { width: 1fr; padding: 1 1 0 0; }
    #exam-stem { padding-bottom: 1; }
    #exam-feedback { border: round $accent; padding: 0 1; margin-top: 1; }
    #exam-grid { width: 42; padding: 1 1; border-left: vkey $foreground 20%; height: 1fr; }
    #exam-grid:focus { background: $boost; }
    #exam-results { height: 1fr; }
    #exam-score { height: auto; padding: 1 1 0 1; }
    #exam-score-note { height: auto; padding: 0 1; }
    #exam-breakdown { height: auto; max-height: 9; padding: 0 1; }
    #exam-domains { width: 58; height: auto; }
    #exam-tasks { padding: 0 1 1 3; }
    #exam-tasks.-empty { display: none; }
    #exam-services { width: 1fr; height: auto; max-height: 9; }
    ResultsReview { height: 1fr; }
    #review-questions { width: 40%; min-width: 24; max-width: 72; height: 1fr; }
    #review-detail { width: 1fr; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="exam-home", id="exam-panels"):
            yield ExamHome(
                on_start=self._start,
                on_resume=self.action_resume,
                on_open=self.show_results,
                on_review=self.open_review,
                id="exam-home",
            )
            yield ExamRun(on_finish=self.show_results, on_closed=self.action_back, id="exam-run")
            yield ExamResults(on_back=self.action_back, id="exam-results")
            yield ReviewMode(on_leave=self.action_back, id="exam-review-mode")

    def on_mount(self) -> None:
        self.awstui.state_changed.subscribe(self, self._on_state_changed)
        self.call_after_refresh(self._offer_resume)

    def _on_state_changed(self, event: Any) -> None:
        if self.panel == "exam-home" and isinstance(event, AttemptChanged | ExternalChange):
            self.query_one(ExamHome).refresh_home(self.exam_running())

    # ------------------------------------------------------------------ panels

    @property
    def panel(self) -> str:
        return self.query_one("#exam-panels", ContentSwitcher).current or "exam-home"

    def _show_panel(self, name: str) -> None:
        self.query_one("#exam-panels", ContentSwitcher).current = name
        self.refresh_bindings()
        self.call_after_refresh(self.focus_default)

    def focus_widget(self) -> Widget:
        """What has the focus when this view is shown: the history table (if any), the running
        exam, or the results' question list (each panel's keys need the focus inside it)."""
        panel = self.panel
        if panel == "exam-home":
            return self.query_one(ExamHome).focus_widget()
        if panel == "exam-run":
            return self.query_one(ExamRun)
        if panel == "exam-review-mode":
            return self.query_one(ReviewMode)
        return self.query_one(ExamResults).focus_widget()

    @property
    def session(self) -> ExamSession | None:
        """The running exam's session (None when no exam runs)."""
        return self.query_one(ExamRun).session

    @property
    def attempt_id(self) -> int | None:
        return self.query_one(ExamRun).attempt_id

    def exam_running(self) -> bool:
        return self.query_one(ExamRun).exam_running()

    # ------------------------------------------------------------------ start, resume, finish

    def _offer_resume(self) -> None:
        store = self.awstui.store
        pending = store.in_progress_attempt()
        if pending is None or self.exam_running():
            return
        holder = store.attempt_holder(pending.id)

        async def answer(yes: bool | None) -> None:
            if yes:
                await self.awstui.action_show_view("exam")
                self.action_resume(take_over=holder is not None)

        if holder is not None:
            self.app.push_screen(take_over_screen(pending, holder), answer)
            return
        self.app.push_screen(
            ConfirmScreen(
                "Resume your exam?",
                f"{pending_text(pending, sep=': ')}. The clock starts again when you resume.",
                yes="Resume",
                no="Later",
            ),
            answer,
        )

    def open_review(self) -> None:
        """Review mode: the due queue one item at a time (not while an exam runs here)."""
        if self.exam_running():
            self.notify("Finish or leave the exam first: review mode opens from the Exam home.", markup=False)
            self._show_panel("exam-run")
            return
        self.query_one(ReviewMode).open()
        self._show_panel("exam-review-mode")
        self.awstui.count_reviews_due()  # the tab agrees with the queue just read

    def start_full_exam(self) -> None:
        self._start(full_exam_config())

    def start(self, config: ExamConfig) -> None:
        """Start an exam of ``config`` (from another view: a drill from a service's note)."""
        self._start(config)

    def _start(self, config: ExamConfig) -> None:
        app = self.awstui
        if self.exam_running() or app.store.in_progress_attempt() is not None:
            self.notify(
                "An exam is already in progress: resume it (r) or discard it (x) first.",
                severity="warning",
                markup=False,
            )
            return
        history = attempt_history(app.store) if config.mode == "weak" else ()
        try:
            session = ExamSession.start(app.library.exam, config, history=history, clock=app.clock)
        except ExamError as exc:
            self.notify(f"Cannot start: {escaped(str(exc))}", severity="error", markup=False)
            return
        try:
            attempt_id = app.store.create_attempt(**session.to_record().create_kwargs())
        except StoreError as exc:  # a full disk: an exam whose answers could not be kept is not started
            self.notify(f"Cannot start the exam: {escaped(str(exc))}", severity="error", markup=False, timeout=10)
            return
        app.store.acquire_attempt(attempt_id)  # a new attempt: nobody else can hold it
        session.mark_saved()
        self._run(session, attempt_id)

    def action_resume(self, take_over: bool = False) -> None:
        """Resume the exam in progress here; if another awstui window has it open, ask first
        (``take_over``: the learner already said to take it over)."""
        if self.exam_running():
            self._show_panel("exam-run")
            return
        app = self.awstui
        attempt = app.store.in_progress_attempt()
        if attempt is None:
            return
        holder = app.store.acquire_attempt(attempt.id, force=take_over)
        if holder is not None:

            def answer(yes: bool | None) -> None:
                if yes:
                    self.action_resume(take_over=True)

            self.app.push_screen(take_over_screen(attempt, holder), answer)
            return
        try:
            session = ExamSession.from_attempt(attempt, {q.id: q for q in app.library.exam}, clock=app.clock)
        except ExamError as exc:
            self.notify(f"Cannot resume this attempt: {escaped(str(exc))}", severity="error", markup=False)
            return
        if not len(session):
            self.notify("None of this attempt's questions are in the bank any more.", severity="error", markup=False)
            return
        if session.missing_ids:
            self.notify(
                f"{len(session.missing_ids)} question(s) of this attempt are no longer in the bank and were left out.",
                severity="warning",
                markup=False,
            )
        session.resume()
        self._run(session, attempt.id)

    def _run(self, session: ExamSession, attempt_id: int) -> None:
        run = self.query_one(ExamRun)
        run.load(session, attempt_id)
        self._show_panel("exam-run")
        run.begin()

    def pause_and_save(self) -> None:
        """The app is closing: stop the clock and keep the time used (never lose a tick)."""
        self.query_one(ExamRun).pause_and_save()

    def save_now(self) -> None:
        """Save the running exam's clock and place now (the process is about to stop)."""
        self.query_one(ExamRun).save_progress()

    # ------------------------------------------------------------------ results

    def show_results(self, attempt: Attempt | None) -> None:
        if attempt is not None and self.query_one(ExamResults).show(attempt):
            self._show_panel("exam-results")

    def action_back(self) -> None:
        self.query_one(ExamHome).refresh_home(self.exam_running())
        self._show_panel("exam-home")
